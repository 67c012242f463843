import type { Payload } from 'payload'
import { sendsByMonth } from './month-usage'
import { monthQuotaFor, planCalendar, type CalendarRow, type KnownPush } from './quota-calendar'
import { weekSlots, type MonthQuota, type WeekSlots } from './holiday-slots'
import type { PushSettings } from './settings'
import { loadPushSettings } from './settings-load'
import { addWeeks } from './week'
import { chinaDays } from './holiday-days'
import { OPEN_PUSH_STATUSES, inStatusGroup, isPushStatus } from './status'
import type { PushDoc } from './store'
import { isoWeekOf } from '../../shared/time'

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
export async function loadCalendar(payload: Payload, accountId: string, fromWeek: string, weeks = CALENDAR_WEEKS, now = new Date()): Promise<Calendar> {
  const [settings, sentByMonth, known] = await Promise.all([
    loadPushSettings(payload, accountId),
    sendsByMonth(payload, accountId),
    knownPushes(payload, accountId, fromWeek, weeks + QUOTA_HORIZON_WEEKS),
  ])
  const rows = planCalendar({ fromWeek, weeks, known, sentByMonth, settings, days: chinaDays, now })
  return {
    settings,
    rows,
    pushIds: Object.fromEntries(known.map((push) => [push.week, push.id])),
    sentAt: Object.fromEntries(known.map((push) => [push.week, push.sentAt ?? null])),
  }
}

/** Weeks past the calendar's that the month count looks at (a month's send days lie within 6 ISO weeks). */
const QUOTA_HORIZON_WEEKS = 6

/** The account's pushes of `weeks` weeks from `fromWeek`, as the calendar and the month count read them. */
async function knownPushes(payload: Payload, accountId: string, fromWeek: string, weeks: number): Promise<(KnownPush & { id: string })[]> {
  const list = Array.from({ length: weeks }, (_, index) => addWeeks(fromWeek, index))
  const found = await payload.find({
    collection: 'weekly-pushes',
    overrideAccess: true,
    depth: 0,
    limit: weeks,
    pagination: false,
    where: { and: [{ account: { equals: accountId } }, { week: { in: list } }] },
  })
  return found.docs.flatMap((doc) =>
    isPushStatus(doc.status)
      ? [
          {
            id: String(doc.id),
            week: doc.week,
            status: doc.status,
            sendDate: doc.sendDate ?? null,
            sentAt: doc.wechat?.sentAt ?? null,
            statusReason: doc.statusReason ?? null,
          },
        ]
      : [],
  )
}

/**
 * The month's quota for placing one week's holiday move (`weekSlots`' `quota`), from the database: the
 * account's sends per month and its pushes from `fromWeek` on (`monthQuotaFor`). For the scheduler,
 * 本周推送, `npm run push -- status` and the leader's pick of a send day.
 */
export async function loadMonthQuota(
  payload: Payload,
  accountId: string,
  args: { fromWeek: string; settings: PushSettings; now: Date },
): Promise<(week: string) => MonthQuota> {
  const [sentByMonth, known] = await Promise.all([
    sendsByMonth(payload, accountId),
    knownPushes(payload, accountId, args.fromWeek, 2 + QUOTA_HORIZON_WEEKS * 2),
  ])
  return monthQuotaFor({ fromWeek: args.fromWeek, known, sentByMonth, settings: args.settings, days: chinaDays, now: args.now })
}

/**
 * The week's slots with holidays, the leader's pick and — when a holiday moved the send of a week still
 * to go out — the month's quota (a move over it tries the other direction, else merges the week into the
 * next: `WeekSlots.merge`). The quota is read only for such a week, not at every tick. The scheduler,
 * 本周推送 / `push status` and 账号矩阵 place a week with it, so they agree.
 */
export async function placeWeek(
  payload: Payload,
  args: { accountId: string; week: string; push: Pick<PushDoc, 'sendDate' | 'status'> | null; settings: PushSettings; now: Date },
): Promise<WeekSlots> {
  const { accountId, week, push, settings, now } = args
  const slots = weekSlots(week, settings, chinaDays, push?.sendDate)
  if (!slots.moved || slots.override || (push && !inStatusGroup(OPEN_PUSH_STATUSES, push.status))) return slots
  const quotaFor = await loadMonthQuota(payload, accountId, { fromWeek: isoWeekOf(now), settings, now })
  return weekSlots(week, settings, chinaDays, push?.sendDate, quotaFor(week))
}
