/**
 * Staff moderate a suggestion (先审后发): approve (公开), reject with a reason the resident sees, answer
 * publicly — the database side of `decideModeration` (moderation.ts), for
 * `POST /api/consultation-submissions/:id/moderate` and the admin's moderation panel.
 */
import type { PayloadRequest } from 'payload'
import { requireStaff } from '../../access/roles'
import { ApiError } from '../../http/api-error'
import type { ConsultationSubmission } from '../../payload-types'
import { compareAndSet } from '../../shared/cas'
import { moderationActorOf } from './access'
import { decideModeration, isSubmissionState } from './moderation'

/**
 * Applies `action` ('approve' | 'reject' | 'answer') with `text` (the reason or the public reply) to
 * suggestion `id`, as the signed-in staff member of `req`, and answers the suggestion as that member
 * reads it (personal fields masked unless allowed). Throws ApiError: 401 not signed in; 404
 * `not-found` when the suggestion does not exist or the user may not read it; decideModeration's 400
 * (`unknown-action`, `text-required`, `text-too-long`), 403 `forbidden` (not of the topic's community
 * or office, not a leader or admin; residents withdraw through submit.ts), 409 `invalid-transition`;
 * 409 `changed` when someone else moderated it between the read and the write (compare-and-set).
 */
export async function moderateSubmission(req: PayloadRequest, input: { id: string; action: unknown; text?: unknown; now?: number }) {
  requireStaff(req)
  const { payload } = req
  const found = await payload
    .findByID({ collection: 'consultation-submissions', id: input.id, depth: 0, req, overrideAccess: false, disableErrors: true })
    .catch(() => null)
  if (!found) throw new ApiError(404, 'not-found', { zh: '建议不存在或您无权查看', en: 'No such suggestion, or you may not read it' })
  const actor = moderationActorOf(req.user, found)
  const from = isSubmissionState(found.status) ? found.status : 'pending'
  if (!actor) throw new ApiError(401, 'unauthenticated', { zh: '请先登录', en: 'Please log in' })
  // Residents withdraw their own through the residents' page (withdrawSubmission), never here.
  if (input.action === 'withdraw') throw new ApiError(403, 'forbidden', { zh: '只有建议人本人可以撤回建议', en: 'Only the resident may withdraw a suggestion' })
  const decision = decideModeration(from, input.action, actor, input.text)
  if (!decision.ok) throw new ApiError(decision.status, decision.code, decision.message)

  const at = new Date(input.now ?? Date.now()).toISOString()
  const userId = req.user ? String(req.user.id) : null
  const data: Partial<ConsultationSubmission> = { status: decision.to }
  if (decision.action === 'approve' || decision.action === 'reject') {
    data.moderatedBy = userId
    data.moderatedAt = at
  }
  if (decision.action === 'reject') data.rejectionReason = decision.text
  if (decision.action === 'answer') {
    data.reply = decision.text
    data.answeredAt = at
  }
  const moved = await compareAndSet(payload, 'consultation-submissions', { and: [{ id: { equals: found.id } }, { status: { equals: from } }] }, data, req)
  if (!moved)
    throw new ApiError(409, 'changed', { zh: '这条建议刚被他人处理过，请刷新后重试', en: 'Someone else just moderated this suggestion; reload and try again' })
  return payload.findByID({ collection: 'consultation-submissions', id: found.id, depth: 0, req, overrideAccess: false })
}
