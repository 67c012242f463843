/** The one durable write the callback makes before answering: a row in `wechat-inbound`. */
import type { Payload } from 'payload'
import type { AccountCredentials } from '../accounts'
import type { EnqueueResult, InboundMessage } from './types'
import { loose } from './loose-payload'

export const INBOUND_SLUG = 'wechat-inbound'

/** Keys are per account: two accounts may see the same MsgId or openid + second. */
export const inboundKey = (accountId: string, message: InboundMessage): string => `${accountId}:${message.dedupeKey}`

export async function enqueueInbound(payload: Payload, account: AccountCredentials, message: InboundMessage, nowMs = Date.now()): Promise<EnqueueResult> {
  const dedupeKey = inboundKey(account.id, message)
  const receivedAt = new Date(nowMs).toISOString()
  try {
    await loose(payload).create({
      collection: INBOUND_SLUG,
      overrideAccess: true,
      depth: 0,
      data: {
        account: account.id,
        dedupeKey,
        type: message.msgType.slice(0, 64),
        event: message.event.slice(0, 64),
        // JSON round trip: the parsed record has a null prototype.
        payload: JSON.parse(JSON.stringify(message.record)),
        receivedAt,
        status: 'pending',
        attempts: 0,
        leaseUntil: receivedAt,
      },
    })
    return 'stored'
  } catch (error) {
    // The unique index refused a WeChat retry; anything else is a real failure (answer 500, WeChat retries).
    if (await exists(payload, dedupeKey)) return 'duplicate'
    throw error
  }
}

async function exists(payload: Payload, dedupeKey: string): Promise<boolean> {
  const { totalDocs } = await loose(payload).count({ collection: INBOUND_SLUG, overrideAccess: true, where: { dedupeKey: { equals: dedupeKey } } })
  return totalDocs > 0
}
