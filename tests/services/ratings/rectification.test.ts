import {
  availableRectificationActions,
  decideRectificationStep,
  escalationDue,
  isRectificationOverdue,
  RECTIFICATION_ACTIONS,
  RECTIFICATION_STATES,
  rectificationDeadline,
  rectificationDeadlineOrEstimate,
  type RectificationAction,
  type RectificationActor,
  type RectificationState,
  type RectificationStepInput,
} from '../../../src/services/ratings/rectification'

/** The instant of a Beijing wall-clock time. */
const bj = (date: string, time: string): number => Date.parse(`${date}T${time}+08:00`)
const NOW = bj('2026-10-12', '10:00:00')

const ACTORS: Record<string, RectificationActor> = {
  owner: { kind: 'resident', isOwner: true },
  otherResident: { kind: 'resident', isOwner: false },
  officeHead: { kind: 'staff', ofOffice: true, head: true },
  officeStaff: { kind: 'staff', ofOffice: true, head: false },
  otherOfficeHead: { kind: 'staff', ofOffice: false, head: true },
  leader: { kind: 'leader' },
  admin: { kind: 'admin' },
  system: { kind: 'system' },
}
type ActorName = keyof typeof ACTORS

/**
 * The steps as the issue and the brief state them, restated rather than read from the module:
 * 待回访 → 已回访 (call-back record) → 已整改 (the fix) → 群众认可 / 群众不认可 (the resident's verdict);
 * 不认可 → fixed again or 未获认可办结 (office head); 未获认可办结 → 已申诉 (the resident, once) →
 * 领导已复核 or back to 待回访 (the leader).
 */
const OFFICE: ActorName[] = ['officeHead', 'officeStaff', 'admin']
const EXPECTED: Record<RectificationAction, Array<{ from: RectificationState; to: RectificationState; who: ActorName[] }>> = {
  call_back: [{ from: 'open', to: 'called_back', who: OFFICE }],
  record_fix: [
    { from: 'called_back', to: 'fixed', who: OFFICE },
    { from: 'disputed', to: 'fixed', who: OFFICE },
  ],
  accept: [{ from: 'fixed', to: 'accepted', who: ['owner'] }],
  dispute: [{ from: 'fixed', to: 'disputed', who: ['owner'] }],
  close_without_agreement: [
    { from: 'fixed', to: 'closed_unagreed', who: ['officeHead', 'admin'] },
    { from: 'disputed', to: 'closed_unagreed', who: ['officeHead', 'admin'] },
  ],
  appeal: [{ from: 'closed_unagreed', to: 'appealed', who: ['owner'] }],
  review: [{ from: 'appealed', to: 'reviewed', who: ['leader'] }],
  reopen: [{ from: 'appealed', to: 'open', who: ['leader'] }],
  // 调整整改期限 (issue 14 review F3): while the office owes the fix, by the office head, the leader or an admin; the state stays.
  adjust_deadline: [
    { from: 'open', to: 'open', who: ['officeHead', 'leader', 'admin'] },
    { from: 'called_back', to: 'called_back', who: ['officeHead', 'leader', 'admin'] },
    { from: 'disputed', to: 'disputed', who: ['officeHead', 'leader', 'admin'] },
  ],
}

const CALL_BACK = { caller: '王科长', calledAt: bj('2026-10-12', '09:30:00'), summary: '电话联系群众，了解到材料清单不清楚，已致歉并说明' }
const INPUT: RectificationStepInput = { note: '说明', callBack: CALL_BACK, deadline: '2026-10-20' }
const context = { now: NOW, appealUsed: false }

describe('every state × action × actor', () => {
  for (const state of RECTIFICATION_STATES) {
    for (const action of RECTIFICATION_ACTIONS) {
      for (const name of Object.keys(ACTORS) as ActorName[]) {
        const rules = EXPECTED[action]
        const rule = rules.find((r) => r.from === state)
        const everAllowed = rules.some((r) => r.who.includes(name))
        const want = rule?.who.includes(name) ? { to: rule.to } : { status: !everAllowed ? 403 : 409 }
        test(`${name} ${action} from ${state} → ${'to' in want ? want.to : want.status}`, () => {
          const decision = decideRectificationStep(state, action, ACTORS[name]!, context, INPUT)
          if ('to' in want) expect(decision).toMatchObject({ ok: true, from: state, to: want.to, action, note: '说明' })
          else expect(decision).toMatchObject({ ok: false, status: want.status })
        })
      }
    }
  }

  test('accepted and reviewed are final for everyone; the system takes no step at all', () => {
    for (const state of ['accepted', 'reviewed'] as const) {
      for (const actor of Object.values(ACTORS)) expect(availableRectificationActions(state, actor)).toEqual([])
    }
    for (const state of RECTIFICATION_STATES) expect(availableRectificationActions(state, ACTORS.system!)).toEqual([])
  })

  test('the buttons', () => {
    expect(availableRectificationActions('fixed', ACTORS.owner!)).toEqual(['accept', 'dispute'])
    expect(availableRectificationActions('fixed', ACTORS.officeStaff!)).toEqual([])
    expect(availableRectificationActions('disputed', ACTORS.officeHead!)).toEqual(['record_fix', 'close_without_agreement', 'adjust_deadline'])
    expect(availableRectificationActions('open', ACTORS.officeStaff!)).toEqual(['call_back'])
    expect(availableRectificationActions('open', ACTORS.leader!)).toEqual(['adjust_deadline'])
    expect(availableRectificationActions('appealed', ACTORS.leader!)).toEqual(['review', 'reopen'])
    expect(availableRectificationActions('appealed', ACTORS.admin!)).toEqual([])
  })

  test('unknown action → 400; another office and plain staff closing are told who may', () => {
    expect(decideRectificationStep('open', 'delete', ACTORS.admin!, context)).toMatchObject({ ok: false, status: 400, code: 'unknown-action' })
    expect(decideRectificationStep('open', 'call_back', ACTORS.otherOfficeHead!, context, INPUT)).toMatchObject({
      status: 403,
      message: '只有被评价科室的工作人员才能执行"记录回访"操作',
    })
    expect(decideRectificationStep('fixed', 'close_without_agreement', ACTORS.officeStaff!, context, INPUT)).toMatchObject({
      status: 403,
      message: '只有科室负责人才能在未获群众认可时办结',
    })
  })
})

describe('records and notes', () => {
  const callBack = (record: RectificationStepInput['callBack']) =>
    decideRectificationStep('open', 'call_back', ACTORS.officeStaff!, context, { callBack: record })

  test('the call-back record: who called, when, what was said — trimmed and kept', () => {
    expect(callBack({ caller: ' 王科长 ', calledAt: CALL_BACK.calledAt, summary: ` ${CALL_BACK.summary} ` })).toEqual({
      ok: true,
      from: 'open',
      to: 'called_back',
      action: 'call_back',
      note: null,
      callBack: CALL_BACK,
    })
  })

  test('an incomplete or impossible call-back record is a 400 naming what is missing', () => {
    expect(callBack(undefined)).toMatchObject({ status: 400, message: '回访记录须写明回访人' })
    expect(callBack({ ...CALL_BACK, caller: '  ' })).toMatchObject({ status: 400, message: '回访记录须写明回访人' })
    expect(callBack({ ...CALL_BACK, calledAt: '2026-10-12 09:30' })).toMatchObject({ status: 400, message: '回访记录须写明回访时间' })
    expect(callBack({ ...CALL_BACK, calledAt: NOW + 1 })).toMatchObject({ status: 400, code: 'call-back-future' })
    expect(callBack({ ...CALL_BACK, calledAt: NOW })).toMatchObject({ ok: true })
    expect(callBack({ ...CALL_BACK, summary: '' })).toMatchObject({ status: 400, message: expect.stringContaining('回访内容') })
    expect(callBack({ ...CALL_BACK, summary: '话'.repeat(1001) })).toMatchObject({ status: 400, code: 'note-too-long' })
  })

  test('the fix, the closing reason and the leader’s conclusion are required', () => {
    const cases: Array<[RectificationState, RectificationAction, ActorName, string]> = [
      ['called_back', 'record_fix', 'officeStaff', '整改措施'],
      ['disputed', 'close_without_agreement', 'officeHead', '理由'],
      ['appealed', 'review', 'leader', '复核意见'],
      ['appealed', 'reopen', 'leader', '重新整改'],
    ]
    for (const [from, action, actor, says] of cases) {
      const missing = decideRectificationStep(from, action, ACTORS[actor]!, context, { note: '   ' })
      expect(missing).toMatchObject({ ok: false, status: 400, code: 'note-required', message: expect.stringContaining(says) })
      expect(decideRectificationStep(from, action, ACTORS[actor]!, context, { note: ' 已修改材料清单 ' })).toMatchObject({ ok: true, note: '已修改材料清单' })
    }
  })

  test('the resident’s verdict needs no words, but keeps them; notes over 1000 characters are refused', () => {
    expect(decideRectificationStep('fixed', 'accept', ACTORS.owner!, context)).toMatchObject({ ok: true, to: 'accepted', note: null })
    expect(decideRectificationStep('fixed', 'dispute', ACTORS.owner!, context, { note: '还是没说清楚' })).toMatchObject({ ok: true, note: '还是没说清楚' })
    expect(decideRectificationStep('fixed', 'dispute', ACTORS.owner!, context, { note: '话'.repeat(1001) })).toMatchObject({
      status: 400,
      code: 'note-too-long',
    })
  })
})

describe('one appeal only', () => {
  test('the whole way round twice: the second closing cannot be appealed', () => {
    const steps: Array<[RectificationAction, ActorName]> = [
      ['call_back', 'officeStaff'],
      ['record_fix', 'officeStaff'],
      ['dispute', 'owner'],
      ['close_without_agreement', 'officeHead'],
      ['appeal', 'owner'],
      ['reopen', 'leader'],
      ['call_back', 'officeHead'],
      ['record_fix', 'officeHead'],
      ['close_without_agreement', 'officeHead'],
    ]
    let state: RectificationState = 'open'
    let appealUsed = false
    for (const [action, actor] of steps) {
      const decision = decideRectificationStep(state, action, ACTORS[actor]!, { now: NOW, appealUsed }, INPUT)
      if (!decision.ok) throw new Error(`${action} from ${state}: ${decision.message}`)
      if (action === 'appeal') appealUsed = true
      state = decision.to
    }
    expect(state).toBe('closed_unagreed')
    const second = decideRectificationStep(state, 'appeal', ACTORS.owner!, { now: NOW, appealUsed }, INPUT)
    expect(second).toMatchObject({ ok: false, status: 409, code: 'appeal-used', message: '每件差评只能申诉一次，您已经申诉过了' })
    expect(decideRectificationStep(state, 'appeal', ACTORS.owner!, { now: NOW, appealUsed: false })).toMatchObject({ ok: true, to: 'appealed' })
  })

  test('an item the resident accepted, or one still running, cannot be appealed', () => {
    for (const state of ['open', 'called_back', 'fixed', 'accepted', 'disputed', 'appealed', 'reviewed'] as const) {
      expect(decideRectificationStep(state, 'appeal', ACTORS.owner!, context)).toMatchObject({ ok: false, status: 409, code: 'invalid-transition' })
    }
  })
})

describe('deadline (calendar: 2026 National Day 10-01..10-07 off, 09-20 and 10-10 worked)', () => {
  // Counted by hand from 《国务院办公厅关于2026年部分节假日安排的通知》: the opening day is not counted.
  const cases: Array<[string, number, string]> = [
    ['2026-09-30', 5, '2026-10-13'], // 10-08, 10-09, 10-10 (Sat, make-up), 10-12, 10-13
    ['2026-09-30', 3, '2026-10-10'], // the make-up Saturday counts
    ['2026-10-01', 5, '2026-10-13'], // opened on a holiday
    ['2026-10-07', 1, '2026-10-08'],
    ['2026-09-18', 1, '2026-09-20'], // the make-up Sunday counts
    ['2026-09-18', 5, '2026-09-24'], // 09-20, 21, 22, 23, 24
    ['2026-09-24', 5, '2026-10-09'], // 中秋 09-25..27 and 国庆 skipped: 09-28, 29, 30, 10-08, 10-09
    ['2026-09-30', 15, '2026-10-27'], // the national 15 working days
  ]
  for (const [opened, days, due] of cases) {
    test(`opened ${opened}, ${days} working days → ${due}`, () => {
      expect(rectificationDeadline(opened, days)).toEqual({ ok: true, value: due })
    })
  }

  test('default 5 working days', () => {
    expect(rectificationDeadline('2026-09-30')).toEqual({ ok: true, value: '2026-10-13' })
  })

  test('a count into 2027 (not in the calendar data) gives no date and the warning', () => {
    expect(rectificationDeadline('2026-12-21')).toEqual({ ok: true, value: '2026-12-28' })
    const unknown = rectificationDeadline('2026-12-28')
    expect(unknown).toMatchObject({ ok: false, code: 'calendar_unknown', year: 2027 })
    if (!unknown.ok) expect(unknown.warning).toContain('2027 年的法定节假日')
    expect(unknown).not.toHaveProperty('value')
  })

  test('working days from 1 to 15 only; a bad date throws', () => {
    for (const days of [0, 16, 2.5, -1, Number.NaN]) expect(() => rectificationDeadline('2026-09-30', days)).toThrow(RangeError)
    expect(() => rectificationDeadline('2026-13-01')).toThrow(RangeError)
  })
})

describe('调整整改期限: a new deadline, not before today, with the reason', () => {
  const adjust = (input: RectificationStepInput, actor: ActorName = 'officeHead') =>
    decideRectificationStep('open', 'adjust_deadline', ACTORS[actor]!, context, input)

  test('a date from today on, with the reason: the state stays, the date is in the decision', () => {
    expect(adjust({ deadline: '2026-10-12', note: ' 群众外出，约定下周回访 ' })).toEqual({
      ok: true,
      from: 'open',
      to: 'open',
      action: 'adjust_deadline',
      note: '群众外出，约定下周回访',
      deadline: '2026-10-12',
    })
    expect(adjust({ deadline: '2027-01-08', note: '2027 年节假日未公布' }, 'leader')).toMatchObject({ ok: true, deadline: '2027-01-08' })
  })

  test('refused: a day before today, no date or a malformed one, no reason, plain staff', () => {
    expect(adjust({ deadline: '2026-10-11', note: '理由' })).toMatchObject({
      ok: false,
      status: 400,
      code: 'deadline-past',
      message: '新的整改期限不能早于今天',
    })
    for (const deadline of [undefined, '', '2026-02-30', '2026/10/20', 20261020])
      expect(adjust({ deadline, note: '理由' })).toMatchObject({ ok: false, status: 400, code: 'deadline-required' })
    expect(adjust({ deadline: '2026-10-20', note: ' ' })).toMatchObject({
      ok: false,
      status: 400,
      code: 'note-required',
      message: expect.stringContaining('理由'),
    })
    expect(adjust({ deadline: '2026-10-20', note: '理由' }, 'officeStaff')).toMatchObject({ ok: false, status: 403 })
  })
})

describe('estimated deadlines (a year the calendar does not know)', () => {
  test('inside 2026: exact; into 2027: Monday–Friday, flagged, with the note', () => {
    expect(rectificationDeadlineOrEstimate('2026-09-30')).toEqual({ date: '2026-10-13', estimated: false })
    expect(rectificationDeadlineOrEstimate('2026-12-28')).toEqual({
      date: '2027-01-04',
      estimated: true,
      warning: '2027 年节假日安排尚未公布，期限按周一至周五推算，公布后自动更正',
    })
    expect(rectificationDeadlineOrEstimate('2026-12-28', 15)).toMatchObject({ date: '2027-01-18', estimated: true })
    for (const days of [0, 16, 2.5]) expect(() => rectificationDeadlineOrEstimate('2026-12-28', days)).toThrow(RangeError)
  })

  test('an estimated deadline becomes overdue like any other: the leader is told', () => {
    expect(escalationDue({ state: 'open', deadline: '2027-01-04' }, '2027-01-05')).toEqual([
      expect.objectContaining({ to: 'leader', reason: 'overdue', key: 'overdue:2027-01-04' }),
    ])
  })
})

describe('overdue and escalation', () => {
  test('overdue: the office still owes the fix and today is after the deadline', () => {
    expect(isRectificationOverdue('open', '2026-10-13', '2026-10-13')).toBe(false)
    expect(isRectificationOverdue('open', '2026-10-13', '2026-10-14')).toBe(true)
    expect(isRectificationOverdue('called_back', '2026-10-13', '2026-10-14')).toBe(true)
    expect(isRectificationOverdue('disputed', '2026-10-13', '2026-10-14')).toBe(true)
    for (const state of ['fixed', 'accepted', 'closed_unagreed', 'appealed', 'reviewed'] as const) {
      expect(isRectificationOverdue(state, '2026-10-13', '2026-10-14')).toBe(false)
    }
    expect(isRectificationOverdue('open', null, '2027-01-10')).toBe(false)
  })

  test('the leader is told when overdue, once per deadline', () => {
    expect(escalationDue({ state: 'open', deadline: '2026-10-13' }, '2026-10-13')).toEqual([])
    const due = escalationDue({ state: 'called_back', deadline: '2026-10-13' }, '2026-10-14')
    expect(due).toEqual([{ to: 'leader', reason: 'overdue', key: 'overdue:2026-10-13', message: expect.stringContaining('2026-10-13') }])
    expect(escalationDue({ state: 'called_back', deadline: '2026-10-13' }, '2026-10-15', ['overdue:2026-10-13'])).toEqual([])
    // A reopened item has a new deadline: a new notice.
    expect(escalationDue({ state: 'open', deadline: '2026-11-02' }, '2026-11-03', ['overdue:2026-10-13'])).toHaveLength(1)
    expect(escalationDue({ state: 'fixed', deadline: '2026-10-13' }, '2026-10-20')).toEqual([])
  })

  test('the leader is told of an appeal; the office head of an item without a deadline', () => {
    expect(escalationDue({ state: 'appealed', deadline: '2026-10-13' }, '2026-10-20')).toEqual([
      expect.objectContaining({ to: 'leader', reason: 'appeal', key: 'appeal' }),
    ])
    expect(escalationDue({ state: 'appealed', deadline: '2026-10-13' }, '2026-10-20', ['appeal'])).toEqual([])
    expect(escalationDue({ state: 'open', deadline: null }, '2026-12-29')).toEqual([expect.objectContaining({ to: 'office_head', reason: 'no_deadline' })])
    expect(escalationDue({ state: 'fixed', deadline: null }, '2026-12-29')).toEqual([])
  })
})
