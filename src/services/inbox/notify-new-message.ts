import type { Payload, Where } from 'payload'
import { adminUrl } from '../../http/admin-url'
import { notify } from '../notifications/notify'
import type { User } from '../../payload-types'
import { readableMessages } from './access'

export const NEW_MESSAGE_SUBJECT = '【居民留言】有新的居民留言待处理'
/** A burst of messages (after a push, say) becomes one notice per person, not one email per message. */
const NOTICE_QUIET_MS = 10 * 60_000

/**
 * Who is told about a new message in the queue of `community` (null: the street office's general
 * queue): the people who answer that queue — its community's editors, or for the general queue
 * the editors without a community and the street-office leaders (without a community), who move
 * such messages on (转交社区) — and the admins. Never an editor of another community.
 */
async function queueRecipients(payload: Payload, community: string | null): Promise<User[]> {
  const queue: Where = community
    ? { and: [{ role: { equals: 'editor' } }, { community: { equals: community } }] }
    : { and: [{ role: { in: ['editor', 'leader'] } }, { community: { exists: false } }] }
  const found = await payload.find({
    collection: 'users',
    overrideAccess: true,
    depth: 0,
    pagination: false,
    where: { and: [{ active: { not_equals: false } }, { or: [queue, { role: { equals: 'admin' } }] }] },
  })
  return found.docs
}

/**
 * Tells the staff of the new message's queue (see queueRecipients) that messages are waiting,
 * each at most once per NOTICE_QUIET_MS (ms), with the number of 未处理 messages that person may
 * read. The notice carries no message text and no openid: residents' words stay in the inbox,
 * where access is checked. Returns how many people were told.
 */
export async function notifyNewResidentMessage(payload: Payload, community: string | null = null, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - NOTICE_QUIET_MS).toISOString()
  let told = 0
  for (const user of await queueRecipients(payload, community)) {
    const recent = await payload.count({
      collection: 'notifications',
      overrideAccess: true,
      where: { and: [{ subject: { equals: NEW_MESSAGE_SUBJECT } }, { recipient: { equals: user.id } }, { createdAt: { greater_than: since } }] },
    })
    if (recent.totalDocs > 0) continue
    const visible = readableMessages(user)
    const waiting = await payload.count({
      collection: 'resident-messages',
      overrideAccess: true,
      where: visible === true ? { status: { equals: 'new' } } : { and: [{ status: { equals: 'new' } }, visible] },
    })
    await notify(payload, {
      recipients: [{ id: String(user.id), email: user.email, name: user.name }],
      subject: NEW_MESSAGE_SUBJECT,
      body: `目前有 ${waiting.totalDocs} 条未处理的居民留言，请在 微信 → 居民留言 中查看并在 48 小时内回复。\n${adminUrl('/collections/resident-messages')}`,
      relatedCollection: 'resident-messages',
    })
    told += 1
  }
  return told
}
