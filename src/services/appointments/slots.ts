/**
 * Bookable slots from a booking rule: pure, given the rule and the current instant. The booking rule
 * of a guide or an office (a later collection stores it) says when the window is open each week, how
 * many residents one slot takes, how far ahead residents may book and until when; staff add closures;
 * China's public holidays and make-up working days come from src/services/calendar.
 *
 * Times of day are Beijing wall-clock `HH:MM`; dates are Beijing `YYYY-MM-DD`; instants are epoch ms
 * and ISO strings (UTC). China has no daylight saving time, so a slot is always exactly its minutes long.
 */
import { dayInfo, type DayInfo } from '../calendar/calendar'
import { addDays, isIsoDate, shanghaiDate, shanghaiDayStart } from '../../shared/time'

/** ISO weekday: 1 Monday … 7 Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7

/** A span of wall-clock time, Beijing, `HH:MM` (00:00–24:00), `start` before `end`. */
export interface TimeRange {
  start: string
  end: string
}

/** A closure added by staff: whole days, or a time range on each of those days. */
export interface Closure {
  /** First closed day, `YYYY-MM-DD`. */
  date: string
  /** Last closed day, inclusive; `date` alone when absent. */
  endDate?: string
  /** When given, only slots overlapping this range are closed on those days; otherwise the whole day. */
  time?: TimeRange
  /** Shown to staff (e.g. 系统升级, 全员培训). */
  reason?: string
}

export interface BookingRule {
  /**
   * Scope of the slot keys, e.g. `guide:12` or `office:3`: two rules never share a key. Letters,
   * digits and `:_-` only.
   */
  scope: string
  /** The opening hours of each weekday (absent or empty: closed that weekday). */
  weekly: Partial<Record<Weekday, TimeRange[]>>
  /** Length of a slot in minutes (default 60). The part of a range too short for a whole slot is dropped. */
  slotMinutes?: number
  /** Residents per slot, ≥ 1. */
  capacity: number
  /**
   * How far ahead residents may book, in working days (default 5): up to and including the
   * `daysAhead`-th working day after today, counted as deadlines are (src/services/calendar). Today's
   * slots are offered too, subject to the cut-off.
   */
  daysAhead?: number
  /** Booking closes this many minutes before a slot starts (default 120). */
  cutoffMinutes?: number
  /** Closures added by staff. */
  closures?: Closure[]
  /**
   * Whose opening hours a 调休 make-up Saturday or Sunday follows (default 1, Monday; a weekday without
   * hours falls back to the first of Monday–Friday that has some). See README.md.
   */
  makeupDayPattern?: Weekday
}

export const SLOT_DEFAULTS = { slotMinutes: 60, daysAhead: 5, cutoffMinutes: 120, makeupDayPattern: 1 as Weekday } as const

export interface Slot {
  /** Stable key: `<scope>|<YYYY-MM-DD>|<HH:MM>-<HH:MM>`; the same slot always has the same key. */
  key: string
  /** Beijing date. */
  date: string
  /** Beijing wall-clock start and end, `HH:MM`. */
  start: string
  end: string
  /** The instants, epoch ms and ISO (UTC). */
  startMs: number
  endMs: number
  startsAt: string
  endsAt: string
  capacity: number
  /** What the calendar says of the day (`makeup_workday` on a 调休 Saturday/Sunday). */
  dayKind: DayInfo['kind']
}

export interface SlotWarning {
  code: 'calendar_unknown'
  year: number
  /** The first day no slot was made for. */
  from: string
  /** Chinese, for staff (and, shortened, for residents). */
  message: string
}

export interface SlotOptions {
  /**
   * Cut-off to apply instead of the rule's, in minutes: staff booking for a resident who calls or
   * walks in pass 0 (a slot that has not started yet).
   */
  cutoffMinutes?: number
}

export interface SlotResult {
  /** In time order. */
  slots: Slot[]
  /** Empty when every day of the window is known to the calendar. */
  warnings: SlotWarning[]
  /** The last day of the booking window (`daysAhead`-th working day after today), when known. */
  lastDay: string | null
}

const TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/

/** Minutes after midnight of `HH:MM`, or null when it is not one. */
export function minutesOf(time: string): number | null {
  const match = TIME.exec(time)
  if (!match) return null
  return match[1] === undefined ? 24 * 60 : Number(match[1]) * 60 + Number(match[2])
}

const hhmm = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

const WEEKDAY_ZH: Record<number, string> = { 1: '一', 2: '二', 3: '三', 4: '四', 5: '五', 6: '六', 7: '日' }

/**
 * The problems of a booking rule, in Chinese (empty when it is usable): for the rule's admin form and
 * before generating slots.
 */
export function bookingRuleProblems(rule: BookingRule): string[] {
  const problems: string[] = []
  if (!/^[A-Za-z0-9:_-]+$/.test(rule.scope)) problems.push('预约规则的标识只能包含字母、数字和 : _ -')
  const slotMinutes = rule.slotMinutes ?? SLOT_DEFAULTS.slotMinutes
  if (!Number.isInteger(slotMinutes) || slotMinutes < 5 || slotMinutes > 24 * 60) problems.push('每个时段的长度须为 5 到 1440 分钟的整数')
  if (!Number.isInteger(rule.capacity) || rule.capacity < 1) problems.push('每个时段可预约人数须为不小于 1 的整数')
  const daysAhead = rule.daysAhead ?? SLOT_DEFAULTS.daysAhead
  if (!Number.isInteger(daysAhead) || daysAhead < 0 || daysAhead > 60) problems.push('可提前预约的工作日数须为 0 到 60 的整数')
  const cutoff = rule.cutoffMinutes ?? SLOT_DEFAULTS.cutoffMinutes
  if (!Number.isInteger(cutoff) || cutoff < 0) problems.push('截止时间须为不小于 0 的整数分钟')
  for (const [weekday, ranges] of Object.entries(rule.weekly)) {
    if (!/^[1-7]$/.test(weekday)) problems.push(`每周开放时间里的星期 ${weekday} 无效（应为 1–7）`)
    const spans = (ranges ?? []).map((range) => ({ range, start: minutesOf(range.start), end: minutesOf(range.end) }))
    for (const { range, start, end } of spans) {
      if (start === null || end === null || start >= end)
        problems.push(`星期${WEEKDAY_ZH[Number(weekday)] ?? weekday}的开放时间 ${range.start}–${range.end} 无效`)
    }
    const sorted = spans.filter((s) => s.start !== null && s.end !== null && s.start < s.end).sort((a, b) => a.start! - b.start!)
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]!.start! < sorted[i - 1]!.end!) problems.push(`星期${WEEKDAY_ZH[Number(weekday)] ?? weekday}的开放时间有重叠`)
    }
  }
  for (const closure of rule.closures ?? []) {
    if (!isIsoDate(closure.date) || (closure.endDate !== undefined && (!isIsoDate(closure.endDate) || closure.endDate < closure.date))) {
      problems.push(`闭馆日期 ${closure.date}${closure.endDate ? ` 至 ${closure.endDate}` : ''} 无效`)
    }
    if (closure.time) {
      const start = minutesOf(closure.time.start)
      const end = minutesOf(closure.time.end)
      if (start === null || end === null || start >= end) problems.push(`闭馆时间 ${closure.time.start}–${closure.time.end} 无效`)
    }
  }
  if (rule.makeupDayPattern !== undefined && !(rule.makeupDayPattern >= 1 && rule.makeupDayPattern <= 7)) problems.push('调休上班日参照的星期无效')
  return problems
}

/** The opening hours that apply on a day the calendar calls `info`, under `rule`. */
export function openingHoursOn(rule: BookingRule, info: DayInfo): TimeRange[] {
  if (info.kind === 'holiday') return []
  if (info.kind === 'makeup_workday') {
    const preferred = rule.makeupDayPattern ?? SLOT_DEFAULTS.makeupDayPattern
    const candidates = [preferred, 1, 2, 3, 4, 5] as Weekday[]
    for (const weekday of candidates) {
      const ranges = rule.weekly[weekday]
      if (ranges && ranges.length > 0) return ranges
    }
    return []
  }
  return rule.weekly[info.weekday as Weekday] ?? []
}

const closedBy = (closures: readonly Closure[], date: string, startMinutes: number, endMinutes: number): boolean =>
  closures.some((closure) => {
    if (date < closure.date || date > (closure.endDate ?? closure.date)) return false
    if (!closure.time) return true
    const from = minutesOf(closure.time.start)!
    const to = minutesOf(closure.time.end)!
    return startMinutes < to && from < endMinutes
  })

/**
 * The bookable slots of `rule` as seen at `now`: from today (Beijing) up to and including the
 * `daysAhead`-th working day after today.
 *
 * - A day follows its weekday's opening hours; a public holiday (放假, including weekdays taken off for
 *   调休) has none; a make-up working day (调休上班) follows `makeupDayPattern`'s hours.
 * - Each opening range is cut into slots of `slotMinutes` from its start; a remainder shorter than a
 *   slot is dropped (09:00–11:30 in 60 minutes: 09:00, 10:00; 11:00–11:30 is not offered).
 * - A slot is offered only while `now < start − cutoff` (booking closes at the cut-off instant itself).
 * - A slot overlapping a closure is not offered.
 * - The calendar is asked day by day: at the first day of a year it does not know, generation stops
 *   and a `calendar_unknown` warning is returned (the slots before it are kept; none is invented after).
 *
 * `capacity` is the rule's; the seats already taken are the caller's (the database) to subtract.
 * @throws RangeError when the rule has problems (see `bookingRuleProblems`) or `now` is not a valid instant.
 */
export function generateSlots(rule: BookingRule, now: Date | number, options: SlotOptions = {}): SlotResult {
  const problems = bookingRuleProblems(rule)
  if (problems.length > 0) throw new RangeError(`预约规则无效：${problems.join('；')}`)
  const nowMs = typeof now === 'number' ? now : now.getTime()
  if (!Number.isFinite(nowMs)) throw new RangeError('now must be a valid instant')
  const cutoffMinutes = options.cutoffMinutes ?? rule.cutoffMinutes ?? SLOT_DEFAULTS.cutoffMinutes
  if (!Number.isInteger(cutoffMinutes) || cutoffMinutes < 0) throw new RangeError('cutoffMinutes must be a whole number ≥ 0')
  const slotMinutes = rule.slotMinutes ?? SLOT_DEFAULTS.slotMinutes
  const daysAhead = rule.daysAhead ?? SLOT_DEFAULTS.daysAhead
  const closures = rule.closures ?? []
  const today = shanghaiDate(nowMs)

  const slots: Slot[] = []
  let workingDaysAfterToday = 0
  for (let date = today; ; date = addDays(date, 1)) {
    const info = dayInfo(date)
    if (!info.ok) {
      return {
        slots,
        warnings: [{ code: 'calendar_unknown', year: info.year, from: date, message: `${date} 起没有开放预约：${info.warning}` }],
        lastDay: null,
      }
    }
    if (date !== today && info.value.working) workingDaysAfterToday++
    // Every day reached is in the window: the loop ends on the daysAhead-th working day after today.
    const dayStart = shanghaiDayStart(date)
    const ranges = [...openingHoursOn(rule, info.value)].sort((a, b) => minutesOf(a.start)! - minutesOf(b.start)!)
    for (const range of ranges) {
      const rangeEnd = minutesOf(range.end)!
      for (let start = minutesOf(range.start)!; start + slotMinutes <= rangeEnd; start += slotMinutes) {
        const end = start + slotMinutes
        const startMs = dayStart + start * 60_000
        if (!(nowMs < startMs - cutoffMinutes * 60_000)) continue
        if (closedBy(closures, date, start, end)) continue
        const endMs = dayStart + end * 60_000
        slots.push({
          key: `${rule.scope}|${date}|${hhmm(start)}-${hhmm(end)}`,
          date,
          start: hhmm(start),
          end: hhmm(end),
          startMs,
          endMs,
          startsAt: new Date(startMs).toISOString(),
          endsAt: new Date(endMs).toISOString(),
          capacity: rule.capacity,
          dayKind: info.value.kind,
        })
      }
    }
    if (workingDaysAfterToday >= daysAhead) return { slots, warnings: [], lastDay: date }
  }
}
