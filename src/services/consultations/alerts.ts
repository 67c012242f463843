/**
 * Alerts to staff of a new suggestion (issue 14, deliverable 3: 「staff are alerted to new
 * submissions」): an e-mail (notify.ts) to the staff of the topic's handling office and community —
 * the admins when there are none — and a WeChat template message (staff-templates.ts) to those of
 * them who bound their WeChat. No flood: at most one alert per recipient per topic per hour, saying how
 * many suggestions wait; the admin badge (src/admin/consultations) shows the live count meanwhile.
 */
import type { Payload, Where } from 'payload'
import { idOf } from '../../access/roles'
import { adminUrl } from '../../http/admin-url'
import type { User } from '../../payload-types'
import { formatShanghai } from '../../shared/time'
import { activeUsersWithRole, notify, type Recipient } from '../notifications/notify'
import { notifyStaffWeChat } from '../notifications/staff-templates'

/** One alert per recipient per topic within this window. */
export const ALERT_WINDOW_MS = 3600_000

/** Active staff of the office or the community (any role); the admins when nobody is. */
async function recipientsFor(payload: Payload, office: string | null, community: string | null): Promise<User[]> {
  const ors: Where[] = []
  if (office) ors.push({ offices: { in: [office] } })
  if (community) ors.push({ community: { equals: community } })
  let rows: User[] = []
  if (ors.length > 0) {
    const found = await payload.find({
      collection: 'users',
      overrideAccess: true,
      depth: 0,
      pagination: false,
      where: { and: [{ active: { not_equals: false } }, { or: ors }] },
    })
    rows = found.docs
  }
  if (rows.length > 0) return rows
  const admins = await activeUsersWithRole(payload, 'admin')
  const found = await payload.find({
    collection: 'users',
    overrideAccess: true,
    depth: 0,
    pagination: false,
    where: { id: { in: admins.map((admin) => admin.id) } },
  })
  return found.docs
}

/** The recipients already alerted about this topic within the window (their e-mail record is the mark). */
async function alertedRecently(payload: Payload, topicId: string, ids: string[], now: number): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const found = await payload.find({
    collection: 'notifications',
    overrideAccess: true,
    depth: 0,
    pagination: false,
    where: {
      and: [
        { relatedCollection: { equals: 'consultation-topics' } },
        { relatedId: { equals: topicId } },
        { channel: { equals: 'email' } },
        { recipient: { in: ids } },
        { createdAt: { greater_than: new Date(now - ALERT_WINDOW_MS).toISOString() } },
      ],
    },
  })
  return new Set(found.docs.map((doc) => String(idOf(doc.recipient))))
}

/**
 * Tells the topic's staff that a suggestion arrived and how many wait (待审核), except those alerted
 * about this topic in the last hour; nobody when none waits. Answers who was alerted (ids), for tests and logs. Failed e-mails
 * and WeChat messages are recorded, not thrown (notify.ts, staff-templates.ts).
 */
export async function alertNewSubmission(payload: Payload, input: { topicId: string; now: number }): Promise<string[]> {
  const topic = await payload.findByID({
    collection: 'consultation-topics',
    id: input.topicId,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
  })
  if (!topic) return []
  const staff = await recipientsFor(payload, idOf(topic.office), idOf(topic.community))
  const recent = await alertedRecently(
    payload,
    String(topic.id),
    staff.map((row) => String(row.id)),
    input.now,
  )
  const due = staff.filter((row) => !recent.has(String(row.id)))
  if (due.length === 0) return []
  const { totalDocs: waiting } = await payload.count({
    collection: 'consultation-submissions',
    overrideAccess: true,
    where: { and: [{ topic: { equals: topic.id } }, { status: { equals: 'pending' } }] },
  })
  // Nothing waits (already reviewed, or the demo's seeded suggestions are decided): no 「有 0 条建议待审核」.
  if (waiting === 0) return []
  const link = adminUrl(`/consultations-board?topic=${String(topic.id)}`)
  const subject = `【微问政】「${topic.title}」有 ${waiting} 条建议待审核`
  const body = `征集话题「${topic.title}」收到新的居民建议，目前共有 ${waiting} 条待审核（先审后发，审核通过后才会公开）。\n${link}\n（同一话题每小时最多提醒一次。）`
  const recipients: Recipient[] = due.map((row) => ({ id: String(row.id), email: row.email, name: row.name }))
  await notify(payload, { recipients, subject, body, relatedCollection: 'consultation-topics', relatedId: String(topic.id) })
  await notifyStaffWeChat(payload, {
    kind: 'newSuggestion',
    // Through the default account: staffOpenidFor (in notifyStaffWeChat) picks each one's openid there.
    recipients: due,
    values: [topic.title, `${waiting} 条`, formatShanghai(new Date(input.now))],
    subject,
    body,
    url: link,
  })
  return recipients.map((recipient) => recipient.id)
}
