import type { Payload } from 'payload'
import { sendsByMonth } from './month-usage'
import { planCalendar, type CalendarRow, type KnownPush } from './quota-calendar'
import type { PushSettings } from './settings'
import { loadPushSettings } from './settings-load'
import { addWeeks } from './week'
import { chinaDays } from './holiday-days'
import { isPushStatus } from './status'

export const CALENDAR_WEEKS = 8

export interface Calendar {
  settings: PushSettings
  rows: CalendarRow[]
  /** Push ids by week, for links. */
  pushIds: Record<string, string>
  /** When each week's push was submitted to WeChat (`wechat.sentAt`), by week: a sent week shows it instead of its slot. */
  sentAt?: Record<string, string | null>
}

/**
 * The next weeks' slots for one account, from the pushes already in the database and the month's sends;
 * send days follow China's public holidays (push setting 发送日遇法定节假日) and the leader's pick of a week,
 * each row with the reason (`notes`), e.g. 「2026-10-01 周四 国庆节，提前到 9 月 30 日（周三）」.
 */
export async function loadCalendar(payload: Payload, accountId: string, fromWeek: string, weeks = CALENDAR_WEEKS): Promise<Calendar> {
  const list = Array.from({ length: weeks }, (_, index) => addWeeks(fromWeek, index))
  const [settings, sentByMonth, found] = await Promise.all([
    loadPushSettings(payload, accountId),
    sendsByMonth(payload, accountId),
    payload.find({
      collection: 'weekly-pushes',
      overrideAccess: true,
      depth: 0,
      limit: weeks,
      pagination: false,
      where: { and: [{ account: { equals: accountId } }, { week: { in: list } }] },
    }),
  ])
  const docs = found.docs
  const known: KnownPush[] = docs.flatMap((doc) => (isPushStatus(doc.status) ? [{ week: doc.week, status: doc.status }] : []))
  const sendDates = Object.fromEntries(docs.map((doc) => [doc.week, doc.sendDate]))
  const rows = planCalendar({ fromWeek, weeks, known, sentByMonth, settings, days: chinaDays, sendDates })
  const pushIds = Object.fromEntries(docs.map((doc) => [doc.week, String(doc.id)]))
  return { settings, rows, pushIds, sentAt: Object.fromEntries(docs.map((doc) => [doc.week, doc.wechat?.sentAt ?? null])) }
}
