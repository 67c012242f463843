import type { PushSettings } from './settings'
import { OPEN_PUSH_STATUSES, inStatusGroup, type PushStatus } from './status'
import { addWeeks, slotInstant } from './week'
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
}

/**
 * The next weeks with what will happen to each. A service account reaches each follower at most
 * `monthlyQuota` times a calendar month, so in a month with five send days one week cannot go out:
 * the calendar shows it weeks ahead, and the policy skips it (or merges it into the next push).
 */
export function planCalendar(args: {
  fromWeek: string
  weeks: number
  known: KnownPush[]
  /** Mass sends already made per Beijing month (`YYYY-MM`), including ones outside the weekly rhythm. */
  sentByMonth: Record<string, number>
  settings: PushSettings
}): CalendarRow[] {
  const used = { ...args.sentByMonth }
  const rows: CalendarRow[] = []
  for (let index = 0; index < args.weeks; index++) {
    const week = addWeeks(args.fromWeek, index)
    const sendAt = slotInstant(week, args.settings.sendWeekday, args.settings.sendTime)
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
    rows.push({ week, sendDay: shanghaiDate(sendAt), month, status, quotaUsed: used[month] ?? 0, quotaLimit: args.settings.monthlyQuota })
  }
  return rows
}
