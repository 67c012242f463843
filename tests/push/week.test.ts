import { addWeeks, mondayOf, slotInstant } from '../../src/services/push/week'
import { addDays, isoWeek, isoWeekMonday, isoWeekOf, mondayOfDay, shanghaiDate } from '../../src/shared/time'

test('ISO weeks in Beijing time, across year ends', () => {
  expect(isoWeekOf(new Date('2026-11-28T04:00:00Z'))).toBe('2026-W48')
  // Sunday 23:30 Beijing is still week 48; 00:30 Monday Beijing (16:30 UTC Sunday) is week 49.
  expect(isoWeekOf(new Date('2026-11-29T15:30:00Z'))).toBe('2026-W48')
  expect(isoWeekOf(new Date('2026-11-29T16:30:00Z'))).toBe('2026-W49')
  expect(isoWeekOf(new Date('2026-01-01T04:00:00Z'))).toBe('2026-W01')
  expect(isoWeekOf(new Date('2027-01-01T04:00:00Z'))).toBe('2026-W53')
  expect(isoWeekOf(new Date('2021-01-03T04:00:00Z'))).toBe('2020-W53')
  expect(isoWeekOf(Date.parse('2026-11-29T16:30:00Z'))).toBe('2026-W49')
})

test('ISO weeks of Beijing calendar days agree with the instants', () => {
  expect(isoWeek('2026-11-28')).toBe('2026-W48')
  expect(isoWeek('2026-11-30')).toBe('2026-W49')
  expect(isoWeek('2027-01-01')).toBe('2026-W53')
  expect(isoWeek('2021-01-03')).toBe('2020-W53')
  expect(isoWeek('2024-12-30')).toBe('2025-W01')
  expect(mondayOfDay('2026-11-29')).toBe('2026-11-23')
  expect(mondayOfDay('2026-11-23')).toBe('2026-11-23')
  expect(isoWeekMonday('2025-W01')).toBe('2024-12-30')
  expect(isoWeekMonday('2020-W53')).toBe('2020-12-28')
  // Every day of 2020–2027: its week's Monday (found from 4 January) is the Monday before it.
  for (let day = '2020-01-01'; day < '2028-01-01'; day = addDays(day, 1)) expect(isoWeekMonday(isoWeek(day))).toBe(mondayOfDay(day))
})

test('the Monday of a week, and slots in Beijing time', () => {
  expect(mondayOf('2026-W48').toISOString()).toBe('2026-11-22T16:00:00.000Z')
  expect(shanghaiDate(mondayOf('2026-W01'))).toBe('2025-12-29')
  expect(slotInstant('2026-W48', 4, '18:00').toISOString()).toBe('2026-11-26T10:00:00.000Z')
  expect(slotInstant('2026-W48', 3, '10:00').toISOString()).toBe('2026-11-25T02:00:00.000Z')
  expect(() => mondayOf('2026-W54')).toThrow()
  expect(() => mondayOf('2025-W53')).toThrow(/没有第 53 周/)
  expect(() => mondayOf('48')).toThrow(/2026-W48/)
})

test('adding weeks crosses years', () => {
  expect(addWeeks('2026-W52', 1)).toBe('2026-W53')
  expect(addWeeks('2026-W53', 1)).toBe('2027-W01')
  expect(addWeeks('2026-W48', 8)).toBe('2027-W03')
})
