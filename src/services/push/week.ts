/**
 * ISO weeks and weekly slots in Beijing time (the zone and the calendar days: src/shared/time.ts).
 */
import { DAY_MS, SHANGHAI_OFFSET_MS as OFFSET_MS } from '../../shared/time'

export type IsoWeek = `${number}-W${string}`

export const WEEK_PATTERN = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/

/** The ISO week (Monday first; week 1 holds the year's first Thursday) an instant falls in, in Beijing time. */
export function isoWeekOf(instant: Date): IsoWeek {
  const local = new Date(instant.getTime() + OFFSET_MS)
  const day = local.getUTCDay() || 7
  const thursday = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 4 - day))
  const year = thursday.getUTCFullYear()
  const week = Math.ceil(((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS + 1) / 7)
  return `${year}-W${String(week).padStart(2, '0')}` as IsoWeek
}

/** Midnight (Beijing) of the Monday that starts an ISO week, as a UTC instant. */
export function mondayOf(week: string): Date {
  const match = WEEK_PATTERN.exec(week)
  if (!match) throw new Error(`周次格式应为 2026-W48，收到 "${week}"`)
  const year = Number(match[1])
  const jan4 = new Date(Date.UTC(year, 0, 4))
  const jan4Day = jan4.getUTCDay() || 7
  const mondayWeek1 = Date.UTC(year, 0, 4 - jan4Day + 1)
  const monday = mondayWeek1 + (Number(match[2]) - 1) * 7 * DAY_MS
  const result = new Date(monday - OFFSET_MS)
  if (isoWeekOf(result) !== week) throw new Error(`${year} 年没有第 ${match[2]} 周`)
  return result
}

/** `weekday` 1 = Monday … 7 = Sunday, at `HH:MM` Beijing time, in the given week. */
export function slotInstant(week: string, weekday: number, time: string): Date {
  const [hours, minutes] = time.split(':').map(Number)
  return new Date(mondayOf(week).getTime() + (weekday - 1) * DAY_MS + (hours * 60 + minutes) * 60_000)
}

export function addWeeks(week: string, count: number): IsoWeek {
  return isoWeekOf(new Date(mondayOf(week).getTime() + count * 7 * DAY_MS + DAY_MS / 2))
}
