import type { Payload, Where } from 'payload'
import type { ServiceGuide } from '../../payload-types'
import { APPROVED_GUIDE } from './access'

/** The fields a resident's keyword is looked for in: 事项名称, 事项编码, 受理条件, 申请材料's names. */
export const GUIDE_SEARCH_FIELDS = ['title', 'code', 'conditions', 'materials.name'] as const

/** At most this many words of a keyword are used, each at most MAX_TERM characters. */
const MAX_TERMS = 5
const MAX_TERM = 30

/** `居住证 办理` → [`居住证`, `办理`]: words split on spaces (ASCII and full-width) and Chinese punctuation. */
export function searchTerms(keyword: string): string[] {
  return keyword
    .split(/[\s\u3000,，、;；。]+/)
    .map((term) => term.trim().slice(0, MAX_TERM))
    .filter((term) => term !== '')
    .slice(0, MAX_TERMS)
}

/**
 * The approved guides whose name, code, conditions or materials contain every word of `keyword`
 * (Chinese partial words: `居住` finds 居住证; no word splitting of Chinese is needed, each word is
 * a substring). Read as a resident: the guides' access rules apply (approved only, staff fields
 * hidden), on top of the explicit approved filter. Payload's `contains` (a substring match on
 * every database adapter: LIKE on SQLite and Postgres, an escaped regular expression on MongoDB), no
 * adapter-specific query. An empty keyword lists every approved guide. Sorted by name.
 */
export async function searchGuides(payload: Payload, keyword: string, options: { limit?: number } = {}): Promise<ServiceGuide[]> {
  const terms = searchTerms(keyword)
  const matches: Where[] = terms.map((term) => ({ or: GUIDE_SEARCH_FIELDS.map((field) => ({ [field]: { contains: term } })) }))
  const found = await payload.find({
    collection: 'service-guides',
    where: { and: [APPROVED_GUIDE, ...matches] },
    overrideAccess: false,
    depth: 1,
    limit: options.limit ?? 50,
    sort: 'title',
  })
  return found.docs
}
