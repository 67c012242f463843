/**
 * 差评整改: the rectification of a bad rating (不满意 / 非常不满意), as pure data and functions — which
 * step may follow which, who may take it, with what record, the deadline in working days, overdue and
 * who must be told. Built like src/services/appointments/matter-status.ts.
 *
 *   待回访 open → 已回访 called_back → 已整改 fixed → 群众认可 accepted
 *                                                   → 群众不认可 disputed → 已整改 fixed (fixed again)
 *   已整改 / 群众不认可 → 未获认可办结 closed_unagreed → 已申诉 appealed → 领导已复核 reviewed
 *                                                                     → 待回访 open (the leader reopens)
 *
 * Sources: 国办发〔2019〕51号《关于建立政务服务"好差评"制度提高政务服务水平的意见》 — 差评 are verified by
 * the office that handled the matter (谁办理、谁负责), rectified, and the result fed back to the person
 * who rated; for 实名差评 the national text sets 15 working days for verification and rectification. The
 * issue (#14) sets our default to 5 working days (configurable, never more than the national 15), the
 * call-back record, the resident's verdict, escalation of overdue items to the leader and one appeal to
 * the leader of an item closed without the resident's agreement.
 *
 * Who (decided here): staff of the office (head or not) and admins call back and record fixes; only the
 * office head (or an admin) closes without the resident's agreement; only the resident who rated gives
 * the verdict and appeals (a verdict recorded by staff would empty the appeal of meaning); only the
 * leader reviews an appeal; the scheduler (`system`) takes no step — it asks `escalationDue`.
 */
import { addWorkingDays, addWorkingDaysOrEstimate, type CalendarResult, type DeadlineOrEstimate } from '../calendar/calendar'
import { isIsoDate, shanghaiDate } from '../../shared/time'

export const RECTIFICATION_STATES = ['open', 'called_back', 'fixed', 'accepted', 'disputed', 'closed_unagreed', 'appealed', 'reviewed'] as const
export type RectificationState = (typeof RECTIFICATION_STATES)[number]

export const RECTIFICATION_STATE_LABELS: Record<RectificationState, { zh: string; en: string }> = {
  open: { zh: '待回访', en: 'To call back' },
  called_back: { zh: '已回访', en: 'Called back' },
  fixed: { zh: '已整改', en: 'Fixed' },
  accepted: { zh: '群众认可', en: 'Accepted by the resident' },
  disputed: { zh: '群众不认可', en: 'Disputed by the resident' },
  closed_unagreed: { zh: '未获认可办结', en: 'Closed without agreement' },
  appealed: { zh: '已申诉', en: 'Appealed' },
  reviewed: { zh: '领导已复核', en: 'Reviewed by the leader' },
}

/** States in which the office still owes the fix: the deadline runs. */
export const RUNNING_RECTIFICATION_STATES = ['open', 'called_back', 'disputed'] as const satisfies readonly RectificationState[]
/** States in which nothing follows. */
export const FINAL_RECTIFICATION_STATES = ['accepted', 'reviewed'] as const satisfies readonly RectificationState[]

export const RECTIFICATION_ACTIONS = [
  'call_back',
  'record_fix',
  'accept',
  'dispute',
  'close_without_agreement',
  'appeal',
  'review',
  'reopen',
  'adjust_deadline',
] as const
export type RectificationAction = (typeof RECTIFICATION_ACTIONS)[number]

export const RECTIFICATION_ACTION_LABELS: Record<RectificationAction, { zh: string; en: string }> = {
  call_back: { zh: '记录回访', en: 'Record the call-back' },
  record_fix: { zh: '记录整改', en: 'Record the fix' },
  accept: { zh: '认可整改', en: 'Accept the fix' },
  dispute: { zh: '不认可整改', en: 'Dispute the fix' },
  close_without_agreement: { zh: '未获认可办结', en: 'Close without agreement' },
  appeal: { zh: '向领导申诉', en: 'Appeal to the leader' },
  review: { zh: '复核维持办结', en: 'Review: closing stands' },
  reopen: { zh: '复核后重新整改', en: 'Review: rectify again' },
  adjust_deadline: { zh: '调整整改期限', en: 'Adjust the deadline' },
}

/**
 * Who asks. `staff.ofOffice`: belongs to the office the rating is about; `staff.head`: its head (the
 * item is assigned to them). `resident.isOwner`: the resident who gave the rating. `system`: the scheduler.
 */
export type RectificationActor =
  { kind: 'resident'; isOwner: boolean } | { kind: 'staff'; ofOffice: boolean; head: boolean } | { kind: 'leader' } | { kind: 'admin' } | { kind: 'system' }

/** The call-back record: who called the resident, when (epoch ms, not after `now`), what was said. */
export interface CallBackRecord {
  caller: string
  calledAt: number
  summary: string
}

export interface RectificationStepInput {
  /** The step's text: the fix (`record_fix`), the reason (`close_without_agreement`), the conclusion (`review`, `reopen`), the resident's words (optional). */
  note?: unknown
  /** For `call_back`. */
  callBack?: { caller?: unknown; calledAt?: unknown; summary?: unknown }
  /** For `adjust_deadline`: the new deadline, Beijing `YYYY-MM-DD`, not before the day of `now`. */
  deadline?: unknown
}

export interface RectificationContext {
  /** Epoch ms. */
  now: number
  /** True once the item has been appealed (an appeal is allowed once, even after a reopen). */
  appealUsed: boolean
}

/** The longest note, in characters. */
export const MAX_RECTIFICATION_NOTE_LENGTH = 1000

type Allowed = (actor: RectificationActor) => boolean
const officeStaff: Allowed = (a) => (a.kind === 'staff' && a.ofOffice) || a.kind === 'admin'
const officeHead: Allowed = (a) => (a.kind === 'staff' && a.ofOffice && a.head) || a.kind === 'admin'
const owner: Allowed = (a) => a.kind === 'resident' && a.isOwner
const leader: Allowed = (a) => a.kind === 'leader'
const headLeaderOrAdmin: Allowed = (a) => officeHead(a) || leader(a)

interface Rule {
  from: readonly RectificationState[]
  /** The state after the step; null: the state stays (the step only records, e.g. a new deadline). */
  to: RectificationState | null
  allowed: Allowed
  /** What the required note must say (Chinese), or undefined when optional. */
  note?: string
}

const RULES: Record<RectificationAction, Rule> = {
  call_back: { from: ['open'], to: 'called_back', allowed: officeStaff },
  record_fix: {
    from: ['called_back', 'disputed'],
    to: 'fixed',
    allowed: officeStaff,
    note: '请写明整改措施和结果（将向群众反馈并在月度公示中公开，不要写入个人信息）',
  },
  accept: { from: ['fixed'], to: 'accepted', allowed: owner },
  dispute: { from: ['fixed'], to: 'disputed', allowed: owner },
  close_without_agreement: { from: ['fixed', 'disputed'], to: 'closed_unagreed', allowed: officeHead, note: '请写明未获群众认可即办结的理由' },
  appeal: { from: ['closed_unagreed'], to: 'appealed', allowed: owner },
  review: { from: ['appealed'], to: 'reviewed', allowed: leader, note: '请写明复核意见' },
  reopen: { from: ['appealed'], to: 'open', allowed: leader, note: '请写明需要重新整改的内容' },
  // While the office still owes the fix (the deadline runs): e.g. an estimated deadline of a year whose
  // holidays are not yet known, or one the office head and the leader agree to move.
  adjust_deadline: { from: RUNNING_RECTIFICATION_STATES, to: null, allowed: headLeaderOrAdmin, note: '请写明调整整改期限的理由' },
}

export type RectificationDecision =
  | {
      ok: true
      from: RectificationState
      to: RectificationState
      action: RectificationAction
      /** Trimmed; null when none was given. */
      note: string | null
      /** For `call_back`: the record, trimmed. */
      callBack?: CallBackRecord
      /** For `adjust_deadline`: the new deadline (`YYYY-MM-DD`). */
      deadline?: string
    }
  | { ok: false; status: 400 | 403 | 409; code: string; message: string }

/** True for one of the states' ids. */
export const isRectificationState = (value: unknown): value is RectificationState =>
  typeof value === 'string' && (RECTIFICATION_STATES as readonly string[]).includes(value)
/** True for one of the actions' ids. */
export const isRectificationAction = (value: unknown): value is RectificationAction =>
  typeof value === 'string' && (RECTIFICATION_ACTIONS as readonly string[]).includes(value)

const refuse = (status: 400 | 403 | 409, code: string, message: string): RectificationDecision => ({ ok: false, status, code, message })

/**
 * Decides whether `actor` may take `action` on a rectification item in state `from`, with `input` (the
 * note, or the call-back record). Refusals carry an HTTP status and a Chinese message: 400 unknown
 * action, missing or bad record, missing or too long note; 403 the actor may not (staff of another
 * office, office staff closing without agreement, anyone but the leader reviewing); 409 not from this
 * state, or a second appeal (`context.appealUsed`). Rules and sources: see the module notes.
 */
export function decideRectificationStep(
  from: RectificationState,
  action: unknown,
  actor: RectificationActor,
  context: RectificationContext,
  input: RectificationStepInput = {},
): RectificationDecision {
  if (!isRectificationAction(action)) {
    return refuse(400, 'unknown-action', `未知的整改操作"${String(action)}"，可用操作：${RECTIFICATION_ACTIONS.join('、')}`)
  }
  const rule = RULES[action]
  const label = RECTIFICATION_ACTION_LABELS[action].zh
  if (!rule.allowed(actor)) {
    const message =
      actor.kind === 'staff' && !actor.ofOffice
        ? `只有被评价科室的工作人员才能执行"${label}"操作`
        : action === 'close_without_agreement' && actor.kind === 'staff'
          ? '只有科室负责人才能在未获群众认可时办结'
          : `您不能执行"${label}"操作`
    return refuse(403, 'forbidden', message)
  }
  if (!rule.from.includes(from)) {
    return refuse(409, 'invalid-transition', `当前状态为"${RECTIFICATION_STATE_LABELS[from].zh}"，不能执行"${label}"操作`)
  }
  if (action === 'appeal' && context.appealUsed) return refuse(409, 'appeal-used', '每件差评只能申诉一次，您已经申诉过了')

  const text = typeof input.note === 'string' ? input.note.trim() : ''
  if (rule.note && text === '') return refuse(400, 'note-required', `"${label}"必须填写：${rule.note}`)
  if (Array.from(text).length > MAX_RECTIFICATION_NOTE_LENGTH) return refuse(400, 'note-too-long', `说明不能超过 ${MAX_RECTIFICATION_NOTE_LENGTH} 个字`)
  const decision = { ok: true as const, from, to: rule.to ?? from, action, note: text === '' ? null : text }

  if (action === 'adjust_deadline') {
    const date = typeof input.deadline === 'string' ? input.deadline.trim() : ''
    if (!isIsoDate(date)) return refuse(400, 'deadline-required', '请选择新的整改期限（年-月-日）')
    if (date < shanghaiDate(context.now)) return refuse(400, 'deadline-past', '新的整改期限不能早于今天')
    return { ...decision, deadline: date }
  }

  if (action === 'call_back') {
    const record = input.callBack ?? {}
    const caller = typeof record.caller === 'string' ? record.caller.trim() : ''
    const summary = typeof record.summary === 'string' ? record.summary.trim() : ''
    const calledAt = record.calledAt
    if (caller === '') return refuse(400, 'call-back-incomplete', '回访记录须写明回访人')
    if (typeof calledAt !== 'number' || !Number.isFinite(calledAt)) return refuse(400, 'call-back-incomplete', '回访记录须写明回访时间')
    if (calledAt > context.now) return refuse(400, 'call-back-future', '回访时间不能晚于现在')
    if (summary === '') return refuse(400, 'call-back-incomplete', '回访记录须写明回访内容（与群众沟通了什么）')
    if (Array.from(summary).length > MAX_RECTIFICATION_NOTE_LENGTH)
      return refuse(400, 'note-too-long', `回访内容不能超过 ${MAX_RECTIFICATION_NOTE_LENGTH} 个字`)
    return { ...decision, callBack: { caller, calledAt, summary } }
  }
  return decision
}

/** The actions `actor` could take on an item in state `from` (notes and the appeal count aside): drives the buttons. */
export function availableRectificationActions(from: RectificationState, actor: RectificationActor): RectificationAction[] {
  return RECTIFICATION_ACTIONS.filter((action) => RULES[action].from.includes(from) && RULES[action].allowed(actor))
}

/** What the required note of `action` must say (Chinese), or null when optional (`call_back` needs its record instead). */
export function requiredRectificationNote(action: RectificationAction): string | null {
  return RULES[action].note ?? null
}

/** The default time to rectify, in working days (issue #14; 国办发〔2019〕51号 sets 15 for 实名差评). */
export const DEFAULT_RECTIFICATION_DAYS = 5
/** The national limit: a configured time longer than this is refused. */
export const MAX_RECTIFICATION_DAYS = 15

/**
 * The deadline of a rectification item opened on `openedOn` (Beijing `YYYY-MM-DD`, the day of the bad
 * rating): the `workingDays`-th working day after it (default 5), counted by the calendar
 * (`addWorkingDays`: the opening day not counted, 民法典第二百零一条; holidays skipped and make-up days
 * counted, 行政许可法第八十二条 by analogy). `CalendarUnknown` (no date, the Chinese `warning` for staff)
 * when the count reaches a year the calendar does not know.
 * @throws RangeError for a bad date or `workingDays` not a whole number from 1 to 15 (国办发〔2019〕51号's limit).
 */
export function rectificationDeadline(openedOn: string, workingDays: number = DEFAULT_RECTIFICATION_DAYS): CalendarResult<string> {
  if (!Number.isSafeInteger(workingDays) || workingDays < 1 || workingDays > MAX_RECTIFICATION_DAYS) {
    throw new RangeError(`workingDays must be a whole number from 1 to ${MAX_RECTIFICATION_DAYS}, got ${workingDays}`)
  }
  return addWorkingDays(openedOn, workingDays)
}

/**
 * The deadline of an item counted from `from` (the day it opened, or was reopened), always a date: as
 * `rectificationDeadline`, except that the days of a year the calendar does not know are counted as
 * Monday–Friday (`addWorkingDaysOrEstimate`): `{ date, estimated: true, warning }` with the note
 * 「2027 年节假日安排尚未公布，期限按周一至周五推算，公布后自动更正」. Stored with its flag
 * (`deadlineEstimated`), so the item can become overdue and reach the leader; the morning job counts
 * again once the calendar knows the year (rectify.ts `recountEstimatedDeadlines`).
 * @throws RangeError as `rectificationDeadline`.
 */
export function rectificationDeadlineOrEstimate(from: string, workingDays: number = DEFAULT_RECTIFICATION_DAYS): DeadlineOrEstimate {
  if (!Number.isSafeInteger(workingDays) || workingDays < 1 || workingDays > MAX_RECTIFICATION_DAYS) {
    throw new RangeError(`workingDays must be a whole number from 1 to ${MAX_RECTIFICATION_DAYS}, got ${workingDays}`)
  }
  return addWorkingDaysOrEstimate(from, workingDays)
}

/** Shown beside the staff step 调整整改期限: the rule the new date should follow (Chinese). */
export const DEADLINE_RULE_TEXT = `整改期限一般为 ${DEFAULT_RECTIFICATION_DAYS} 个工作日（好差评设置可设 1–${MAX_RECTIFICATION_DAYS} 个工作日；国办发〔2019〕51号：实名差评最长 ${MAX_RECTIFICATION_DAYS} 个工作日）。新期限不能早于今天，并须写明理由。`

/**
 * True when the office still owes the fix (待回访, 已回访, 群众不认可) and `today` (Beijing `YYYY-MM-DD`) is
 * after the deadline. False without a deadline (calendar unknown: see `escalationDue`) and once fixed.
 */
export function isRectificationOverdue(state: RectificationState, deadline: string | null | undefined, today: string): boolean {
  return (RUNNING_RECTIFICATION_STATES as readonly string[]).includes(state) && !!deadline && today > deadline
}

/** A notice to send about an item. `key` is stable: send each once (keep the keys sent). */
export interface Escalation {
  to: 'leader' | 'office_head'
  reason: 'overdue' | 'appeal' | 'no_deadline'
  key: string
  /** Chinese, for the notice. */
  message: string
}

/**
 * Who must be told about an item now: the leader when it is overdue (issue #14: 逾期的整改报领导) and
 * when the resident appealed (the appeal goes to the leader); the office head when it has no deadline
 * (the calendar did not know the year, so it could never become overdue — someone must set one).
 * `alreadySent`: the keys of notices already sent; those are left out. Pure: the scheduler asks it daily.
 */
export function escalationDue(
  item: { state: RectificationState; deadline: string | null | undefined },
  today: string,
  alreadySent: readonly string[] = [],
): Escalation[] {
  const due: Escalation[] = []
  if (isRectificationOverdue(item.state, item.deadline, today)) {
    due.push({
      to: 'leader',
      reason: 'overdue',
      key: `overdue:${item.deadline}`,
      message: `差评整改已超过期限（${item.deadline}），当前状态"${RECTIFICATION_STATE_LABELS[item.state].zh}"，请督办`,
    })
  }
  if (item.state === 'appealed') due.push({ to: 'leader', reason: 'appeal', key: 'appeal', message: '群众对未获认可办结的差评整改提出申诉，请复核' })
  if (!item.deadline && (RUNNING_RECTIFICATION_STATES as readonly string[]).includes(item.state)) {
    due.push({
      to: 'office_head',
      reason: 'no_deadline',
      key: 'no_deadline',
      message: '差评整改没有整改期限（日历尚未收录相关年份），请在"调整整改期限"中确定期限',
    })
  }
  return due.filter((e) => !alreadySent.includes(e.key))
}
