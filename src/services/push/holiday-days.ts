/**
 * The push calendar's day facts from China's working-day calendar (services/calendar, package
 * `chinese-days`): what `weekSlots` (holiday-slots.ts) is given by the scheduler, the plan and 本周推送.
 */
import { dayInfo } from '../calendar/calendar'
import { isoWeekday } from '../../shared/time'
import type { DayLookup } from './holiday-slots'

/**
 * One Beijing day as the push calendar needs it. A year the calendar does not know (the State Council
 * publishes next year's notice each November; chinese-days 1.5.7 ends with 2026) is not guessed as
 * holidays: its days count as Monday–Friday and carry `unknownYear`, which the plan shows as
 * 「2027 年节假日安排尚未公布」.
 */
export const chinaDays: DayLookup = (date) => {
  const info = dayInfo(date)
  if (!info.ok) {
    const weekday = isoWeekday(date)
    return { date, weekday, working: weekday <= 5, holiday: false, makeupWorkday: false, unknownYear: info.year }
  }
  const { weekday, kind, working, holiday } = info.value
  return {
    date,
    weekday,
    working,
    holiday: kind === 'holiday',
    makeupWorkday: kind === 'makeup_workday',
    ...(holiday ? { holidayName: holiday } : {}),
  }
}
