import type { ContentCollection } from '../content/types'
import type { PushSettings } from './settings'
import { shanghaiDate } from '../../shared/time'

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

/**
 * Why an approved item is not in the week's bundle, as the selection decided it:
 * - `not-approved` / `pushed` / `expired` / `invalid`: it cannot go out at all (the item's state, its
 *   "push no later than" date, or what WeChat would refuse — `problems`);
 * - `community-cap`: its community already has `limit` items ranked before it;
 * - `full`: the week already holds `limit` items ranked before it (pinned, then priority, then the
 *   oldest approval); `rank` is its 1-based place in that order;
 * - `addable`: nothing stops it; it was approved after the proposal was made, or a person took it out.
 */
export type ExclusionCode = 'not-approved' | 'pushed' | 'expired' | 'invalid' | 'community-cap' | 'full' | 'addable'

export interface Exclusion {
  item: Candidate
  code: ExclusionCode
  /** The reason in Chinese, as staff read it. */
  reason: string
  /** The figure the reason names: the cap or the week's maximum. */
  limit?: number
  /** For `full`: the item's 1-based place in the push order. */
  rank?: number
}

export interface Selection {
  items: Candidate[]
  /** How many more approved items the week needs to reach the minimum. */
  missing: number
  /** Every candidate not chosen, with the selection's reason. */
  excluded: Exclusion[]
}

const PRIORITY_RANK = { pinned: 0, high: 1, normal: 2 } as const

/** Pinned first, then high priority, then the oldest approval. */
export function pushOrder(a: Candidate, b: Candidate): number {
  return PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || (a.approvedAt ?? '').localeCompare(b.approvedAt ?? '') || a.id.localeCompare(b.id)
}

/** Why an item cannot go out at all this week (its state, its date, WeChat's rules), or null when it can. */
export function unsendable(item: Candidate, now: Date): Exclusion | null {
  if (item.reviewStatus !== 'approved') return { item, code: 'not-approved', reason: '未审核通过' }
  if (item.pushedIn) return { item, code: 'pushed', reason: '已推送过' }
  if (item.pushBy && item.pushBy.slice(0, 10) < shanghaiDate(now)) return { item, code: 'expired', reason: `已过最晚推送日期 ${item.pushBy.slice(0, 10)}` }
  if (item.problems.length > 0) return { item, code: 'invalid', reason: `不符合微信要求：${item.problems.join('；')}` }
  return null
}

/** Why an item cannot go out this week, or null when it can (the reason text of `unsendable`). */
export function exclusionReason(item: Candidate, now: Date): string | null {
  return unsendable(item, now)?.reason ?? null
}

const capReason = (item: Candidate, limit: number): Exclusion => ({
  item,
  code: 'community-cap',
  limit,
  reason: `同一社区每周最多 ${limit} 条，该社区已有 ${limit} 条排在前面`,
})
const fullReason = (item: Candidate, limit: number, rank: number): Exclusion => ({
  item,
  code: 'full',
  limit,
  rank,
  reason: `本周已满 ${limit} 条：按置顶、优先级、审核通过时间（先通过的先推）排序，本条排第 ${rank} 位`,
})

const REQUIRED_TYPES: ContentCollection[] = ['policy-explainers', 'community-news']

/**
 * Whose bundle it is. The per-community cap (`maxPerCommunity`) keeps one community from filling the
 * street office's account, which mixes communities; a community's own account (`ownCommunity`, its
 * community's id) pushes its own items uncapped. Street-wide items (no community) are never capped:
 * no setting limits them, and the week's maximum (`maxItems`) still holds for every item.
 */
export interface SelectScope {
  /** The community of the account the bundle is for; null or absent for the street office's account. */
  ownCommunity?: string | null
}

/** True when `item` counts toward the per-community cap in `scope`. */
const capped = (item: Candidate, scope: SelectScope): item is Candidate & { community: string } =>
  Boolean(item.community) && item.community !== (scope.ownCommunity ?? null)

/**
 * The week's bundle: approved, unsent, not past their date, valid for WeChat; pinned first, then
 * priority, then the oldest approval; one policy explainer and one community news item when there
 * are any; at most `maxPerCommunity` from one community (not the account's own community: `scope`);
 * between `minItems` and `maxItems`.
 */
export function selectItems(candidates: Candidate[], settings: PushSettings, now: Date, scope: SelectScope = {}): Selection {
  const excluded: Exclusion[] = []
  const eligible: Candidate[] = []
  for (const item of candidates) {
    const reason = unsendable(item, now)
    if (reason) excluded.push(reason)
    else eligible.push(item)
  }
  eligible.sort(pushOrder)

  const chosen: Candidate[] = []
  const perCommunity = new Map<string, number>()
  const fits = (item: Candidate) => !capped(item, scope) || (perCommunity.get(item.community) ?? 0) < settings.maxPerCommunity
  const take = (item: Candidate) => {
    chosen.push(item)
    if (capped(item, scope)) perCommunity.set(item.community, (perCommunity.get(item.community) ?? 0) + 1)
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
    else excluded.push(capReason(item, settings.maxPerCommunity))
  }
  eligible.forEach((item, index) => {
    if (!chosen.includes(item) && !excluded.some((entry) => entry.item === item)) excluded.push(fullReason(item, settings.maxItems, index + 1))
  })
  chosen.sort(pushOrder)
  return { items: chosen, missing: Math.max(0, settings.minItems - chosen.length), excluded }
}

/**
 * The pool beside a bundle that already exists (and may have been edited by the leader): why each
 * pool item is not in it, by the same rules as `selectItems` — it cannot go out, its community has
 * reached the cap within the bundle, the bundle is full (`rank` among bundle and eligible pool in push
 * order), or else it could be added. Pure; `bundle` is in bundle order, `pool` excludes its items;
 * `scope` as for `selectItems` (a community's own account does not cap its own items).
 */
export function explainPool(pool: Candidate[], bundle: Candidate[], settings: PushSettings, now: Date, scope: SelectScope = {}): Exclusion[] {
  const perCommunity = new Map<string, number>()
  for (const item of bundle) if (capped(item, scope)) perCommunity.set(item.community, (perCommunity.get(item.community) ?? 0) + 1)
  const eligible = pool.filter((item) => !unsendable(item, now))
  const ranked = [...bundle, ...eligible].sort(pushOrder)
  return [...pool].sort(pushOrder).map((item) => {
    const reason = unsendable(item, now)
    if (reason) return reason
    if (capped(item, scope) && (perCommunity.get(item.community) ?? 0) >= settings.maxPerCommunity) return capReason(item, settings.maxPerCommunity)
    if (bundle.length >= settings.maxItems) return fullReason(item, settings.maxItems, ranked.indexOf(item) + 1)
    return { item, code: 'addable', reason: '可以加入：生成本周推送之后才通过审核，或已被移出本周推送' }
  })
}
