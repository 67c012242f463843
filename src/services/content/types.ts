import type { DataFromCollectionSlug } from 'payload'

/**
 * The content types: the three collections that hold what the office writes, reviews (审定) and
 * mass-sends, with their names in the admin's languages. The one home of these: the collections,
 * the review queue, the push admin and the review notices import them from here.
 */
export const CONTENT_COLLECTIONS = ['articles', 'policy-explainers', 'community-news'] as const
export type ContentCollection = (typeof CONTENT_COLLECTIONS)[number]
/** An item of any content type, as stored (`Article`, `PolicyExplainer` or `CommunityNew`). */
export type ContentDoc = DataFromCollectionSlug<ContentCollection>

export const isContentCollection = (value: unknown): value is ContentCollection =>
  typeof value === 'string' && (CONTENT_COLLECTIONS as readonly string[]).includes(value)

/** Each content type's name, singular and plural, in Chinese and English (the collections' `labels`). */
export const CONTENT_TYPE_LABELS: Record<ContentCollection, { singular: { zh: string; en: string }; plural: { zh: string; en: string } }> = {
  articles: { singular: { zh: '文章', en: 'Article' }, plural: { zh: '文章', en: 'Articles' } },
  'policy-explainers': { singular: { zh: '政策解读', en: 'Policy explainer' }, plural: { zh: '政策解读', en: 'Policy explainers' } },
  'community-news': { singular: { zh: '社区要闻', en: 'Community news' }, plural: { zh: '社区要闻', en: 'Community news' } },
}

/** One item's type in the admin's languages: `文章` / `Article`. */
export const CONTENT_TYPE_NAMES = Object.fromEntries(CONTENT_COLLECTIONS.map((slug) => [slug, CONTENT_TYPE_LABELS[slug].singular])) as Record<
  ContentCollection,
  { zh: string; en: string }
>
