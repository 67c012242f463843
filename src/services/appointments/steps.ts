/**
 * Taking a step of a matter (签到, 受理, 通知补正, 办结, 取消, 登记未到 …): decide with
 * matter-status.ts, then move the status with a compare-and-set from the state read (two staff
 * clicking at once: one wins, the other is told), then record the step in `matter-steps`.
 */
import type { Payload } from 'payload'
import { idOf, type StaffUser } from '../../access/roles'
import { ApiError } from '../../http/api-error'
import { compareAndSet } from '../../shared/cas'
import { staffHandlesOffice } from './access'
import type { StoredAppointment } from './types'
import { CLOSED_MATTER_STATES, decideMatterTransition, isMatterState, type MatterActor, type MatterState } from './matter-status'
import { releaseSeat } from './seats'
import { normalizeBookingCode } from './booking-code'

/** Who takes the step. */
export type StepActor = { kind: 'resident'; openid: string } | { kind: 'staff'; user: StaffUser } | { kind: 'system' }

/** The step taken, for the caller's notice to the resident. */
export interface StepTaken {
  /** The `matter-steps` row written. */
  stepId: string
  /** Who took it (a resident's own cancellation tells nobody). */
  actorKind: StepActor['kind']
  appointment: StoredAppointment & { guideTitle: string }
  from: MatterState
  to: MatterState
  action: string
  note: string | null
  expectedCompletion: string | null
  calendarWarning?: string
}

/**
 * The matter-status actor of a signed-in member of staff for a matter of office `office`: an admin,
 * or staff of that office or not (leaders and other offices: `ofOffice: false`, so no step).
 */
export function staffMatterActor(user: StaffUser, office: unknown): MatterActor {
  if (user.role === 'admin') return { kind: 'admin' }
  return { kind: 'staff', ofOffice: staffHandlesOffice(user, office) }
}

function matterActor(actor: StepActor, appointment: StoredAppointment): MatterActor {
  if (actor.kind === 'system') return { kind: 'system' }
  if (actor.kind === 'resident') return { kind: 'resident', isOwner: !!appointment.openid && appointment.openid === actor.openid }
  return staffMatterActor(actor.user, appointment.office)
}

/**
 * Takes `action` with `note` on appointment `id` as `actor` at `now` (epoch ms).
 * @throws ApiError 404 `not-found` (also for a resident asking about someone else's appointment),
 * the refusals of decideMatterTransition (400/403/409, Chinese), 409 `changed` when someone else moved
 * the matter between the read and the write.
 */
export async function takeMatterStep(
  payload: Payload,
  id: string,
  action: unknown,
  actor: StepActor,
  note?: unknown,
  now: number = Date.now(),
): Promise<StepTaken> {
  const found = await payload.find({ collection: 'appointments', where: { id: { equals: id } }, limit: 1, depth: 1, overrideAccess: true })
  const appointment = found.docs[0] as unknown as StoredAppointment | undefined
  if (!appointment || (actor.kind === 'resident' && appointment.openid !== actor.openid)) throw new ApiError(404, 'not-found', '没有找到这条预约')
  const guide = appointment.guide as { title?: string; timeLimitDays?: number | null } | null
  const from = appointment.status
  if (!isMatterState(from)) throw new ApiError(409, 'invalid-transition', `预约状态“${from}”无效`)
  const decision = decideMatterTransition(
    from,
    action,
    matterActor(actor, appointment),
    {
      now,
      slotStartMs: Date.parse(appointment.slotStartsAt),
      slotEndMs: Date.parse(appointment.slotEndsAt),
      ...(appointment.cutoffMinutes != null ? { cutoffMinutes: appointment.cutoffMinutes } : {}),
      ...(typeof guide?.timeLimitDays === 'number' ? { timeLimitDays: guide.timeLimitDays } : {}),
    },
    note,
  )
  if (!decision.ok) throw new ApiError(decision.status, decision.code, decision.message)

  const at = new Date(now).toISOString()
  const closed = (CLOSED_MATTER_STATES as readonly string[]).includes(decision.to)
  const moved = await compareAndSet(
    payload,
    'appointments',
    { and: [{ id: { equals: appointment.id } }, { status: { equals: from } }] },
    {
      status: decision.to,
      statusNote: decision.note,
      statusChangedAt: at,
      ...(decision.action === 'accept' ? { expectedCompletion: decision.expectedCompletion ?? null } : {}),
      ...(closed ? { closedAt: at } : {}),
    },
  )
  if (!moved) throw new ApiError(409, 'changed', '这条预约刚被其他人更新，请刷新后再试')

  const written = await payload.create({
    collection: 'matter-steps',
    overrideAccess: true,
    depth: 0,
    data: {
      appointment: String(appointment.id),
      office: idOf(appointment.office),
      action: decision.action,
      from,
      to: decision.to,
      note: decision.note,
      expectedCompletion: decision.expectedCompletion ?? null,
      calendarWarning: decision.calendarWarning ?? null,
      actor: actor.kind,
      by: actor.kind === 'staff' ? actor.user.id : null,
      at,
    },
  })
  // A booking cancelled before its slot gives the seat back to other residents.
  if (decision.to === 'cancelled' && from === 'booked') await releaseSeat(payload, appointment.slotKey)

  return {
    stepId: String(written.id),
    actorKind: actor.kind,
    appointment: { ...appointment, status: decision.to, guideTitle: guide?.title ?? '' },
    from,
    to: decision.to,
    action: decision.action,
    note: decision.note,
    expectedCompletion: decision.action === 'accept' ? (decision.expectedCompletion ?? null) : (appointment.expectedCompletion ?? null),
    ...(decision.calendarWarning ? { calendarWarning: decision.calendarWarning } : {}),
  }
}

/**
 * The appointment with booking code `code` (case, spaces and hyphens forgiven), for check-in
 * at the window. @throws ApiError 404 `not-found`.
 */
export async function findByBookingCode(payload: Payload, code: string): Promise<StoredAppointment> {
  const found = await payload.find({
    collection: 'appointments',
    where: { bookingCode: { equals: normalizeBookingCode(code) } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  const appointment = found.docs[0] as unknown as StoredAppointment | undefined
  if (!appointment) throw new ApiError(404, 'not-found', `没有找到预约码为 ${normalizeBookingCode(code)} 的预约`)
  return appointment
}

/** One step of a matter's history as residents and staff see it. */
export interface HistoryEntry {
  action: string
  from: string | null
  to: string
  note: string | null
  expectedCompletion: string | null
  actor: string
  at: string
}

/** The steps of appointment `id`, oldest first (no access check: callers check who asks). */
export async function matterHistory(payload: Payload, id: string): Promise<HistoryEntry[]> {
  const steps = await payload.find({
    collection: 'matter-steps',
    where: { appointment: { equals: id } },
    // Steps of one instant (a script, a test) keep the order they were written in.
    sort: ['at', 'createdAt', 'id'],
    limit: 200,
    depth: 0,
    overrideAccess: true,
  })
  return (steps.docs as unknown as (HistoryEntry & { from?: string | null; note?: string | null; expectedCompletion?: string | null })[]).map((step) => ({
    action: step.action,
    from: step.from ?? null,
    to: step.to,
    note: step.note ?? null,
    expectedCompletion: step.expectedCompletion ?? null,
    actor: step.actor,
    at: step.at,
  }))
}

/** A resident's appointments, newest slot first, with their guide's title. */
export async function residentAppointments(payload: Payload, openid: string): Promise<(StoredAppointment & { guideTitle: string })[]> {
  const found = await payload.find({
    collection: 'appointments',
    where: { openid: { equals: openid } },
    sort: '-slotStartsAt',
    limit: 50,
    depth: 1,
    overrideAccess: true,
  })
  return (found.docs as unknown as StoredAppointment[]).map((doc) => ({ ...doc, guideTitle: (doc.guide as { title?: string } | null)?.title ?? '' }))
}

/** The appointment `id` of the resident `openid` with its guide (depth 1), or null when it is not theirs or does not exist. */
export async function residentAppointment(payload: Payload, id: string, openid: string): Promise<(StoredAppointment & { guideTitle: string }) | null> {
  const found = await payload.find({
    collection: 'appointments',
    where: { and: [{ id: { equals: id } }, { openid: { equals: openid } }] },
    limit: 1,
    depth: 1,
    overrideAccess: true,
  })
  const doc = found.docs[0] as unknown as StoredAppointment | undefined
  return doc ? { ...doc, guideTitle: (doc.guide as { title?: string } | null)?.title ?? '' } : null
}
