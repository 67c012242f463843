import type { PayloadRequest } from 'payload'
import { idOf, requireStaff } from '../../access/roles'
import { compareAndSet } from '../../shared/cas'
import { ApiError } from '../../http/api-error'
import type { ReadinessProblem } from '../content/wechat-readiness'
import { appendHistory } from './history'
import { REVIEW_TRANSITION_CONTEXT } from './hooks'
import { notifyReviewTransition } from './notify-review'
import { readinessOf, type ReviewedCollection, type ReviewedDoc } from './reviewed'
import { decideTransition, isReviewState, type ReviewAction, type ReviewState } from './state-machine'

/**
 * A refused review action (the state machine's refusals, an item WeChat would refuse): an ApiError
 * whose `data.problems` lists the failing fields ([] when none), in the REST body as in GraphQL's
 * `extensions.data`.
 */
export class ReviewError extends ApiError {
  constructor(
    status: 400 | 401 | 403 | 404 | 409,
    code: string,
    message: string,
    readonly problems: ReadinessProblem[] = [],
  ) {
    super(status, code, message, { problems })
    this.name = 'ReviewError'
  }
}

export interface ReviewRequest {
  req: PayloadRequest
  collection: ReviewedCollection
  id: string
  action: unknown
  reason?: unknown
}

/**
 * Applies one review action as the request's user. Access is the user's own: an item they cannot
 * read does not exist for them. The status only changes if it is still what the decision saw.
 */
export async function applyReviewAction({ req, collection, id, action, reason }: ReviewRequest) {
  const staff = requireStaff(req)
  const { payload } = req
  const item = (await payload.findByID({
    collection,
    id,
    req,
    overrideAccess: false,
    depth: 0,
    disableErrors: true,
  })) as ReviewedDoc | null
  if (!item) throw new ReviewError(404, 'not-found', '内容不存在或您无权查看')
  const from = isReviewState(item.reviewStatus) ? item.reviewStatus : 'draft'
  const decision = decideTransition(from, action, { role: staff.role, isAuthor: idOf(item.createdBy) === staff.id }, reason)
  if (!decision.ok) throw new ReviewError(decision.status, decision.code, decision.message)
  if (decision.validates) {
    const readiness = readinessOf(payload, collection)
    // The generated interfaces have no index signature, so TypeScript needs the detour to a plain record.
    const problems = readiness.check(item as unknown as Record<string, unknown>)
    if (problems.length > 0) {
      throw new ReviewError(400, 'not-ready', `${readiness.refusal}：${problems.map((p) => p.message).join('；')}`, problems)
    }
  }

  const now = new Date().toISOString()
  const cleanReason = typeof reason === 'string' && reason.trim() !== '' ? reason.trim() : undefined
  const stamps: { reviewStatus: ReviewState; submittedAt?: string; approvedAt?: string; approvedBy?: string } = { reviewStatus: decision.to }
  if (decision.to === 'submitted') stamps.submittedAt = now
  if (decision.to === 'approved') {
    stamps.approvedAt = now
    stamps.approvedBy = staff.id
  }
  // Compare-and-set on the status: of two reviewers acting at once, one moves the item, the other gets 409.
  const moved = await compareAndSet(payload, collection, { and: [{ id: { equals: id } }, { reviewStatus: { equals: from } }] }, stamps, req)
  if (!moved) throw new ReviewError(409, 'conflict', '内容状态已被他人更改，请刷新后重试')

  const updated = (await payload.update({
    collection,
    id,
    data: {
      ...stamps,
      reviewHistory: appendHistory(item.reviewHistory, {
        action: decision.action,
        from,
        to: decision.to,
        by: staff.id,
        at: now,
        reason: cleanReason,
      }),
    },
    req,
    overrideAccess: true,
    depth: 0,
    context: { [REVIEW_TRANSITION_CONTEXT]: true },
  })) as ReviewedDoc

  await notifyReviewTransition(payload, {
    collection,
    item: updated,
    action: decision.action as ReviewAction,
    actorName: staff.name ?? staff.email ?? '',
    reason: cleanReason,
  }).catch((error: unknown) => payload.logger.error({ msg: 'review notification failed', error }))
  return updated
}
