import {
  availableMatterActions,
  decideMatterTransition,
  isOverdue,
  MATTER_ACTIONS,
  MATTER_STATES,
  type MatterAction,
  type MatterActor,
  type MatterContext,
  type MatterState,
} from '../../../src/services/appointments/matter-status'

/** The instant of a Beijing wall-clock time. */
const bj = (date: string, time: string): number => Date.parse(`${date}T${time}+08:00`)

const ACTORS: Record<string, MatterActor> = {
  owner: { kind: 'resident', isOwner: true },
  otherResident: { kind: 'resident', isOwner: false },
  officeStaff: { kind: 'staff', ofOffice: true },
  otherOffice: { kind: 'staff', ofOffice: false },
  admin: { kind: 'admin' },
  system: { kind: 'system' },
}
type ActorName = keyof typeof ACTORS

/**
 * The steps as the issue states them, restated here rather than read from the module:
 * 已预约 → 已签到 → 已受理 → 办理中 → (需补正 ⇄ 办理中) → 已办结, or 不予受理 / 已取消 / 未到;
 * the resident who booked may only cancel, before check-in; staff of the office (and admins) do the
 * rest; the scheduler may only record a no-show.
 */
const STAFF: ActorName[] = ['officeStaff', 'admin']
const EXPECTED: Record<MatterAction, Array<{ from: MatterState; to: MatterState; who: ActorName[] }>> = {
  check_in: [{ from: 'booked', to: 'checked_in', who: STAFF }],
  accept: [{ from: 'checked_in', to: 'accepted', who: STAFF }],
  start: [{ from: 'accepted', to: 'in_progress', who: STAFF }],
  request_more: [{ from: 'in_progress', to: 'needs_more', who: STAFF }],
  resume: [{ from: 'needs_more', to: 'in_progress', who: STAFF }],
  complete: [{ from: 'in_progress', to: 'done', who: STAFF }],
  reject: [{ from: 'checked_in', to: 'rejected', who: STAFF }],
  cancel: [
    { from: 'booked', to: 'cancelled', who: ['owner', ...STAFF] },
    { from: 'checked_in', to: 'cancelled', who: STAFF },
  ],
  mark_no_show: [{ from: 'booked', to: 'no_show', who: [...STAFF, 'system'] }],
}

const SLOT = { slotStartMs: bj('2026-12-03', '10:00:00'), slotEndMs: bj('2026-12-03', '11:00:00') }
/** A time at which the step is not refused for timing: cancel well before the cut-off, no-show after the slot. */
const contextFor = (action: MatterAction): MatterContext => ({
  ...SLOT,
  now: action === 'cancel' ? bj('2026-12-02', '16:00:00') : action === 'mark_no_show' ? bj('2026-12-03', '12:00:00') : bj('2026-12-03', '10:05:00'),
})

describe('every state × action × actor', () => {
  for (const state of MATTER_STATES) {
    for (const action of MATTER_ACTIONS) {
      for (const name of Object.keys(ACTORS) as ActorName[]) {
        const rules = EXPECTED[action]
        const rule = rules.find((r) => r.from === state)
        const everAllowed = rules.some((r) => r.who.includes(name))
        const want = rule?.who.includes(name) ? { to: rule.to } : { status: !everAllowed ? 403 : !rule ? 409 : 403 }
        test(`${name} ${action} from ${state} → ${'to' in want ? want.to : want.status}`, () => {
          const decision = decideMatterTransition(state, action, ACTORS[name]!, contextFor(action), '说明')
          if ('to' in want) expect(decision).toMatchObject({ ok: true, from: state, to: want.to, action, note: '说明' })
          else expect(decision).toMatchObject({ ok: false, status: want.status })
        })
      }
    }
  }

  test('the closed states allow nothing to anyone', () => {
    for (const state of ['done', 'rejected', 'cancelled', 'no_show'] as const) {
      for (const actor of Object.values(ACTORS)) expect(availableMatterActions(state, actor)).toEqual([])
    }
  })

  test('the buttons each actor sees on a booked matter', () => {
    expect(availableMatterActions('booked', ACTORS.owner!)).toEqual(['cancel'])
    expect(availableMatterActions('booked', ACTORS.otherResident!)).toEqual([])
    expect(availableMatterActions('booked', ACTORS.officeStaff!)).toEqual(['check_in', 'cancel', 'mark_no_show'])
    expect(availableMatterActions('booked', ACTORS.otherOffice!)).toEqual([])
    expect(availableMatterActions('booked', ACTORS.system!)).toEqual(['mark_no_show'])
    expect(availableMatterActions('in_progress', ACTORS.admin!)).toEqual(['request_more', 'complete'])
  })

  test('an unknown action is a 400 naming the actions', () => {
    expect(decideMatterTransition('booked', 'approve', ACTORS.officeStaff!, contextFor('check_in'))).toMatchObject({
      ok: false,
      status: 400,
      code: 'unknown-action',
    })
  })

  test('staff of another office are told who may', () => {
    const decision = decideMatterTransition('booked', 'check_in', ACTORS.otherOffice!, contextFor('check_in'))
    expect(decision).toMatchObject({ ok: false, status: 403, message: '只有承办科室的工作人员才能执行"签到"操作' })
  })

  test('a resident cannot cancel once checked in, and is told to ask the window', () => {
    const decision = decideMatterTransition('checked_in', 'cancel', ACTORS.owner!, contextFor('cancel'))
    expect(decision).toMatchObject({ ok: false, status: 403 })
    if (!decision.ok) expect(decision.message).toContain('窗口')
  })
})

describe('timing', () => {
  const cancel = (now: number, cutoffMinutes?: number) =>
    decideMatterTransition('booked', 'cancel', ACTORS.owner!, { ...SLOT, now, ...(cutoffMinutes === undefined ? {} : { cutoffMinutes }) })

  test('a resident may cancel until the cut-off (default 2 hours), not at it', () => {
    expect(cancel(bj('2026-12-03', '07:59:59.999'))).toMatchObject({ ok: true, to: 'cancelled' })
    const late = cancel(bj('2026-12-03', '08:00:00'))
    expect(late).toMatchObject({ ok: false, status: 409, code: 'too-late' })
    if (!late.ok) expect(late.message).toContain('2 小时')
    expect(cancel(bj('2026-12-03', '09:29:00'), 30)).toMatchObject({ ok: true })
    const late30 = cancel(bj('2026-12-03', '09:30:00'), 30)
    expect(late30).toMatchObject({ ok: false, code: 'too-late' })
    if (!late30.ok) expect(late30.message).toContain('30 分钟')
  })

  test('staff may cancel a booked matter after the cut-off, with a reason', () => {
    expect(decideMatterTransition('booked', 'cancel', ACTORS.officeStaff!, { ...SLOT, now: bj('2026-12-03', '09:50:00') }, '窗口临时停电')).toMatchObject({
      ok: true,
    })
  })

  test('a no-show is recorded only once the slot has ended', () => {
    expect(decideMatterTransition('booked', 'mark_no_show', ACTORS.system!, { ...SLOT, now: SLOT.slotEndMs - 1 })).toMatchObject({
      ok: false,
      status: 409,
      code: 'too-early',
    })
    expect(decideMatterTransition('booked', 'mark_no_show', ACTORS.system!, { ...SLOT, now: SLOT.slotEndMs })).toMatchObject({
      ok: true,
      to: 'no_show',
      note: null,
    })
  })
})

describe('notes for the resident', () => {
  const staff = ACTORS.officeStaff!
  test.each([
    ['in_progress', 'request_more', staff, '补正'],
    ['checked_in', 'reject', staff, '理由'],
    ['booked', 'cancel', staff, '原因'],
    ['checked_in', 'cancel', ACTORS.admin!, '原因'],
  ] as const)('%s %s needs a note', (from, action, actor, words) => {
    for (const note of [undefined, '', '   ']) {
      const decision = decideMatterTransition(from, action, actor, contextFor(action), note)
      expect(decision).toMatchObject({ ok: false, status: 400, code: 'note-required' })
      if (!decision.ok) expect(decision.message).toContain(words)
    }
  })

  test('the other steps take an optional note, trimmed', () => {
    expect(decideMatterTransition('booked', 'check_in', staff, contextFor('check_in'))).toMatchObject({ ok: true, note: null })
    expect(decideMatterTransition('in_progress', 'complete', staff, contextFor('complete'), '  请到 3 号窗口领取证件 ')).toMatchObject({
      ok: true,
      note: '请到 3 号窗口领取证件',
    })
    expect(decideMatterTransition('booked', 'cancel', ACTORS.owner!, contextFor('cancel'))).toMatchObject({ ok: true, note: null })
  })

  test('what is missing is passed on as written; a note over 500 characters is refused', () => {
    expect(decideMatterTransition('in_progress', 'request_more', staff, contextFor('request_more'), '缺户口簿原件')).toMatchObject({
      ok: true,
      to: 'needs_more',
      note: '缺户口簿原件',
    })
    expect(decideMatterTransition('in_progress', 'request_more', staff, contextFor('request_more'), '缺'.repeat(501))).toMatchObject({
      ok: false,
      status: 400,
      code: 'note-too-long',
    })
  })
})

describe('expected completion date on acceptance (working days after the day of acceptance)', () => {
  const accept = (now: number, timeLimitDays?: number) =>
    decideMatterTransition('checked_in', 'accept', ACTORS.officeStaff!, { ...SLOT, now, ...(timeLimitDays === undefined ? {} : { timeLimitDays }) })

  // From the 2026 notice: Oct 1–7 off, Sep 20 (Sun) and Oct 10 (Sat) worked; 中秋 Sep 25–27 off.
  test.each([
    ['2026-09-30', '10:00:00', 3, '2026-10-10'],
    ['2026-09-21', '15:00:00', 20, '2026-10-26'],
    ['2026-09-18', '09:00:00', 1, '2026-09-20'],
    ['2026-12-03', '10:05:00', 5, '2026-12-10'],
    ['2026-12-03', '10:05:00', 0, '2026-12-03'],
  ])('accepted %s %s with %i working days → %s', (date, time, days, expected) => {
    expect(accept(bj(date, time), days)).toMatchObject({ ok: true, to: 'accepted', expectedCompletion: expected })
  })

  test('the day of acceptance is the Beijing day (00:30 on Saturday Oct 10 is still Friday in UTC)', () => {
    expect(accept(Date.parse('2026-10-09T16:30:00Z'), 1)).toMatchObject({ expectedCompletion: '2026-10-12' })
    expect(accept(Date.parse('2026-10-09T15:30:00Z'), 1)).toMatchObject({ expectedCompletion: '2026-10-10' })
  })

  test('no time limit: no date; a count into 2027: no date and a warning for staff', () => {
    const none = accept(bj('2026-12-03', '10:05:00'))
    expect(none).toMatchObject({ ok: true, expectedCompletion: null })
    expect(none).not.toHaveProperty('calendarWarning')
    const unknown = accept(bj('2026-12-30', '10:00:00'), 5)
    expect(unknown).toMatchObject({ ok: true, to: 'accepted', expectedCompletion: null })
    if (unknown.ok) expect(unknown.calendarWarning).toContain('2027 年的法定节假日和调休安排尚未收录')
  })
})

describe('overdue', () => {
  test('a running matter is overdue the day after its expected date', () => {
    expect(isOverdue('in_progress', '2026-12-10', '2026-12-10')).toBe(false)
    expect(isOverdue('in_progress', '2026-12-10', '2026-12-11')).toBe(true)
    expect(isOverdue('accepted', '2026-12-10', '2026-12-11')).toBe(true)
    expect(isOverdue('needs_more', '2026-12-10', '2026-12-11')).toBe(true)
  })

  test('closed, not yet accepted, or without a date: never overdue', () => {
    for (const state of ['done', 'rejected', 'cancelled', 'no_show', 'booked', 'checked_in'] as const)
      expect(isOverdue(state, '2026-12-10', '2027-01-01')).toBe(false)
    expect(isOverdue('in_progress', null, '2027-01-01')).toBe(false)
  })
})
