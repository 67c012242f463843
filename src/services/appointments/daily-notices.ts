/**
 * The appointments' scheduled notices: the reminder residents get the day before their slot, and
 * the list of the day's appointments each office's staff get in the morning. Both are safe to run
 * again and on several instances: a reminder is sent once per appointment (its notice id), a list
 * once per office and day (a compare-and-set on the office's `dailyListSentOn`).
 */
import type { Payload, Where } from 'payload'
import { idOf } from '../../access/roles'
import { adminUrl } from '../../http/admin-url'
import { compareAndSet } from '../../shared/cas'
import { addDays, shanghaiDate } from '../../shared/time'
import { notify, type Recipient } from '../notifications/notify'
import { tellResident } from './notices'
import type { StoredAppointment } from './types'

/** Appointments read per page. */
const PAGE = 200

/** Every appointment matching `where` (depth 1, in slot order), page after page. */
async function* allPages(payload: Payload, where: Where): AsyncGenerator<StoredAppointment & { nameMasked?: string | null }> {
  for (let page = 1; ; page++) {
    const found = await payload.find({ collection: 'appointments', where, sort: ['slotStartsAt', 'id'], limit: PAGE, page, depth: 1, overrideAccess: true })
    yield* found.docs as unknown as (StoredAppointment & { nameMasked?: string | null })[]
    if (!found.hasNextPage) return
  }
}

/** One line of an office's list: `09:00-10:00  居住证明办理  张**  预约码 ABC234`. */
export function dailyListLine(appointment: {
  slotStart: string
  slotEnd: string
  guideTitle: string
  nameMasked?: string | null
  bookingCode: string
  channel?: string
}): string {
  const by = appointment.channel === 'staff' ? '（代约）' : ''
  return `${appointment.slotStart}-${appointment.slotEnd}  ${appointment.guideTitle}  ${appointment.nameMasked ?? ''}  预约码 ${appointment.bookingCode}${by}`
}

/** Sends tomorrow's reminders (Beijing) at `now`; answers how many residents were told (sent or already sent). */
export async function sendReminders(payload: Payload, now: number = Date.now()): Promise<number> {
  const tomorrow = addDays(shanghaiDate(now), 1)
  let told = 0
  for await (const doc of allPages(payload, { and: [{ status: { equals: 'booked' } }, { slotDate: { equals: tomorrow } }, { openid: { exists: true } }] })) {
    const guideTitle = (doc.guide as { title?: string } | null)?.title ?? ''
    const outcome = await tellResident(
      payload,
      'reminder',
      { ...doc, guideTitle },
      `reminder:${String(doc.id)}`,
      '请携带申请材料原件按时到窗口办理，不能前往请提前在“我的预约”中取消',
    )
    if (outcome && (outcome.status === 'sent' || outcome.status === 'delivered')) told++
  }
  return told
}

/** Active staff of an office (users whose `offices` lists it), with their email. */
async function staffOfOffice(payload: Payload, officeId: string): Promise<Recipient[]> {
  const users = await payload.find({
    collection: 'users',
    where: { and: [{ offices: { in: [officeId] } }, { active: { not_equals: false } }] },
    limit: 100,
    depth: 0,
    overrideAccess: true,
  })
  return users.docs.map((user) => ({ id: String(user.id), email: user.email, name: user.name }))
}

/**
 * Emails each office's staff the list of today's appointments (Beijing) at `now`, once per office and
 * day, masked names only (an email leaves the system). Answers the offices told.
 */
export async function sendDailyLists(payload: Payload, now: number = Date.now()): Promise<number> {
  const today = shanghaiDate(now)
  const byOffice = new Map<string, { name: string; lines: string[] }>()
  for await (const doc of allPages(payload, { and: [{ slotDate: { equals: today } }, { status: { equals: 'booked' } }] })) {
    const office = idOf(doc.office)
    if (!office) continue
    const entry = byOffice.get(office) ?? { name: (doc.office as { name?: string } | null)?.name ?? '', lines: [] }
    entry.lines.push(dailyListLine({ ...doc, guideTitle: (doc.guide as { title?: string } | null)?.title ?? '' }))
    byOffice.set(office, entry)
  }
  let told = 0
  for (const [office, { name, lines }] of byOffice) {
    const claimed = await compareAndSet(
      payload,
      'offices',
      { and: [{ id: { equals: office } }, { or: [{ dailyListSentOn: { exists: false } }, { dailyListSentOn: { not_equals: today } }] }] },
      { dailyListSentOn: today },
    )
    if (!claimed) continue
    const recipients = await staffOfOffice(payload, office)
    if (recipients.length === 0) continue
    const [, month, day] = today.split('-').map(Number)
    await notify(payload, {
      recipients,
      subject: `今日预约（${month}月${day}日）：${name} ${lines.length} 人`,
      body: `${name}今天的预约（北京时间，姓名已脱敏）：\n\n${lines.join('\n')}\n\n签到和办理：${adminUrl('/appointments-today')}`,
      relatedCollection: 'offices',
      relatedId: office,
    })
    told++
  }
  return told
}
