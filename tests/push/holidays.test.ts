import { decideNextStep, dueSlots, type WeekState } from '../../src/services/push/decide'
import { chinaDays } from '../../src/services/push/holiday-days'
import { plainDays, sendDateProblem, weekSlots, type DayLookup } from '../../src/services/push/holiday-slots'
import { planCalendar } from '../../src/services/push/quota-calendar'
import { DEFAULT_PUSH_SETTINGS as S } from '../../src/services/push/settings'
import { formatShanghai } from '../../src/shared/time'

// The push calendar with China's public holidays (chinese-days, the State Council's 2026 notice):
// pure functions, the calendar facts passed in.

const b = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`)
const shown = (slots: { assembleAt: Date; sendAt: Date; retryAt: Date }) => [slots.assembleAt, slots.sendAt, slots.retryAt].map(formatShanghai)

describe('weekSlots', () => {
  test('an ordinary week keeps Wednesday 10:00 / Thursday 18:00 / Friday 18:00 and says nothing', () => {
    const slots = weekSlots('2026-W48', S, chinaDays)
    expect(shown(slots)).toEqual(['2026-11-25 10:00', '2026-11-26 18:00', '2026-11-27 18:00'])
    expect(slots).toMatchObject({ moved: false, notes: [] })
  })

  test('National Day week: Thursday 2026-10-01 is a holiday → the send moves to Wednesday 09-30, the assemble with it, the retry the same evening', () => {
    const slots = weekSlots('2026-W40', S, chinaDays)
    expect(shown(slots)).toEqual(['2026-09-29 10:00', '2026-09-30 18:00', '2026-09-30 20:00'])
    expect(slots.moved).toBe(true)
    expect(slots.notes[0]).toBe('2026-10-01 周四 国庆节，提前到 9 月 30 日（周三）')
    expect(slots.notes).toContain('2026-10-02 周五 国庆节，补发改为 发送当天 20:00')
  })

  test('顺延 would leave the week (the first working day after National Day is 10-08): the send moves before the holiday instead, and says why', () => {
    const slots = weekSlots('2026-W40', { ...S, holidayRule: 'after' }, chinaDays)
    expect(formatShanghai(slots.sendAt)).toBe('2026-09-30 18:00')
    expect(slots.notes[0]).toContain('节后第一个工作日已在下一周')
  })

  test('顺延 onto a make-up working day: 元旦 2026 (Thursday 01-01) → Sunday 01-04, a 调休上班日 of the same week', () => {
    const slots = weekSlots('2026-W01', { ...S, holidayRule: 'after' }, chinaDays)
    expect(formatShanghai(slots.sendAt)).toBe('2026-01-04 18:00')
    expect(slots.notes[0]).toBe('2026-01-01 周四 元旦，顺延到 1 月 4 日（周日）')
    // The retry (Friday 01-02, a holiday too) cannot come after Sunday within the week: the same evening.
    expect(formatShanghai(slots.retryAt)).toBe('2026-01-04 20:00')
    // The assemble moves by the same three days, back onto a working day before the send.
    expect(slots.assembleAt < slots.sendAt).toBe(true)
  })

  test('Spring Festival week (02-15 to 02-23 off): the send moves to the make-up Saturday 02-14, in the week before', () => {
    const slots = weekSlots('2026-W08', S, chinaDays)
    expect(shown(slots)).toEqual(['2026-02-13 10:00', '2026-02-14 18:00', '2026-02-14 20:00'])
    expect(slots.notes[0]).toBe('2026-02-19 周四 春节，提前到 2 月 14 日（周六）')
  })

  test('不调整: the holiday is kept', () => {
    expect(shown(weekSlots('2026-W40', { ...S, holidayRule: 'none' }, chinaDays))).toEqual(['2026-09-30 10:00', '2026-10-01 18:00', '2026-10-02 18:00'])
  })

  test('a make-up working day on a weekend does not move an ordinary slot: 2026-W38 (Sunday 09-20 worked) keeps its days', () => {
    expect(chinaDays('2026-09-20')).toMatchObject({ working: true, makeupWorkday: true })
    // 2026-09-27 (Sunday) is not a make-up day: it is the last day of 中秋节.
    expect(chinaDays('2026-09-27')).toMatchObject({ working: false, holiday: true })
    expect(weekSlots('2026-W38', S, chinaDays)).toMatchObject({ moved: false, notes: [] })
  })

  test('only a Friday holiday (劳动节 05-01): the send stays on Thursday, the retry moves to the same evening', () => {
    const slots = weekSlots('2026-W18', S, chinaDays)
    expect(shown(slots)).toEqual(['2026-04-29 10:00', '2026-04-30 18:00', '2026-04-30 20:00'])
    expect(slots.notes).toEqual(['2026-05-01 周五 劳动节，补发改为 发送当天 20:00'])
  })

  test('a year the calendar does not know (2027): Monday–Friday, flagged, nothing guessed', () => {
    const slots = weekSlots('2027-W02', S, chinaDays)
    expect(shown(slots)).toEqual(['2027-01-13 10:00', '2027-01-14 18:00', '2027-01-15 18:00'])
    expect(slots.unknownYear).toBe(2027)
    expect(slots.notes).toEqual(['2027 年节假日安排尚未公布，暂按周一至周五安排'])
  })

  test('the leader picks another day for one week: the send goes there, the assemble with it; the retry keeps its day after it', () => {
    const slots = weekSlots('2026-W48', S, chinaDays, '2026-11-24')
    expect(shown(slots)).toEqual(['2026-11-23 10:00', '2026-11-24 18:00', '2026-11-27 18:00'])
    expect(slots.notes[0]).toBe('本周发送日由领导改为 11 月 24 日（周二）')
  })

  test('the facts come in: a made-up holiday on a Thursday moves the send the same way', () => {
    const days: DayLookup = (date) => (date === '2026-11-26' ? { ...plainDays(date), working: false, holiday: true, holidayName: '测试节' } : plainDays(date))
    expect(formatShanghai(weekSlots('2026-W48', S, days).sendAt)).toBe('2026-11-25 18:00')
  })
})

describe('the scheduler decides with the moved slots', () => {
  const ready: WeekState = { exists: true, status: 'signed_off', signedOff: true, validItems: 6, quotaLeft: 3 }

  test('National Day week: Wednesday 09-30 18:00 is the send slot; Thursday 10-01 18:00 is no slot at all', () => {
    const slots = weekSlots('2026-W40', S, chinaDays)
    const [due] = dueSlots(b('2026-09-30 18:00'), [slots])
    expect(due).toMatchObject({ week: '2026-W40', kind: 'send' })
    expect(decideNextStep(due, ready, S, b('2026-09-30 18:00'))).toEqual({ kind: 'send' })
    expect(dueSlots(b('2026-10-01 18:00'), [slots])).toEqual([])
  })

  test('the next week slot moved into this week is due (2026-W08 sends on Saturday 02-14, in W07) and may be sent', () => {
    const now = b('2026-02-14 18:00')
    const due = dueSlots(now, [weekSlots('2026-W07', S, chinaDays), weekSlots('2026-W08', S, chinaDays)])
    expect(due).toEqual([expect.objectContaining({ week: '2026-W08', kind: 'send' })])
    expect(decideNextStep(due[0], ready, S, now)).toEqual({ kind: 'send' })
    // A later week's slot that is not due yet is never acted on; a past week never sent.
    expect(decideNextStep({ week: '2026-W09', kind: 'send', at: b('2026-02-26 18:00') }, ready, S, now)).toMatchObject({ kind: 'nothing' })
    expect(decideNextStep({ week: '2026-W06', kind: 'send', at: b('2026-02-05 18:00') }, ready, S, now)).toMatchObject({ kind: 'nothing', reason: '不是本周' })
  })
})

describe('the leader picks a send day', () => {
  const now = b('2026-11-23 09:00')
  test('in the week or the 7 days before, not in the past, a real date', () => {
    expect(sendDateProblem('2026-W48', '2026-11-24', now)).toBeNull()
    expect(sendDateProblem('2026-W48', '2026-11-29', now)).toBeNull()
    expect(sendDateProblem('2026-W49', '2026-11-26', now)).toBeNull()
    expect(sendDateProblem('2026-W48', '2026-11-30', now)).toContain('2026-W48')
    expect(sendDateProblem('2026-W48', '2026-11-22', now)).toContain('已经过去')
    expect(sendDateProblem('2026-W48', '2026-11-31', now)).toContain('YYYY-MM-DD')
  })
})

describe('planCalendar with holidays', () => {
  test('8 weeks from 2026-W39: the National Day week says where its send went, with the reason', () => {
    const rows = planCalendar({ fromWeek: '2026-W39', weeks: 8, known: [], sentByMonth: { '2026-09': 3 }, settings: S, days: chinaDays })
    const w40 = rows.find((row) => row.week === '2026-W40')!
    expect(w40).toMatchObject({ sendDay: '2026-09-30', month: '2026-09' })
    expect(w40.notes[0]).toBe('2026-10-01 周四 国庆节，提前到 9 月 30 日（周三）')
    // September then holds five send days (03, 10, 17, 24, 30): the moved one counts in September and
    // is the fifth; the plan shows it weeks ahead (a leader may pick another day for that week).
    expect(rows.find((row) => row.week === '2026-W39')!.status).toBe('planned')
    expect(w40.status).toBe('quota-skip')
  })
  test('weeks touching 2027 are flagged: 「2027 年节假日安排尚未公布」 (2026-W53 retries on Friday 2027-01-01)', () => {
    const rows = planCalendar({ fromWeek: '2026-W52', weeks: 3, known: [], sentByMonth: {}, settings: S, days: chinaDays })
    expect(rows.map((row) => row.unknownYear ?? null)).toEqual([null, 2027, 2027])
    expect(rows[2].notes.join()).toContain('2027 年节假日安排尚未公布')
  })
})
