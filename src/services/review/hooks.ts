import type { CollectionBeforeChangeHook } from 'payload'
import { communityOf, idOf, staffOf } from '../../access/roles'
import { appendHistory } from './history'
import type { ReviewedDoc } from './reviewed'
import { isReviewState, stateAfterEdit, type ReviewState } from './state-machine'

/** Set by the review service and the push when they change `reviewStatus` on purpose. */
export const REVIEW_TRANSITION_CONTEXT = 'reviewTransition'

/**
 * Keeps authorship, community and review state honest on every save, whatever the client:
 * the author is whoever created the item, editors stay in their community, and an approved item
 * whose content changes needs approving again.
 */
export const enforceReviewRules: CollectionBeforeChangeHook<ReviewedDoc> = ({ data, originalDoc, operation, req, context }) => {
  if (context?.[REVIEW_TRANSITION_CONTEXT]) return data
  const staff = staffOf(req.user)
  const now = new Date().toISOString()

  if (operation === 'create') {
    if (staff) data.createdBy = staff.id
    if (staff?.role === 'editor') data.community = communityOf(req.user)
    if (staff && staff.role !== 'admin') data.reviewStatus = 'draft'
    if (staff?.role === 'admin' && data.reviewStatus && data.reviewStatus !== 'draft') {
      data.reviewHistory = appendHistory([], { action: 'set', from: 'draft', to: data.reviewStatus, by: staff.id, at: now })
    }
    return data
  }

  const previous: ReviewState = isReviewState(originalDoc?.reviewStatus) ? originalDoc.reviewStatus : 'draft'
  data.createdBy = idOf(originalDoc?.createdBy)
  if (staff?.role === 'editor') data.community = idOf(originalDoc?.community) ?? communityOf(req.user)

  const requested = data.reviewStatus
  if (staff?.role === 'admin' && isReviewState(requested) && requested !== previous) {
    data.reviewHistory = appendHistory(originalDoc?.reviewHistory, {
      action: 'set',
      from: previous,
      to: requested,
      by: staff.id,
      at: now,
    })
    return data
  }
  const next = stateAfterEdit(previous)
  data.reviewStatus = next
  if (next !== previous) {
    data.reviewHistory = appendHistory(originalDoc?.reviewHistory, {
      action: 'edit',
      from: previous,
      to: next,
      by: staff?.id ?? null,
      at: now,
      reason: '审核通过后内容被修改，需重新审核',
    })
  }
  return data
}
