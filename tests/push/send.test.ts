import { assembleWeek } from '../../src/services/push/assemble'
import { sendWeeklyPush, RESEND_WAIT_MS } from '../../src/services/push/send'
import { DEFAULT_PUSH_SETTINGS } from '../../src/services/push/settings'
import { applyMassResult } from '../../src/services/push/result'
import { itemRefs } from '../../src/services/push/item-refs'
import { readPush, readSteps } from '../../src/services/push/store'
import { findAccount } from '../../src/services/accounts/find-account'
import { loadMatrixOverview } from '../../src/services/push/matrix-overview'
import { bundleCountLine, loadWeekReport, resultLine } from '../../src/services/push/week-report'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { acceptedSendalls, createPushWorld, emulatorGatewayFor, realSends, sendallCount, signOff, type PushWorld } from './helpers'

// The send executor against the emulator over HTTP: one sendall per account and week, whatever happens.

let t: TestPayload
let world: PushWorld
const week = '2026-W48'
const now = new Date('2026-11-26T10:00:00Z')

beforeAll(async () => {
  t = await startTestPayload()
}, 60_000)
afterAll(async () => t?.close())
beforeEach(async () => {
  world = await createPushWorld(t.payload)
}, 60_000)
afterEach(async () => world?.emulator.close())

async function signedOffPush() {
  const { push } = await assembleWeek(t.payload, { accountId: world.accountId, week, now, settings: DEFAULT_PUSH_SETTINGS })
  await signOff(t.payload, world.fx, push.id)
  return push.id
}

const send = async (pushId: string, overrides: Partial<Parameters<typeof sendWeeklyPush>[0]> = {}) =>
  sendWeeklyPush({
    payload: t.payload,
    pushId,
    gateway: await world.gatewayFor(t.payload, world.accountId),
    settings: DEFAULT_PUSH_SETTINGS,
    owner: 'test-instance',
    finalAttempt: false,
    ...overrides,
  })

test('happy path: claimed, drafted, sent once; items become sent and link to the push', async () => {
  const pushId = await signedOffPush()
  const steps: string[] = []
  const outcome = await send(pushId, { onStep: (step) => void steps.push(step) })
  expect(outcome).toMatchObject({ kind: 'sent', settledBy: 'answer' })
  expect(steps).toEqual(['claimed', 'draft', 'sendall-requested', 'sent', 'items-marked-sent'])
  const push = await readPush(t.payload, pushId)
  expect(push).toMatchObject({ status: 'sent', claimedBy: null })
  expect(push?.wechat!.msgId).toBeTruthy()
  expect(push?.wechat!.clientmsgid).toMatch(/^wk-2026-W48-[0-9a-f]{32}$/)
  expect(Buffer.byteLength(push!.wechat!.clientmsgid!)).toBeLessThanOrEqual(64)
  const refs = itemRefs(push!.items)
  expect(refs.length).toBeGreaterThan(0)
  for (const ref of refs) {
    const item = await t.payload.findByID({ collection: ref.relationTo, id: ref.value, depth: 0 })
    expect(item).toMatchObject({ reviewStatus: 'sent', pushedIn: pushId })
  }
  expect(sendallCount(world.emulator)).toBe(1)
  expect(realSends(world.emulator)).toBe(1)
  // Once sent, nobody sends it again.
  expect(await send(pushId)).toMatchObject({ kind: 'not-claimed' })
  expect(sendallCount(world.emulator)).toBe(1)
})

test('nothing is sent without the sign-off', async () => {
  const { push } = await assembleWeek(t.payload, { accountId: world.accountId, week, now, settings: DEFAULT_PUSH_SETTINGS })
  expect(await send(push.id)).toMatchObject({ kind: 'not-claimed' })
  expect(sendallCount(world.emulator)).toBe(0)
})

test('two instances racing: one claims and sends, the other does nothing', async () => {
  const pushId = await signedOffPush()
  const outcomes = await Promise.all([send(pushId, { owner: 'a' }), send(pushId, { owner: 'b' }), send(pushId, { owner: 'c' })])
  expect(outcomes.filter((o) => o.kind === 'sent')).toHaveLength(1)
  expect(outcomes.filter((o) => o.kind === 'not-claimed')).toHaveLength(2)
  expect(sendallCount(world.emulator)).toBe(1)
})

test('a lost sendall answer is settled by resending the same clientmsgid after a minute (45065), never a fresh send', async () => {
  const pushId = await signedOffPush()
  world.emulator.faults.apply({ dropResponses: { '/cgi-bin/message/mass/sendall': 1 } })
  const first = await send(pushId)
  expect(first.kind).toBe('unknown-outcome')
  expect(realSends(world.emulator)).toBe(1)
  // Before the minute is up, no one touches it.
  expect(await send(pushId, { owner: 'other' })).toMatchObject({ kind: 'not-claimed' })
  world.emulator.advanceClock(RESEND_WAIT_MS)
  const later = new Date(Date.now() + RESEND_WAIT_MS)
  const settled = await send(pushId, { owner: 'other', now: () => later })
  expect(settled).toMatchObject({ kind: 'sent', settledBy: '45065' })
  const push = await readPush(t.payload, pushId)
  expect(push?.wechat!.msgId).toBe(String([...world.emulator.account().massJobs.keys()][0]))
  expect(realSends(world.emulator)).toBe(1)
  expect(acceptedSendalls(world.emulator)).toBe(1)
})

test('a send whose outcome is unknown for over 24 hours is flagged for a person, not resent', async () => {
  const pushId = await signedOffPush()
  world.emulator.faults.apply({ dropResponses: { '/cgi-bin/message/mass/sendall': 1 } })
  expect((await send(pushId)).kind).toBe('unknown-outcome')
  const requestsBefore = sendallCount(world.emulator)
  const dayLater = new Date(Date.now() + 25 * 3600_000)
  const outcome = await send(pushId, { now: () => dayLater })
  expect(outcome.kind).toBe('needs-attention')
  expect(await readPush(t.payload, pushId)).toMatchObject({ status: 'failed', needsAttention: true })
  expect(sendallCount(world.emulator)).toBe(requestsBefore)
  expect(realSends(world.emulator)).toBe(1)
})

test('bursts of -1 and a token invalidated mid-push still end in one send', async () => {
  const pushId = await signedOffPush()
  world.emulator.faults.apply({ systemErrorRate: 0.3, paths: ['/cgi-bin/media/uploadimg', '/cgi-bin/material/add_material', '/cgi-bin/draft/add'] })
  // Patient retries: with a 30 % share of -1, ten failures in a row (a flaky test) is a 1-in-170,000 event per call.
  const gateway = await emulatorGatewayFor(world.emulator.url, { maxAttempts: 10 })(t.payload, world.accountId)
  const outcome = await sendWeeklyPush({
    payload: t.payload,
    pushId,
    gateway,
    settings: DEFAULT_PUSH_SETTINGS,
    owner: 'x',
    finalAttempt: false,
    onStep: (step) => {
      if (step === 'draft') world.emulator.faults.apply({ invalidateTokens: true, systemErrorRate: 0 })
    },
  })
  expect(outcome.kind).toBe('sent')
  expect(realSends(world.emulator)).toBe(1)
})

test('45028 (no quota) skips the week with the reason, items back to the pool, no retry', async () => {
  const pushId = await signedOffPush()
  world.emulator.account().quotaSendTimes.push(...Array.from({ length: 4 }, () => world.emulator.now()))
  const outcome = await send(pushId)
  expect(outcome).toMatchObject({ kind: 'skipped', reason: expect.stringContaining('45028') })
  const push = await readPush(t.payload, pushId)
  expect(push?.status).toBe('skipped')
  const [ref] = itemRefs(push!.items)
  const item = await t.payload.findByID({ collection: ref.relationTo, id: ref.value, depth: 0 })
  expect(item.reviewStatus).toBe('approved')
  expect(await send(pushId)).toMatchObject({ kind: 'not-claimed' })
})

test('editing an item after sign-off voids the sign-off; the bundle must be signed off again', async () => {
  const pushId = await signedOffPush()
  const push = await readPush(t.payload, pushId)
  const [first] = itemRefs(push!.items)
  await t.payload.update({
    collection: first.relationTo,
    id: first.value,
    user: world.fx.users.admin as never,
    overrideAccess: false,
    data: { digest: '管理员改了摘要' },
  })
  const after = await readPush(t.payload, pushId)
  expect(after).toMatchObject({ status: 'proposed', signedOffAt: null })
  expect((await readSteps(t.payload, pushId)).at(-1)?.step).toBe('sign-off-voided')
  expect(await send(pushId)).toMatchObject({ kind: 'not-claimed' })
  expect(sendallCount(world.emulator)).toBe(0)
})

test('changing the bundle after sign-off voids it too; a removed item goes back to the pool', async () => {
  const pushId = await signedOffPush()
  const push = await readPush(t.payload, pushId)
  const [removed, ...kept] = push!.items!
  const saved = await t.payload.update({
    collection: 'weekly-pushes',
    id: pushId,
    user: world.fx.users.leader as never,
    overrideAccess: false,
    data: { items: kept },
  })
  expect(saved.status).toBe('proposed')
  const [removedRef] = itemRefs([removed])
  const item = await t.payload.findByID({ collection: removedRef.relationTo, id: removedRef.value, depth: 0 })
  expect(item.reviewStatus).toBe('approved')
})

test("a community push goes to that community's follower tag; without a configured tag it is not sent", async () => {
  const pushId = await signedOffPush()
  const leaderReq = world.fx.users.admin as never
  await t.payload.update({
    collection: 'weekly-pushes',
    id: pushId,
    user: leaderReq,
    overrideAccess: false,
    data: { audience: 'community', audienceCommunity: world.fx.communityA },
  })
  await signOff(t.payload, world.fx, pushId)
  const untagged = await send(pushId)
  expect(untagged).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('没有配置粉丝标签') })
  expect(sendallCount(world.emulator)).toBe(0)

  world.emulator.account().tags.set(101, { id: 101, name: '西关社区' })
  await t.payload.update({ collection: 'wechat-accounts', id: world.accountId, data: { communityTags: [{ community: world.fx.communityA, tagId: 101 }] } })
  const sent = await send(pushId)
  expect(sent.kind).toBe('sent')
  const request = world.emulator.requestLog.find((entry) => entry.path === '/cgi-bin/message/mass/sendall' && entry.errcode === 0)
  expect((request?.body as { filter?: unknown })?.filter).toEqual({ is_to_all: false, tag_id: 101 })
})

test('a deleted item leaves the open bundle, voiding the sign-off', async () => {
  const pushId = await signedOffPush()
  const push = await readPush(t.payload, pushId)
  const [gone] = itemRefs(push!.items)
  await t.payload.delete({ collection: gone.relationTo, id: gone.value, user: world.fx.users.admin as never, overrideAccess: false })
  const after = await readPush(t.payload, pushId)
  expect(after!.items).toHaveLength(push!.items!.length - 1)
  expect(after).toMatchObject({ status: 'proposed', signedOffAt: null })
  expect((await readSteps(t.payload, pushId)).slice(-2).map((step) => step.step)).toEqual(['item-removed', 'sign-off-voided'])
})

test('after the send, the result is recorded even though the items are no longer pushable', async () => {
  const pushId = await signedOffPush()
  const outcome = await send(pushId)
  expect(outcome.kind).toBe('sent')
  const msgId = (outcome as { msgId: string }).msgId
  const recorded = await applyMassResult(t.payload, {
    accountId: world.accountId,
    msgId,
    status: 'err(20013)',
    totalCount: 20,
    filterCount: 20,
    sentCount: 0,
    errorCount: 20,
  })
  expect(recorded?.result).toMatchObject({ statusText: 'err(20013)', meaning: '群发失败：版权检查未通过（涉嫌转载）', totalCount: 20 })
  const told = await t.payload.find({ collection: 'notifications', where: { and: [{ relatedId: { equals: pushId } }, { subject: { contains: '群发失败' } }] } })
  expect(told.totalDocs).toBeGreaterThan(0)
})

test('a sent week reads right: items 已推送, 「共 N 条，已推送 N 条」, WeChat’s figures, the log in Chinese', async () => {
  const pushId = await signedOffPush()
  const outcome = await send(pushId)
  expect(outcome.kind).toBe('sent')
  // A second sender is told the status in Chinese, not `sent`.
  expect(await send(pushId)).toMatchObject({ kind: 'not-claimed', reason: '状态为「已发送」' })
  const msgId = (outcome as { msgId: string }).msgId
  await applyMassResult(t.payload, {
    accountId: world.accountId,
    msgId,
    status: 'send success',
    totalCount: 100,
    filterCount: 100,
    sentCount: 98,
    errorCount: 2,
  })

  const account = (await findAccount(t.payload, world.accountId))!
  const report = await loadWeekReport(t.payload, { account, week, now: new Date('2026-11-27T02:00:00Z') })
  const push = report.push!
  const count = push.items.length
  expect(count).toBeGreaterThan(0)
  expect(push.items.every((item) => item.sent && item.problems.length === 0)).toBe(true)
  expect(bundleCountLine(push, report.settings)).toBe(`共 ${count} 条，已推送 ${count} 条`)
  expect(push.sentAt).toBeTruthy()
  expect(resultLine(push.result)).toBe('群发成功：送达 98 人，失败 2 人（发送对象 100 人）')
  // Every step of the log has a Chinese label and a Chinese detail (no raw kinds, no WeChat status text).
  const kinds = push.steps.map((entry) => entry.step)
  expect(kinds).toEqual(expect.arrayContaining(['assemble', 'claim', 'sendall-requested', 'items-marked-sent', 'result']))
  for (const entry of push.steps) expect(entry.label).not.toMatch(/[a-z]/i)
  expect(push.steps.find((entry) => entry.step === 'result')).toMatchObject({ label: '群发结果', detail: '群发成功：送达 98 人，失败 2 人' })

  // 账号矩阵: the week shows when it was sent, not its Thursday slot.
  const admin = { ...(await t.payload.findByID({ collection: 'users', id: world.fx.users.admin.id, overrideAccess: true })), collection: 'users' as const }
  const [row] = await loadMatrixOverview(t.payload, { user: admin as never }, new Date('2026-11-27T02:00:00Z'))
  expect(row!.sendTime).toEqual({ kind: 'sent', at: new Date(push.sentAt!) })
})
