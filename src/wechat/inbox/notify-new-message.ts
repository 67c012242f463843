import type { Payload } from 'payload'
import { activeUsersWithRole, notify } from '../../notifications/notify'

export const NEW_MESSAGE_SUBJECT = '【居民留言】有新的居民留言待处理'
/** A burst of messages (after a push, say) becomes one notice, not one email per message. */
export const NOTICE_QUIET_MS = 10 * 60_000

/**
 * Tells the staff who answer residents (editors) and admins that messages are waiting. The notice
 * carries no message text and no openid: residents' words stay in the inbox, where access is checked.
 */
export async function notifyNewResidentMessage(payload: Payload, now = new Date()): Promise<boolean> {
  const recent = await payload.count({
    collection: 'notifications',
    overrideAccess: true,
    where: { and: [{ subject: { equals: NEW_MESSAGE_SUBJECT } }, { createdAt: { greater_than: new Date(now.getTime() - NOTICE_QUIET_MS).toISOString() } }] },
  })
  if (recent.totalDocs > 0) return false
  const waiting = await payload.count({ collection: 'resident-messages' as never, overrideAccess: true, where: { status: { equals: 'new' } } })
  await notify(payload, {
    recipients: await activeUsersWithRole(payload, 'editor', 'admin'),
    subject: NEW_MESSAGE_SUBJECT,
    body: `目前有 ${waiting.totalDocs} 条未处理的居民留言，请在 微信 → 居民留言 中查看并在 48 小时内回复。\n${process.env.PUBLIC_URL ?? 'http://localhost:3000'}/admin/collections/resident-messages`,
    relatedCollection: 'resident-messages',
  })
  return true
}
