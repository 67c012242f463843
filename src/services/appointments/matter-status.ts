/**
 * The status of a matter booked by a resident, as pure data and functions: which step may follow which,
 * who may take it, when, and with what note for the resident. Everything that changes an appointment's
 * status (the staff endpoints, the residents' pages, the no-show job) asks this module first; the
 * appointments collection keeps each step in its visible history.
 *
 *   已预约 booked → 已签到 checked_in → 已受理 accepted → 办理中 in_progress ⇄ 需补正 needs_more
 *                                                       办理中 in_progress → 已办结 done
 *   已签到 → 不予受理 rejected;  已预约 / 已签到 → 已取消 cancelled;  已预约 → 未到 no_show
 *
 * Who: the resident who booked may only cancel, only while booked and before the booking cut-off of the
 * slot; staff of the guide's office (and admins) take every other step and may cancel at any time before
 * the matter is accepted; the scheduler (`system`) may only record a no-show, after the slot has ended.
 * Staff of another office take no step.
 */
import { addWorkingDays, type CalendarResult } from '../calendar/calendar'
import { shanghaiDate } from '../../shared/time'

export const MATTER_STATES = ['booked', 'checked_in', 'accepted', 'in_progress', 'needs_more', 'done', 'rejected', 'cancelled', 'no_show'] as const
export type MatterState = (typeof MATTER_STATES)[number]

export const MATTER_STATE_LABELS: Record<MatterState, { zh: string; en: string }> = {
  booked: { zh: '已预约', en: 'Booked' },
  checked_in: { zh: '已签到', en: 'Checked in' },
  accepted: { zh: '已受理', en: 'Accepted' },
  in_progress: { zh: '办理中', en: 'In progress' },
  needs_more: { zh: '需补正', en: 'Needs more documents' },
  done: { zh: '已办结', en: 'Done' },
  rejected: { zh: '不予受理', en: 'Not accepted' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  no_show: { zh: '未到', en: 'No-show' },
}

/** States in which nothing follows. */
export const CLOSED_MATTER_STATES = ['done', 'rejected', 'cancelled', 'no_show'] as const satisfies readonly MatterState[]
/** States in which the office is working on an accepted matter: the time limit runs. */
export const RUNNING_MATTER_STATES = ['accepted', 'in_progress', 'needs_more'] as const satisfies readonly MatterState[]

export const MATTER_ACTIONS = ['check_in', 'accept', 'start', 'request_more', 'resume', 'complete', 'reject', 'cancel', 'mark_no_show'] as const
export type MatterAction = (typeof MATTER_ACTIONS)[number]

export const MATTER_ACTION_LABELS: Record<MatterAction, { zh: string; en: string }> = {
  check_in: { zh: '签到', en: 'Check in' },
  accept: { zh: '受理', en: 'Accept' },
  start: { zh: '开始办理', en: 'Start' },
  request_more: { zh: '通知补正', en: 'Ask for more documents' },
  resume: { zh: '补正完成，继续办理', en: 'Resume' },
  complete: { zh: '办结', en: 'Complete' },
  reject: { zh: '不予受理', en: 'Do not accept' },
  cancel: { zh: '取消预约', en: 'Cancel' },
  mark_no_show: { zh: '登记未到', en: 'Record a no-show' },
}

/**
 * Who asks. `resident.isOwner`: the resident who booked (by openid). `staff.ofOffice`: the member of
 * staff belongs to the office that handles the guide. `system`: the scheduler.
 */
export type MatterActor = { kind: 'resident'; isOwner: boolean } | { kind: 'staff'; ofOffice: boolean } | { kind: 'admin' } | { kind: 'system' }

/** When, for the steps that depend on it. Instants in epoch ms. */
export interface MatterContext {
  now: number
  /** Start and end of the booked slot. */
  slotStartMs: number
  slotEndMs: number
  /** The booking rule's cut-off in minutes (a resident may cancel only before it; default 120). */
  cutoffMinutes?: number
  /** The guide's committed time limit in working days, for `accept` (absent: no expected date). */
  timeLimitDays?: number
}

/** The longest note kept for the resident, in characters. */
export const MAX_NOTE_LENGTH = 500

interface Rule {
  from: readonly MatterState[]
  to: MatterState
  /** May this actor take the step from this state (timing aside)? */
  allowed: (actor: MatterActor, from: MatterState) => boolean
  /** A note for the resident is required; the text says what it must say. */
  note?: (actor: MatterActor) => string | null
}

const isOfficeStaff = (actor: MatterActor): boolean => (actor.kind === 'staff' && actor.ofOffice) || actor.kind === 'admin'

const RULES: Record<MatterAction, Rule> = {
  check_in: { from: ['booked'], to: 'checked_in', allowed: isOfficeStaff },
  accept: { from: ['checked_in'], to: 'accepted', allowed: isOfficeStaff },
  start: { from: ['accepted'], to: 'in_progress', allowed: isOfficeStaff },
  request_more: { from: ['in_progress'], to: 'needs_more', allowed: isOfficeStaff, note: () => '请写明需要补正的全部材料或内容' },
  resume: { from: ['needs_more'], to: 'in_progress', allowed: isOfficeStaff },
  complete: { from: ['in_progress'], to: 'done', allowed: isOfficeStaff },
  reject: { from: ['checked_in'], to: 'rejected', allowed: isOfficeStaff, note: () => '请写明不予受理的理由' },
  cancel: {
    from: ['booked', 'checked_in'],
    to: 'cancelled',
    allowed: (actor, from) => isOfficeStaff(actor) || (actor.kind === 'resident' && actor.isOwner && from === 'booked'),
    note: (actor) => (actor.kind === 'resident' ? null : '工作人员取消预约须写明原因'),
  },
  mark_no_show: { from: ['booked'], to: 'no_show', allowed: (actor) => isOfficeStaff(actor) || actor.kind === 'system' },
}

export type MatterDecision =
  | {
      ok: true
      from: MatterState
      to: MatterState
      action: MatterAction
      /** The note for the resident, trimmed; null when none was given. */
      note: string | null
      /** For `accept`: the expected completion date (`YYYY-MM-DD`), or null (no time limit, or calendar unknown). */
      expectedCompletion?: string | null
      /** For `accept` when the calendar does not know the year: the Chinese warning for staff. */
      calendarWarning?: string
    }
  | { ok: false; status: 400 | 403 | 409; code: string; message: string }

export const isMatterState = (value: unknown): value is MatterState => typeof value === 'string' && (MATTER_STATES as readonly string[]).includes(value)
export const isMatterAction = (value: unknown): value is MatterAction => typeof value === 'string' && (MATTER_ACTIONS as readonly string[]).includes(value)

/**
 * The expected completion date of a matter accepted on `acceptedOn` (Beijing `YYYY-MM-DD`) with the
 * guide's time limit of `timeLimitDays` working days: the `timeLimitDays`-th working day after the day
 * of acceptance (src/services/calendar `addWorkingDays`: 行政许可法第八十二条, 民法典第二百零一条).
 * A stretch in 需补正 does not move it (see README.md). `CalendarUnknown` when the count reaches a year
 * the calendar does not know.
 * @throws RangeError for a bad date or a time limit that is not a whole number ≥ 0.
 */
export function expectedCompletionDate(acceptedOn: string, timeLimitDays: number): CalendarResult<string> {
  return addWorkingDays(acceptedOn, timeLimitDays)
}

/**
 * Decides whether `actor` may take `action` on a matter in state `from` at `context.now`, with `note`
 * for the resident. Refusals carry an HTTP status and a Chinese message:
 * 400 unknown action, missing or too long note; 403 the actor may not; 409 not from this state, or
 * too late (a resident cancelling after the cut-off) or too early (a no-show before the slot ended).
 * For `accept` with `context.timeLimitDays`, the answer carries the expected completion date.
 */
export function decideMatterTransition(from: MatterState, action: unknown, actor: MatterActor, context: MatterContext, note?: unknown): MatterDecision {
  if (!isMatterAction(action)) {
    return { ok: false, status: 400, code: 'unknown-action', message: `未知的办理操作"${String(action)}"，可用操作：${MATTER_ACTIONS.join('、')}` }
  }
  const rule = RULES[action]
  const label = MATTER_ACTION_LABELS[action].zh
  if (!MATTER_STATES.some((state) => rule.from.includes(state) && rule.allowed(actor, state))) {
    const message = actor.kind === 'staff' && !actor.ofOffice ? `只有承办科室的工作人员才能执行"${label}"操作` : `您不能执行"${label}"操作`
    return { ok: false, status: 403, code: 'forbidden', message }
  }
  if (!rule.from.includes(from)) {
    return { ok: false, status: 409, code: 'invalid-transition', message: `当前状态为"${MATTER_STATE_LABELS[from].zh}"，不能执行"${label}"操作` }
  }
  if (!rule.allowed(actor, from)) {
    const message =
      actor.kind === 'resident' && action === 'cancel'
        ? '已签到的预约不能在网上取消，请与窗口工作人员联系'
        : `您不能对"${MATTER_STATE_LABELS[from].zh}"的事项执行"${label}"操作`
    return { ok: false, status: 403, code: 'forbidden', message }
  }
  if (action === 'cancel' && actor.kind === 'resident') {
    const cutoffMinutes = context.cutoffMinutes ?? 120
    if (!(context.now < context.slotStartMs - cutoffMinutes * 60_000)) {
      return {
        ok: false,
        status: 409,
        code: 'too-late',
        message: `预约时段开始前 ${formatMinutes(cutoffMinutes)}内不能在网上取消；如需取消请与窗口工作人员联系`,
      }
    }
  }
  if (action === 'mark_no_show' && context.now < context.slotEndMs) {
    return { ok: false, status: 409, code: 'too-early', message: '预约时段尚未结束，不能登记为未到' }
  }
  const text = typeof note === 'string' ? note.trim() : ''
  const needs = rule.note?.(actor) ?? null
  if (needs && text === '') return { ok: false, status: 400, code: 'note-required', message: `"${label}"必须填写给群众的说明：${needs}` }
  if (Array.from(text).length > MAX_NOTE_LENGTH) return { ok: false, status: 400, code: 'note-too-long', message: `说明不能超过 ${MAX_NOTE_LENGTH} 个字` }
  const decision: MatterDecision = { ok: true, from, to: rule.to, action, note: text === '' ? null : text }
  if (action === 'accept') {
    if (context.timeLimitDays === undefined) return { ...decision, expectedCompletion: null }
    const expected = expectedCompletionDate(shanghaiDate(context.now), context.timeLimitDays)
    return expected.ok ? { ...decision, expectedCompletion: expected.value } : { ...decision, expectedCompletion: null, calendarWarning: expected.warning }
  }
  return decision
}

const formatMinutes = (minutes: number): string => (minutes % 60 === 0 ? `${minutes / 60} 小时` : `${minutes} 分钟`)

/** The actions `actor` could take now (timing and notes aside): drives the buttons. */
export function availableMatterActions(from: MatterState, actor: MatterActor): MatterAction[] {
  return MATTER_ACTIONS.filter((action) => RULES[action].from.includes(from) && RULES[action].allowed(actor, from))
}

/**
 * What the note for the resident must say when `actor` takes `action` (Chinese, e.g.
 * 「请写明不予受理的理由」), or null when the note is optional: the buttons show it before a click, and
 * decideMatterTransition refuses a step without it (400 `note-required`).
 */
export function requiredNote(action: MatterAction, actor: MatterActor): string | null {
  return RULES[action].note?.(actor) ?? null
}

/**
 * True when an accepted matter is past its expected completion date on `today` (Beijing `YYYY-MM-DD`):
 * still running (已受理, 办理中, 需补正) and `today` after the date. False without a date.
 */
export function isOverdue(state: MatterState, expectedCompletion: string | null | undefined, today: string): boolean {
  return (RUNNING_MATTER_STATES as readonly MatterState[]).includes(state) && !!expectedCompletion && today > expectedCompletion
}
