import type { PushSettings } from './settings'
import { OPEN_PUSH_STATUSES, inStatusGroup, type PushStatus } from './status'
import { plainDays, weekSlots, type DayLookup } from './holiday-slots'
import { addWeeks } from './week'
import { shanghaiDate, shanghaiMonth } from '../../shared/time'

export interface KnownPush {
  week: string
  status: PushStatus
  sentAt?: string | null
}

export interface CalendarRow {
  week: string
  /** The regular send day (Beijing), `YYYY-MM-DD`. */
  sendDay: string
  month: string
  status: PushStatus | 'planned' | 'quota-skip' | 'quota-merge'
  /** Sends in that month, counting this one if it goes out, and the limit. */
  quotaUsed: number
  quotaLimit: number
  /** The send and retry instants (holidays and the leader's pick applied). */
  sendAt: Date
  retryAt: Date
  /** Why the week's slots moved (holidays, the leader's pick), or that the year's holidays are not known yet. */
  notes: string[]
  /** Set when the calendar does not know the year of the week's days (counted Monday–Friday). */
  unknownYear?: number
}

/**
 * The next weeks with what will happen to each. A service account reaches each follower at most
 * `monthlyQuota` times a calendar month, so in a month with five send days one week cannot go out:
 * the calendar shows it weeks ahead, and the policy skips it (or merges it into the next push).
 * With `days` the send day follows the holidays (`weekSlots`), and each row says why it moved.
 */
export function planCalendar(args: {
  fromWeek: string
  weeks: number
  known: KnownPush[]
  /** Mass sends already made per Beijing month (`YYYY-MM`), including ones outside the weekly rhythm. */
  sentByMonth: Record<string, number>
  settings: PushSettings
  /** The calendar facts (`chinaDays`); without them, the plain Monday–Friday rhythm. */
  days?: DayLookup
  /** The leader's pick of a send day per week (`weekly-pushes.sendDate`). */
  sendDates?: Record<string, string | null | undefined>
}): CalendarRow[] {
  const used = { ...args.sentByMonth }
  const rows: CalendarRow[] = []
  for (let index = 0; index < args.weeks; index++) {
    const week = addWeeks(args.fromWeek, index)
    const slots = weekSlots(week, args.settings, args.days ?? plainDays, args.sendDates?.[week])
    const sendAt = slots.sendAt
    const month = shanghaiMonth(sendAt)
    const known = args.known.find((push) => push.week === week)
    let status: CalendarRow['status']
    if (known && !inStatusGroup(OPEN_PUSH_STATUSES, known.status)) {
      // Already counted in sentByMonth when it went out.
      status = known.status
    } else if ((used[month] ?? 0) >= args.settings.monthlyQuota) {
      status = args.settings.quotaPolicy === 'merge' ? 'quota-merge' : 'quota-skip'
    } else {
      used[month] = (used[month] ?? 0) + 1
      status = known?.status ?? 'planned'
    }
    rows.push({
      week,
      sendDay: shanghaiDate(sendAt),
      month,
      status,
      quotaUsed: used[month] ?? 0,
      quotaLimit: args.settings.monthlyQuota,
      sendAt,
      retryAt: slots.retryAt,
      notes: slots.notes,
      ...(slots.unknownYear !== undefined ? { unknownYear: slots.unknownYear } : {}),
    })
  }
  return rows
}
