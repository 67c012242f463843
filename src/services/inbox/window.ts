/** The 48-hour customer-service window: replies are allowed only within 48 h of the resident's last message. */
import type { Payload } from 'payload'

const REPLY_WINDOW_MS = 48 * 3600_000
export const WINDOW_CLOSED_MESSAGE = '已超过 48 小时回复时限（或居民已取消关注），无法通过客服消息回复。请等待居民再次发来消息。'
/** WINDOW_CLOSED_MESSAGE for an English admin. */
export const WINDOW_CLOSED_MESSAGE_EN =
  'The 48-hour reply window has passed (or the resident unfollowed): a customer-service reply is not possible until the resident writes again.'

export interface ReplyWindow {
  open: boolean
  lastMessageAt: string | null
  expiresAt: string | null
  remainingMs: number
}

export function replyWindow(lastMessageAt: string | null, nowMs: number): ReplyWindow {
  if (!lastMessageAt) return { open: false, lastMessageAt: null, expiresAt: null, remainingMs: 0 }
  const expires = Date.parse(lastMessageAt) + REPLY_WINDOW_MS
  const remainingMs = Math.max(0, expires - nowMs)
  return { open: remainingMs > 0, lastMessageAt, expiresAt: new Date(expires).toISOString(), remainingMs }
}

/** The resident's latest message to this account, across all their messages (a newer one reopens the window). */
export async function latestMessageAt(payload: Payload, accountId: string, openid: string): Promise<string | null> {
  const found = await payload.find({
    collection: 'resident-messages',
    overrideAccess: true,
    depth: 0,
    limit: 1,
    sort: '-received',
    where: { and: [{ account: { equals: accountId } }, { openid: { equals: openid } }] },
    select: { received: true },
  })
  return found.docs[0]?.received ?? null
}
