/**
 * 差评整改 as stored: opening the item of a bad rating (deadline in working days from the Beijing day
 * of the rating, assigned to the office head), taking a step (decide with `decideRectificationStep`,
 * move `state` with a compare-and-set from the state read — two clicks at once: one wins, the other
 * gets 409 `changed` — then record the step in `rectification-steps`), and the history. Rules:
 * rectification.ts; sources: 国办发〔2019〕51号, issue #14.
 */
import type { Payload, Where } from 'payload'
import { idOf, type StaffUser } from '../../access/roles'
import { ApiError } from '../../http/api-error'
import { compareAndSet } from '../../shared/cas'
import { shanghaiDate } from '../../shared/time'
import { mayHandleOffice } from '../appointments/access'
import { notify } from '../notifications/notify'
import { sendDueEscalations } from './escalate'
import { headOrAdmins, officeHead } from './recipients'
import { RATING_LEVEL_INFO } from './levels'
import {
  decideRectificationStep,
  isRectificationState,
  rectificationDeadline,
  RECTIFICATION_ACTION_LABELS,
  type RectificationAction,
  type RectificationActor,
  type RectificationStepInput,
  type RectificationState,
} from './rectification'
import { loadRatingSettings } from './settings'
import type { Rating, Rectification } from '../../payload-types'

/** The item a 差评 opened. */
export interface OpenedRectification {
  id: string
  openedOn: string
  /** Null when the count reached a year the calendar does not know (`deadlineWarning` says so). */
  deadline: string | null
  deadlineWarning: string | null
  /** The office head it is assigned to (null: none set, the admins were told). */
  assignee: string | null
}

async function recordStep(
  payload: Payload,
  step: {
    rectification: string
    office: unknown
    action: RectificationAction | 'open'
    from: RectificationState | null
    to: RectificationState
    note: string | null
    callBack?: { caller: string; calledAt: number; summary: string }
    actor: 'resident' | 'staff' | 'system'
    by?: string | null
    at: string
  },
): Promise<string> {
  const written = await payload.create({
    collection: 'rectification-steps',
    overrideAccess: true,
    depth: 0,
    data: {
      rectification: step.rectification,
      office: idOf(step.office),
      action: step.action,
      from: step.from,
      to: step.to,
      note: step.note,
      caller: step.callBack?.caller ?? null,
      calledAt: step.callBack ? new Date(step.callBack.calledAt).toISOString() : null,
      summary: step.callBack?.summary ?? null,
      actor: step.actor,
      by: step.by ?? null,
      at: step.at,
    },
  })
  return String(written.id)
}

/**
 * Opens the rectification item of the bad `rating` (opened on the Beijing day of `now`): deadline
 * `rectificationDays` working days later (`rectificationDeadline`; a year the calendar does not know →
 * no deadline and its warning), assigned to the office head, who is told (no head → the admins, told to
 * name one). The notice carries no personal data. Unique per rating: a second call answers the first item.
 */
export async function openRectification(
  payload: Payload,
  args: { rating: Rating; reasons: string[]; title: string; rectificationDays?: number; now: number },
): Promise<OpenedRectification> {
  const existing = await payload.find({
    collection: 'rectifications',
    where: { rating: { equals: args.rating.id } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  const found = existing.docs[0]
  if (found) {
    return {
      id: String(found.id),
      openedOn: found.openedOn,
      deadline: found.deadline ?? null,
      deadlineWarning: found.deadlineWarning ?? null,
      assignee: idOf(found.assignee),
    }
  }
  const days = args.rectificationDays ?? (await loadRatingSettings(payload)).rectificationDays
  const openedOn = shanghaiDate(args.now)
  const counted = rectificationDeadline(openedOn, days)
  const deadline = counted.ok ? counted.value : null
  const deadlineWarning = counted.ok ? null : counted.warning
  const office = idOf(args.rating.office)
  // Required on a rating (rate.ts refuses a matter without an office): a rating without one is a bug.
  if (!office) throw new Error(`rating ${args.rating.id} has no office`)
  const { recipients, headless } = await headOrAdmins(payload, office)
  const at = new Date(args.now).toISOString()
  const created = await payload.create({
    collection: 'rectifications',
    overrideAccess: true,
    depth: 0,
    data: {
      rating: args.rating.id,
      level: args.rating.level,
      office,
      guide: idOf(args.rating.guide),
      reasons: args.reasons,
      state: 'open',
      openedOn,
      deadline,
      deadlineWarning,
      assignee: headless ? null : (recipients[0]?.id ?? null),
      appealUsed: false,
      escalationsSent: '',
      stateChangedAt: at,
    },
  })
  await recordStep(payload, { rectification: created.id, office: args.rating.office, action: 'open', from: null, to: 'open', note: null, actor: 'system', at })
  const level = RATING_LEVEL_INFO[args.rating.level].zh
  await notify(payload, {
    recipients,
    subject: `【差评整改】${args.title || '办事事项'}收到"${level}"评价，请${days}个工作日内整改`,
    body: [
      `事项：${args.title || '（未命名）'}`,
      `评价：${level}${args.reasons.length ? `（${args.reasons.join('、')}）` : ''}`,
      deadline ? `整改期限：${deadline}（${days} 个工作日）` : `整改期限：未能计算。${deadlineWarning ?? ''}`,
      '请先回访群众，再记录整改措施。请在管理后台"好差评 → 差评整改"中处理。',
      headless ? '注意：该科室尚未设置科室负责人，请管理员在"科室"中设置。' : '',
    ]
      .filter(Boolean)
      .join('\n'),
    relatedCollection: 'rectifications',
    relatedId: String(created.id),
  })
  return { id: String(created.id), openedOn, deadline, deadlineWarning, assignee: headless ? null : (recipients[0]?.id ?? null) }
}

/** Who takes a step: a signed-in member of staff, or the resident (by openid, from the residents' pages). */
export type RectificationStepActor = { kind: 'staff'; user: StaffUser } | { kind: 'resident'; openid: string }

/** The rectification actor of a member of staff for `item`: admin, leader, or staff of the office or not (head when they are the office head or the assignee). */
export async function staffRectificationActor(
  payload: Payload,
  user: StaffUser,
  item: Pick<Rectification, 'office' | 'assignee'>,
): Promise<RectificationActor> {
  const role = user.role
  if (role === 'admin') return { kind: 'admin' }
  if (role === 'leader') return { kind: 'leader' }
  // `user` is the request's user as requireStaff answers it (StaffUser, without the `collection` Payload's
  // user type has); the appointments' office rule takes Payload's type.
  const ofOffice = mayHandleOffice(user as never, item.office)
  const head = ofOffice && (idOf(item.assignee) === String(user.id) || (await officeHead(payload, item.office))?.id === String(user.id))
  return { kind: 'staff', ofOffice, head }
}

/** The item `id` with its rating (depth 0), or null. */
export async function loadRectification(payload: Payload, id: string): Promise<{ item: Rectification; rating: Rating } | null> {
  const found = await payload.find({ collection: 'rectifications', where: { id: { equals: id } }, limit: 1, depth: 0, overrideAccess: true })
  const item = found.docs[0]
  if (!item) return null
  const rating = await payload.findByID({ collection: 'ratings', id: idOf(item.rating)!, depth: 0, overrideAccess: true })
  return { item, rating }
}

/** The step taken. */
export interface RectificationStepTaken {
  stepId: string
  id: string
  from: RectificationState
  to: RectificationState
  action: string
  note: string | null
  deadline: string | null
  deadlineWarning: string | null
}

/**
 * Takes `action` on rectification `id` as `actor` at `now` (epoch ms), with the note or the call-back
 * record (`input`). The state moves with a compare-and-set from the state read; the fields the step
 * sets go in the same statement (the fix and its day, the verdict, the closing, the appeal flag, a
 * reopened item's new deadline). An appeal tells the leader(s) at once (escalate.ts, sent once); a
 * resident's verdict tells the office head.
 * @throws ApiError 404 `not-found` (also for a resident asking about someone else's rating), the
 * refusals of decideRectificationStep (400/403/409, Chinese), 409 `changed` when someone else moved the
 * item between the read and the write.
 */
export async function takeRectificationStep(
  payload: Payload,
  id: string,
  action: unknown,
  actor: RectificationStepActor,
  input: RectificationStepInput = {},
  now: number = Date.now(),
): Promise<RectificationStepTaken> {
  const loaded = await loadRectification(payload, id)
  if (!loaded || (actor.kind === 'resident' && loaded.rating.openid !== actor.openid)) throw new ApiError(404, 'not-found', '没有找到这条差评整改')
  const { item, rating } = loaded
  const from = item.state
  if (!isRectificationState(from)) throw new ApiError(409, 'invalid-transition', `整改状态"${String(from)}"无效`)
  const who: RectificationActor =
    actor.kind === 'resident' ? { kind: 'resident', isOwner: rating.openid === actor.openid } : await staffRectificationActor(payload, actor.user, item)
  const decision = decideRectificationStep(from, action, who, { now, appealUsed: item.appealUsed === true }, input)
  if (!decision.ok) throw new ApiError(decision.status, decision.code, decision.message)

  const at = new Date(now).toISOString()
  const today = shanghaiDate(now)
  const data: Partial<Rectification> = { state: decision.to, stateChangedAt: at }
  let deadline = item.deadline ?? null
  let deadlineWarning = item.deadlineWarning ?? null
  switch (decision.action) {
    case 'record_fix':
      // A new fix is not yet approved for the public page.
      Object.assign(data, { fix: decision.note, fixedOn: today, publicFix: null, verdict: null, verdictAt: null, verdictNote: null })
      break
    case 'accept':
    case 'dispute':
      Object.assign(data, {
        verdict: decision.action === 'accept' ? 'accepted' : 'disputed',
        verdictAt: at,
        verdictNote: decision.note,
        ...(decision.action === 'accept' ? { closedOn: today } : {}),
      })
      break
    case 'close_without_agreement':
      Object.assign(data, { closeReason: decision.note, closedOn: today })
      break
    case 'appeal':
      Object.assign(data, { appealUsed: true, appealedAt: at })
      break
    case 'review':
      Object.assign(data, { reviewNote: decision.note, closedOn: today })
      break
    case 'reopen': {
      // Counted again from the day of reopening (rectification.ts: the caller computes it).
      const counted = rectificationDeadline(today, (await loadRatingSettings(payload)).rectificationDays)
      deadline = counted.ok ? counted.value : null
      deadlineWarning = counted.ok ? null : counted.warning
      Object.assign(data, {
        reviewNote: decision.note,
        closedOn: null,
        fixedOn: null,
        verdict: null,
        verdictAt: null,
        verdictNote: null,
        deadline,
        deadlineWarning,
      })
      break
    }
  }
  const where: Where = {
    and: [{ id: { equals: item.id } }, { state: { equals: from } }, ...(decision.action === 'appeal' ? [{ appealUsed: { not_equals: true } }] : [])],
  }
  const moved = await compareAndSet(payload, 'rectifications', where, data)
  if (!moved) throw new ApiError(409, 'changed', '这条差评整改刚被其他人更新，请刷新后再试')

  const stepId = await recordStep(payload, {
    rectification: item.id,
    office: item.office,
    action: decision.action,
    from,
    to: decision.to,
    note: decision.note,
    callBack: decision.callBack,
    actor: actor.kind,
    by: actor.kind === 'staff' ? String(actor.user.id) : null,
    at,
  })

  if (decision.action === 'appeal') {
    await sendDueEscalations(payload, String(item.id), today)
  }
  if (decision.action === 'accept' || decision.action === 'dispute') {
    const { recipients } = await headOrAdmins(payload, item.office)
    await notify(payload, {
      recipients,
      subject: `【差评整改】群众${RECTIFICATION_ACTION_LABELS[decision.action].zh}`,
      body: `群众对差评整改（${item.openedOn} 收到）的整改结果表示：${decision.action === 'accept' ? '认可' : '不认可'}。${
        decision.action === 'dispute' ? '请再次整改，或由科室负责人写明理由后办结。' : ''
      }`,
      relatedCollection: 'rectifications',
      relatedId: String(item.id),
    })
  }
  return { stepId, id: String(item.id), from, to: decision.to, action: decision.action, note: decision.note, deadline, deadlineWarning }
}

/** One step of an item's history (the call-back record included; staff only — the residents' page shows states and the fix). */
export interface RectificationHistoryEntry {
  action: string
  from: string | null
  to: string
  note: string | null
  caller: string | null
  calledAt: string | null
  summary: string | null
  actor: string
  by: string | null
  at: string
}

/** The steps of item `id`, oldest first (no access check: callers check who asks). */
export async function rectificationHistory(payload: Payload, id: string): Promise<RectificationHistoryEntry[]> {
  const steps = await payload.find({
    collection: 'rectification-steps',
    where: { rectification: { equals: id } },
    sort: ['at', 'createdAt', 'id'],
    limit: 200,
    depth: 0,
    overrideAccess: true,
  })
  return steps.docs.map((step) => ({
    action: step.action,
    from: step.from ?? null,
    to: step.to,
    note: step.note ?? null,
    caller: step.caller ?? null,
    calledAt: step.calledAt ?? null,
    summary: step.summary ?? null,
    actor: step.actor,
    by: idOf(step.by),
    at: step.at,
  }))
}

/** The rectification item of rating `ratingId`, or null. */
export async function rectificationOfRating(payload: Payload, ratingId: string | number): Promise<Rectification | null> {
  const found = await payload.find({ collection: 'rectifications', where: { rating: { equals: ratingId } }, limit: 1, depth: 0, overrideAccess: true })
  return found.docs[0] ?? null
}
