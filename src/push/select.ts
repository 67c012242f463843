import type { ContentCollection } from '../review/service'
import type { PushSettings } from './settings'
import { shanghaiDate } from './week'

export interface Candidate {
  collection: ContentCollection
  id: string
  title: string
  priority: 'normal' | 'high' | 'pinned'
  approvedAt: string | null
  community: string | null
  /** "Push no later than", a date. */
  pushBy: string | null
  reviewStatus: string
  /** The weekly push the item already went out in, if any. */
  pushedIn: string | null
  /** What stops it from being a WeChat article (empty when ready). */
  problems: string[]
}

export interface Selection {
  items: Candidate[]
  /** How many more approved items the week needs to reach the minimum. */
  missing: number
  excluded: { item: Candidate; reason: string }[]
}

const PRIORITY_RANK = { pinned: 0, high: 1, normal: 2 } as const

/** Pinned first, then high priority, then the oldest approval. */
export function pushOrder(a: Candidate, b: Candidate): number {
  return (
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    (a.approvedAt ?? '').localeCompare(b.approvedAt ?? '') ||
    a.id.localeCompare(b.id)
  )
}

/** Why an item cannot go out this week, or null when it can. */
export function exclusionReason(item: Candidate, now: Date): string | null {
  if (item.reviewStatus !== 'approved') return '未审核通过'
  if (item.pushedIn) return '已推送过'
  if (item.pushBy && item.pushBy.slice(0, 10) < shanghaiDate(now)) return `已过最晚推送日期 ${item.pushBy.slice(0, 10)}`
  if (item.problems.length > 0) return item.problems.join('；')
  return null
}

const REQUIRED_TYPES: ContentCollection[] = ['policy-explainers', 'community-news']

/**
 * The week's bundle: approved, unsent, not past their date, valid for WeChat; pinned first, then
 * priority, then the oldest approval; one policy explainer and one community news item when there
 * are any; at most `maxPerCommunity` from one community; between `minItems` and `maxItems`.
 */
export function selectItems(candidates: Candidate[], settings: PushSettings, now: Date): Selection {
  const excluded: Selection['excluded'] = []
  const eligible: Candidate[] = []
  for (const item of candidates) {
    const reason = exclusionReason(item, now)
    if (reason) excluded.push({ item, reason })
    else eligible.push(item)
  }
  eligible.sort(pushOrder)

  const chosen: Candidate[] = []
  const perCommunity = new Map<string, number>()
  const fits = (item: Candidate) => !item.community || (perCommunity.get(item.community) ?? 0) < settings.maxPerCommunity
  const take = (item: Candidate) => {
    chosen.push(item)
    if (item.community) perCommunity.set(item.community, (perCommunity.get(item.community) ?? 0) + 1)
  }

  // Reserve the first fitting item of each required type, then fill in order.
  for (const type of REQUIRED_TYPES) {
    const first = eligible.find((item) => item.collection === type && fits(item))
    if (first && chosen.length < settings.maxItems) take(first)
  }
  for (const item of eligible) {
    if (chosen.length >= settings.maxItems) break
    if (chosen.includes(item)) continue
    if (fits(item)) take(item)
    else excluded.push({ item, reason: `同一社区最多 ${settings.maxPerCommunity} 条` })
  }
  for (const item of eligible) {
    if (!chosen.includes(item) && !excluded.some((entry) => entry.item === item)) excluded.push({ item, reason: '本周条数已满' })
  }
  chosen.sort(pushOrder)
  return { items: chosen, missing: Math.max(0, settings.minItems - chosen.length), excluded }
}
