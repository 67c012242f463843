/**
 * The public monthly summary of 好差评 for the residents' page: counts by level per office and per
 * guide, the satisfaction rate, every rectification (what was wrong, what was done, when) and the
 * comments staff approved. Pure; the inputs are shapes defined here, the caller maps stored documents
 * onto them.
 *
 * No personal data: the output is built field by field from the non-personal fields below — never by
 * copying an input object — so whatever else a caller passes (openid, name, mobile, staff names, the
 * call-back record) cannot reach the page. Free text appears only where staff approved it for
 * publication (`commentApproved`, `publicFix`).
 *
 * Source: 国办发〔2019〕51号 asks that ratings and rectifications be made public (评价结果及整改情况向社会公开).
 * 满意率 is **our definition** (the national text gives none): (非常满意 + 满意 + 基本满意) / all ratings.
 */
import { shanghaiDate, shanghaiMonth } from '../../shared/time'
import { RATING_LEVELS, type RatingLevel } from './levels'
import { RECTIFICATION_STATE_LABELS, type RectificationState } from './rectification'

/** A rating, as the summary needs it. */
export interface SummaryRating {
  level: RatingLevel
  /** When it was given: epoch ms. Its Beijing month decides the month it counts in. */
  ratedAt: number
  officeId: string
  officeName: string
  /** Null for a rating of a consultation reply not tied to a guide. */
  guideId?: string | null
  guideTitle?: string | null
  comment?: string | null
  /** Staff approved the comment for publication. */
  commentApproved?: boolean
}

/** A rectification item, as the summary needs it. Listed in the month it was opened. */
export interface SummaryRectification {
  level: RatingLevel
  officeName: string
  guideTitle?: string | null
  /** Beijing `YYYY-MM-DD`. */
  openedOn: string
  deadline: string | null
  state: RectificationState
  /** What was wrong: the reasons the resident ticked (from the configured list, no free text). */
  reasons: readonly string[]
  /** What was done, as staff approved it for publication; null while none is approved. */
  publicFix: string | null
  /** Beijing `YYYY-MM-DD` of the fix and of the closing, null while not yet. */
  fixedOn: string | null
  closedOn: string | null
}

export type LevelCounts = Record<RatingLevel, number>

export interface SummaryGroup {
  total: number
  counts: LevelCounts
  /** Percent with one decimal (66.7 = 66.7%), null when there is no rating. */
  satisfactionRate: number | null
}

export interface MonthlySummary extends SummaryGroup {
  month: string
  byOffice: Array<SummaryGroup & { officeId: string; officeName: string }>
  byGuide: Array<SummaryGroup & { guideId: string; guideTitle: string; officeName: string }>
  rectifications: Array<{
    level: RatingLevel
    officeName: string
    guideTitle: string | null
    whatWasWrong: string[]
    whatWasDone: string | null
    openedOn: string
    deadline: string | null
    fixedOn: string | null
    closedOn: string | null
    state: RectificationState
    stateLabel: string
  }>
  comments: Array<{ level: RatingLevel; officeName: string; guideTitle: string | null; text: string; date: string }>
}

const SATISFIED: readonly RatingLevel[] = ['very_satisfied', 'satisfied', 'basic']

const emptyCounts = (): LevelCounts => Object.fromEntries(RATING_LEVELS.map((level) => [level, 0])) as LevelCounts

/**
 * 满意率 in percent with one decimal, rounded half up — except that a rate below 100% never shows as
 * 100.0 (it shows 99.9) and one above 0 never shows as 0.0 (0.1): the page must not claim everyone (or
 * no one) was satisfied when that is not so. Null for no rating (not NaN). Our definition:
 * (非常满意 + 满意 + 基本满意) / total.
 */
export function satisfactionRate(counts: LevelCounts): number | null {
  const total = RATING_LEVELS.reduce((sum, level) => sum + counts[level], 0)
  if (total === 0) return null
  const good = SATISFIED.reduce((sum, level) => sum + counts[level], 0)
  // Integers only: round(good × 1000 / total) half up, in tenths of a percent.
  let tenths = Math.floor((good * 2000 + total) / (2 * total))
  if (good < total && tenths === 1000) tenths = 999
  if (good > 0 && tenths === 0) tenths = 1
  return tenths / 10
}

const group = (counts: LevelCounts): SummaryGroup => {
  const total = RATING_LEVELS.reduce((sum, level) => sum + counts[level], 0)
  return { total, counts, satisfactionRate: satisfactionRate(counts) }
}

/**
 * The public summary of `month` (Beijing `YYYY-MM`): ratings given in that month (by the Beijing month
 * of `ratedAt`) counted by level in all, per office and per guide (ratings without a guide count for
 * their office only); 满意率 as `satisfactionRate`; the rectifications opened in the month, oldest first,
 * with the reasons ticked as what was wrong, `publicFix` as what was done and the dates; the comments
 * with `commentApproved`, oldest first. Offices and guides are ordered by id. No personal field is
 * copied (see the module notes).
 * @throws RangeError when `month` is not `YYYY-MM`.
 */
export function monthlySummary(ratings: readonly SummaryRating[], rectifications: readonly SummaryRectification[], month: string): MonthlySummary {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new RangeError(`month must be YYYY-MM, got ${JSON.stringify(month)}`)
  const inMonth = ratings.filter((r) => shanghaiMonth(r.ratedAt) === month).sort((a, b) => a.ratedAt - b.ratedAt)
  const all = emptyCounts()
  const offices = new Map<string, { officeName: string; counts: LevelCounts }>()
  const guides = new Map<string, { guideTitle: string; officeName: string; counts: LevelCounts }>()
  for (const rating of inMonth) {
    all[rating.level]++
    const office = offices.get(rating.officeId) ?? { officeName: rating.officeName, counts: emptyCounts() }
    office.counts[rating.level]++
    offices.set(rating.officeId, office)
    if (rating.guideId) {
      const guide = guides.get(rating.guideId) ?? { guideTitle: rating.guideTitle ?? '', officeName: rating.officeName, counts: emptyCounts() }
      guide.counts[rating.level]++
      guides.set(rating.guideId, guide)
    }
  }
  const byId = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return {
    month,
    ...group(all),
    byOffice: byId(offices).map(([officeId, o]) => ({ officeId, officeName: o.officeName, ...group(o.counts) })),
    byGuide: byId(guides).map(([guideId, g]) => ({ guideId, guideTitle: g.guideTitle, officeName: g.officeName, ...group(g.counts) })),
    rectifications: rectifications
      .filter((r) => r.openedOn.slice(0, 7) === month)
      .sort((a, b) => (a.openedOn < b.openedOn ? -1 : a.openedOn > b.openedOn ? 1 : 0))
      .map((r) => ({
        level: r.level,
        officeName: r.officeName,
        guideTitle: r.guideTitle ?? null,
        whatWasWrong: [...r.reasons],
        whatWasDone: r.publicFix?.trim() || null,
        openedOn: r.openedOn,
        deadline: r.deadline,
        fixedOn: r.fixedOn,
        closedOn: r.closedOn,
        state: r.state,
        stateLabel: RECTIFICATION_STATE_LABELS[r.state].zh,
      })),
    comments: inMonth
      .filter((r) => r.commentApproved === true && typeof r.comment === 'string' && r.comment.trim() !== '')
      .map((r) => ({
        level: r.level,
        officeName: r.officeName,
        guideTitle: r.guideTitle ?? null,
        text: r.comment!.trim(),
        date: shanghaiDate(r.ratedAt),
      })),
  }
}
