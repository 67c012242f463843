/**
 * The no-show rule: a resident who misses booked appointments is kept from booking online for a while,
 * with the reason shown. Pure: given the dates of the resident's no-shows (未到) and today.
 *
 * Rule (defaults from the issue: two no-shows in a month block online booking for 30 days):
 * - `maxNoShows` no-shows whose slot dates lie within `withinDays` calendar days of each other (the
 *   first and the last at most `withinDays − 1` days apart, so both fit in one span of `withinDays`
 *   days) block online booking;
 * - the block begins on the date of the no-show that completes the count and lasts `blockDays`
 *   calendar days, that day included; online booking is open again on the day after;
 * - the no-shows that caused a block are used up: each no-show counts toward one block at most;
 * - the block is of online booking only: staff may still book for the resident (phone, walk-in).
 * All dates are Beijing `YYYY-MM-DD`; days are calendar days (not working days: a block is about the
 * resident's conduct, not the office's time limits).
 */
import { addDays, daysBetween, isIsoDate } from '../../shared/time'

export interface NoShowRule {
  /** No-shows that block (default 2). */
  maxNoShows: number
  /** Within this many calendar days (default 30). */
  withinDays: number
  /** Length of the block in calendar days (default 30). */
  blockDays: number
}

export const NO_SHOW_DEFAULTS: NoShowRule = { maxNoShows: 2, withinDays: 30, blockDays: 30 }

export type NoShowStatus =
  | { blocked: false }
  | {
      blocked: true
      /** The no-show dates that caused the block. */
      noShows: string[]
      /** First and last blocked day (inclusive), and the day online booking opens again. */
      since: string
      lastBlockedDay: string
      resumesOn: string
      /** For the resident and staff, in Chinese. */
      reason: string
    }

/**
 * Whether online booking is blocked for a resident on `today`, given the dates of their no-shows (any
 * order; dates after `today` are ignored). See the module's notes for the rule.
 * @throws RangeError for a date that is not a real `YYYY-MM-DD` or a rule value that is not a whole number ≥ 1.
 */
export function noShowBlock(noShowDates: readonly string[], today: string, rule: Partial<NoShowRule> = {}): NoShowStatus {
  const { maxNoShows, withinDays, blockDays } = { ...NO_SHOW_DEFAULTS, ...rule }
  for (const [name, value] of Object.entries({ maxNoShows, withinDays, blockDays })) {
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a whole number ≥ 1, got ${value}`)
  }
  for (const date of [today, ...noShowDates]) {
    if (!isIsoDate(date)) throw new RangeError(`dates must be YYYY-MM-DD, got ${JSON.stringify(date)}`)
  }
  const dates = noShowDates.filter((date) => date <= today).sort()
  let pending: string[] = []
  let current: Extract<NoShowStatus, { blocked: true }> | null = null
  for (const date of dates) {
    pending = [...pending.filter((earlier) => daysBetween(earlier, date) < withinDays), date]
    if (pending.length < maxNoShows) continue
    const lastBlockedDay = addDays(date, blockDays - 1)
    if (today <= lastBlockedDay && (!current || lastBlockedDay > current.lastBlockedDay)) {
      current = {
        blocked: true,
        noShows: pending,
        since: date,
        lastBlockedDay,
        resumesOn: addDays(date, blockDays),
        reason:
          `您在 ${withinDays} 天内有 ${pending.length} 次预约未到（${pending.join('、')}），` +
          `网上预约暂停至 ${lastBlockedDay}（含），${addDays(date, blockDays)} 起恢复。` +
          '如需办理，请致电或到窗口，工作人员可以为您预约。',
      }
    }
    pending = []
  }
  return current ?? { blocked: false }
}
