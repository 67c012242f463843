/**
 * The week's slots with China's public holidays: a send or retry slot on a public holiday moves (by the
 * push setting `holidayRule`), the assemble slot moves with the send, and a leader may pick another send
 * day for one week. Pure: the calendar facts come in as a `DayLookup` (built from services/calendar by
 * `chinaDays` in holiday-days.ts), so the scheduler, the plan and the tests decide the same way.
 */
import { addDays, isoWeekday, monthDayLabel, shanghaiDate, SHANGHAI_OFFSET_MS } from '../../shared/time'
import type { PushSettings } from './settings'
import { addWeeks, mondayOf, slotInstant } from './week'

/** What to do with a send/retry slot on a public holiday (法定节假日, incl. the weekdays taken off for 调休). */
export type HolidayRule = 'before' | 'after' | 'none'

export const HOLIDAY_RULES: readonly HolidayRule[] = ['before', 'after', 'none']

export const HOLIDAY_RULE_LABELS: Record<HolidayRule, { zh: string; en: string }> = {
  before: { zh: '提前到节前最后一个工作日', en: 'Move to the last working day before the holiday' },
  after: { zh: '顺延到节后第一个工作日', en: 'Move to the first working day after the holiday' },
  none: { zh: '不调整（照常发送）', en: 'Keep the day (send on the holiday)' },
}

/** One calendar day as the push calendar needs it. */
export interface PushDay {
  /** `YYYY-MM-DD`, Beijing. */
  date: string
  /** 1 Monday … 7 Sunday. */
  weekday: number
  /** Offices work (a 调休 make-up Saturday/Sunday included); for an unknown year: Monday–Friday. */
  working: boolean
  /** A public holiday of the yearly notice (放假, including weekdays taken off for 调休). */
  holiday: boolean
  /** The holiday's name (国庆节) for a holiday or a make-up working day. */
  holidayName?: string
  makeupWorkday: boolean
  /** Set when the calendar does not know the day's year: the day was taken as Monday–Friday. */
  unknownYear?: number
}

/** The calendar facts, one day at a time. */
export type DayLookup = (date: string) => PushDay

/** A day lookup without holidays (every Monday–Friday works): the plain weekly rhythm. */
export const plainDays: DayLookup = (date) => {
  const day = isoWeekday(date)
  return { date, weekday: day, working: day <= 5, holiday: false, makeupWorkday: false }
}

export interface WeekSlots {
  week: string
  assembleAt: Date
  sendAt: Date
  retryAt: Date
  /** The send day without holidays or override (`YYYY-MM-DD`). */
  regularSendDay: string
  /** True when the send day differs from the regular one (a holiday or the leader's pick). */
  moved: boolean
  /** For people, Chinese: why a slot moved, e.g. 「2026-10-01 周四 国庆节，提前到 9 月 30 日（周三）」. */
  notes: string[]
  /** The first year of the week the calendar does not know (its days taken as Monday–Friday). */
  unknownYear?: number
  /** The leader's pick for this week (`weekly-pushes.sendDate`), when set. */
  override?: string
  /**
   * Set when a holiday moved the send into a month whose quota is used up and no day of the week in
   * a month with room was left: the week is not sent on its own (合并到下周), its items stay in the pool
   * for the next week's bundle. `notes` then holds this one note.
   */
  merge?: QuotaMerge
}

/** A week merged into the next one because a holiday move would exceed the month's quota. */
export interface QuotaMerge {
  /** For people, Chinese, e.g. 「10 月 1 日（周四）国庆节；提前到 9 月 30 日会超出 9 月的 4 次群发，本周不单独推送，内容并入下周（10 月 8 日）」. */
  note: string
  /** The week whose bundle takes the items, and its send day (`YYYY-MM-DD`). */
  intoWeek: string
  intoDay: string
}

/**
 * The month's quota as `weekSlots` needs it to place a holiday move: WeChat lets a 服务号 reach each
 * follower `limit` times a calendar month (4; 公众平台 群发功能说明), so a send moved into a month that
 * already holds `limit` sends would not go out.
 */
export interface MonthQuota {
  limit: number
  /** Mass sends in `month` (`YYYY-MM`, Beijing) other than this week's: made, under way and planned. */
  sendsIn: (month: string) => number
}

const WEEKDAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日']

/** `2026-09-30` → `9 月 30 日（周三）`. */
export function dayLabel(day: PushDay): string {
  return `${monthDayLabel(day.date)}（${WEEKDAY_NAMES[day.weekday]}）`
}

/** The ISO week's last day (Sunday), `YYYY-MM-DD`. */
const sundayOf = (week: string) => addDays(shanghaiDate(mondayOf(week)), 6)

/** The instant of `time` (HH:MM, Beijing) on `date`. */
function at(date: string, time: string): Date {
  const [hours, minutes] = time.split(':').map(Number)
  return new Date(Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS + (hours * 60 + minutes) * 60_000)
}

/** The nearest working day strictly before (step -1) or after (+1) `date`, within 21 days; null if none. */
function nearestWorking(days: DayLookup, date: string, step: -1 | 1): string | null {
  for (let offset = 1; offset <= 21; offset++) {
    const candidate = addDays(date, step * offset)
    if (days(candidate).working) return candidate
  }
  return null
}

/**
 * Where a slot on `date` goes by `rule` when `date` is a public holiday; `date` itself otherwise.
 * `after` never leaves the ISO week (a past week is never sent): when the first working day after the
 * holiday is in the next week, the slot moves before the holiday instead, and the note says so.
 */
function moveOffHoliday(days: DayLookup, date: string, rule: HolidayRule, week: string, what: string, notes: string[]): string {
  const day = days(date)
  if (!day.holiday || rule === 'none') return date
  const name = day.holidayName ?? '法定节假日'
  const head = `${date} ${WEEKDAY_NAMES[day.weekday]} ${name}`
  if (rule === 'after') {
    const later = nearestWorking(days, date, 1)
    if (later && later <= sundayOf(week)) {
      notes.push(`${head}，${what}顺延到 ${dayLabel(days(later))}`)
      return later
    }
  }
  const earlier = nearestWorking(days, date, -1)
  if (!earlier) return date
  const fallback = rule === 'after' ? '（节后第一个工作日已在下一周）' : ''
  notes.push(`${head}，${what}提前到 ${dayLabel(days(earlier))}${fallback}`)
  return earlier
}

/**
 * Where the holiday rule and the month's quota put the send: the rule's day when its month has room;
 * else the other direction within the week (a working day in a month with room: the first after the
 * holiday, or the last before it, at most 7 days before the week as a leader's pick may be); else
 * null with the merge note. Only a send the holiday moved is checked here: a regular day over the
 * quota is the scheduler's ordinary quota skip (decide.ts).
 */
function placeMovedSend(
  days: DayLookup,
  week: string,
  regular: string,
  picked: string,
  quota: MonthQuota,
  nextSendDay: string,
): { day: string; note: string } | { merge: QuotaMerge } {
  const hasRoom = (date: string) => quota.sendsIn(date.slice(0, 7)) < quota.limit
  const holiday = days(regular)
  const head = `${dayLabel(holiday)}${holiday.holidayName ?? '法定节假日'}`
  const direction = picked < regular ? '提前' : '顺延'
  const over = `${direction}到 ${monthDayLabel(picked)}会超出 ${Number(picked.slice(5, 7))} 月的 ${quota.limit} 次群发`
  const other = picked < regular ? nearestWorking(days, regular, 1) : nearestWorking(days, regular, -1)
  const earliest = addDays(shanghaiDate(mondayOf(week)), -7)
  if (other && other >= earliest && other <= sundayOf(week) && hasRoom(other)) {
    return { day: other, note: `${head}；${over}，改为${other < regular ? '提前' : '顺延'}到 ${dayLabel(days(other))}` }
  }
  const intoWeek = addWeeks(week, 1)
  return {
    merge: { note: `${head}；${over}，本周不单独推送，内容并入下周（${monthDayLabel(nextSendDay)}）`, intoWeek, intoDay: nextSendDay },
  }
}

/**
 * The week's assemble, send and retry instants (Beijing) with holidays and the leader's pick:
 * - the send slot on a public holiday moves by `settings.holidayRule` (default `before`: the last working
 *   day before it, a 调休 make-up Saturday/Sunday included, possibly in the days before the ISO week;
 *   `after`: the first working day after it while still in the week; `none`: kept);
 * - `override` (`YYYY-MM-DD`, the leader's pick for this week) replaces the send day as is;
 * - the assemble slot moves by as many days as the send day moved, onto a working day, and always stays
 *   before the send;
 * - the retry slot moves off a holiday the same way; when it would fall on or before the send day, it
 *   takes the first working day after the send day within its regular day, else the send day two hours
 *   after the send (a holiday leaves no second working day: the note says so);
 * - with `quota`, a send the holiday moved into another month whose quota is used up tries the other direction
 *   within the week, else the week is merged into the next (`merge`, one note; see placeMovedSend);
 *   the leader's pick is kept as is (send-date.ts refuses a pick over the quota);
 * - an assemble day on a public holiday while the send stays moves to the last working day before it
 *   (same time) within the 7 days before the send; without one, to the send day, early enough for a
 *   sign-off (the assemble time, at the latest `SIGN_OFF_HOURS` before the send);
 * - a send day of a year the calendar does not know counts as Monday–Friday, and `unknownYear` flags it;
 *   a retry alone in such a year gets a softer note of its own.
 */
export function weekSlots(
  week: string,
  settings: Pick<PushSettings, 'assembleWeekday' | 'assembleTime' | 'sendWeekday' | 'sendTime' | 'retryWeekday' | 'retryTime'> & {
    holidayRule?: HolidayRule
  },
  days: DayLookup,
  override?: string | null,
  quota?: MonthQuota,
): WeekSlots {
  const rule = settings.holidayRule ?? 'before'
  const regular = (weekday: number, time: string) => shanghaiDate(slotInstant(week, weekday, time))
  const regularSend = regular(settings.sendWeekday, settings.sendTime)
  const regularAssemble = regular(settings.assembleWeekday, settings.assembleTime)
  const regularRetry = regular(settings.retryWeekday, settings.retryTime)
  const notes: string[] = []

  let sendDay: string
  let merge: QuotaMerge | undefined
  if (override) {
    sendDay = override
    notes.push(`本周发送日由领导改为 ${dayLabel(days(override))}`)
  } else {
    sendDay = moveOffHoliday(days, regularSend, rule, week, '', notes)
    // Only a move into another month adds a send to it; within the week's own month the count is the
    // one it would have had anyway (a month with five send days is the ordinary quota skip).
    if (quota && sendDay.slice(0, 7) !== regularSend.slice(0, 7) && quota.sendsIn(sendDay.slice(0, 7)) >= quota.limit) {
      const nextSendDay = shanghaiDate(weekSlots(addWeeks(week, 1), settings, days).sendAt)
      const placed = placeMovedSend(days, week, regularSend, sendDay, quota, nextSendDay)
      if ('merge' in placed) merge = placed.merge
      else {
        sendDay = placed.day
        notes.splice(0, notes.length, placed.note)
      }
    }
  }
  const sendAt = at(sendDay, settings.sendTime)

  // The assemble moves with the send (same number of days), onto a working day, before the send.
  const shift = Math.round((Date.parse(`${sendDay}T00:00:00Z`) - Date.parse(`${regularSend}T00:00:00Z`)) / 86_400_000)
  let assembleDay = addDays(regularAssemble, shift)
  let assembleAt: Date
  const assembleHoliday = days(assembleDay)
  if (shift === 0 && assembleHoliday.holiday && assembleDay < sendDay) {
    // The send stays but the assemble day is a holiday: nobody would read the proposal that day.
    const head = `${assembleDay} ${WEEKDAY_NAMES[assembleHoliday.weekday]} ${assembleHoliday.holidayName ?? '法定节假日'}`
    const before = nearestWorking(days, assembleDay, -1)
    if (before && before >= addDays(sendDay, -7)) {
      assembleDay = before
      assembleAt = at(before, settings.assembleTime)
      notes.push(`${head}，组稿提前到 ${dayLabel(days(before))} ${settings.assembleTime}`)
    } else {
      // No working day in the week before the send: assemble on the send day, at the assemble time
      // when that leaves the leader SIGN_OFF_HOURS to read the preview and sign off, else that much
      // before the send (not before the day begins).
      const latest = sendAt.getTime() - SIGN_OFF_HOURS * 3600_000
      assembleAt = new Date(Math.max(Math.min(at(sendDay, settings.assembleTime).getTime(), latest), at(sendDay, '00:00').getTime()))
      assembleDay = sendDay
      notes.push(`${head}，发送前 7 天内没有工作日，组稿改在发送当天 ${dayLabel(days(sendDay))} ${shanghaiTime(assembleAt)}`)
    }
  } else {
    if (shift !== 0 && !days(assembleDay).working) assembleDay = nearestWorking(days, assembleDay, -1) ?? assembleDay
    assembleAt = at(assembleDay, settings.assembleTime)
  }
  if (assembleAt >= sendAt) {
    const before = nearestWorking(days, sendDay, -1)
    assembleAt = before ? at(before, settings.assembleTime) : new Date(sendAt.getTime() - 8 * 3600_000)
  }
  if (shift !== 0 && shanghaiDate(assembleAt) !== regularAssemble) notes.push(`组稿随之改为 ${dayLabel(days(shanghaiDate(assembleAt)))}`)

  let retryDay = moveOffHoliday(days, regularRetry, rule, week, '', [])
  let retryAt = at(retryDay, settings.retryTime)
  if (retryDay <= sendDay || retryAt <= sendAt) {
    const next = nearestWorking(days, sendDay, 1)
    if (next && next <= regularRetry && next <= sundayOf(week)) {
      retryDay = next
      retryAt = at(next, settings.retryTime)
    } else {
      retryDay = sendDay
      retryAt = new Date(Math.min(sendAt.getTime() + 2 * 3600_000, at(addDays(sendDay, 1), '00:00').getTime() - 60_000))
    }
  }
  if (retryDay !== regularRetry) {
    const time = retryDay === sendDay ? `发送当天 ${shanghaiTime(retryAt)}` : dayLabel(days(retryDay))
    const retryHoliday = days(regularRetry)
    const why = retryHoliday.holiday ? `${regularRetry} ${WEEKDAY_NAMES[retryHoliday.weekday]} ${retryHoliday.holidayName ?? '法定节假日'}，` : ''
    notes.push(`${why}补发改为 ${time}`)
  }

  // The send day is what the plan speaks about: a year not known there is the week's flag. A retry
  // alone in such a year (2026-W53 retries on 2027-01-01) only says so, softly.
  const unknownYear = [sendDay, regularSend].map((date) => days(date).unknownYear).find((year) => year !== undefined)
  const retryYear = days(retryDay).unknownYear
  if (unknownYear !== undefined) notes.push(`${unknownYear} 年节假日安排尚未公布，暂按周一至周五安排`)
  else if (retryYear !== undefined) notes.push(`补发日 ${dayLabel(days(retryDay))}属 ${retryYear} 年，该年节假日安排尚未公布，暂按工作日安排`)
  return {
    week,
    assembleAt,
    sendAt,
    retryAt,
    regularSendDay: regularSend,
    moved: sendDay !== regularSend,
    notes: merge ? [merge.note] : notes,
    ...(unknownYear !== undefined ? { unknownYear } : {}),
    ...(override ? { override } : {}),
    ...(merge ? { merge } : {}),
  }
}

/** Hours an assemble forced onto the send day leaves before the send: for the preview and the sign-off. */
export const SIGN_OFF_HOURS = 4

/** `HH:MM` of an instant, Beijing. */
function shanghaiTime(instant: Date): string {
  const local = new Date(instant.getTime() + SHANGHAI_OFFSET_MS)
  return `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`
}

/**
 * Whether a leader may pick `date` as this week's send day: a real `YYYY-MM-DD` in the ISO week or in
 * the 7 days before it (a holiday week's push may go out before the week begins), not before today
 * (Beijing). Answers null when allowed, else the reason in Chinese.
 */
export function sendDateProblem(week: string, date: string, now: Date): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date)
    return `发送日期应为 YYYY-MM-DD 格式的日期，收到“${date}”`
  const monday = shanghaiDate(mondayOf(week))
  const earliest = addDays(monday, -7)
  if (date < earliest || date > sundayOf(week)) return `发送日期应在 ${week}（${monday} 至 ${sundayOf(week)}）或其前 7 天内`
  if (date < shanghaiDate(now)) return `发送日期 ${date} 已经过去`
  return null
}
