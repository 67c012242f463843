import {
  availableModerationActions,
  decideModeration,
  replyDeadline,
  SUBMISSION_ACTIONS,
  SUBMISSION_STATES,
  visibleTo,
  waiting,
  type ModerationActor,
  type SubmissionAction,
  type SubmissionRecord,
  type SubmissionState,
} from '../../../src/services/consultations/moderation'

/** The instant of a Beijing wall-clock time. */
const bj = (date: string, time: string): number => Date.parse(`${date}T${time}+08:00`)

const ACTORS: Record<string, ModerationActor> = {
  owner: { kind: 'resident', isOwner: true },
  otherResident: { kind: 'resident', isOwner: false },
  topicStaff: { kind: 'staff', ofTopic: true },
  otherStaff: { kind: 'staff', ofTopic: false },
  leader: { kind: 'leader' },
  admin: { kind: 'admin' },
}

/**
 * The steps as issue 14 states them, restated here rather than read from the module:
 * 待审核 → 已公开 / 未采纳 (staff of the topic, leader, admin); 已公开 → 已回复 (the same);
 * 待审核 → 已撤回 (the resident who wrote it). Everything else is refused.
 */
const EXPECTED: Record<SubmissionAction, { from: SubmissionState; to: SubmissionState; who: string[] }> = {
  approve: { from: 'pending', to: 'approved', who: ['topicStaff', 'leader', 'admin'] },
  reject: { from: 'pending', to: 'rejected', who: ['topicStaff', 'leader', 'admin'] },
  answer: { from: 'approved', to: 'answered', who: ['topicStaff', 'leader', 'admin'] },
  withdraw: { from: 'pending', to: 'withdrawn', who: ['owner'] },
}

describe('the state machine, every state × action × actor', () => {
  for (const from of SUBMISSION_STATES) {
    for (const action of SUBMISSION_ACTIONS) {
      for (const [name, actor] of Object.entries(ACTORS)) {
        const rule = EXPECTED[action]
        const allowedActor = rule.who.includes(name)
        const expected = !allowedActor ? 403 : rule.from === from ? 'ok' : 409
        test(`${from} · ${action} · ${name} → ${expected}`, () => {
          const decision = decideModeration(from, action, actor, '理由和回复')
          if (expected === 'ok') expect(decision).toMatchObject({ ok: true, from, to: rule.to })
          else expect(decision).toMatchObject({ ok: false, status: expected })
          expect(availableModerationActions(from, actor).includes(action)).toBe(expected === 'ok')
        })
      }
    }
  }
})

describe('texts', () => {
  test('a rejection needs a reason, kept trimmed', () => {
    expect(decideModeration('pending', 'reject', ACTORS.topicStaff!, '  ')).toEqual({
      ok: false,
      status: 400,
      code: 'text-required',
      message: '请写明不予采纳的理由（建议人可以看到）',
    })
    expect(decideModeration('pending', 'reject', ACTORS.topicStaff!, ' 不属于本街道职责 ')).toMatchObject({ ok: true, text: '不属于本街道职责' })
  })
  test('an answer needs its text; 1000 characters at most', () => {
    expect(decideModeration('approved', 'answer', ACTORS.leader!)).toMatchObject({ ok: false, code: 'text-required' })
    expect(decideModeration('approved', 'answer', ACTORS.leader!, '好'.repeat(1000))).toMatchObject({ ok: true })
    expect(decideModeration('approved', 'answer', ACTORS.leader!, '好'.repeat(1001))).toMatchObject({ ok: false, status: 400, code: 'text-too-long' })
  })
  test('approve and withdraw keep no text', () => {
    expect(decideModeration('pending', 'approve', ACTORS.admin!, '随便')).toMatchObject({ ok: true, text: null })
  })
  test('unknown action; staff of another office told why', () => {
    expect(decideModeration('pending', 'delete', ACTORS.admin!)).toMatchObject({ ok: false, status: 400, code: 'unknown-action' })
    expect(decideModeration('pending', 'approve', ACTORS.otherStaff!)).toMatchObject({
      ok: false,
      status: 403,
      message: '只有话题所属社区或承办科室的工作人员才能执行"审核通过并公开"操作',
    })
  })
})

describe('replyDeadline: 5 working days by default, the day of receipt not counted', () => {
  test('an ordinary week: received Monday → the next Monday', () => {
    expect(replyDeadline('2026-11-30')).toEqual({ ok: true, value: '2026-12-07' })
    expect(replyDeadline('2026-11-30', 1)).toEqual({ ok: true, value: '2026-12-01' })
  })
  test('across the 2026 National Day: 10-01..10-07 off, Saturday 10-10 worked', () => {
    // 10-08, 10-09, 10-10 (调休上班), 10-12, 10-13
    expect(replyDeadline('2026-09-30')).toEqual({ ok: true, value: '2026-10-13' })
    expect(replyDeadline('2026-10-03')).toEqual({ ok: true, value: '2026-10-13' })
  })
  test('the make-up Sunday 09-20 counts', () => {
    // Friday 09-18: 09-20 (调休上班), 09-21, 09-22, 09-23, 09-24
    expect(replyDeadline('2026-09-18')).toEqual({ ok: true, value: '2026-09-24' })
  })
  test('configurable count', () => {
    expect(replyDeadline('2026-09-30', 3)).toEqual({ ok: true, value: '2026-10-10' })
  })
  test('2027 is not known: calendar_unknown with the warning, no invented date', () => {
    expect(replyDeadline('2026-12-24')).toEqual({ ok: true, value: '2026-12-31' })
    const unknown = replyDeadline('2026-12-28')
    expect(unknown).toMatchObject({ ok: false, code: 'calendar_unknown', year: 2027 })
    expect(!unknown.ok && unknown.warning).toContain('2027 年的法定节假日和调休安排尚未收录')
  })
})

describe('waiting: working days waited against the deadline', () => {
  const received = bj('2026-09-30', '23:30:00') // late evening in Beijing, still 09-30 there
  test('during the holiday nothing is counted', () => {
    expect(waiting(received, bj('2026-10-05', '10:00:00'))).toEqual({
      ok: true,
      value: { waitedWorkingDays: 0, deadline: '2026-10-13', remainingWorkingDays: 5, overdue: false },
    })
  })
  test('after the holiday, the make-up Saturday counted', () => {
    expect(waiting(received, bj('2026-10-10', '09:00:00'))).toEqual({
      ok: true,
      value: { waitedWorkingDays: 3, deadline: '2026-10-13', remainingWorkingDays: 2, overdue: false },
    })
  })
  test('on the deadline: not overdue; the day after: overdue', () => {
    expect(waiting(received, bj('2026-10-13', '23:59:00'))).toEqual({
      ok: true,
      value: { waitedWorkingDays: 5, deadline: '2026-10-13', remainingWorkingDays: 0, overdue: false },
    })
    expect(waiting(received, bj('2026-10-14', '08:00:00'))).toEqual({
      ok: true,
      value: { waitedWorkingDays: 6, deadline: '2026-10-13', remainingWorkingDays: -1, overdue: true },
    })
  })
  test('the deadline in 2027: calendar_unknown', () => {
    expect(waiting(bj('2026-12-29', '10:00:00'), bj('2026-12-30', '10:00:00'))).toMatchObject({ ok: false, code: 'calendar_unknown', year: 2027 })
  })
})

describe('visibleTo', () => {
  const record = (state: SubmissionState): SubmissionRecord => ({
    id: 1,
    openid: 'oOwner',
    state,
    text: '小树林晚上太吵',
    photos: ['p1'],
    name: '欧阳修',
    phone: '13812341234',
    rejectionReason: state === 'rejected' ? '已由区城管局处理' : null,
    reply: state === 'answered' ? '已协调' : null,
    receivedAt: '2026-10-08T02:00:00.000Z',
  })
  test('the public and other residents: approved and answered only, never name, phone or reason', () => {
    for (const viewer of [{ kind: 'public' } as const, { kind: 'resident', openid: 'oOther' } as const]) {
      for (const state of ['pending', 'rejected', 'withdrawn'] as const) expect(visibleTo(record(state), viewer)).toBeNull()
      expect(visibleTo(record('approved'), viewer)).toMatchObject({ state: 'approved', name: null, phone: null, rejectionReason: null, mine: false })
      expect(visibleTo(record('answered'), viewer)).toMatchObject({ reply: '已协调', name: null, phone: null })
    }
  })
  test('the owner sees their own in every state, the rejection reason included', () => {
    for (const state of SUBMISSION_STATES)
      expect(visibleTo(record(state), { kind: 'resident', openid: 'oOwner' })).toMatchObject({ state, name: '欧阳修', phone: '13812341234', mine: true })
    expect(visibleTo(record('rejected'), { kind: 'resident', openid: 'oOwner' })?.rejectionReason).toBe('已由区城管局处理')
  })
  test('an empty openid is nobody’s owner', () => {
    expect(visibleTo({ ...record('pending'), openid: '' }, { kind: 'resident', openid: '' })).toBeNull()
  })
  test('staff see all states; masked outside the handling office', () => {
    expect(visibleTo(record('pending'), { kind: 'staff', fullAccess: false })).toMatchObject({ name: '欧**', phone: '138****1234' })
    expect(visibleTo(record('pending'), { kind: 'staff', fullAccess: true })).toMatchObject({ name: '欧阳修', phone: '13812341234' })
  })
})
