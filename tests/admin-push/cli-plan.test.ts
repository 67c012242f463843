import { EXIT, confirmation, isConfirmed, outcomeVerdict, planSend, previewVerdict, weekStateOf, type SendFacts } from '../../src/cli/push/plan'
import { DEFAULT_PUSH_SETTINGS as S } from '../../src/services/push/settings'
import { slotInstant } from '../../src/services/push/week'

const WEEK = '2026-W48'
const slots = { assembleAt: slotInstant(WEEK, 3, '10:00'), sendAt: slotInstant(WEEK, 4, '18:00'), retryAt: slotInstant(WEEK, 5, '18:00') }
const thursdayEvening = new Date('2026-11-26T10:30:00Z')
const valid = Array.from({ length: 6 }, () => ({ problems: [] as string[] }))
const ready: SendFacts = {
  week: WEEK,
  push: { status: 'signed_off', signedOffAt: '2026-11-25T06:00:00Z', items: valid },
  sentByMonth: { '2026-11': 2 },
  settings: S,
  slots,
}
const withPush = (push: Partial<NonNullable<SendFacts['push']>>, extra: Partial<SendFacts> = {}): SendFacts => ({
  ...ready,
  ...extra,
  push: { ...ready.push!, ...push },
})

describe('weekStateOf', () => {
  test('counts valid items and the quota of the month it is now', () => {
    const facts = withPush({ items: [...valid.slice(0, 4), { problems: ['封面图片：…'] }] })
    expect(weekStateOf(facts, thursdayEvening)).toEqual({ exists: true, status: 'signed_off', signedOff: true, validItems: 4, quotaLeft: 2, lastSlotRun: null })
  })
  test('a sign-off counts only while the push is signed off (or failed and retried)', () => {
    expect(weekStateOf(withPush({ status: 'proposed' }), thursdayEvening).signedOff).toBe(false)
    expect(weekStateOf(withPush({ status: 'failed' }), thursdayEvening).signedOff).toBe(true)
    expect(weekStateOf(withPush({ signedOffAt: null }), thursdayEvening).signedOff).toBe(false)
  })
})

describe('planSend', () => {
  test('signed off, valid, quota left → send', () => {
    expect(planSend(ready, thursdayEvening)).toMatchObject({ go: true, step: { kind: 'send' }, finalAttempt: false })
  })
  test('on the retry day the attempt is the final one', () => {
    expect(planSend(ready, new Date('2026-11-27T11:00:00Z'))).toMatchObject({ go: true, finalAttempt: true })
  })
  test('not signed off, or too few valid items → not ready (3) with the reason', () => {
    expect(planSend(withPush({ status: 'proposed', signedOffAt: null }), thursdayEvening)).toMatchObject({
      go: false,
      exitCode: EXIT.notReady,
      message: expect.stringContaining('领导尚未审定'),
    })
    expect(planSend(withPush({ items: valid.slice(0, 3) }), thursdayEvening)).toMatchObject({
      go: false,
      exitCode: 3,
      message: expect.stringContaining('只有 3 条'),
    })
  })
  test('no push yet → not ready, saying when it is assembled', () => {
    expect(planSend({ ...ready, push: null }, thursdayEvening)).toMatchObject({ go: false, exitCode: 3, message: expect.stringContaining('2026-11-25 10:00') })
  })
  test('already sent or skipped → nothing to do (0)', () => {
    expect(planSend(withPush({ status: 'sent' }), thursdayEvening)).toMatchObject({
      go: false,
      exitCode: EXIT.done,
      message: expect.stringContaining('本周已发送'),
    })
    expect(planSend(withPush({ status: 'skipped' }), thursdayEvening)).toMatchObject({ go: false, exitCode: 0 })
  })
  test('a send under way resumes', () => {
    expect(planSend(withPush({ status: 'sending' }), thursdayEvening)).toMatchObject({ go: true, step: { kind: 'resume' } })
  })
  test('quota used up → skipped (4)', () => {
    expect(planSend({ ...ready, sentByMonth: { '2026-11': 4 } }, thursdayEvening)).toMatchObject({
      go: false,
      exitCode: EXIT.wechatFailed,
      message: expect.stringContaining('群发次数已用完'),
    })
  })
  test('another week, or this week after its last send day, is never sent', () => {
    expect(planSend(ready, new Date('2026-12-01T04:00:00Z'))).toMatchObject({
      go: false,
      exitCode: 3,
      message: expect.stringContaining('只能发送本周（2026-W49）'),
    })
    expect(planSend(ready, new Date('2026-11-28T04:00:00Z'))).toMatchObject({ go: false, exitCode: 3, message: expect.stringContaining('不会补发') })
    expect(planSend(withPush({ status: 'sending' }), new Date('2026-11-28T04:00:00Z'))).toMatchObject({ go: true, step: { kind: 'resume' } })
  })
})

describe('confirmation', () => {
  test('--dry-run wins; --yes proceeds; a terminal asks; anything else refuses', () => {
    expect(confirmation({ dryRun: true, yes: true, isTTY: false })).toBe('dry-run')
    expect(confirmation({ dryRun: false, yes: true, isTTY: false })).toBe('proceed')
    expect(confirmation({ dryRun: false, yes: false, isTTY: true })).toBe('ask')
    expect(confirmation({ dryRun: false, yes: false, isTTY: false })).toBe('refuse')
  })
  test('only "yes" confirms', () => {
    expect(isConfirmed(' YES \n')).toBe(true)
    for (const answer of ['y', '', '是', 'yes please', null]) expect(isConfirmed(answer)).toBe(false)
  })
})

describe('outcomeVerdict', () => {
  test('each way a send ends has its exit code', () => {
    expect(outcomeVerdict({ kind: 'sent', msgId: '1000', settledBy: 'answer' })).toMatchObject({ exitCode: 0, message: expect.stringContaining('msg_id 1000') })
    expect(outcomeVerdict({ kind: 'sent', msgId: '1000', settledBy: '45065' }).message).toContain('未重复群发')
    expect(outcomeVerdict({ kind: 'invalid', reason: 'x' }).exitCode).toBe(3)
    expect(outcomeVerdict({ kind: 'failed', reason: 'x' }).exitCode).toBe(4)
    expect(outcomeVerdict({ kind: 'skipped', reason: 'x' }).exitCode).toBe(4)
    expect(outcomeVerdict({ kind: 'unknown-outcome', retryAfter: new Date('2026-11-26T10:01:05Z') })).toMatchObject({
      exitCode: 5,
      message: expect.stringContaining('2026-11-26 18:01'),
    })
    expect(outcomeVerdict({ kind: 'not-claimed', reason: 'x' }).exitCode).toBe(5)
    expect(outcomeVerdict({ kind: 'needs-attention', reason: 'x' }).exitCode).toBe(5)
  })
})

describe('previewVerdict', () => {
  test('sent, partly failed, failed, unknown', () => {
    expect(previewVerdict({ ok: true, detail: '已向 2 位领导发送预览' }, [{}, {}])).toEqual({ exitCode: 0, message: '已向 2 位领导发送预览' })
    expect(previewVerdict({ ok: true, detail: '已向 2 位领导发送预览' }, [{}, { error: '43004 未关注' }])).toMatchObject({
      exitCode: 4,
      message: expect.stringContaining('43004'),
    })
    expect(previewVerdict({ ok: false, detail: '预览草稿生成失败：…' }, [])).toMatchObject({ exitCode: 4 })
    expect(previewVerdict(undefined, []).exitCode).toBe(5)
  })
})
