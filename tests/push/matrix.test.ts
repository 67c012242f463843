import { runWeeklyPushTick } from '../../jobs/weekly-push'
import { pollPushResults } from '../../jobs/poll-push-results'
import { startEmulator, type WeChatEmulator } from '../../src/dev/emulator'
import type { GatewayFactory } from '../../src/services/push/gateway'
import { findPush, readSteps } from '../../src/services/push/store'
import { loadPushSettings } from '../../src/services/push/settings-load'
import { sendsByMonth } from '../../src/services/push/month-usage'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { ACCOUNT } from '../wechat/support'
import { acceptedSendalls, addApprovedItem, emulatorGatewayFor, realSends, signOff } from './helpers'
import { loadPool } from '../../src/services/push/candidates'
import { assembleWeek } from '../../src/services/push/assemble'
import { findPushAccounts } from '../../src/services/accounts/accounts'
import { REVIEW_TRANSITION_CONTEXT } from '../../src/services/review/hooks'
import { beijing, createScheduledWorld, reportFor, type ScheduledWorld } from './scheduler-world'

// The account matrix: every community's account and the street office's are served by the same
// scheduler tick, each on its own. The second account talks to its own emulator, so WeChat can fail
// for one account only.

let t: TestPayload
let world: ScheduledWorld
let second: WeChatEmulator

beforeAll(async () => {
  t = await startTestPayload()
}, 60_000)
afterAll(async () => t?.close())
afterEach(async () => {
  await world?.emulator.close()
  await second?.close()
})

const W48 = '2026-W48'

/** A second, non-default account (a community's) on its own emulator, sharing the world's clock. */
async function addSecondAccount() {
  const config = { ...ACCOUNT, appId: `wxcomm${Math.random().toString(36).slice(2, 12)}`, followerCount: 12 }
  second = await startEmulator({ faults: null, accounts: [config], clock: () => world.clock.now, settings: { massJobDelayMs: 50, templateJobDelayMs: 20 } })
  const account = await t.payload.create({
    collection: 'wechat-accounts',
    data: { name: '西关社区', appId: config.appId, appSecret: config.appSecret, token: config.token, encodingAESKey: config.encodingAESKey, type: 'service' },
  })
  return String(account.id)
}

/** Each account's gateway on its own emulator. */
const gatewaysFor =
  (secondId: string): GatewayFactory =>
  (payload, accountId) =>
    (accountId === secondId ? emulatorGatewayFor(second.url) : world.gatewayFor)(payload, accountId)

async function tick(local: string, gatewayFor: GatewayFactory) {
  world.clock.now = beijing(local).getTime()
  return runWeeklyPushTick(t.payload, { now: beijing(local), owner: 'scheduler-a', gatewayFor })
}

test('two accounts in the same week: one account WeChat fails on Thursday, the other is sent exactly once; the failing one is sent once on Friday after recovery', async () => {
  world = await createScheduledWorld(t.payload, 12)
  const secondId = await addSecondAccount()
  const gatewayFor = gatewaysFor(secondId)

  const wednesday = await tick('2026-11-25 10:00', gatewayFor)
  expect(wednesday.accounts.map((entry) => entry.accountId)).toEqual([world.accountId, secondId])
  expect(reportFor(wednesday, world.accountId)).toMatchObject({ step: 'assemble', detail: '6 条' })
  expect(reportFor(wednesday, secondId)).toMatchObject({ step: 'assemble', detail: '6 条' })
  const first = (await findPush(t.payload, world.accountId, W48))!
  const other = (await findPush(t.payload, secondId, W48))!
  // No item is in both bundles (the pool is shared, proposals are made one at a time).
  const ids = (push: typeof first) => (push.items as { value: string }[]).map((ref) => String(ref.value))
  expect(ids(first).filter((id) => ids(other).includes(id))).toEqual([])
  await signOff(t.payload, world.fx, first.id)
  await signOff(t.payload, world.fx, other.id)

  second.faults.apply({ systemErrorRate: 1, paths: ['/cgi-bin/draft/add'] })
  const thursday = await tick('2026-11-26 18:00', gatewayFor)
  expect(reportFor(thursday, world.accountId)).toMatchObject({ step: 'send', outcome: { kind: 'sent' } })
  expect(reportFor(thursday, secondId)).toMatchObject({ step: 'send', outcome: { kind: 'failed' } })
  expect(await findPush(t.payload, secondId, W48)).toMatchObject({ status: 'failed' })

  second.faults.apply({ clear: true })
  for (const later of ['2026-11-26 18:01', '2026-11-27 17:59']) await tick(later, gatewayFor)
  expect(acceptedSendalls(second)).toBe(0)
  const friday = await tick('2026-11-27 18:00', gatewayFor)
  expect(reportFor(friday, world.accountId)).toMatchObject({ step: 'nothing' })
  expect(reportFor(friday, secondId)).toMatchObject({ slot: 'retry', step: 'send', outcome: { kind: 'sent' } })
  for (const later of ['2026-11-27 18:01', '2026-11-28 10:00']) await tick(later, gatewayFor)

  expect([acceptedSendalls(world.emulator), realSends(world.emulator)]).toEqual([1, 1])
  expect([acceptedSendalls(second), realSends(second)]).toEqual([1, 1])
  expect((await findPush(t.payload, world.accountId, W48))!.status).toBe('sent')
  expect((await findPush(t.payload, secondId, W48))!.status).toBe('sent')

  // The results of both accounts' sends are polled, each from its own WeChat.
  await new Promise((resolve) => setTimeout(resolve, 120))
  expect(await pollPushResults(t.payload, gatewayFor)).toBe(2)
})

test('two street-level accounts assembled in the same moment, as two scheduler processes would: each item goes to one proposal only, the other leaves it out', async () => {
  world = await createScheduledWorld(t.payload, 6)
  const secondId = await addSecondAccount()
  const settings = await loadPushSettings(t.payload, world.accountId)
  const now = beijing('2026-11-25 10:00')
  // No per-process limiter here: both choose from the same pool before either saves.
  const results = await Promise.all([world.accountId, secondId].map((accountId) => assembleWeek(t.payload, { accountId, week: W48, now, settings })))
  const saved = await Promise.all([world.accountId, secondId].map(async (accountId) => (await findPush(t.payload, accountId, W48))!))
  const refs = (push: (typeof saved)[number]) =>
    (push.items as { relationTo: 'articles'; value: unknown }[]).map((ref) => ({ collection: ref.relationTo, id: String(ref.value) }))
  const [first, other] = saved.map(refs)
  expect(first.filter((ref) => other.some((mine) => mine.id === ref.id && mine.collection === ref.collection))).toEqual([])
  // Both chose the same items (the race happened), and the one that claimed second says so and left them out.
  const steps = await Promise.all(saved.map(async (push) => (await readSteps(t.payload, push.id)).find((step) => step.step === 'assemble')?.detail ?? ''))
  expect(steps.filter((detail) => detail.includes('刚被另一推送选中或已不在待推送池'))).toHaveLength(1)
  for (const [index, result] of results.entries()) expect(result.selection!.items.map((item) => item.id)).toEqual(refs(saved[index]).map((ref) => ref.id))
  // Every item in a proposal is scheduled, once.
  for (const ref of [...first, ...other]) {
    const item = await t.payload.findByID({ collection: ref.collection, id: ref.id, depth: 0, overrideAccess: true })
    expect(item.reviewStatus).toBe('scheduled')
  }
})

test('an exception in one account tick (its gateway throws) neither stops nor delays the other account; it is recorded on that account week', async () => {
  world = await createScheduledWorld(t.payload, 12)
  const secondId = await addSecondAccount()
  const healthy = gatewaysFor(secondId)
  await tick('2026-11-25 10:00', healthy)
  const other = (await findPush(t.payload, secondId, W48))!
  await signOff(t.payload, world.fx, (await findPush(t.payload, world.accountId, W48))!.id)
  await signOff(t.payload, world.fx, other.id)

  // The second account's client cannot even be made (e.g. its AppSecret was cleared): it throws.
  const broken: GatewayFactory = (payload, accountId) =>
    accountId === secondId ? Promise.reject(new Error('公众号密钥无法解密')) : healthy(payload, accountId)
  const thursday = await tick('2026-11-26 18:00', broken)
  expect(thursday.accounts.find((entry) => entry.accountId === secondId)).toMatchObject({ ok: false, error: '公众号密钥无法解密' })
  expect(reportFor(thursday, world.accountId)).toMatchObject({ step: 'send', outcome: { kind: 'sent' } })
  expect(acceptedSendalls(world.emulator)).toBe(1)
  expect((await readSteps(t.payload, other.id)).map((step) => step.step)).toContain('tick-error')
  // The slot did not count as run for the failing account: the next tick (repaired) sends it, once.
  expect(reportFor(await tick('2026-11-26 18:01', healthy), secondId)).toMatchObject({ step: 'send', outcome: { kind: 'sent' } })
  await tick('2026-11-26 18:02', healthy)
  expect([acceptedSendalls(second), acceptedSendalls(world.emulator)]).toEqual([1, 1])
})

test('an account with 参与每周推送 turned off is not served', async () => {
  world = await createScheduledWorld(t.payload, 6)
  const secondId = await addSecondAccount()
  await t.payload.update({ collection: 'wechat-accounts', id: secondId, data: { pushEnabled: false }, overrideAccess: true })
  const report = await tick('2026-11-25 10:00', gatewaysFor(secondId))
  expect(report.accounts.map((entry) => entry.accountId)).toEqual([world.accountId])
  expect(await findPush(t.payload, secondId, W48)).toBeNull()
  // An account saved before the field existed (no value) is served.
  await t.payload.update({ collection: 'wechat-accounts', id: secondId, data: { pushEnabled: null }, overrideAccess: true })
  expect((await findPushAccounts(t.payload)).map((account) => account.id)).toEqual([world.accountId, secondId])
})

test('本号推送设置: an account with its own rhythm sends on its own day; the street-wide default stays for the others; quota counted per account', async () => {
  world = await createScheduledWorld(t.payload, 12)
  const secondId = await addSecondAccount()
  await t.payload.update({
    collection: 'wechat-accounts',
    id: secondId,
    overrideAccess: true,
    data: { pushSettings: { useStreetDefaults: false, sendWeekday: '5', sendTime: '09:00', retryWeekday: '5', retryTime: '20:00' } },
  })
  expect(await loadPushSettings(t.payload, secondId)).toMatchObject({ sendWeekday: 5, sendTime: '09:00', assembleWeekday: 3 })
  expect(await loadPushSettings(t.payload, world.accountId)).toMatchObject({ sendWeekday: 4, sendTime: '18:00' })
  const gatewayFor = gatewaysFor(secondId)
  await tick('2026-11-25 10:00', gatewayFor)
  for (const accountId of [world.accountId, secondId]) await signOff(t.payload, world.fx, (await findPush(t.payload, accountId, W48))!.id)

  const thursday = await tick('2026-11-26 18:00', gatewayFor)
  expect(reportFor(thursday, world.accountId)).toMatchObject({ step: 'send', outcome: { kind: 'sent' } })
  expect(reportFor(thursday, secondId)).toMatchObject({ step: 'idle' })
  expect(acceptedSendalls(second)).toBe(0)
  const friday = await tick('2026-11-27 09:00', gatewayFor)
  expect(reportFor(friday, secondId)).toMatchObject({ slot: 'send', step: 'send', outcome: { kind: 'sent' } })
  expect(await sendsByMonth(t.payload, world.accountId)).toEqual({ '2026-11': 1 })
  expect(await sendsByMonth(t.payload, secondId)).toEqual({ '2026-11': 1 })

  // Ticking the box again gives the account the street-wide rhythm back.
  await t.payload.update({ collection: 'wechat-accounts', id: secondId, overrideAccess: true, data: { pushSettings: { useStreetDefaults: true } } })
  expect(await loadPushSettings(t.payload, secondId)).toMatchObject({ sendWeekday: 4, sendTime: '18:00' })
})

test('an item in several accounts’ bundles: a community account takes its community’s items and the street-wide ones, even once the street office’s push sent them; each account sends them once', async () => {
  world = await createScheduledWorld(t.payload, 8)
  const secondId = await addSecondAccount()
  // The second account is 西关 (community A)'s; a community's account has no per-community cap to keep.
  await t.payload.update({
    collection: 'wechat-accounts',
    id: secondId,
    overrideAccess: true,
    data: { community: world.fx.communityA, pushSettings: { useStreetDefaults: false, minItems: 2, maxPerCommunity: 8 } },
  })
  // A street-wide policy explainer (no community).
  const explainer = await addApprovedItem(t.payload, world.fx, 'policy-explainers', 20)
  await t.payload.update({
    collection: 'policy-explainers',
    id: explainer.id,
    overrideAccess: true,
    context: { [REVIEW_TRANSITION_CONTEXT]: true },
    data: { community: null } as never,
  })
  const communityA = String(world.fx.communityA)
  const gatewayFor = gatewaysFor(secondId)

  await tick('2026-11-25 10:00', gatewayFor)
  const street = (await findPush(t.payload, world.accountId, W48))!
  const own = (await findPush(t.payload, secondId, W48))!
  const refs = (push: typeof street) =>
    (push.items as { relationTo: string; value: unknown }[]).map((ref) => ({
      collection: ref.relationTo,
      id: String(typeof ref.value === 'object' ? (ref.value as { id: string }).id : ref.value),
    }))
  const communityOf = async (ref: { collection: string; id: string }) =>
    String((await t.payload.findByID({ collection: ref.collection as 'articles', id: ref.id, depth: 0, overrideAccess: true })).community ?? 'street')
  // The community's bundle: 西关's 4 items and the street-wide explainer, whatever the street office's push took.
  expect((await Promise.all(refs(own).map(communityOf))).sort()).toEqual([communityA, communityA, communityA, communityA, 'street'].sort())
  const shared = refs(own).filter((ref) => refs(street).some((other) => other.id === ref.id))
  expect(shared.length).toBeGreaterThan(0)

  for (const push of [street, own]) await signOff(t.payload, world.fx, push.id)
  const thursday = await tick('2026-11-26 18:00', gatewayFor)
  expect(reportFor(thursday, world.accountId)).toMatchObject({ outcome: { kind: 'sent' } })
  expect(reportFor(thursday, secondId)).toMatchObject({ outcome: { kind: 'sent' } })
  // The items' review state follows the street office's push only.
  for (const ref of shared) {
    const item = await t.payload.findByID({ collection: ref.collection as 'articles', id: ref.id, depth: 0, overrideAccess: true })
    expect([item.reviewStatus, String(item.pushedIn)]).toEqual(['sent', street.id])
  }
  expect([acceptedSendalls(world.emulator), acceptedSendalls(second)]).toEqual([1, 1])

  // Next week the community account does not take what it already sent.
  expect(await loadPool(t.payload, secondId)).toEqual([])
})
