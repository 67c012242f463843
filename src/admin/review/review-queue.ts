import type { Payload, TypedUser, Where } from 'payload'
import { staffOf } from '../../access/roles'
import { isReviewedCollection, REVIEWED_COLLECTIONS, type ReviewedCollection, type ReviewedDoc } from '../../services/review/reviewed'
import { AUTHOR_EDITABLE_STATES, isReviewState, type ReviewState } from '../../services/review/state-machine'

export interface QueueFilters {
  status?: ReviewState
  type?: ReviewedCollection
  /** Only these collections (when `type` is not set); all reviewed collections by default. */
  types?: readonly ReviewedCollection[]
  community?: string
  mine?: boolean
}

export interface QueueRow {
  id: string
  collection: ReviewedCollection
  title: string
  reviewStatus: ReviewState
  community: string | null
  author: string | null
  updatedAt: string
}

/** What each role opens the queue on: leaders the items waiting for them, editors their own work. */
function defaultFilters(role: string | null | undefined): QueueFilters {
  return role === 'editor' ? { mine: true } : { status: 'submitted' }
}

export function parseFilters(searchParams: Record<string, string | string[] | undefined> | undefined, role: string | null): QueueFilters {
  const get = (key: string) => {
    const value = searchParams?.[key]
    return Array.isArray(value) ? value[0] : value
  }
  if (!get('status') && !get('type') && !get('community') && !get('mine')) return defaultFilters(role)
  const status = get('status')
  const type = get('type')
  return {
    status: isReviewState(status) ? status : undefined,
    type: isReviewedCollection(type) ? type : undefined,
    community: get('community') || undefined,
    mine: get('mine') === '1',
  }
}

function queueQuery(user: TypedUser, filters: QueueFilters): { where: Where | undefined; collections: ReviewedCollection[] } | null {
  const staff = staffOf(user)
  if (!staff) return null
  const conditions: Where[] = []
  if (filters.status) conditions.push({ reviewStatus: { equals: filters.status } })
  else if (filters.mine) conditions.push({ reviewStatus: { in: [...AUTHOR_EDITABLE_STATES, 'submitted'] } })
  if (filters.community) conditions.push({ community: { equals: filters.community } })
  if (filters.mine) conditions.push({ createdBy: { equals: staff.id } })
  return {
    where: conditions.length ? { and: conditions } : undefined,
    collections: filters.type ? [filters.type] : [...(filters.types ?? REVIEWED_COLLECTIONS)],
  }
}

/** How many items match, across the reviewed collections, with the user's own access rights (no documents loaded). */
export async function countQueue(payload: Payload, user: TypedUser, filters: QueueFilters): Promise<number> {
  const query = queueQuery(user, filters)
  if (!query) return 0
  const counts = await Promise.all(
    query.collections.map(async (collection) => (await payload.count({ collection, where: query.where, user, overrideAccess: false })).totalDocs),
  )
  return counts.reduce((sum, count) => sum + count, 0)
}

/** The items across all reviewed collections that match, read with the user's own access rights. */
export async function loadQueue(payload: Payload, user: TypedUser, filters: QueueFilters): Promise<QueueRow[]> {
  const query = queueQuery(user, filters)
  if (!query) return []
  const { where, collections } = query
  const results = await Promise.all(
    collections.map(async (collection) => {
      const found = await payload.find({
        collection,
        where,
        user,
        overrideAccess: false,
        depth: 1,
        limit: 100,
        sort: '-updatedAt',
      })
      // depth 1: the community and the author come populated.
      return (found.docs as ReviewedDoc[]).map((doc): QueueRow => {
        const { community, createdBy: author } = doc
        return {
          id: String(doc.id),
          collection,
          title: String(doc.title ?? ''),
          reviewStatus: isReviewState(doc.reviewStatus) ? doc.reviewStatus : 'draft',
          community: community && typeof community === 'object' ? (community.name ?? null) : null,
          author: author && typeof author === 'object' ? (author.name ?? null) : null,
          updatedAt: String(doc.updatedAt ?? ''),
        }
      })
    }),
  )
  return results.flat().sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
}
