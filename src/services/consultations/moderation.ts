/**
 * The state of a resident's suggestion (建议) on a topic, as pure data and functions, like
 * src/services/appointments/matter-status.ts: which step may follow which, who may take it, with what
 * text; the reply deadline and how long a suggestion has waited; what each viewer sees.
 *
 *   待审核 pending → 已公开 approved → 已回复 answered
 *   待审核 pending → 未采纳 rejected;   待审核 pending → 已撤回 withdrawn (the resident)
 *
 * 先审后发: nothing is public before a member of staff approves it. A rejection needs a reason, which
 * the resident sees (never the public). An answer is a public reply, text required, on an approved
 * suggestion only. The resident who wrote it may withdraw it while it waits, and nothing else.
 * Who moderates: staff of the topic's community or handling office, leaders and admins; other staff
 * read (masked) but take no step.
 */
import { addWorkingDays, workingDaysBetween, type CalendarResult } from '../calendar/calendar'
import type { Bilingual } from '../../shared/bilingual'
import { shanghaiDate } from '../../shared/time'
import { contactFor } from './submission'

export const SUBMISSION_STATES = ['pending', 'approved', 'rejected', 'answered', 'withdrawn'] as const
export type SubmissionState = (typeof SUBMISSION_STATES)[number]

export const SUBMISSION_STATE_LABELS: Record<SubmissionState, Bilingual> = {
  pending: { zh: '待审核', en: 'Pending review' },
  approved: { zh: '已公开', en: 'Published' },
  rejected: { zh: '未采纳', en: 'Not published' },
  answered: { zh: '已回复', en: 'Answered' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
}

/** States the public may see (with the contact details removed). */
export const PUBLIC_SUBMISSION_STATES = ['approved', 'answered'] as const satisfies readonly SubmissionState[]

export const SUBMISSION_ACTIONS = ['approve', 'reject', 'answer', 'withdraw'] as const
export type SubmissionAction = (typeof SUBMISSION_ACTIONS)[number]

export const SUBMISSION_ACTION_LABELS: Record<SubmissionAction, Bilingual> = {
  approve: { zh: '审核通过并公开', en: 'Approve and publish' },
  reject: { zh: '不予采纳', en: 'Reject' },
  answer: { zh: '公开回复', en: 'Reply publicly' },
  withdraw: { zh: '撤回建议', en: 'Withdraw' },
}

/** The default time to answer a suggestion, in working days (configurable per topic/settings). */
export const DEFAULT_REPLY_WORKING_DAYS = 5
/** The longest reason or reply, in characters. */
export const MAX_MODERATION_TEXT = 1000

/**
 * Who asks. `staff.ofTopic`: the member of staff belongs to the topic's community or handling office.
 * `resident.isOwner`: the resident who wrote the suggestion (by openid).
 */
export type ModerationActor = { kind: 'resident'; isOwner: boolean } | { kind: 'staff'; ofTopic: boolean } | { kind: 'leader' } | { kind: 'admin' }

interface Rule {
  from: readonly SubmissionState[]
  to: SubmissionState
  allowed: (actor: ModerationActor) => boolean
  /** The text required, and what it must say; absent: no text. */
  text?: string
}

const isModerator = (actor: ModerationActor): boolean => (actor.kind === 'staff' && actor.ofTopic) || actor.kind === 'leader' || actor.kind === 'admin'

const RULES: Record<SubmissionAction, Rule> = {
  approve: { from: ['pending'], to: 'approved', allowed: isModerator },
  reject: { from: ['pending'], to: 'rejected', allowed: isModerator, text: '请写明不予采纳的理由（建议人可以看到）' },
  answer: { from: ['approved'], to: 'answered', allowed: isModerator, text: '请填写公开回复的内容' },
  withdraw: { from: ['pending'], to: 'withdrawn', allowed: (actor) => actor.kind === 'resident' && actor.isOwner },
}

export type ModerationDecision =
  | { ok: true; from: SubmissionState; to: SubmissionState; action: SubmissionAction; /** trimmed reason or reply; null when none */ text: string | null }
  | { ok: false; status: 400 | 403 | 409; code: string; message: string }

export const isSubmissionState = (value: unknown): value is SubmissionState =>
  typeof value === 'string' && (SUBMISSION_STATES as readonly string[]).includes(value)
export const isSubmissionAction = (value: unknown): value is SubmissionAction =>
  typeof value === 'string' && (SUBMISSION_ACTIONS as readonly string[]).includes(value)

/**
 * Decides whether `actor` may take `action` on a suggestion in state `from`, with `text` (the reason of
 * a rejection or the public reply). Refusals carry an HTTP status and a Chinese message: 400 unknown
 * action, text missing or longer than 1000 characters; 403 the actor may not; 409 not from this state.
 */
export function decideModeration(from: SubmissionState, action: unknown, actor: ModerationActor, text?: unknown): ModerationDecision {
  if (!isSubmissionAction(action)) return { ok: false, status: 400, code: 'unknown-action', message: `未知的审核操作"${String(action)}"` }
  const rule = RULES[action]
  const label = SUBMISSION_ACTION_LABELS[action].zh
  if (!rule.allowed(actor)) {
    const message = actor.kind === 'staff' ? `只有话题所属社区或承办科室的工作人员才能执行"${label}"操作` : `您不能执行"${label}"操作`
    return { ok: false, status: 403, code: 'forbidden', message }
  }
  if (!rule.from.includes(from))
    return { ok: false, status: 409, code: 'invalid-transition', message: `当前状态为"${SUBMISSION_STATE_LABELS[from].zh}"，不能执行"${label}"操作` }
  const trimmed = typeof text === 'string' ? text.trim() : ''
  if (rule.text && trimmed === '') return { ok: false, status: 400, code: 'text-required', message: rule.text }
  if (Array.from(trimmed).length > MAX_MODERATION_TEXT)
    return { ok: false, status: 400, code: 'text-too-long', message: `不能超过 ${MAX_MODERATION_TEXT} 个字` }
  return { ok: true, from, to: rule.to, action, text: rule.text ? trimmed : null }
}

/** The actions `actor` could take on a suggestion in state `from` (text aside): drives the buttons. */
export function availableModerationActions(from: SubmissionState, actor: ModerationActor): SubmissionAction[] {
  return SUBMISSION_ACTIONS.filter((action) => RULES[action].from.includes(from) && RULES[action].allowed(actor))
}

/**
 * The date by which a suggestion received on `receivedOn` (Beijing `YYYY-MM-DD`) is to be answered:
 * the `workingDays`-th working day after that day (the day of receipt not counted, as the calendar's
 * `addWorkingDays`, 民法典第二百零一条). `calendar_unknown` when the count reaches an unknown year.
 * @throws RangeError for a bad date or a count that is not a whole number ≥ 0.
 */
export function replyDeadline(receivedOn: string, workingDays: number = DEFAULT_REPLY_WORKING_DAYS): CalendarResult<string> {
  return addWorkingDays(receivedOn, workingDays)
}

export interface Waiting {
  /** Working days since the day of receipt (that day not counted), up to today. */
  waitedWorkingDays: number
  /** The reply deadline (`YYYY-MM-DD`). */
  deadline: string
  /** Working days left until the deadline (negative when past it; 0 on the deadline itself). */
  remainingWorkingDays: number
  /** Today (Beijing) is after the deadline. */
  overdue: boolean
}

/**
 * How long a waiting suggestion received at `received` (epoch ms) has waited at `now` (epoch ms), against
 * the deadline of `workingDays` working days: for the moderation list ("已等待 3 个工作日，剩 2 个工作日").
 * `calendar_unknown` (with the Chinese warning for staff) when a day involved is in an unknown year.
 */
export function waiting(received: number, now: number, workingDays: number = DEFAULT_REPLY_WORKING_DAYS): CalendarResult<Waiting> {
  const receivedOn = shanghaiDate(received)
  const today = shanghaiDate(now)
  const deadline = replyDeadline(receivedOn, workingDays)
  if (!deadline.ok) return deadline
  const waited = workingDaysBetween(receivedOn, today)
  if (!waited.ok) return waited
  const remaining = workingDaysBetween(today, deadline.value)
  if (!remaining.ok) return remaining
  return {
    ok: true,
    value: { waitedWorkingDays: Math.max(0, waited.value), deadline: deadline.value, remainingWorkingDays: remaining.value, overdue: today > deadline.value },
  }
}

/** A stored suggestion, as far as visibility goes. */
export interface SubmissionRecord {
  id: string | number
  openid: string
  state: SubmissionState
  text: string
  photos: readonly string[]
  name: string | null
  phone: string | null
  /** The reason of a rejection (resident and staff only). */
  rejectionReason?: string | null
  /** The public reply. */
  reply?: string | null
  /** ISO instant of receipt. */
  receivedAt: string
}

/** Who looks: nobody signed in (the topic's public page), a resident by openid, or staff. */
export type Viewer = { kind: 'public' } | { kind: 'resident'; openid: string } | { kind: 'staff'; fullAccess: boolean }

export interface SubmissionView {
  id: string | number
  state: SubmissionState
  text: string
  photos: readonly string[]
  receivedAt: string
  name: string | null
  phone: string | null
  rejectionReason: string | null
  reply: string | null
  /** True for the resident's own suggestion (the page marks it "我的建议"). */
  mine: boolean
}

/**
 * What `viewer` sees of a suggestion, or null when nothing:
 * - the public and other residents: only 已公开 / 已回复, never the name, phone or a rejection reason;
 * - the resident who wrote it: all of it, in every state (the reason of a rejection included);
 * - staff: everything, name and phone masked unless `fullAccess` (the handling office, admins).
 */
export function visibleTo(submission: SubmissionRecord, viewer: Viewer): SubmissionView | null {
  const base = {
    id: submission.id,
    state: submission.state,
    text: submission.text,
    photos: submission.photos,
    receivedAt: submission.receivedAt,
    reply: submission.reply ?? null,
  }
  if (viewer.kind === 'resident' && viewer.openid !== '' && viewer.openid === submission.openid) {
    return { ...base, name: submission.name, phone: submission.phone, rejectionReason: submission.rejectionReason ?? null, mine: true }
  }
  if (viewer.kind === 'staff') {
    return { ...base, ...contactFor(submission, viewer.fullAccess), rejectionReason: submission.rejectionReason ?? null, mine: false }
  }
  if (!(PUBLIC_SUBMISSION_STATES as readonly SubmissionState[]).includes(submission.state)) return null
  return { ...base, name: null, phone: null, rejectionReason: null, mine: false }
}
