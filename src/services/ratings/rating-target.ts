/**
 * What a resident may rate, when, and the key that makes it one rating per matter. Pure.
 *
 * 国办发〔2019〕51号 asks for one rating per service received (现场服务"一次一评"、网上服务"一事一评").
 * Here the things served are an appointment at the window and a published reply to a consultation.
 *
 * Which appointments (decided here; the appointment's status words are those of
 * src/services/appointments/matter-status.ts, restated as strings because this folder imports only the
 * calendar and shared code):
 * - 已办结 `done` and 不予受理 `rejected`: the resident came and the office decided their matter — the
 *   service 好差评 is about, a refusal included (a refusal is exactly what a resident may find unfair).
 * - 已取消 `cancelled` **only when staff cancelled after check-in** (`cancelledAfterCheckIn`): the
 *   resident stood at the window and was sent away. A resident's own cancellation (possible only before
 *   check-in) or a cancellation of a booking nobody came for: no service was given, nothing to rate.
 * - 未到 `no_show`: the resident did not come; nothing to rate.
 * - Running states (已预约 … 需补正): not yet; the resident is asked once the matter is closed.
 * Replies: once published, not before (a draft is not a service given).
 */

export type RatingTarget =
  | {
      kind: 'appointment'
      id: string | number
      /** The appointment's status (`booked` … `no_show`, as matter-status.ts names them). */
      status: string
      /** For `cancelled`: true when staff cancelled after check-in. */
      cancelledAfterCheckIn?: boolean
    }
  | {
      kind: 'reply'
      id: string | number
      /** When the reply was published (epoch ms or ISO), null while a draft. */
      publishedAt: number | string | null
    }

/** Appointment states after which the resident is asked. */
export const RATEABLE_APPOINTMENT_STATES = ['done', 'rejected'] as const

export type RateDecision = { ok: true; key: string } | { ok: false; status: 403 | 409; code: string; message: string }

/**
 * The unique key of a rating's target: `appointment:<id>` or `reply:<id>`. The ratings collection keeps
 * it under a unique index, so a second rating of the same matter fails in the database whatever the
 * number of instances.
 * @throws RangeError for an empty id, an id that is not a string or a whole number ≥ 0, or one holding `:`.
 */
export function ratingKey(target: Pick<RatingTarget, 'kind' | 'id'>): string {
  const { id } = target
  const text = typeof id === 'number' ? (Number.isSafeInteger(id) && id >= 0 ? String(id) : '') : typeof id === 'string' ? id.trim() : ''
  if (text === '' || text.includes(':'))
    throw new RangeError(`a rating target's id must be a non-empty string without ':' or a whole number ≥ 0, got ${JSON.stringify(id)}`)
  if (target.kind !== 'appointment' && target.kind !== 'reply') throw new RangeError(`unknown rating target ${JSON.stringify(target.kind)}`)
  return `${target.kind}:${text}`
}

/**
 * Whether a resident may rate `target` now. `rater.isOwner`: the resident who booked or asked (by
 * openid). `alreadyRated`: a rating with this key exists (the unique index is the real guard; this gives
 * the friendly answer). Refusals: 403 not the owner; 409 not rateable yet / at all, already rated.
 * Source of the one-rating rule: 国办发〔2019〕51号 "一次一评""一事一评"; which states: see the module notes.
 * @throws RangeError for a bad id (see `ratingKey`).
 */
export function canRate(target: RatingTarget, rater: { isOwner: boolean }, alreadyRated = false): RateDecision {
  const key = ratingKey(target)
  if (!rater.isOwner) return { ok: false, status: 403, code: 'not-owner', message: '只有办事的群众本人才能评价' }
  if (alreadyRated) return { ok: false, status: 409, code: 'already-rated', message: '您已经评价过了，每件事项只能评价一次' }
  if (target.kind === 'reply') {
    return target.publishedAt === null || target.publishedAt === ''
      ? { ok: false, status: 409, code: 'not-published', message: '答复尚未发布，发布后才能评价' }
      : { ok: true, key }
  }
  if ((RATEABLE_APPOINTMENT_STATES as readonly string[]).includes(target.status)) return { ok: true, key }
  if (target.status === 'cancelled') {
    return target.cancelledAfterCheckIn ? { ok: true, key } : { ok: false, status: 409, code: 'not-served', message: '预约已取消，未办理的事项不能评价' }
  }
  if (target.status === 'no_show') return { ok: false, status: 409, code: 'not-served', message: '预约未到，未办理的事项不能评价' }
  return { ok: false, status: 409, code: 'not-closed', message: '事项办结后才能评价' }
}
