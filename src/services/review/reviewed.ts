import type { DataFromCollectionSlug, Payload } from 'payload'
import { CONTENT_COLLECTIONS, CONTENT_TYPE_NAMES, isContentCollection } from '../content/types'
import { checkWeChatReadiness, type ReadinessProblem } from '../content/wechat-readiness'

/**
 * The reviewed collections: everything that goes through the editor → leader review before anyone
 * outside the office sees it. The content types (`CONTENT_COLLECTIONS`, services/content) are
 * reviewed and then mass-sent; a service guide (办事指南, `service-guides`) is reviewed and then
 * shown to residents, never pushed. The one home of this list: the review service, its endpoint and
 * GraphQL mutation, the review queue and the notices import it from here. The push reads only
 * `CONTENT_COLLECTIONS`.
 */
export const REVIEWED_COLLECTIONS = [...CONTENT_COLLECTIONS, 'service-guides', 'consultation-topics'] as const
export type ReviewedCollection = (typeof REVIEWED_COLLECTIONS)[number]
/** A document of any reviewed collection, as stored (each has the review fields of reviewSidebarFields). */
export type ReviewedDoc = DataFromCollectionSlug<ReviewedCollection>

export const isReviewedCollection = (value: unknown): value is ReviewedCollection =>
  typeof value === 'string' && (REVIEWED_COLLECTIONS as readonly string[]).includes(value)

/** One reviewed item's type in the admin's languages: the content types' names and 办事指南. */
export const REVIEWED_TYPE_NAMES: Record<ReviewedCollection, { zh: string; en: string }> = {
  ...CONTENT_TYPE_NAMES,
  'service-guides': { zh: '办事指南', en: 'Service guide' },
  'consultation-topics': { zh: '征集话题', en: 'Consultation topic' },
}

/**
 * What an item must have before it is submitted or approved, and the refusal's opening words. A
 * content type must be a valid WeChat article (services/content); another reviewed collection
 * brings its own check in its config's server-only `custom.reviewReadiness` (the collection is an
 * entry point and may import its service, which imports this one: no cycle).
 */
export interface ReviewReadiness {
  check: (item: Record<string, unknown>) => ReadinessProblem[]
  /** `内容不符合微信图文要求` */
  refusal: string
}

const WECHAT_READINESS: ReviewReadiness = { check: checkWeChatReadiness, refusal: '内容不符合微信图文要求' }
const NO_READINESS: ReviewReadiness = { check: () => [], refusal: '' }

/** The readiness check of a reviewed collection (see ReviewReadiness). */
export function readinessOf(payload: Payload, collection: ReviewedCollection): ReviewReadiness {
  if (isContentCollection(collection)) return WECHAT_READINESS
  const custom = payload.collections[collection]?.config.custom as { reviewReadiness?: ReviewReadiness } | undefined
  return custom?.reviewReadiness ?? NO_READINESS
}

/** Whether an approved item of this collection goes on to the weekly push (the content types) or not. */
export const isPushed = (collection: string): boolean => isContentCollection(collection)
