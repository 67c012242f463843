/**
 * The public monthly page's data (月度公示, issue #14 deliverable 7): the ratings given in a Beijing
 * month and the rectifications opened in it, read without access (the page is public) and handed to
 * the pure `monthlySummary`, which copies only non-personal fields — no openid, name, mobile, staff
 * name or call-back record can reach the page, and comments only when approved.
 */
import type { Payload } from 'payload'
import { idOf } from '../../access/roles'
import { shanghaiDayStart, shanghaiMonth } from '../../shared/time'
import { monthlySummary, type MonthlySummary } from './summary'

/** True for `YYYY-MM` with a real month. */
export const isMonth = (value: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(value)

/** The month before / after `month` (`YYYY-MM`). */
export function shiftMonth(month: string, by: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number]
  const index = year * 12 + (m - 1) + by
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** The current Beijing month at `now`. */
export const currentMonth = (now: number = Date.now()): string => shanghaiMonth(now)

/**
 * The summary of Beijing month `month` (`YYYY-MM`): see summary.ts for its shape and rules.
 * @throws RangeError when `month` is not `YYYY-MM`.
 */
export async function loadMonthlySummary(payload: Payload, month: string): Promise<MonthlySummary> {
  if (!isMonth(month)) throw new RangeError(`month must be YYYY-MM, got ${JSON.stringify(month)}`)
  const from = new Date(shanghaiDayStart(`${month}-01`)).toISOString()
  const to = new Date(shanghaiDayStart(`${shiftMonth(month, 1)}-01`)).toISOString()
  const ratings = await payload.find({
    collection: 'ratings',
    where: { and: [{ ratedAt: { greater_than_equal: from } }, { ratedAt: { less_than: to } }] },
    limit: 10000,
    pagination: false,
    depth: 1,
    overrideAccess: true,
  })
  const items = await payload.find({
    collection: 'rectifications',
    where: { and: [{ openedOn: { greater_than_equal: `${month}-01` } }, { openedOn: { less_than: `${shiftMonth(month, 1)}-01` } }] },
    limit: 5000,
    pagination: false,
    depth: 1,
    overrideAccess: true,
  })
  // depth 1: the office and the guide come populated.
  const name = (value: string | { name?: string | null } | null | undefined) => (value && typeof value === 'object' ? (value.name ?? '') : '')
  const title = (value: string | { title?: string | null } | null | undefined) => (value && typeof value === 'object' ? (value.title ?? null) : null)
  return monthlySummary(
    ratings.docs.map((rating) => ({
      level: rating.level,
      ratedAt: Date.parse(rating.ratedAt),
      officeId: idOf(rating.office) ?? '',
      officeName: name(rating.office),
      guideId: idOf(rating.guide),
      guideTitle: title(rating.guide),
      comment: rating.comment ?? null,
      commentApproved: rating.commentApproved === true,
    })),
    items.docs.map((item) => ({
      level: item.level,
      officeName: name(item.office),
      guideTitle: title(item.guide),
      openedOn: item.openedOn,
      deadline: item.deadline ?? null,
      state: item.state,
      reasons: item.reasons ?? [],
      publicFix: item.publicFix ?? null,
      fixedOn: item.fixedOn ?? null,
      closedOn: item.closedOn ?? null,
    })),
    month,
  )
}
