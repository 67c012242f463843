import type { PushSettings } from './settings'
import { OPEN_PUSH_STATUSES, inStatusGroup, type PushStatus } from './status'
import { plainDays, weekSlots, type DayLookup, type MonthQuota, type QuotaMerge, type WeekSlots } from './holiday-slots'
import { addWeeks } from './week'
import { shanghaiDate, shanghaiMonth } from '../../shared/time'

export interface KnownPush {
  week: string
  status: PushStatus
  /** The leader's pick of a send day (`weekly-pushes.sendDate`). */
  sendDate?: string | null
  /** When it went out (`wechat.sentAt`), for a past week's note. */
  sentAt?: string | null
  /** Why it was skipped or failed (`statusReason`). */
  statusReason?: string | null
}

export interface CalendarRow {
  week: string
  /** The send day as placed (holidays and the leader's pick applied; Beijing), `YYYY-MM-DD`. */
  sendDay: string
  month: string
  /** `past`: the week's last slot day went by without a push; `quota-merge` also for a holiday move over the quota (`merge`). */
  status: PushStatus | 'planned' | 'quota-skip' | 'quota-merge' | 'past'
  /** Sends in that month, counting this one if it goes out, and the limit. */
  quotaUsed: number
  quotaLimit: number
  /** The send and retry instants (holidays and the leader's pick applied). */
  sendAt: Date
  retryAt: Date
  /** Why the week's slots moved (holidays, the leader's pick), or that the year's holidays are not known yet. */
  notes: string[]
  /** Set when the calendar does not know the year of the week's send day (counted Monday–Friday). */
  unknownYear?: number
  /** Set when a holiday move would exceed the month's quota: the week is merged into the next one. */
  merge?: QuotaMerge
  /** From the push row, for a week that went out or was skipped. */
  sentAt?: string | null
  statusReason?: string | null
}

/** Statuses of a week that may still go out, so it counts as planned in its month. */
const STILL_TO_GO: readonly PushStatus[] = [...OPEN_PUSH_STATUSES, 'failed']

/**
 * The month's quota as `weekSlots` needs it to place one week's holiday move (`MonthQuota`): the mass
 * sends already made or under way (`sentByMonth`, by the month they went out) plus every other week
 * from `fromWeek` on that may still go out (no push, or one open or failed), in the month its send day
 * falls (holiday rule and leader's pick applied, before any quota decision: a month with five send
 * days counts five, which is full either way). Weeks before `fromWeek`, and weeks whose last slot day
 * is before `now`'s day, count only by what they sent. Pure; placements are computed once per week.
 */
export function monthQuotaFor(args: {
  fromWeek: string
  known: KnownPush[]
  sentByMonth: Record<string, number>
  settings: PushSettings
  days: DayLookup
  now?: Date
  /** How many weeks from `fromWeek` to look at (a month's send days lie within 6 ISO weeks). */
  horizon?: number
}): (week: string) => MonthQuota {
  const horizon = args.horizon ?? 14
  const today = args.now ? shanghaiDate(args.now) : null
  const placed = new Map<string, WeekSlots>()
  const slotsOf = (week: string) => {
    let slots = placed.get(week)
    if (!slots) {
      slots = weekSlots(week, args.settings, args.days, args.known.find((push) => push.week === week)?.sendDate)
      placed.set(week, slots)
    }
    return slots
  }
  const pending = (week: string) => {
    const known = args.known.find((push) => push.week === week)
    if (known && !STILL_TO_GO.includes(known.status)) return false
    return today === null || shanghaiDate(slotsOf(week).retryAt) >= today
  }
  return (except) => ({
    limit: args.settings.monthlyQuota,
    sendsIn: (month) => {
      let count = args.sentByMonth[month] ?? 0
      for (let index = 0; index < horizon; index++) {
        const week = addWeeks(args.fromWeek, index)
        if (week !== except && pending(week) && shanghaiMonth(slotsOf(week).sendAt) === month) count++
      }
      return count
    },
  })
}

/**
 * The next weeks with what will happen to each. A service account reaches each follower at most
 * `monthlyQuota` times a calendar month, so in a month with five send days one week cannot go out:
 * the calendar shows it weeks ahead, and the policy skips it (or merges it into the next push).
 * With `days` the send day follows the holidays (`weekSlots`), and each row says why it moved; a
 * holiday move into a month whose quota is used up tries the other direction, else the week is
 * merged into the next (`merge`, status `quota-merge`, one note). With `now`, a week whose last slot
 * day has passed is not planned: it shows its push's status (`sent` with `sentAt`, `skipped` with its
 * reason), or `past` without a push, and takes no quota.
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
  now?: Date
}): CalendarRow[] {
  const days = args.days ?? plainDays
  const known = args.known.map((push) => ({ ...push, sendDate: push.sendDate ?? args.sendDates?.[push.week] ?? null }))
  for (const [week, sendDate] of Object.entries(args.sendDates ?? {})) {
    if (sendDate && !known.some((push) => push.week === week)) known.push({ week, status: 'proposed', sendDate })
  }
  const quotaFor = monthQuotaFor({ fromWeek: args.fromWeek, known, sentByMonth: args.sentByMonth, settings: args.settings, days, now: args.now })
  const today = args.now ? shanghaiDate(args.now) : null
  const used = { ...args.sentByMonth }
  const rows: CalendarRow[] = []
  for (let index = 0; index < args.weeks; index++) {
    const week = addWeeks(args.fromWeek, index)
    const push = args.known.find((entry) => entry.week === week)
    const finished = push !== undefined && !inStatusGroup(OPEN_PUSH_STATUSES, push.status)
    const slots = weekSlots(week, args.settings, days, args.sendDates?.[week] ?? push?.sendDate, finished ? undefined : quotaFor(week))
    const sendAt = slots.sendAt
    const month = shanghaiMonth(sendAt)
    const past = today !== null && shanghaiDate(slots.retryAt) < today
    let status: CalendarRow['status']
    if (finished) {
      // Already counted in sentByMonth when it went out.
      status = push.status
    } else if (past) {
      status = push?.status ?? 'past'
    } else if (slots.merge) {
      status = 'quota-merge'
    } else if ((used[month] ?? 0) >= args.settings.monthlyQuota) {
      status = args.settings.quotaPolicy === 'merge' ? 'quota-merge' : 'quota-skip'
    } else {
      used[month] = (used[month] ?? 0) + 1
      status = push?.status ?? 'planned'
    }
    // A merged week's one note is `merge.note` (quotaNote shows it), not repeated among the moves.
    const merged = slots.merge !== undefined && status === 'quota-merge'
    const notes = merged ? [] : [...slots.notes]
    const previous = rows.at(-1)
    if (previous?.merge) notes.unshift(`含上周（${previous.week}）并入的内容`)
    rows.push({
      week,
      sendDay: shanghaiDate(sendAt),
      month,
      status,
      quotaUsed: used[month] ?? 0,
      quotaLimit: args.settings.monthlyQuota,
      sendAt,
      retryAt: slots.retryAt,
      notes,
      ...(slots.unknownYear !== undefined ? { unknownYear: slots.unknownYear } : {}),
      ...(merged ? { merge: slots.merge } : {}),
      ...(push?.sentAt ? { sentAt: push.sentAt } : {}),
      ...(push?.statusReason ? { statusReason: push.statusReason } : {}),
    })
  }
  return rows
}
