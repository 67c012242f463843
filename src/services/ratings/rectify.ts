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
import type { DeadlineOrEstimate } from '../calendar/calendar'
import { staffHandlesOffice } from '../appointments/access'
import { notify } from '../notifications/notify'
import { sendDueEscalations } from './escalate'
import { headOrAdmins, officeHead } from './recipients'
import { RATING_LEVEL_INFO } from './levels'
import {
  decideRectificationStep,
  isRectificationState,
  rectificationDeadlineOrEstimate,
  RECTIFICATION_ACTION_LABELS,
  type RectificationAction,
  type RectificationActor,
  type RectificationStepInput,
  type RectificationState,
} from './rectification'
import { loadRatingSettings } from './settings'
import type { Rating, Rectification, RectificationStep } from '../../payload-types'
import type { DeadlineCountFields, RectificationWithCount } from './deadline-fields'

/** The item a 差评 opened. */
export interface OpenedRectification {
  id: string
  openedOn: string
  /** Always set for a new item; null only for an item stored before estimates (see `recountEstimatedDeadlines`). */
  deadline: string | null
  /** True when a year the calendar does not know was counted as Monday–Friday (`deadlineWarning` says so). */
  deadlineEstimated: boolean
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
      // 'adjust_deadline' is new (collections/rectification-steps.ts has it; the generated types not yet).
      action: step.action as RectificationStep['action'],
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
 * `rectificationDays` working days later (`rectificationDeadlineOrEstimate`; a year the calendar does not
 * know is counted Monday–Friday, stored with `deadlineEstimated` and its warning), assigned to the office
 * head, who is told (no head → the admins, told to name one). The notice carries no personal data.
 * Unique per rating: a second call answers the first item.
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
      deadlineEstimated: (found as RectificationWithCount).deadlineEstimated === true,
      deadlineWarning: found.deadlineWarning ?? null,
      assignee: idOf(found.assignee),
    }
  }
  const days = args.rectificationDays ?? (await loadRatingSettings(payload)).rectificationDays
  const openedOn = shanghaiDate(args.now)
  // Always a date: a year the calendar does not know is counted Monday–Friday and flagged, so the item
  // can become overdue; the morning job counts again once the year is known.
  const counted = rectificationDeadlineOrEstimate(openedOn, days)
  const deadline = counted.date
  const deadlineWarning = counted.warning ?? null
  // Not yet in the generated types (deadline-fields.ts): spread, so the literal's field check lets them through.
  const count: DeadlineCountFields = { deadlineEstimated: counted.estimated, deadlineFrom: openedOn, deadlineDays: days }
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
      ...count,
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
      `整改期限：${deadline}（${days} 个工作日）${deadlineWarning ? `。${deadlineWarning}` : ''}`,
      '请先回访群众，再记录整改措施。请在管理后台"好差评 → 差评整改"中处理。',
      headless ? '注意：该科室尚未设置科室负责人，请管理员在"科室"中设置。' : '',
    ]
      .filter(Boolean)
      .join('\n'),
    relatedCollection: 'rectifications',
    relatedId: String(created.id),
  })
  return {
    id: String(created.id),
    openedOn,
    deadline,
    deadlineEstimated: counted.estimated,
    deadlineWarning,
    assignee: headless ? null : (recipients[0]?.id ?? null),
  }
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
  const ofOffice = staffHandlesOffice(user, item.office)
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

/** The `where` of "the deadline is still the one read" (null: none stored). */
const sameDeadline = (deadline: string | null | undefined): Where =>
  deadline ? { deadline: { equals: deadline } } : { or: [{ deadline: { equals: null } }, { deadline: { exists: false } }] }

/** The step taken. */
export interface RectificationStepTaken {
  stepId: string
  id: string
  from: RectificationState
  to: RectificationState
  action: string
  note: string | null
  deadline: string | null
  deadlineEstimated: boolean
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
  const data: Partial<RectificationWithCount> = { state: decision.to, stateChangedAt: at }
  let deadline = item.deadline ?? null
  let deadlineEstimated = (item as RectificationWithCount).deadlineEstimated === true
  let deadlineWarning = item.deadlineWarning ?? null
  let note = decision.note
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
      const days = (await loadRatingSettings(payload)).rectificationDays
      const counted = rectificationDeadlineOrEstimate(today, days)
      deadline = counted.date
      deadlineEstimated = counted.estimated
      deadlineWarning = counted.warning ?? null
      Object.assign(data, {
        reviewNote: decision.note,
        closedOn: null,
        fixedOn: null,
        verdict: null,
        verdictAt: null,
        verdictNote: null,
        deadline,
        deadlineEstimated,
        deadlineWarning,
        deadlineFrom: today,
        deadlineDays: days,
      })
      break
    }
    case 'adjust_deadline':
      // A date set by staff is not an estimate: the morning job leaves it alone.
      deadline = decision.deadline ?? null
      deadlineEstimated = false
      deadlineWarning = null
      note = `整改期限由 ${item.deadline ?? '（无）'} 调整为 ${deadline}。理由：${decision.note ?? ''}`
      Object.assign(data, { deadline, deadlineEstimated, deadlineWarning })
      break
  }
  const where: Where = {
    and: [
      { id: { equals: item.id } },
      { state: { equals: from } },
      ...(decision.action === 'appeal' ? [{ appealUsed: { not_equals: true } }] : []),
      // The state does not move: the deadline read is what guards two adjustments (or the morning recount) at once.
      ...(decision.action === 'adjust_deadline' ? [sameDeadline(item.deadline)] : []),
    ],
  }
  const moved = await compareAndSet(payload, 'rectifications', where, data)
  if (!moved) throw new ApiError(409, 'changed', '这条差评整改刚被其他人更新，请刷新后再试')

  const stepId = await recordStep(payload, {
    rectification: item.id,
    office: item.office,
    action: decision.action,
    from,
    to: decision.to,
    note,
    callBack: decision.callBack,
    actor: actor.kind,
    by: actor.kind === 'staff' ? String(actor.user.id) : null,
    at,
  })

  if (decision.action === 'appeal') {
    // The appeal stands even when the leader's notice fails: its key was given back, the morning run sends it.
    await sendDueEscalations(payload, String(item.id), today).catch((error: unknown) =>
      payload.logger.error({ msg: 'appeal notice failed; sent by the morning run', rectification: String(item.id), error: String(error) }),
    )
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
  return { stepId, id: String(item.id), from, to: decision.to, action: decision.action, note, deadline, deadlineEstimated, deadlineWarning }
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

/**
 * The morning job's recount (jobs/ratings-daily.ts, before the escalations): every item whose deadline
 * is an estimate (`deadlineEstimated`: a year the calendar did not know counted as Monday–Friday) or
 * missing (stored before estimates) is counted again from the day its count started (`deadlineFrom`,
 * else the day of its last reopening, else `openedOn`) with its working days (`deadlineDays`, else the
 * settings'). Exact once the calendar knows the year (after `npm i chinese-days@latest`): the deadline
 * is replaced, the flag and the warning cleared; a missing one gets the estimate meanwhile. Each write is
 * a compare-and-set on the deadline and flag read, so a deadline staff set meanwhile (调整整改期限) is
 * never overwritten and two instances write once. `count` is the calendar's count (tests pass another).
 * Answers how many items were looked at and how many got a new deadline.
 */
export async function recountEstimatedDeadlines(
  payload: Payload,
  options: { count?: (from: string, workingDays: number) => DeadlineOrEstimate } = {},
): Promise<{ checked: number; updated: number }> {
  const count = options.count ?? rectificationDeadlineOrEstimate
  const found = await payload.find({
    collection: 'rectifications',
    where: { or: [{ deadlineEstimated: { equals: true } }, { deadline: { equals: null } }, { deadline: { exists: false } }] },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const items = found.docs as RectificationWithCount[]
  let settingsDays: number | null = null
  let updated = 0
  for (const item of items) {
    const from = item.deadlineFrom ?? (await lastReopenedOn(payload, item.id)) ?? item.openedOn
    const days = item.deadlineDays ?? (settingsDays ??= (await loadRatingSettings(payload)).rectificationDays)
    const counted = count(from, days)
    const estimated = item.deadlineEstimated === true
    if (item.deadline && estimated === counted.estimated && item.deadline === counted.date) continue
    // An estimate stays as it is until the year is known (the warning is already stored).
    if (item.deadline && estimated && counted.estimated) continue
    const recounted: Partial<RectificationWithCount> = {
      deadline: counted.date,
      deadlineEstimated: counted.estimated,
      deadlineWarning: counted.warning ?? null,
    }
    const won = await compareAndSet(
      payload,
      'rectifications',
      {
        and: [
          { id: { equals: item.id } },
          sameDeadline(item.deadline),
          estimated ? { deadlineEstimated: { equals: true } } : { deadlineEstimated: { not_equals: true } },
        ],
      },
      recounted,
    )
    if (won) updated++
  }
  return { checked: items.length, updated }
}

/** The Beijing day of item `id`'s last reopening, or null. */
async function lastReopenedOn(payload: Payload, id: string | number): Promise<string | null> {
  const steps = await payload.find({
    collection: 'rectification-steps',
    where: { and: [{ rectification: { equals: id } }, { action: { equals: 'reopen' } }] },
    sort: '-at',
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  const at = steps.docs[0]?.at
  return at ? shanghaiDate(Date.parse(at)) : null
}
