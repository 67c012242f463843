/**
 * Which community's queue a resident's new message goes to. Accounts are not per community (one
 * service account for the street office); communities are told apart by follower tags (标签): the
 * account's 社区粉丝标签 maps a WeChat tag id to a community, the same tags community-only pushes use.
 */
import type { Payload } from 'payload'
import { idOf } from '../../access/roles'
import { findFollower } from '../followers/followers'
import type { WeChatClient } from '../../wechat/client'
import { cachedClientForAccount } from '../accounts/cached-client'

export interface RouteOptions {
  /** For tests; otherwise the account's shared client. */
  client?: WeChatClient
}

interface CommunityTag {
  community: unknown
  tagId: number
}

/**
 * The community id for a new message of `openid` to `accountId`, or null for the street office's
 * general queue. In order:
 * 1. the resident's tags, as WeChat has them now (`tags/getidlist`; asked only when the account
 *    has 社区粉丝标签), else as last recorded on the follower (`followers.tags`), matched against the
 *    account's 社区粉丝标签 — the first community in that list wins;
 * 2. the queue of the resident's latest earlier message to the account (a conversation stays where
 *    staff put it, e.g. after 转交社区);
 * 3. null.
 * Never throws for WeChat: a failed lookup falls through to the next rule (logged).
 */
export async function routeResidentMessage(payload: Payload, accountId: string, openid: string, options: RouteOptions = {}): Promise<string | null> {
  const account = await payload.findByID({ collection: 'wechat-accounts', id: accountId, overrideAccess: true, depth: 0 }).catch(() => null)
  const communityTags = (Array.isArray(account?.communityTags) ? (account.communityTags as CommunityTag[]) : []).filter((entry) => idOf(entry.community))
  if (communityTags.length > 0) {
    const tags = (await tagsFromWeChat(payload, accountId, openid, options)) ?? (await recordedTags(payload, accountId, openid))
    const match = communityTags.find((entry) => tags.includes(Number(entry.tagId)))
    if (match) return idOf(match.community)
  }
  const previous = await payload.find({
    collection: 'resident-messages',
    overrideAccess: true,
    depth: 0,
    limit: 1,
    sort: '-received',
    where: { and: [{ account: { equals: accountId } }, { openid: { equals: openid } }, { community: { exists: true } }] },
  })
  return idOf(previous.docs[0]?.community)
}

async function tagsFromWeChat(payload: Payload, accountId: string, openid: string, options: RouteOptions): Promise<number[] | null> {
  try {
    const client = options.client ?? (await cachedClientForAccount(payload, accountId))
    return (await client.tags.tagsOfUser(openid)).map(Number)
  } catch (error) {
    payload.logger.warn({ msg: 'resident message routing: tags/getidlist failed', error: error instanceof Error ? error.message : String(error) })
    return null
  }
}

async function recordedTags(payload: Payload, accountId: string, openid: string): Promise<number[]> {
  const tags = (await findFollower(payload, accountId, openid))?.tags
  return Array.isArray(tags) ? tags.map(Number) : []
}
