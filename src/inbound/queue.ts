/**
 * Rows of `wechat-inbound`, the queue between the callback and everything it triggers. Most
 * messages reach it through the journal (journal.ts → journal-import.ts); staff commands,
 * which act inside the request, are inserted directly so that the unique key stops a retry first.
 */
import type { Payload } from 'payload'
import type { AccountCredentials } from '../wechat/account-credentials'
import type { JournalEntry } from './journal'
import type { EnqueueResult, InboundMessage } from '../wechat/callback/types'

/** Keys are per account: two accounts may see the same MsgId or openid + second. */
export const inboundKey = (accountId: string, message: InboundMessage): string => `${accountId}:${message.dedupeKey}`

export function inboundEntry(account: AccountCredentials, message: InboundMessage, nowMs = Date.now()): JournalEntry {
  return {
    account: account.id,
    dedupeKey: inboundKey(account.id, message),
    type: message.msgType.slice(0, 64),
    event: message.event.slice(0, 64),
    // Serialised as it is by the journal; enqueueInbound copies it for Payload (null prototype).
    payload: message.record as Record<string, unknown>,
    receivedAt: new Date(nowMs).toISOString(),
    // Absent rather than null: a unique index on MongoDB skips missing values only (sparse).
    ...(message.replayKey ? { replayKey: `${account.id}:${message.replayKey}` } : {}),
    ...(message.untrustedBody ? { untrustedBody: true as const } : {}),
  }
}

/**
 * One insert; 'duplicate' when the unique dedupeKey is already there (a WeChat retry), or the
 * unique replayKey (another body under a plain request's signature already taken: a replay).
 */
export async function insertInbound(payload: Payload, entry: JournalEntry): Promise<EnqueueResult> {
  try {
    await payload.create({
      collection: 'wechat-inbound',
      overrideAccess: true,
      depth: 0,
      data: { ...entry, status: 'pending', attempts: 0, leaseUntil: entry.receivedAt },
    })
    return 'stored'
  } catch (error) {
    // The unique index refused a retry; anything else is a real failure (the caller retries).
    if ((await existingKeys(payload, [entry.dedupeKey])).has(entry.dedupeKey)) return 'duplicate'
    if (entry.replayKey && (await replayKeyTaken(payload, entry.replayKey))) {
      payload.logger.warn({ event: 'wechat.callback.replay-dropped', account: entry.account, type: entry.type, eventName: entry.event })
      return 'duplicate'
    }
    throw error
  }
}

export function enqueueInbound(payload: Payload, account: AccountCredentials, message: InboundMessage, nowMs = Date.now()): Promise<EnqueueResult> {
  const entry = inboundEntry(account, message, nowMs)
  return insertInbound(payload, { ...entry, payload: JSON.parse(JSON.stringify(entry.payload)) as Record<string, unknown> })
}

async function replayKeyTaken(payload: Payload, replayKey: string): Promise<boolean> {
  const found = await payload.find({
    collection: 'wechat-inbound',
    overrideAccess: true,
    depth: 0,
    limit: 1,
    pagination: false,
    select: { replayKey: true },
    where: { replayKey: { equals: replayKey } },
  })
  return found.docs.length > 0
}

/** Which of these keys are rows already. */
export async function existingKeys(payload: Payload, keys: string[]): Promise<Set<string>> {
  const found = await payload.find({
    collection: 'wechat-inbound',
    overrideAccess: true,
    depth: 0,
    pagination: false,
    limit: keys.length,
    select: { dedupeKey: true },
    where: { dedupeKey: { in: keys } },
  })
  return new Set(found.docs.map((doc) => String(doc.dedupeKey)))
}
