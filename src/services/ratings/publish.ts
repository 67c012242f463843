/**
 * What staff approve for the public monthly page (issue #14: 「不公开评论，除非工作人员已批准」): a
 * rating's comment (`commentApproved`) and a rectification's fix as it may be published (`publicFix`).
 * Admins and leaders only; nothing else of a rating changes (ratings are the resident's).
 */
import type { Payload, PayloadRequest } from 'payload'
import { requireStaff } from '../../access/roles'
import { ApiError } from '../../http/api-error'
import { compareAndSet } from '../../shared/cas'
import { MAX_RECTIFICATION_NOTE_LENGTH } from './rectification'

const WHO = { forbidden: { zh: '只有审核领导或管理员可以批准公开', en: 'Only leaders or administrators approve publication' } }

/**
 * Approves (or, `approved: false`, withdraws) the comment of rating `id` for the public page.
 * @throws ApiError 401, 403 (not an admin or leader), 404 `not-found`, 409 `no-comment` (nothing to approve).
 */
export async function approveComment(payload: Payload, req: Pick<PayloadRequest, 'user'>, id: string, approved = true, now: number = Date.now()) {
  const staff = requireStaff(req, ['admin', 'leader'], WHO)
  const found = await payload.find({ collection: 'ratings', where: { id: { equals: id } }, limit: 1, depth: 0, overrideAccess: true })
  const rating = found.docs[0]
  if (!rating) throw new ApiError(404, 'not-found', { zh: '没有找到这条评价', en: 'Rating not found' })
  if (approved && !rating.comment?.trim()) throw new ApiError(409, 'no-comment', { zh: '这条评价没有填写意见', en: 'This rating has no comment' })
  await compareAndSet(
    payload,
    'ratings',
    { id: { equals: rating.id } },
    {
      commentApproved: approved,
      commentApprovedBy: approved ? staff.id : null,
      commentApprovedAt: approved ? new Date(now).toISOString() : null,
    },
  )
  return { id: String(rating.id), commentApproved: approved }
}

/**
 * Sets the text of rectification `id`'s fix as published on the monthly page (`text` null or empty:
 * nothing published). Staff write it without personal data (names, phones): it is shown as given.
 * @throws ApiError 401, 403, 404 `not-found`, 409 `not-fixed` (no fix recorded yet), 400 `too-long`.
 */
export async function approvePublicFix(payload: Payload, req: Pick<PayloadRequest, 'user'>, id: string, text: unknown) {
  requireStaff(req, ['admin', 'leader'], WHO)
  const value = typeof text === 'string' ? text.trim() : ''
  if (Array.from(value).length > MAX_RECTIFICATION_NOTE_LENGTH)
    throw new ApiError(400, 'too-long', { zh: `公开的整改措施不能超过 ${MAX_RECTIFICATION_NOTE_LENGTH} 个字`, en: 'Too long' })
  const found = await payload.find({ collection: 'rectifications', where: { id: { equals: id } }, limit: 1, depth: 0, overrideAccess: true })
  const item = found.docs[0]
  if (!item) throw new ApiError(404, 'not-found', { zh: '没有找到这条差评整改', en: 'Rectification not found' })
  if (value !== '' && !item.fix) throw new ApiError(409, 'not-fixed', { zh: '还没有记录整改措施', en: 'No fix recorded yet' })
  await compareAndSet(payload, 'rectifications', { id: { equals: item.id } }, { publicFix: value === '' ? null : value })
  return { id: String(item.id), publicFix: value === '' ? null : value }
}
