/**
 * The 好差评 staff views: the board (`/admin/ratings-board`: ratings per office and ISO week with the
 * counts per level and 满意率, the rectification items by state, overdue first with 已超期 N 个工作日)
 * and the panel on an item (its timeline with the call-back records, the actions the user may take).
 * Data is read **as the user** (`overrideAccess: false`): admins and leaders everything, office staff
 * their offices', anyone else nothing.
 */
import type { Payload, PayloadRequest } from 'payload'
import { idOf, staffOf, type StaffUser } from '../../access/roles'
import { addDays, isoWeek, isoWeeksBetween, mondayOfDay, shanghaiDate } from '../../shared/time'
import { workingDaysBetween } from '../calendar/calendar'
import { RATING_LEVELS, RATING_LEVEL_INFO, type RatingLevel } from './levels'
import {
  availableRectificationActions,
  DEADLINE_RULE_TEXT,
  isRectificationOverdue,
  RECTIFICATION_ACTION_LABELS,
  RECTIFICATION_STATES,
  RECTIFICATION_STATE_LABELS,
  requiredRectificationNote,
  type RectificationAction,
  type RectificationState,
} from './rectification'
import type { RectificationWithCount } from './deadline-fields'
import { rectificationHistory, staffRectificationActor, type RectificationHistoryEntry } from './rectify'
import { satisfactionRate, type LevelCounts, type SummaryGroup } from './summary'

type User = PayloadRequest['user'] | null | undefined

/** How late an item is: 「已超期 N 个工作日」 (N null across a year the calendar does not know). */
export type ItemDeadline = { kind: 'none' } | { kind: 'due'; date: string } | { kind: 'overdue'; date: string; workingDays: number | null }

/** The deadline of an item on Beijing day `today`. */
export function itemDeadline(state: RectificationState, deadline: string | null | undefined, today: string): ItemDeadline {
  if (!deadline) return { kind: 'none' }
  if (!isRectificationOverdue(state, deadline, today)) return { kind: 'due', date: deadline }
  const span = workingDaysBetween(deadline, today)
  return { kind: 'overdue', date: deadline, workingDays: span.ok ? span.value : null }
}

/** 「已超期 N 个工作日」, 「已超期（期限 …）」, 「期限 …」, or '' (no deadline). */
export function itemDeadlineText(deadline: ItemDeadline, lang = 'zh'): string {
  const en = lang === 'en'
  if (deadline.kind === 'none') return ''
  if (deadline.kind === 'due') return en ? `Due ${deadline.date}` : `期限 ${deadline.date}`
  if (deadline.workingDays !== null && deadline.workingDays > 0)
    return en ? `Overdue by ${deadline.workingDays} working day(s)` : `已超期 ${deadline.workingDays} 个工作日`
  return en ? `Overdue (due ${deadline.date})` : `已超期（期限 ${deadline.date}）`
}

export interface BoardItemRow {
  id: string
  level: RatingLevel
  officeName: string
  guideTitle: string | null
  openedOn: string
  deadline: ItemDeadline
  deadlineWarning: string | null
}

export interface RatingsBoard {
  today: string
  /** ISO weeks shown, oldest first. */
  weeks: string[]
  offices: Array<{ officeId: string; officeName: string; byWeek: Record<string, SummaryGroup>; all: SummaryGroup }>
  /** Every state, in the state machine's order; in each, overdue first (most working days first), then by deadline. */
  rectifications: Array<{ state: RectificationState; label: string; count: number; overdue: number; rows: BoardItemRow[] }>
}

const emptyCounts = (): LevelCounts => Object.fromEntries(RATING_LEVELS.map((level) => [level, 0])) as LevelCounts
const group = (counts: LevelCounts): SummaryGroup => ({
  total: RATING_LEVELS.reduce((sum, level) => sum + counts[level], 0),
  counts,
  satisfactionRate: satisfactionRate(counts),
})

/** True when `user` may see the board: admins, leaders, staff of an office. */
export function mayUseBoard(user: User): boolean {
  const staff = staffOf(user)
  if (!staff) return false
  if (staff.role === 'admin' || staff.role === 'leader') return true
  const offices = (staff as { offices?: unknown }).offices
  return Array.isArray(offices) && offices.length > 0
}

/**
 * The board as `user` may see it at `now`: the last `weeks` ISO weeks (default 8) of ratings per office,
 * and every rectification item by state. Empty for a user who may read nothing.
 */
export async function loadRatingsBoard(payload: Payload, user: User, options: { now?: number; weeks?: number } = {}): Promise<RatingsBoard> {
  const now = options.now ?? Date.now()
  const today = shanghaiDate(now)
  // Read access is `false` (not an empty query) for everyone else: Payload would answer 403.
  if (!mayUseBoard(user)) return { today, weeks: [], offices: [], rectifications: [] }
  const firstMonday = addDays(mondayOfDay(today), -7 * ((options.weeks ?? 8) - 1))
  const weeks: string[] = isoWeeksBetween(firstMonday, today)
  const asUser = { overrideAccess: false, user: user ?? undefined } as const
  const ratings = await payload.find({
    collection: 'ratings',
    where: { ratedAt: { greater_than_equal: new Date(Date.parse(`${firstMonday}T00:00:00+08:00`)).toISOString() } },
    limit: 5000,
    pagination: false,
    depth: 1,
    ...asUser,
  })
  const offices = new Map<string, { officeName: string; byWeek: Record<string, LevelCounts>; all: LevelCounts }>()
  // depth 1: the office comes populated.
  for (const rating of ratings.docs) {
    const officeId = idOf(rating.office) ?? ''
    const entry = offices.get(officeId) ?? { officeName: typeof rating.office === 'object' ? (rating.office.name ?? '') : '', byWeek: {}, all: emptyCounts() }
    const week = isoWeek(shanghaiDate(Date.parse(rating.ratedAt)))
    entry.byWeek[week] ??= emptyCounts()
    entry.byWeek[week]![rating.level]++
    entry.all[rating.level]++
    offices.set(officeId, entry)
  }
  const items = await payload.find({ collection: 'rectifications', limit: 2000, pagination: false, depth: 1, sort: 'openedOn', ...asUser })
  const rows = items.docs.map((item) => ({
    state: item.state,
    row: {
      id: String(item.id),
      level: item.level,
      officeName: typeof item.office === 'object' ? item.office.name : '',
      guideTitle: typeof item.guide === 'object' ? (item.guide?.title ?? null) : null,
      openedOn: item.openedOn,
      deadline: itemDeadline(item.state, item.deadline, today),
      deadlineWarning: item.deadlineWarning ?? null,
    } satisfies BoardItemRow,
  }))
  const lateness = (row: BoardItemRow) => (row.deadline.kind === 'overdue' ? (row.deadline.workingDays ?? 0) + 1 : 0)
  return {
    today,
    weeks,
    offices: [...offices.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([officeId, o]) => ({
        officeId,
        officeName: o.officeName,
        byWeek: Object.fromEntries(Object.entries(o.byWeek).map(([week, counts]) => [week, group(counts)])),
        all: group(o.all),
      })),
    rectifications: RECTIFICATION_STATES.map((state) => {
      const inState = rows
        .filter((entry) => entry.state === state)
        .map((entry) => entry.row)
        .sort(
          (a, b) =>
            lateness(b) - lateness(a) || ((a.deadline.kind !== 'none' ? a.deadline.date : '9') < (b.deadline.kind !== 'none' ? b.deadline.date : '9') ? -1 : 1),
        )
      return {
        state,
        label: RECTIFICATION_STATE_LABELS[state].zh,
        count: inState.length,
        overdue: inState.filter((row) => row.deadline.kind === 'overdue').length,
        rows: inState,
      }
    }),
  }
}

/** The panel on an item: its fields, its timeline and the actions the user may take (with the note each requires). */
export interface RectificationPanel {
  id: string
  state: RectificationState
  stateLabel: string
  level: RatingLevel
  levelLabel: string
  reasons: string[]
  openedOn: string
  deadline: ItemDeadline
  deadlineText: string
  /** True when the deadline is an estimate (a year the calendar does not know counted Monday–Friday): `deadlineWarning` says so. */
  deadlineEstimated: boolean
  deadlineWarning: string | null
  fix: string | null
  publicFix: string | null
  appealUsed: boolean
  history: Array<RectificationHistoryEntry & { label: string }>
  /** `deadline`: the action asks for a new deadline (调整整改期限), with `rule` shown beside it. */
  actions: Array<{ action: RectificationAction; label: string; note: string | null; callBack: boolean; deadline?: { rule: string } }>
  /** Admins and leaders set the fix as published. */
  canPublish: boolean
}

/**
 * The panel of item `id` as `user` sees it at `now`, or null when the user may not read it (another
 * office, an editor without office) or it does not exist.
 */
export async function loadRectificationPanel(payload: Payload, user: User, id: string, now: number = Date.now()): Promise<RectificationPanel | null> {
  const staff = staffOf(user)
  if (!staff || !/^[0-9A-Za-z-]{1,64}$/.test(id)) return null
  if (!mayUseBoard(user)) return null
  const found = await payload.find({ collection: 'rectifications', where: { id: { equals: id } }, limit: 1, depth: 0, overrideAccess: false, user })
  const item = found.docs[0]
  if (!item) return null
  const actor = await staffRectificationActor(payload, staff as StaffUser, item)
  const deadline = itemDeadline(item.state, item.deadline, shanghaiDate(now))
  return {
    id: String(item.id),
    state: item.state,
    stateLabel: RECTIFICATION_STATE_LABELS[item.state].zh,
    level: item.level,
    levelLabel: RATING_LEVEL_INFO[item.level].zh,
    reasons: item.reasons ?? [],
    openedOn: item.openedOn,
    deadline,
    deadlineText: itemDeadlineText(deadline),
    deadlineEstimated: (item as RectificationWithCount).deadlineEstimated === true,
    deadlineWarning: item.deadlineWarning ?? null,
    fix: item.fix ?? null,
    publicFix: item.publicFix ?? null,
    appealUsed: item.appealUsed === true,
    history: (await rectificationHistory(payload, String(item.id))).map((step) => ({
      ...step,
      label: step.action === 'open' ? '收到差评' : (RECTIFICATION_ACTION_LABELS[step.action as RectificationAction]?.zh ?? step.action),
    })),
    actions: availableRectificationActions(item.state, actor)
      .filter((action) => !(action === 'appeal' || action === 'accept' || action === 'dispute'))
      .map((action) => ({
        action,
        label: RECTIFICATION_ACTION_LABELS[action].zh,
        note: requiredRectificationNote(action),
        callBack: action === 'call_back',
        ...(action === 'adjust_deadline' ? { deadline: { rule: DEADLINE_RULE_TEXT } } : {}),
      })),
    canPublish: staff.role === 'admin' || staff.role === 'leader',
  }
}
