/**
 * One resident's conversation with the office: their messages and the staff's reply attempts in
 * time order, and whether WeChat has refused replying to them since their last message.
 */
import type { Payload, PayloadRequest } from 'payload'
import type { ResidentMessage, ResidentMessagesSelect } from '../../payload-types'
import { idOf } from '../../access/roles'

/** WeChat answers that no further reply can go out until something changes (the countdown stops). */
const REFUSAL_ERRCODES: ReadonlySet<number> = new Set([
  45015, // out of the 48-hour window, or the resident unfollowed
  45047, // the 5 replies allowed per resident message are used up
  48001, // the account lacks the customer-service API
  43004, // the resident does not follow the account
  43019, // the resident is on the account's blacklist
  40003, // invalid openid
])

/** How many of the resident's messages a conversation shows (the latest ones). */
const CONVERSATION_LIMIT = 200

export interface ConversationEntry {
  kind: 'message' | 'reply'
  /** ISO time; the client shows it in Beijing time. */
  at: string
  /** The message this entry is (kind message) or belongs to (kind reply). */
  messageId: string
  content: string
  /** message: its type (text, image, …); reply: sent / failed. */
  type?: string
  status: string
  /** reply only. */
  by?: string | null
  error?: string | null
  errcode?: number | null
}

export interface Conversation {
  entries: ConversationEntry[]
  /** Messages of this resident the user may not read (another community's queue, or assigned to someone else): counted, not shown. */
  hidden: number
}

interface ThreadEntry {
  by?: unknown
  at?: string | null
  content?: string | null
  status?: string | null
  error?: string | null
  errcode?: number | null
}

/** The resident behind a message, read without access rules: the openid never leaves the server. */
async function residentOf(payload: Payload, messageId: string): Promise<{ accountId: string; openid: string }> {
  const doc = await payload.findByID({ collection: 'resident-messages', id: messageId, overrideAccess: true, depth: 0 })
  return { accountId: idOf(doc.account) ?? '', openid: doc.openid ?? '' }
}

async function residentMessages(payload: Payload, accountId: string, openid: string, req?: PayloadRequest): Promise<ResidentMessage[]> {
  const all = await payload.find({
    collection: 'resident-messages',
    overrideAccess: true,
    depth: 0,
    limit: CONVERSATION_LIMIT,
    sort: '-received',
    where: { and: [{ account: { equals: accountId } }, { openid: { equals: openid } }] },
    // Only the id, which Payload always answers; its select type lists the fields but not `id`.
    select: { id: true } as ResidentMessagesSelect<true>,
  })
  const ids = all.docs.map((doc) => String(doc.id))
  if (!req)
    return (await payload.find({ collection: 'resident-messages', overrideAccess: true, depth: 0, limit: CONVERSATION_LIMIT, where: { id: { in: ids } } })).docs
  // Read again as the user: an editor sees only the messages their access rule allows.
  const visible = await payload.find({
    collection: 'resident-messages',
    overrideAccess: false,
    req,
    depth: 0,
    limit: CONVERSATION_LIMIT,
    where: { id: { in: ids } },
  })
  return visible.docs
}

/**
 * The conversation around `messageId`, as `req`'s user may see it: every message of the same
 * resident to the same account that the user may read, and every reply attempt on them (failed
 * ones included), oldest first. Throws when the user may not read `messageId` itself.
 */
export async function residentConversation(payload: Payload, req: PayloadRequest, messageId: string): Promise<Conversation> {
  await payload.findByID({ collection: 'resident-messages', id: messageId, overrideAccess: false, req, depth: 0 })
  const { accountId, openid } = await residentOf(payload, messageId)
  const total = await payload.count({
    collection: 'resident-messages',
    overrideAccess: true,
    where: { and: [{ account: { equals: accountId } }, { openid: { equals: openid } }] },
  })
  const messages = await residentMessages(payload, accountId, openid, req)
  const names = await staffNames(
    payload,
    messages.flatMap((message) => (message.thread ?? []).map((entry) => idOf(entry.by))),
  )
  const entries: ConversationEntry[] = []
  for (const message of messages) {
    entries.push({
      kind: 'message',
      at: message.received,
      messageId: String(message.id),
      content: message.content ?? '',
      type: message.type,
      status: message.status,
    })
    for (const reply of message.thread ?? []) {
      entries.push({
        kind: 'reply',
        at: reply.at ?? message.received,
        messageId: String(message.id),
        content: reply.content ?? '',
        status: reply.status ?? 'failed',
        by: names.get(idOf(reply.by) ?? '') ?? null,
        error: reply.error ?? null,
        errcode: reply.errcode ?? null,
      })
    }
  }
  // Same instant: the resident's message before the reply to it.
  entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.kind === b.kind ? 0 : a.kind === 'message' ? -1 : 1))
  return { entries, hidden: Math.min(total.totalDocs, CONVERSATION_LIMIT) - messages.length }
}

async function staffNames(payload: Payload, ids: Array<string | null>): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))]
  if (unique.length === 0) return new Map()
  const users = await payload.find({ collection: 'users', overrideAccess: true, depth: 0, limit: unique.length, where: { id: { in: unique } } })
  return new Map(users.docs.map((user) => [String(user.id), String(user.name || user.email || '')]))
}

export interface ReplyRefusal {
  errcode: number
  at: string
}

/**
 * WeChat's refusal of the latest reply attempt to this resident made after `since` (their latest
 * message), when it is one of REFUSAL_ERRCODES: no reply can go out until the resident writes
 * again (or, for 48001, until the account gets the API), so the countdown stops. Null otherwise.
 */
export async function replyRefusal(payload: Payload, accountId: string, openid: string, since: string | null): Promise<ReplyRefusal | null> {
  const messages = await residentMessages(payload, accountId, openid)
  // WeChat's CreateTime has whole seconds: an attempt within the message's second came before
  // the message reached us (storing it takes longer), so only later attempts count.
  const sinceMs = since ? Date.parse(since) + 1000 : 0
  let latest: ThreadEntry | null = null
  for (const message of messages) {
    for (const entry of message.thread ?? []) {
      if (!entry.at || Date.parse(entry.at) < sinceMs) continue
      if (!latest || Date.parse(entry.at) >= Date.parse(latest.at!)) latest = entry
    }
  }
  if (!latest || latest.status !== 'failed' || typeof latest.errcode !== 'number' || !REFUSAL_ERRCODES.has(latest.errcode)) return null
  return { errcode: latest.errcode, at: latest.at! }
}
