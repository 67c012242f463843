import type { Payload } from 'payload'
import { idOf } from '../../access/roles'
import { clientForAccount } from '../accounts/account-client'
import { failureText } from './previews'
import type { PushDoc } from './store'

export type Audience = { tagId?: number } | { error: string }

/** All followers, or the followers tagged for one community on the push's account. */
export async function resolveAudience(payload: Payload, push: PushDoc): Promise<Audience> {
  if (push.audience !== 'community') return {}
  const communityId = idOf(push.audienceCommunity)
  if (!communityId) return { error: '发送对象为"某社区的粉丝"，但没有选择社区' }
  const account = await payload.findByID({ collection: 'wechat-accounts', id: idOf(push.account) ?? '', overrideAccess: true, depth: 0, disableErrors: true })
  const tags = account?.communityTags ?? []
  const tag = tags.find((entry) => idOf(entry.community) === communityId)
  return tag ? { tagId: Number(tag.tagId) } : { error: '该社区在公众号设置中没有配置粉丝标签（微信 → 公众号 → 社区粉丝标签）' }
}

/**
 * Whom a push reaches and how many, for people deciding on it:
 * - `community`: the community's name when the audience is one community's tag, else null (all followers);
 * - `followers`: WeChat's own count — `user/get` `total` for all followers, the tag's `count` from
 *   `tags/get` for a community — or null when WeChat could not be asked (`error` says why, in Chinese);
 * - `recorded`: the subscribed followers this system has on record (`followers` collection). It only
 *   knows people whose follow event reached it, so it is shown as a lower bound, never as the reach.
 */
export interface AudienceReach {
  audience: 'all' | 'community'
  community: string | null
  followers: number | null
  recorded: number
  error: string | null
}

/** Asks WeChat (one attempt, short timeout: a page is waiting) how many followers the push reaches. */
export async function audienceReach(payload: Payload, push: PushDoc, options: { timeoutMs?: number } = {}): Promise<AudienceReach> {
  const accountId = idOf(push.account) ?? ''
  const communityId = push.audience === 'community' ? idOf(push.audienceCommunity) : null
  const [community, recorded] = await Promise.all([
    communityId ? payload.findByID({ collection: 'communities', id: communityId, overrideAccess: true, depth: 0, disableErrors: true }) : null,
    payload.count({ collection: 'followers', overrideAccess: true, where: { and: [{ account: { equals: accountId } }, { subscribed: { equals: true } }] } }),
  ])
  const base = {
    audience: push.audience === 'community' ? ('community' as const) : ('all' as const),
    community: community ? String(community.name ?? communityId) : null,
    recorded: recorded.totalDocs,
  }
  const target = await resolveAudience(payload, push)
  if ('error' in target) return { ...base, followers: null, error: target.error }
  try {
    // The account's one client (its last API error kept for 运行状态); short, single attempts: the page waits for it.
    const client = await clientForAccount(payload, accountId, { timeoutMs: options.timeoutMs ?? 5_000, retry: { maxAttempts: 1, rateLimitAttempts: 1 } })
    if (target.tagId === undefined) return { ...base, followers: await client.tags.followerTotal(), error: null }
    const tag = (await client.tags.list()).find((entry) => entry.id === target.tagId)
    if (!tag) return { ...base, followers: null, error: `微信中没有编号为 ${target.tagId} 的粉丝标签，请检查 微信 → 公众号 → 社区粉丝标签` }
    return { ...base, followers: Number(tag.count ?? 0), error: null }
  } catch (error) {
    return { ...base, followers: null, error: `无法从微信获取粉丝数：${failureText(error)}` }
  }
}
