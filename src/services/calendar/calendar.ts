/**
 * China's working-day calendar, the one home of it for the whole project (appointments, the 好差评
 * rectification deadlines, the push calendar). Pure: no database, no clock of its own.
 *
 * The data are the package `chinese-days` (its `dist/chinese-days.json`: for every year it knows, the
 * public holidays 放假日 and the make-up working days 调休上班日 of the 国务院办公厅's yearly notice,
 * e.g. 《国务院办公厅关于2026年部分节假日安排的通知》 of 2025-11-04,
 * https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm). We read the data, not the package's
 * functions: those fall back to plain Monday–Friday for a year they do not know (which would invent a
 * calendar) and turn dates into weekdays in the server's local zone.
 *
 * Every date is a Beijing calendar day written `YYYY-MM-DD` (see src/shared/time.ts for turning an
 * instant into one). A day of a year the data do not cover is never guessed: every function returns a
 * `CalendarUnknown` for it, which callers turn into a warning for staff (`warning` is that Chinese text).
 */
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' }
import pkg from 'chinese-days/package.json' with { type: 'json' }
import { addDays, isIsoDate, isoWeekday } from '../../shared/time'

/** Where the holiday data come from, for messages and logs: `chinese-days@1.5.7`. */
export const CALENDAR_SOURCE = `chinese-days@${pkg.version}`

/** What a calendar day is. `makeup_workday` is a Saturday or Sunday worked by the notice (调休上班). */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday'

export interface DayInfo {
  /** `YYYY-MM-DD`, Beijing. */
  date: string
  /** ISO weekday of the date: 1 Monday … 7 Sunday. */
  weekday: number
  kind: DayKind
  /** True for `workday` and `makeup_workday`: government offices are open. */
  working: boolean
  /** The holiday the day belongs to (`国庆节`, `春节`), for `holiday` and `makeup_workday`. */
  holiday?: string
}

/** The answer for a day of a year the data do not cover. */
export interface CalendarUnknown {
  ok: false
  code: 'calendar_unknown'
  /** The first year that was needed and is not covered. */
  year: number
  /** For staff, in Chinese: which year is missing and what follows from it. */
  warning: string
}

export type CalendarResult<T> = { ok: true; value: T } | CalendarUnknown

/** Thrown by `orThrow` for callers that prefer an exception to a result. */
export class CalendarUnknownError extends Error {
  readonly code = 'calendar_unknown'
  constructor(
    readonly year: number,
    message: string,
  ) {
    super(message)
    this.name = 'CalendarUnknownError'
  }
}

type Table = Record<string, string>
const HOLIDAYS = (data as { holidays: Table }).holidays
const MAKEUP_WORKDAYS = (data as { workdays: Table }).workdays

/** The package's short names, written as the notice writes them. */
const NOTICE_NAMES: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' }

/** `"National Day,国庆节,3"` → `国庆节`; `"Mid-autumn Festival,中秋,1"` → `中秋节`. */
const holidayName = (entry: string): string => {
  const name = entry.split(',')[1] ?? entry
  return NOTICE_NAMES[name] ?? name
}

/**
 * The years the data cover: a year counts only when it holds both the Spring Festival and National Day
 * of its notice (the first long holiday and the last of every notice since 2008), so a year the package
 * lists a stray day of (e.g. an 元旦 that begins on 31 December of the year before) is not taken as known.
 */
const COVERED_YEARS: ReadonlySet<number> = (() => {
  const spring = new Set<number>()
  const national = new Set<number>()
  for (const [date, entry] of Object.entries(HOLIDAYS)) {
    const year = Number(date.slice(0, 4))
    const name = holidayName(entry)
    if (name === '春节') spring.add(year)
    if (name === '国庆节') national.add(year)
  }
  return new Set([...spring].filter((year) => national.has(year)))
})()

export interface Coverage {
  year: number
  /** True when the holidays and make-up working days of the year's notice are in the data. */
  covered: boolean
  /** `chinese-days@1.5.7`. */
  source: string
  /** The last year covered (the data cover every year from 2004 up to it). */
  lastCoveredYear: number
  /** For staff when not covered. */
  warning?: string
}

const LAST_COVERED_YEAR = Math.max(...COVERED_YEARS)

/** The Chinese warning for a year the data do not cover. */
export function calendarWarning(year: number): string {
  return (
    `${year} 年的法定节假日和调休安排尚未收录（当前日历数据 ${CALENDAR_SOURCE} 只到 ${LAST_COVERED_YEAR} 年），` +
    `${year} 年的工作日无法确定：相关日期不开放预约、不计算办结期限。` +
    `国务院办公厅发布 ${year} 年节假日安排后，请管理员升级 chinese-days 日历数据。`
  )
}

const unknown = (year: number): CalendarUnknown => ({ ok: false, code: 'calendar_unknown', year, warning: calendarWarning(year) })

/**
 * Whether the data know `year` (the holidays and make-up working days of its 国务院办公厅 notice).
 * Never throws; `warning` is set when not covered.
 */
export function coverage(year: number): Coverage {
  const covered = COVERED_YEARS.has(year)
  return { year, covered, source: CALENDAR_SOURCE, lastCoveredYear: LAST_COVERED_YEAR, ...(covered ? {} : { warning: calendarWarning(year) }) }
}

function assertDate(date: string, name = 'date'): void {
  if (!isIsoDate(date)) throw new RangeError(`${name} must be a calendar day written YYYY-MM-DD, got ${JSON.stringify(date)}`)
}

/**
 * What `date` is: a normal working day, a weekend, a public holiday (放假, including the weekdays
 * taken off for 调休) or a make-up working day (调休上班). `CalendarUnknown` for a year not covered.
 * @throws RangeError when `date` is not a real `YYYY-MM-DD`.
 */
export function dayInfo(date: string): CalendarResult<DayInfo> {
  assertDate(date)
  const year = Number(date.slice(0, 4))
  if (!COVERED_YEARS.has(year)) return unknown(year)
  const weekday = isoWeekday(date)
  const makeup = MAKEUP_WORKDAYS[date]
  if (makeup) return { ok: true, value: { date, weekday, kind: 'makeup_workday', working: true, holiday: holidayName(makeup) } }
  const holiday = HOLIDAYS[date]
  if (holiday) return { ok: true, value: { date, weekday, kind: 'holiday', working: false, holiday: holidayName(holiday) } }
  const weekend = weekday >= 6
  return { ok: true, value: { date, weekday, kind: weekend ? 'weekend' : 'workday', working: !weekend } }
}

/**
 * True when government offices work on `date` (Monday–Friday not a public holiday, or a make-up
 * working day of the notice). `CalendarUnknown` for a year not covered.
 * @throws RangeError when `date` is not a real `YYYY-MM-DD`.
 */
export function isWorkingDay(date: string): CalendarResult<boolean> {
  const info = dayInfo(date)
  return info.ok ? { ok: true, value: info.value.working } : info
}

function assertCount(n: number, name: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a whole number ≥ 0, got ${n}`)
}

/**
 * The first `count` working days strictly after `from`, in order (`from` itself is never included,
 * whatever it is). `CalendarUnknown` as soon as a day to look at lies in a year not covered.
 * @throws RangeError for a bad date or a count that is not a whole number ≥ 0.
 */
export function nextWorkingDays(from: string, count: number): CalendarResult<string[]> {
  assertDate(from, 'from')
  assertCount(count, 'count')
  const days: string[] = []
  let date = from
  while (days.length < count) {
    date = addDays(date, 1)
    const working = isWorkingDay(date)
    if (!working.ok) return working
    if (working.value) days.push(date)
  }
  return { ok: true, value: days }
}

/**
 * The deadline of a matter with a time limit of `n` working days accepted on `accepted`: the n-th
 * working day after the day of acceptance. The rules followed:
 * - 《中华人民共和国行政许可法》第八十二条: the time limits of administrative licensing are counted in
 *   working days, statutory holidays excluded (so only days `isWorkingDay` calls working count; a 调休
 *   make-up Saturday or Sunday is a working day and counts);
 * - 《中华人民共和国民法典》第二百零一条: 「开始的当日不计入，自下一日开始计算」 — the day of acceptance is
 *   not counted; the first working day after it is day 1.
 * `n = 0` (a 即办件, done on the spot) gives `accepted` itself.
 * `CalendarUnknown` when the count runs into a year not covered.
 * @throws RangeError for a bad date or an `n` that is not a whole number ≥ 0.
 */
export function addWorkingDays(accepted: string, n: number): CalendarResult<string> {
  assertDate(accepted, 'accepted')
  assertCount(n, 'n')
  if (n === 0) return { ok: true, value: accepted }
  const days = nextWorkingDays(accepted, n)
  return days.ok ? { ok: true, value: days.value[n - 1]! } : days
}

/**
 * The number of working days in (from, to]: `from` excluded, `to` included, counted as
 * `addWorkingDays` counts (so `workingDaysBetween(d, addWorkingDays(d, n)) === n`). Negative when `to`
 * is before `from` (minus the working days in (to, from]); 0 when they are equal.
 * `CalendarUnknown` when a day of the span lies in a year not covered.
 * @throws RangeError for a bad date.
 */
export function workingDaysBetween(from: string, to: string): CalendarResult<number> {
  assertDate(from, 'from')
  assertDate(to, 'to')
  if (to < from) {
    const back = workingDaysBetween(to, from)
    return back.ok ? { ok: true, value: -back.value } : back
  }
  let count = 0
  for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) {
    const working = isWorkingDay(date)
    if (!working.ok) return working
    if (working.value) count++
  }
  return { ok: true, value: count }
}

/** The value of a result, or a `CalendarUnknownError` (message: the Chinese warning) for an unknown year. */
export function orThrow<T>(result: CalendarResult<T>): T {
  if (result.ok) return result.value
  throw new CalendarUnknownError(result.year, result.warning)
}

/** A deadline that may be estimated: see `addWorkingDaysOrEstimate`. */
export interface DeadlineOrEstimate {
  /** `YYYY-MM-DD`, Beijing: the n-th working day after `from`, exact or estimated. */
  date: string
  /** True when a day of the count lies in a year the data do not cover and was counted as Monday–Friday. */
  estimated: boolean
  /** For staff and residents when estimated (Chinese): which year was guessed and that it will be corrected. */
  warning?: string
}

/** The Chinese note of an estimated deadline: `year` is the first year counted as plain Monday–Friday. */
export function estimateWarning(year: number): string {
  return `${year} 年节假日安排尚未公布，期限按周一至周五推算，公布后自动更正`
}

/**
 * A time limit of `n` working days from `from`, as `addWorkingDays` counts it (the day of `from` not
 * counted, 民法典第二百零一条; holidays skipped and make-up days counted, 行政许可法第八十二条) — except
 * that the days of a year the data do not cover are counted as Monday–Friday instead of refused, and the
 * answer says so (`estimated: true`, `warning`: 「2027 年节假日安排尚未公布，期限按周一至周五推算，公布后
 * 自动更正」). For deadlines that must exist even before the next year's notice is in the data (a
 * 差评's rectification, a consultation's reply): the caller stores the estimate with its flag and counts
 * again once `coverage(year)` is covered. Days of covered years are counted exactly, so an estimate
 * differs from the truth only by the unknown year's holidays and make-up days. The other functions of
 * this module keep refusing unknown years (appointments must never be offered on a guessed day).
 * `n = 0` gives `from` itself, never estimated.
 * @throws RangeError for a bad date or an `n` that is not a whole number ≥ 0.
 */
export function addWorkingDaysOrEstimate(from: string, n: number): DeadlineOrEstimate {
  assertDate(from, 'from')
  assertCount(n, 'n')
  let date = from
  let counted = 0
  let guessedYear: number | null = null
  while (counted < n) {
    date = addDays(date, 1)
    const working = isWorkingDay(date)
    if (working.ok) {
      if (working.value) counted++
    } else {
      guessedYear ??= working.year
      if (isoWeekday(date) <= 5) counted++
    }
  }
  return guessedYear === null ? { date, estimated: false } : { date, estimated: true, warning: estimateWarning(guessedYear) }
}
