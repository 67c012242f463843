/**
 * Weekly slots in Beijing time. The ISO week itself (`isoWeekOf`, `isoWeekMonday`, …) lives in
 * src/shared/time.ts.
 */
import { DAY_MS, isoWeekMonday, isoWeekOf, shanghaiDayStart, type IsoWeek } from '../../shared/time'

/**
 * Midnight (Beijing) of the Monday that starts an ISO week, as a UTC instant.
 * @throws Error (Chinese) for a malformed week or one the year does not have (`isoWeekMonday`).
 */
export function mondayOf(week: string): Date {
  return new Date(shanghaiDayStart(isoWeekMonday(week)))
}

/** `weekday` 1 = Monday … 7 = Sunday, at `HH:MM` Beijing time, in the given week. */
export function slotInstant(week: string, weekday: number, time: string): Date {
  const [hours, minutes] = time.split(':').map(Number)
  return new Date(mondayOf(week).getTime() + (weekday - 1) * DAY_MS + (hours * 60 + minutes) * 60_000)
}

/** The ISO week `count` weeks after `week` (`count` may be negative). */
export function addWeeks(week: string, count: number): IsoWeek {
  return isoWeekOf(mondayOf(week).getTime() + count * 7 * DAY_MS + DAY_MS / 2)
}
