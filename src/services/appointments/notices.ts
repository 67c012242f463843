/**
 * Which steps of a matter tell the resident, and what the template message says (the template
 * layout itself is src/services/notifications/resident-notice-layout.ts). Sent after the step is
 * saved; a notice that fails is recorded in `resident-notices`, never thrown.
 *
 * | step                              | notice             |
 * | --------------------------------- | ------------------ |
 * | booked (online or by staff)       | booked 预约成功    |
 * | the day before the slot (the job) | reminder 预约提醒  |
 * | accept 受理                       | accepted 已受理    |
 * | request_more 通知补正             | needsMore 需补正   |
 * | complete 办结                     | done 已办结        |
 * | cancel by staff                   | cancelledByStaff   |
 *
 * Check-in, start, resume and no-shows tell nobody (the resident is at the window, or was not); a
 * resident's own cancellation is confirmed on the page. Without an openid (booked by staff for
 * someone who called) nothing is sent.
 */
import type { Payload } from 'payload'
import { idOf } from '../../access/roles'
import { residentPageUrl } from '../../http/admin-url'
import { notifyResident, type ResidentNoticeFields, type ResidentNoticeKind, type ResidentNoticeOutcome } from '../notifications/resident-notices'
import type { StoredAppointment } from './types'
import { MATTER_STATE_LABELS, isMatterState } from './matter-status'
import type { StepTaken } from './steps'

/** The notice a step sends, or null. */
export function noticeKindForStep(step: Pick<StepTaken, 'action' | 'actorKind'>): ResidentNoticeKind | null {
  switch (step.action) {
    case 'book':
      return 'booked'
    case 'accept':
      return 'accepted'
    case 'request_more':
      return 'needsMore'
    case 'complete':
      return 'done'
    case 'cancel':
      return step.actorKind === 'resident' ? null : 'cancelledByStaff'
    default:
      return null
  }
}

/** 「12月7日 14:00-15:00」: short enough for one keyword line (20 characters). */
export function slotText(appointment: Pick<StoredAppointment, 'slotDate' | 'slotStart' | 'slotEnd'>): string {
  const [, month, day] = appointment.slotDate.split('-').map(Number)
  return `${month}月${day}日 ${appointment.slotStart}-${appointment.slotEnd}`
}

/** 「12月11日」 */
const dayText = (date: string | null | undefined): string | undefined => {
  if (!date) return undefined
  const [, month, day] = date.split('-').map(Number)
  return `${month}月${day}日`
}

/** The template fields of a notice about `appointment` in its state now. */
export function noticeFields(appointment: StoredAppointment & { guideTitle: string }, note: string | null, expected: string | null): ResidentNoticeFields {
  return {
    matter: appointment.guideTitle,
    time: slotText(appointment),
    code: appointment.bookingCode,
    state: isMatterState(appointment.status) ? MATTER_STATE_LABELS[appointment.status].zh : appointment.status,
    ...(note ? { note } : {}),
    ...(dayText(expected) ? { expected: dayText(expected) } : {}),
  }
}

/**
 * Sends notice `kind` about `appointment` to its resident. `key` is the notice's identity, sent at
 * most once (WeChat's `client_msg_id`, ≤ 64 characters; ids may be UUIDs): `step:<matter-step id>`
 * for a step, `reminder:<appointment id>` for the reminder. Answers the outcome, or null when the
 * appointment has no openid (booked by staff for someone who called).
 */
export async function tellResident(
  payload: Payload,
  kind: ResidentNoticeKind,
  appointment: StoredAppointment & { guideTitle: string },
  key: string,
  note: string | null = null,
  expected: string | null = null,
): Promise<ResidentNoticeOutcome | null> {
  if (!appointment.openid) return null
  const accountId = idOf(appointment.account)
  return notifyResident(payload, {
    ...(accountId ? { accountId } : {}),
    openid: appointment.openid,
    kind,
    clientMsgId: key,
    url: residentPageUrl(`/m/appointments/${String(appointment.id)}`),
    fields: noticeFields(appointment, note, expected),
    related: { collection: 'appointments', id: String(appointment.id) },
  })
}

/** The notice of a step just taken (steps.ts), if it sends one. */
export async function noticeForStep(payload: Payload, step: StepTaken): Promise<ResidentNoticeOutcome | null> {
  const kind = noticeKindForStep(step)
  if (!kind) return null
  return tellResident(payload, kind, step.appointment, `step:${step.stepId}`, step.note, step.expectedCompletion)
}
