/**
 * Beijing time, the one home of it: the zone, its offset, and the calendar helpers (days, months, ISO weeks) the admin, the
 * weekly push, the scheduler and the WeChat emulator use (WeChat's quotas and datacube dates follow
 * Beijing days too). China has no daylight saving time, so Beijing is UTC+8 all year and plain
 * arithmetic on instants is exact.
 */

/** The IANA zone of Beijing time, for Intl, node-cron and Payload's date fields. */
export const TIME_ZONE = 'Asia/Shanghai'

/** Beijing's offset from UTC, all year. */
export const SHANGHAI_OFFSET_MS = 8 * 3600_000
export const DAY_MS = 24 * 3600_000

/** The Beijing calendar date of an instant (a Date or epoch ms), as `YYYY-MM-DD`. */
export function shanghaiDate(instant: Date | number): string {
  return new Date((typeof instant === 'number' ? instant : instant.getTime()) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}

/** The Beijing month of an instant (a Date or epoch ms), as `YYYY-MM`. */
export const shanghaiMonth = (instant: Date | number): string => shanghaiDate(instant).slice(0, 7)

/** The Beijing hour (0–23) of an instant in epoch ms. */
export function shanghaiHour(ms: number): number {
  return new Date(ms + SHANGHAI_OFFSET_MS).getUTCHours()
}

/** Start (midnight, Beijing) of a calendar day `YYYY-MM-DD`, as epoch ms. */
export function shanghaiDayStart(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS
}

/** The calendar day `days` after `date` (both `YYYY-MM-DD`; `days` may be negative). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}

/** True for a real calendar day written `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const parsed = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value
}

/**
 * An ISO week written `YYYY-Www` (`2026-W48`): weeks start on Monday, week 1 holds the year's first
 * Thursday (ISO 8601), so the week's year can differ from its Monday's around New Year.
 */
export type IsoWeek = `${number}-W${string}`

/** `2026-W48`: a year and a week number 01–53 (whether that year has a week 53 is `isoWeekMonday`'s check). */
export const WEEK_PATTERN = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/

/** Weekday of a `YYYY-MM-DD` read as a UTC day, 1 Monday … 7 Sunday (no check of the date). */
const weekdayOfDay = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay() || 7

/**
 * The ISO weekday (1 Monday … 7 Sunday) of a calendar day `YYYY-MM-DD`, whatever the server's zone.
 * @throws RangeError when `date` is not a real `YYYY-MM-DD`.
 */
export function isoWeekday(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`date must be a calendar day written YYYY-MM-DD, got ${JSON.stringify(date)}`)
  return weekdayOfDay(date)
}

/** The Monday (`YYYY-MM-DD`) of the ISO week holding the calendar day `date` (`YYYY-MM-DD`). */
export function mondayOfDay(date: string): string {
  return addDays(date, 1 - weekdayOfDay(date))
}

/** The ISO week of a calendar day `YYYY-MM-DD` (a Beijing day: the week is the same wherever it is read). */
export function isoWeek(date: string): IsoWeek {
  const thursday = addDays(date, 4 - weekdayOfDay(date))
  const year = Number(thursday.slice(0, 4))
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1
  return `${year}-W${String(week).padStart(2, '0')}` as IsoWeek
}

/** The ISO week an instant (a Date or epoch ms) falls in, in Beijing time. */
export function isoWeekOf(instant: Date | number): IsoWeek {
  return isoWeek(shanghaiDate(instant))
}

/** The ISO weeks from calendar day `from` to `to` (both `YYYY-MM-DD`, Beijing days), oldest first. */
export function isoWeeksBetween(from: string, to: string): IsoWeek[] {
  const weeks: IsoWeek[] = []
  // Counted in days, not by comparing date strings: past 9999-12-31 a date prints as `+010000-…`,
  // which sorts before `9999-…`, and a string-bounded walk would never end.
  const count = daysBetween(from, to)
  for (let offset = 0; offset <= count; offset++) {
    const week = isoWeek(addDays(from, offset))
    if (weeks.at(-1) !== week) weeks.push(week)
  }
  return weeks
}

/**
 * The Monday (`YYYY-MM-DD`) that starts an ISO week `YYYY-Www`.
 * @throws Error (Chinese, shown as it is by the push CLI and endpoints) for a malformed week or a week
 * 53 of a year that has 52.
 */
export function isoWeekMonday(week: string): string {
  const match = WEEK_PATTERN.exec(week)
  if (!match) throw new Error(`周次格式应为 2026-W48，收到 "${week}"`)
  // 4 January is always in week 1.
  const monday = addDays(mondayOfDay(`${match[1]}-01-04`), (Number(match[2]) - 1) * 7)
  if (isoWeek(monday) !== week) throw new Error(`${match[1]} 年没有第 ${match[2]} 周`)
  return monday
}

/**
 * The one date-time format of the admin (date-fns pattern, as `admin.dateFormat` takes it):
 * `2026-11-28 16:05`, always Beijing time. Dates without a time use `DATE_FORMAT`.
 */
export const DATE_TIME_FORMAT = 'yyyy-MM-dd HH:mm'
export const DATE_FORMAT = 'yyyy-MM-dd'

const formatter = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
})

/** `2026-11-28 16:05` in Beijing time, whatever the server's own zone. */
export function formatShanghai(value: string | Date | null | undefined): string {
  if (!value) return '—'
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) return '—'
  const parts = Object.fromEntries(formatter.formatToParts(date).map((part) => [part.type, part.value]))
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour === '24' ? '00' : parts.hour}:${parts.minute}`
}

/**
 * `2026-11-28`: the Beijing calendar day of an instant. Payload stores a date picked without a time
 * at 12:00 UTC of that day, which is the same day in Beijing (20:00).
 */
export function formatShanghaiDay(value: string | Date | null | undefined): string {
  const full = formatShanghai(value)
  return full === '—' ? full : full.slice(0, 10)
}

/**
 * 「11 月 29 日」 for a Beijing date `YYYY-MM-DD`; with its year (「2025 年 11 月 29 日」) when `currentYear`
 * (`YYYY`) is given and differs. How staff pages and notes name a day.
 */
export function monthDayLabel(date: string, currentYear?: string): string {
  const [year, month, day] = date.split('-')
  const md = `${Number(month)} 月 ${Number(day)} 日`
  return currentYear === undefined || year === currentYear ? md : `${year} 年 ${md}`
}
