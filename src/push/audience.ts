import type { Payload } from 'payload'
import { idOf } from '../access/roles'
import type { PushDoc } from './store'

export type Audience = { tagId?: number } | { error: string }

/** All followers, or the followers tagged for one community on the push's account. */
export async function resolveAudience(payload: Payload, push: PushDoc): Promise<Audience> {
  if (push.audience !== 'community') return {}
  const communityId = idOf(push.audienceCommunity)
  if (!communityId) return { error: '发送对象为"某社区的粉丝"，但没有选择社区' }
  const account = await payload.findByID({ collection: 'wechat-accounts', id: idOf(push.account) ?? '', overrideAccess: true, depth: 0, disableErrors: true })
  const tags = Array.isArray(account?.communityTags) ? (account.communityTags as { community: unknown; tagId: number }[]) : []
  const tag = tags.find((entry) => idOf(entry.community) === communityId)
  return tag ? { tagId: Number(tag.tagId) } : { error: '该社区在公众号设置中没有配置粉丝标签（微信 → 公众号 → 社区粉丝标签）' }
}
