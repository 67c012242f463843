import { decideNextStep, dueSlots, type WeekState } from '../../src/services/push/decide'
import { chinaDays } from '../../src/services/push/holiday-days'
import { plainDays, sendDateProblem, SIGN_OFF_HOURS, weekSlots, type DayLookup } from '../../src/services/push/holiday-slots'
import { planCalendar } from '../../src/services/push/quota-calendar'
import { DEFAULT_PUSH_SETTINGS as S } from '../../src/services/push/settings'
import { formatShanghai } from '../../src/shared/time'
import { calendarNote, quotaNote } from '../../src/services/push/labels'

const MERGE_NOTE = '10 月 1 日（周四）国庆节；提前到 9 月 30 日会超出 9 月的 4 次群发，本周不单独推送，内容并入下周（10 月 8 日）'

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

describe("weekSlots with the month's quota", () => {
  const quota = (counts: Record<string, number>) => ({ limit: 4, sendsIn: (month: string) => counts[month] ?? 0 })

  test('National Day week, September full: no other day in the week (10-02 to 10-04 off) → merged, one note', () => {
    const slots = weekSlots('2026-W40', S, chinaDays, null, quota({ '2026-09': 4, '2026-10': 3 }))
    expect(slots.merge).toEqual({ note: MERGE_NOTE, intoWeek: '2026-W41', intoDay: '2026-10-08' })
    expect(slots.notes).toEqual([MERGE_NOTE])
  })

  test("a month with room keeps the holiday rule's day", () => {
    const slots = weekSlots('2026-W40', S, chinaDays, null, quota({ '2026-09': 3 }))
    expect(slots.merge).toBeUndefined()
    expect(formatShanghai(slots.sendAt)).toBe('2026-09-30 18:00')
  })

  test('the other direction within the week, in a month with room: Friday 10-02 worked (made up), October has room', () => {
    const days: DayLookup = (date) => (date >= '2026-10-02' && date <= '2026-10-04' ? { ...plainDays(date), working: date === '2026-10-02' } : chinaDays(date))
    const slots = weekSlots('2026-W40', S, days, null, quota({ '2026-09': 4, '2026-10': 3 }))
    expect(formatShanghai(slots.sendAt)).toBe('2026-10-02 18:00')
    expect(slots.merge).toBeUndefined()
    expect(slots.notes[0]).toBe('10 月 1 日（周四）国庆节；提前到 9 月 30 日会超出 9 月的 4 次群发，改为顺延到 10 月 2 日（周五）')
    // …and not when October is full too.
    expect(weekSlots('2026-W40', S, days, null, quota({ '2026-09': 4, '2026-10': 4 })).merge?.intoDay).toBe('2026-10-08')
  })

  test("the leader's pick is kept whatever the quota (send-date refuses a pick over it)", () => {
    const slots = weekSlots('2026-W40', S, chinaDays, '2026-09-29', quota({ '2026-09': 4 }))
    expect(slots.merge).toBeUndefined()
    expect(formatShanghai(slots.sendAt)).toBe('2026-09-29 18:00')
  })
})

describe('the assemble slot on a holiday while the send day is not', () => {
  const wednesdayOff: DayLookup = (date) =>
    date === '2026-11-25' ? { ...plainDays(date), working: false, holiday: true, holidayName: '测试节' } : plainDays(date)

  test('Wednesday holiday, Thursday send: the assemble moves to Tuesday at the same time, the send stays, noted', () => {
    const slots = weekSlots('2026-W48', S, wednesdayOff)
    expect(shown(slots)).toEqual(['2026-11-24 10:00', '2026-11-26 18:00', '2026-11-27 18:00'])
    expect(slots.moved).toBe(false)
    expect(slots.notes).toEqual(['2026-11-25 周三 测试节，组稿提前到 11 月 24 日（周二） 10:00'])
  })

  test('no working day in the 7 days before the send (2026-W41: 10-01 to 10-07 off, send Thursday 10-08): assembled the send day at 10:00', () => {
    const slots = weekSlots('2026-W41', S, chinaDays)
    expect(shown(slots)).toEqual(['2026-10-08 10:00', '2026-10-08 18:00', '2026-10-09 18:00'])
    expect(slots.notes).toEqual(['2026-10-07 周三 国庆节，发送前 7 天内没有工作日，组稿改在发送当天 10 月 8 日（周四） 10:00'])
  })

  test('on the send day, the assemble leaves at least SIGN_OFF_HOURS before the send', () => {
    const slots = weekSlots('2026-W41', { ...S, assembleTime: '17:00' }, chinaDays)
    expect(formatShanghai(slots.assembleAt)).toBe(`2026-10-08 ${String(18 - SIGN_OFF_HOURS).padStart(2, '0')}:00`)
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

describe('a week merged for the quota', () => {
  const merged: WeekState = { exists: false, signedOff: false, validItems: 0, quotaLeft: 0, merge: MERGE_NOTE }
  const slot = { week: '2026-W40', kind: 'assemble' as const, at: b('2026-09-29 10:00') }
  test('closed at its first slot: without a push by `merge`, with one by `skip`, both with the one note; done once', () => {
    expect(decideNextStep(slot, merged, S, b('2026-09-29 10:00'))).toEqual({ kind: 'merge', reason: MERGE_NOTE })
    expect(decideNextStep(slot, { ...merged, exists: true, status: 'signed_off', signedOff: true }, S, b('2026-09-29 10:00'))).toEqual({
      kind: 'skip',
      reason: MERGE_NOTE,
    })
    expect(decideNextStep({ ...slot, kind: 'send' }, { ...merged, exists: true, status: 'skipped' }, S, b('2026-09-30 18:00'))).toMatchObject({
      kind: 'nothing',
    })
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
    const rows = planCalendar({ fromWeek: '2026-W39', weeks: 8, known: [], sentByMonth: { '2026-09': 2 }, settings: S, days: chinaDays })
    const w40 = rows.find((row) => row.week === '2026-W40')!
    expect(w40).toMatchObject({ sendDay: '2026-09-30', month: '2026-09' })
    expect(w40.notes[0]).toBe('2026-10-01 周四 国庆节，提前到 9 月 30 日（周三）')
    expect(rows.find((row) => row.week === '2026-W39')!.status).toBe('planned')
  })
  test("National Day week with a 4-Thursday September: 09-30 would be September's 5th send and October has no working day left in the week → merged into W41, one note", () => {
    // September: 03, 10, 17 sent, 24 planned (W39): a send on 09-30 would be the fifth.
    const rows = planCalendar({
      fromWeek: '2026-W39',
      weeks: 3,
      known: [],
      sentByMonth: { '2026-09': 3 },
      settings: S,
      days: chinaDays,
      now: b('2026-09-21 09:00'),
    })
    const [w39, w40, w41] = rows
    expect(w39).toMatchObject({ status: 'planned', quotaUsed: 4 })
    expect(w40.status).toBe('quota-merge')
    expect(w40.merge).toEqual({ note: MERGE_NOTE, intoWeek: '2026-W41', intoDay: '2026-10-08' })
    // One note: the move's own notes are not repeated beside it.
    expect(w40.notes).toEqual([])
    expect(quotaNote(w40)).toBe(MERGE_NOTE)
    expect(calendarNote(w40, b('2026-09-21 09:00'))).toBe(MERGE_NOTE)
    // The merged week takes no quota; the next week says it carries the items.
    expect(w41).toMatchObject({ status: 'planned', sendDay: '2026-10-08', quotaUsed: 1 })
    expect(w41.notes[0]).toBe('含上周（2026-W40）并入的内容')
  })
  test('a month with room: a September week was skipped, so the National Day send on 09-30 is the 4th and is planned', () => {
    const known = [{ week: '2026-W38', status: 'skipped' as const, statusReason: '领导退回' }]
    const rows = planCalendar({
      fromWeek: '2026-W38',
      weeks: 3,
      known,
      sentByMonth: { '2026-09': 2 },
      settings: S,
      days: chinaDays,
      now: b('2026-09-14 09:00'),
    })
    expect(rows.map((row) => [row.week, row.sendDay, row.status, row.quotaUsed])).toEqual([
      ['2026-W38', '2026-09-17', 'skipped', 2],
      ['2026-W39', '2026-09-24', 'planned', 3],
      ['2026-W40', '2026-09-30', 'planned', 4],
    ])
    expect(rows[2].notes[0]).toBe('2026-10-01 周四 国庆节，提前到 9 月 30 日（周三）')
  })
  test('weeks touching 2027: the note speaks about the send day; a retry alone on 2027-01-01 says so softly (2026-W53)', () => {
    const rows = planCalendar({ fromWeek: '2026-W52', weeks: 3, known: [], sentByMonth: {}, settings: S, days: chinaDays })
    expect(rows.map((row) => row.unknownYear ?? null)).toEqual([null, null, 2027])
    expect(rows[1].notes).toEqual(['补发日 1 月 1 日（周五）属 2027 年，该年节假日安排尚未公布，暂按工作日安排'])
    expect(rows[1].notes.join()).not.toContain('2027 年节假日安排尚未公布，暂按周一至周五安排')
    expect(rows[2].notes.join()).toContain('2027 年节假日安排尚未公布')
  })
  test('past weeks say what happened, from the push row; they take no quota', () => {
    const known = [
      { week: '2026-W45', status: 'sent' as const, sentAt: '2026-11-05T10:00:00.000Z' },
      { week: '2026-W46', status: 'skipped' as const, statusReason: '领导尚未审定' },
    ]
    const now = b('2026-11-23 09:00')
    const rows = planCalendar({ fromWeek: '2026-W45', weeks: 4, known, sentByMonth: { '2026-11': 1 }, settings: S, days: chinaDays, now })
    expect(rows.map((row) => row.status)).toEqual(['sent', 'skipped', 'past', 'planned'])
    expect(rows.map((row) => calendarNote(row, now))).toEqual(['已于 2026-11-05 18:00 发送', '已跳过：领导尚未审定', '已过，本周没有生成推送', null])
    expect(rows[3].quotaUsed).toBe(2)
  })
})
