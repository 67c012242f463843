import { bookingRuleProblems, generateSlots, type BookingRule, type Slot } from '../../../src/services/appointments/slots'

/**
 * Holidays and make-up days below are those of 《国务院办公厅关于2026年部分节假日安排的通知》
 * (2025-11-04): 中秋节 9月25日至27日放假; 国庆节 10月1日至7日放假调休, 9月20日（周日）、10月10日（周六）上班.
 * The weekdays: 2026-09-18 Friday, 09-20 Sunday, 09-30 Wednesday, 10-10 Saturday, 11-30 Monday.
 */

/** The instant of a Beijing wall-clock time. */
const bj = (date: string, time: string): number => Date.parse(`${date}T${time}+08:00`)

const WEEKDAY_HOURS = [
  { start: '09:00', end: '11:30' },
  { start: '14:00', end: '17:00' },
]
const RULE: BookingRule = {
  scope: 'guide:7',
  weekly: { 1: WEEKDAY_HOURS, 2: WEEKDAY_HOURS, 3: WEEKDAY_HOURS, 4: WEEKDAY_HOURS, 5: WEEKDAY_HOURS },
  capacity: 3,
}
/** A full day under RULE: 11:00–11:30 is shorter than an hour and dropped. */
const FULL_DAY = ['09:00', '10:00', '14:00', '15:00', '16:00']

const byDate = (slots: Slot[]): Record<string, string[]> => {
  const days: Record<string, string[]> = {}
  for (const slot of slots) (days[slot.date] ??= []).push(slot.start)
  return days
}

describe('an ordinary week', () => {
  const result = generateSlots(RULE, bj('2026-11-30', '06:00:00'))

  test('today and the 5 working days after it, weekend skipped, in one-hour slots', () => {
    expect(result.warnings).toEqual([])
    expect(result.lastDay).toBe('2026-12-07')
    expect(byDate(result.slots)).toEqual({
      '2026-11-30': FULL_DAY,
      '2026-12-01': FULL_DAY,
      '2026-12-02': FULL_DAY,
      '2026-12-03': FULL_DAY,
      '2026-12-04': FULL_DAY,
      '2026-12-07': FULL_DAY,
    })
  })

  test('each slot has its Beijing instants, capacity and a stable key', () => {
    const first = result.slots[0]!
    expect(first).toMatchObject({
      key: 'guide:7|2026-11-30|09:00-10:00',
      date: '2026-11-30',
      start: '09:00',
      end: '10:00',
      startsAt: '2026-11-30T01:00:00.000Z',
      endsAt: '2026-11-30T02:00:00.000Z',
      capacity: 3,
      dayKind: 'workday',
    })
    expect(first.endMs - first.startMs).toBe(3600_000)
    const later = generateSlots(RULE, bj('2026-12-01', '06:00:00'))
    const same = later.slots.find((slot) => slot.date === '2026-12-03' && slot.start === '15:00')
    expect(same?.key).toBe(result.slots.find((slot) => slot.date === '2026-12-03' && slot.start === '15:00')?.key)
    expect(new Set(result.slots.map((slot) => slot.key)).size).toBe(result.slots.length)
  })

  test('the Beijing day decides "today", not UTC (Saturday 01:00 Beijing is still Friday in UTC)', () => {
    const saturday = generateSlots(RULE, Date.parse('2026-12-04T17:00:00Z'))
    expect(saturday.slots[0]!.date).toBe('2026-12-07')
    expect(saturday.lastDay).toBe('2026-12-11')
  })
})

describe('National Day 2026 and its make-up days', () => {
  test('from Wednesday Sep 30: nothing on Oct 1–7 or Sunday Oct 11; the make-up Saturday Oct 10 is open', () => {
    const result = generateSlots(RULE, bj('2026-09-30', '08:00:00'))
    expect(result.warnings).toEqual([])
    // 5 working days after Sep 30: Oct 8, 9, 10 (make-up), 12, 13
    expect(result.lastDay).toBe('2026-10-13')
    expect(byDate(result.slots)).toEqual({
      // 09:00 closed at 07:00; 10:00 closes at 08:00, which is now
      '2026-09-30': ['14:00', '15:00', '16:00'],
      '2026-10-08': FULL_DAY,
      '2026-10-09': FULL_DAY,
      '2026-10-10': FULL_DAY,
      '2026-10-12': FULL_DAY,
      '2026-10-13': FULL_DAY,
    })
    expect(result.slots.filter((slot) => slot.date === '2026-10-10').every((slot) => slot.dayKind === 'makeup_workday')).toBe(true)
  })

  test('the make-up Sunday Sep 20 is open and counts as a working day of the window', () => {
    const result = generateSlots(RULE, bj('2026-09-18', '18:00:00'))
    expect(result.lastDay).toBe('2026-09-24') // Sep 20 (Sun), 21, 22, 23, 24
    expect(Object.keys(byDate(result.slots))).toEqual(['2026-09-20', '2026-09-21', '2026-09-22', '2026-09-23', '2026-09-24'])
    expect(byDate(result.slots)['2026-09-20']).toEqual(FULL_DAY)
  })

  test('a make-up day follows Monday by default, or the weekday the rule names', () => {
    const rule: BookingRule = {
      ...RULE,
      weekly: { ...RULE.weekly, 1: [{ start: '09:00', end: '12:00' }], 3: [{ start: '14:00', end: '16:00' }] },
    }
    expect(byDate(generateSlots(rule, bj('2026-09-18', '18:00:00')).slots)['2026-09-20']).toEqual(['09:00', '10:00', '11:00'])
    expect(byDate(generateSlots({ ...rule, makeupDayPattern: 3 }, bj('2026-09-18', '18:00:00')).slots)['2026-09-20']).toEqual(['14:00', '15:00'])
    // A named weekday without hours (Sunday) falls back to the first of Monday–Friday with hours.
    expect(byDate(generateSlots({ ...rule, makeupDayPattern: 7 }, bj('2026-09-18', '18:00:00')).slots)['2026-09-20']).toEqual(['09:00', '10:00', '11:00'])
  })

  test('Saturday hours apply on an ordinary Saturday, not on a holiday Saturday', () => {
    const rule: BookingRule = { ...RULE, weekly: { ...RULE.weekly, 6: [{ start: '09:00', end: '12:00' }] } }
    expect(byDate(generateSlots(rule, bj('2026-09-18', '18:00:00')).slots)['2026-09-19']).toEqual(['09:00', '10:00', '11:00'])
    const holiday = byDate(generateSlots(rule, bj('2026-09-30', '18:00:00')).slots)
    expect(holiday['2026-10-03']).toBeUndefined()
  })

  test('中秋 Friday Sep 25 is closed', () => {
    const result = generateSlots(RULE, bj('2026-09-24', '18:00:00'))
    expect(byDate(result.slots)['2026-09-25']).toBeUndefined()
    expect(Object.keys(byDate(result.slots))[0]).toBe('2026-09-28')
  })
})

describe('a year the calendar does not know (2027)', () => {
  test('the window stops at 2027-01-01 with a warning; the 2026 slots are kept', () => {
    const result = generateSlots(RULE, bj('2026-12-28', '08:00:00'))
    expect(Object.keys(byDate(result.slots))).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31'])
    expect(result.lastDay).toBeNull()
    expect(result.warnings).toHaveLength(1)
    expect(result.warnings[0]).toMatchObject({ code: 'calendar_unknown', year: 2027, from: '2027-01-01' })
    expect(result.warnings[0]!.message).toContain('2027 年的法定节假日和调休安排尚未收录')
  })

  test('the last day the 5-working-day window fits in 2026 is Dec 24; from Dec 25 it needs 2027', () => {
    // working days after Thursday Dec 24: Dec 25, 28, 29, 30, 31 — five; after Friday Dec 25: four
    expect(generateSlots(RULE, bj('2026-12-24', '06:00:00'))).toMatchObject({ warnings: [], lastDay: '2026-12-31' })
    expect(generateSlots(RULE, bj('2026-12-25', '06:00:00')).warnings).toMatchObject([{ year: 2027 }])
  })

  test('Spring Festival 2027: no slot at all, only the warning', () => {
    for (const date of ['2027-02-01', '2027-02-05', '2027-02-10']) {
      const result = generateSlots(RULE, bj(date, '08:00:00'))
      expect(result.slots).toEqual([])
      expect(result.warnings).toMatchObject([{ code: 'calendar_unknown', year: 2027, from: date }])
    }
  })
})

describe('cut-off', () => {
  test('booking closes at the cut-off instant itself (default 2 hours)', () => {
    const justBefore = generateSlots(RULE, bj('2026-12-01', '06:59:59.999'))
    expect(byDate(justBefore.slots)['2026-12-01']).toEqual(FULL_DAY)
    const atCutoff = generateSlots(RULE, bj('2026-12-01', '07:00:00'))
    expect(byDate(atCutoff.slots)['2026-12-01']).toEqual(['10:00', '14:00', '15:00', '16:00'])
    const afternoon = generateSlots(RULE, bj('2026-12-01', '14:00:00'))
    expect(byDate(afternoon.slots)['2026-12-01']).toBeUndefined() // 16:00 closed at 14:00
  })

  test('the rule sets its own cut-off; staff pass 0 and may book any slot not yet started', () => {
    expect(byDate(generateSlots({ ...RULE, cutoffMinutes: 30 }, bj('2026-12-01', '09:29:00')).slots)['2026-12-01']).toEqual([
      '10:00',
      '14:00',
      '15:00',
      '16:00',
    ])
    expect(byDate(generateSlots({ ...RULE, cutoffMinutes: 30 }, bj('2026-12-01', '09:30:00')).slots)['2026-12-01']).toEqual(['14:00', '15:00', '16:00'])
    const staff = generateSlots(RULE, bj('2026-12-01', '09:30:00'), { cutoffMinutes: 0 })
    expect(byDate(staff.slots)['2026-12-01']).toEqual(['10:00', '14:00', '15:00', '16:00'])
    const started = generateSlots(RULE, bj('2026-12-01', '10:00:00'), { cutoffMinutes: 0 })
    expect(byDate(started.slots)['2026-12-01']).toEqual(['14:00', '15:00', '16:00'])
  })
})

describe('days ahead', () => {
  test('0: today only', () => {
    const result = generateSlots({ ...RULE, daysAhead: 0 }, bj('2026-12-01', '06:00:00'))
    expect(Object.keys(byDate(result.slots))).toEqual(['2026-12-01'])
    expect(result.lastDay).toBe('2026-12-01')
  })

  test('1 on a Friday: today and Monday', () => {
    const result = generateSlots({ ...RULE, daysAhead: 1 }, bj('2026-12-04', '06:00:00'))
    expect(Object.keys(byDate(result.slots))).toEqual(['2026-12-04', '2026-12-07'])
  })

  test('late in the day: today offers nothing but the window is still counted from today', () => {
    const result = generateSlots(RULE, bj('2026-12-01', '20:00:00'))
    expect(Object.keys(byDate(result.slots))).toEqual(['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08'])
  })

  test('on a Sunday before a holiday week, the window reaches past it', () => {
    // now Sunday Sep 27 (中秋, off): working days after it are Sep 28, 29, 30, Oct 8, Oct 9
    const result = generateSlots(RULE, bj('2026-09-27', '10:00:00'))
    expect(Object.keys(byDate(result.slots))).toEqual(['2026-09-28', '2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09'])
  })
})

describe('closures and slot lengths', () => {
  test('a whole-day closure removes the day and does not extend the window', () => {
    const result = generateSlots({ ...RULE, closures: [{ date: '2026-12-02', reason: '全员培训' }] }, bj('2026-11-30', '06:00:00'))
    expect(byDate(result.slots)['2026-12-02']).toBeUndefined()
    expect(result.lastDay).toBe('2026-12-07')
  })

  test('a time-range closure removes only the slots it overlaps, on each day of its span', () => {
    const rule: BookingRule = { ...RULE, closures: [{ date: '2026-12-03', endDate: '2026-12-04', time: { start: '14:30', end: '15:30' } }] }
    const days = byDate(generateSlots(rule, bj('2026-11-30', '06:00:00')).slots)
    expect(days['2026-12-03']).toEqual(['09:00', '10:00', '16:00'])
    expect(days['2026-12-04']).toEqual(['09:00', '10:00', '16:00'])
    expect(days['2026-12-07']).toEqual(FULL_DAY)
  })

  test('a closure ending where a slot starts leaves that slot', () => {
    const rule: BookingRule = { ...RULE, closures: [{ date: '2026-12-03', time: { start: '09:00', end: '10:00' } }] }
    expect(byDate(generateSlots(rule, bj('2026-11-30', '06:00:00')).slots)['2026-12-03']).toEqual(['10:00', '14:00', '15:00', '16:00'])
  })

  test('the remainder shorter than a slot is dropped', () => {
    const rule: BookingRule = { ...RULE, slotMinutes: 45, daysAhead: 0 }
    // 09:00–11:30: 09:00, 09:45, 10:30 (to 11:15); 14:00–17:00: 14:00, 14:45, 15:30, 16:15 (to 17:00)
    expect(byDate(generateSlots(rule, bj('2026-12-01', '06:00:00')).slots)['2026-12-01']).toEqual([
      '09:00',
      '09:45',
      '10:30',
      '14:00',
      '14:45',
      '15:30',
      '16:15',
    ])
    const half = generateSlots({ ...RULE, slotMinutes: 30, daysAhead: 0 }, bj('2026-12-01', '06:00:00'))
    expect(half.slots.filter((slot) => slot.start < '12:00').map((slot) => `${slot.start}-${slot.end}`)).toEqual([
      '09:00-09:30',
      '09:30-10:00',
      '10:00-10:30',
      '10:30-11:00',
      '11:00-11:30',
    ])
  })
})

describe('rule problems', () => {
  test('a bad rule is refused with Chinese reasons', () => {
    const bad: BookingRule = {
      scope: 'guide 7',
      weekly: {
        1: [{ start: '09:00', end: '08:00' }],
        2: [
          { start: '09:00', end: '11:00' },
          { start: '10:30', end: '12:00' },
        ],
      },
      capacity: 0,
      closures: [{ date: '2026-12-05', endDate: '2026-12-01' }],
    }
    const problems = bookingRuleProblems(bad)
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('标识'),
        expect.stringContaining('星期一的开放时间 09:00–08:00 无效'),
        expect.stringContaining('星期二的开放时间有重叠'),
        expect.stringContaining('可预约人数'),
        expect.stringContaining('闭馆日期'),
      ]),
    )
    expect(() => generateSlots(bad, bj('2026-12-01', '06:00:00'))).toThrow(/预约规则无效/)
    expect(bookingRuleProblems(RULE)).toEqual([])
  })
})
