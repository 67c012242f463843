import { decideNextStep, dueSlot, type WeekState } from '../../src/services/push/decide'
import { planCalendar } from '../../src/services/push/quota-calendar'
import { DEFAULT_PUSH_SETTINGS as S } from '../../src/services/push/settings'

const at = (iso: string) => new Date(iso)

describe('dueSlot', () => {
  test('Wednesday 10:00 assembles, Thursday 18:00 sends, Friday 18:00 retries (Beijing time)', () => {
    expect(dueSlot(at('2026-11-25T01:59:00Z'), S)).toBeNull()
    expect(dueSlot(at('2026-11-25T02:00:00Z'), S)).toMatchObject({ week: '2026-W48', kind: 'assemble' })
    expect(dueSlot(at('2026-11-26T10:00:00Z'), S)).toMatchObject({ kind: 'send' })
    expect(dueSlot(at('2026-11-27T10:05:00Z'), S)).toMatchObject({ kind: 'retry' })
  })
  test('a slot missed while down is caught up later that day, not the day after', () => {
    expect(dueSlot(at('2026-11-26T15:00:00Z'), S)).toMatchObject({ kind: 'send' })
    expect(dueSlot(at('2026-11-26T16:30:00Z'), S)).toBeNull()
    expect(dueSlot(at('2026-11-28T04:00:00Z'), S)).toBeNull()
  })
})

describe('decideNextStep', () => {
  const now = at('2026-11-26T10:00:00Z')
  const send = { week: '2026-W48', kind: 'send' as const, at: now }
  const retry = { week: '2026-W48', kind: 'retry' as const, at: at('2026-11-27T10:00:00Z') }
  const ready: WeekState = { exists: true, status: 'signed_off', signedOff: true, validItems: 6, quotaLeft: 2 }

  test('signed off and valid on Thursday → send', () => {
    expect(decideNextStep(send, ready, S, now)).toEqual({ kind: 'send' })
  })
  test('no sign-off on Thursday → remind, then Friday → skip with the reason', () => {
    const unsigned = { ...ready, status: 'proposed' as const, signedOff: false }
    expect(decideNextStep(send, unsigned, S, now)).toMatchObject({ kind: 'remind', reason: expect.stringContaining('领导尚未审定') })
    expect(decideNextStep(retry, unsigned, S, retry.at)).toMatchObject({ kind: 'skip', reason: expect.stringContaining('领导尚未审定') })
  })
  test('fewer than five valid items → remind with the count', () => {
    expect(decideNextStep(send, { ...ready, validItems: 3 }, S, now)).toMatchObject({ kind: 'remind', reason: expect.stringContaining('只有 3 条') })
  })
  test('a Thursday failure is retried on Friday', () => {
    expect(decideNextStep(retry, { ...ready, status: 'failed' }, S, retry.at)).toEqual({ kind: 'send' })
  })
  test('never a second send; a send under way resumes', () => {
    expect(decideNextStep(retry, { ...ready, status: 'sent' }, S, retry.at)).toMatchObject({ kind: 'nothing' })
    expect(decideNextStep(send, { ...ready, status: 'sending' }, S, now)).toEqual({ kind: 'resume' })
  })
  test('a send slot acts once a day: later ticks do nothing unless a send is under way', () => {
    const unsigned = { ...ready, status: 'proposed' as const, signedOff: false, lastSlotRun: 'send' as const }
    expect(decideNextStep(send, unsigned, S, now)).toMatchObject({ kind: 'nothing' })
    expect(decideNextStep(send, { ...ready, lastSlotRun: 'send' as const }, S, now)).toMatchObject({ kind: 'nothing' })
    expect(decideNextStep(retry, { ...ready, lastSlotRun: 'send' as const }, S, retry.at)).toEqual({ kind: 'send' })
    expect(decideNextStep(send, { ...ready, status: 'sending', lastSlotRun: 'send' as const }, S, now)).toEqual({ kind: 'resume' })
  })
  test('no quota left → skipped, not retried', () => {
    expect(decideNextStep(send, { ...ready, quotaLeft: 0 }, S, now)).toMatchObject({ kind: 'skip' })
  })
  test('a past week is never sent', () => {
    const late = at('2026-12-03T10:00:00Z')
    expect(decideNextStep(send, ready, S, late)).toMatchObject({ kind: 'nothing', reason: '不是本周' })
  })
  test('assembling happens once; a missing proposal is assembled late on Thursday', () => {
    const assemble = { week: '2026-W48', kind: 'assemble' as const, at: at('2026-11-25T02:00:00Z') }
    expect(decideNextStep(assemble, { exists: false, signedOff: false, validItems: 0, quotaLeft: 4 }, S, assemble.at)).toEqual({ kind: 'assemble' })
    expect(decideNextStep(assemble, ready, S, assemble.at)).toMatchObject({ kind: 'nothing' })
    expect(decideNextStep(send, { exists: false, signedOff: false, validItems: 0, quotaLeft: 4 }, S, now)).toEqual({ kind: 'assemble' })
  })
})

describe('planCalendar', () => {
  test('December 2026 has five Thursdays: the fifth week is shown as skipped weeks ahead', () => {
    const rows = planCalendar({ fromWeek: '2026-W48', weeks: 8, known: [], sentByMonth: {}, settings: S })
    expect(rows.map((r) => [r.week, r.sendDay, r.status])).toEqual([
      ['2026-W48', '2026-11-26', 'planned'],
      ['2026-W49', '2026-12-03', 'planned'],
      ['2026-W50', '2026-12-10', 'planned'],
      ['2026-W51', '2026-12-17', 'planned'],
      ['2026-W52', '2026-12-24', 'planned'],
      ['2026-W53', '2026-12-31', 'quota-skip'],
      ['2027-W01', '2027-01-07', 'planned'],
      ['2027-W02', '2027-01-14', 'planned'],
    ])
    expect(rows[5]).toMatchObject({ quotaUsed: 4, quotaLimit: 4 })
  })
  test('sends already made in the month count; the merge policy is shown', () => {
    const rows = planCalendar({
      fromWeek: '2026-W49',
      weeks: 2,
      known: [{ week: '2026-W49', status: 'signed_off' }],
      sentByMonth: { '2026-12': 3 },
      settings: { ...S, quotaPolicy: 'merge' },
    })
    expect(rows.map((r) => r.status)).toEqual(['signed_off', 'quota-merge'])
  })
})
