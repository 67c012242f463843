import type { Payload } from 'payload'
import { idOf } from '../../access/roles'
import { checkWeChatReadiness } from '../content/wechat-readiness'
import { CONTENT_COLLECTIONS, type ContentDoc } from '../content/types'
import type { ItemRef } from './item-refs'
import type { Candidate } from './select'
import { shanghaiDate } from '../../shared/time'

export function toCandidate(collection: Candidate['collection'], doc: ContentDoc): Candidate {
  const priority = doc.priority === 'pinned' || doc.priority === 'high' ? doc.priority : 'normal'
  return {
    collection,
    id: String(doc.id),
    title: String(doc.title ?? ''),
    priority,
    approvedAt: doc.approvedAt ?? null,
    community: idOf(doc.community),
    pushBy: doc.pushBy ?? null,
    reviewStatus: String(doc.reviewStatus ?? ''),
    pushedIn: idOf(doc.pushedIn),
    problems: checkWeChatReadiness(doc).map((problem) => problem.message),
  }
}

/** Every approved item not yet pushed, across the three content types. */
export async function loadPool(payload: Payload): Promise<Candidate[]> {
  const pools = await Promise.all(
    CONTENT_COLLECTIONS.map(async (collection) => {
      const found = await payload.find({
        collection,
        overrideAccess: true,
        depth: 0,
        limit: 500,
        pagination: false,
        where: { reviewStatus: { equals: 'approved' } },
      })
      return found.docs.map((doc) => toCandidate(collection, doc))
    }),
  )
  return pools.flat()
}

/** The bundle's items as they are now, in bundle order; a deleted item is reported as such. */
export async function loadBundle(payload: Payload, refs: ItemRef[]): Promise<Candidate[]> {
  return Promise.all(
    refs.map(async (ref) => {
      const doc = await payload.findByID({ collection: ref.relationTo, id: ref.value, overrideAccess: true, depth: 0, disableErrors: true })
      if (!doc) {
        return {
          collection: ref.relationTo,
          id: ref.value,
          title: '（已删除）',
          priority: 'normal',
          approvedAt: null,
          community: null,
          pushBy: null,
          reviewStatus: 'deleted',
          pushedIn: null,
          problems: ['内容已被删除'],
        } as Candidate
      }
      return toCandidate(ref.relationTo, doc)
    }),
  )
}

/** An item in a bundle counts when it is scheduled (or approved) for it, unsent and ready. */
export function bundleProblems(item: Candidate, pushId: string, now: Date): string[] {
  const problems = [...item.problems]
  if (item.reviewStatus !== 'scheduled' && item.reviewStatus !== 'approved') problems.push(`状态为 ${item.reviewStatus}，不能推送`)
  if (item.pushedIn && item.pushedIn !== pushId) problems.push('已在其他推送中发出')
  if (item.pushBy && item.pushBy.slice(0, 10) < shanghaiDate(now)) problems.push('已过最晚推送日期')
  return problems
}
