/**
 * The push's step log under concurrent writers, and ticks that fail: the log is append-only (one
 * `push-steps` document per entry), never rewrites the push, never blocks a send when it cannot be
 * written; a tick that throws leaves nothing claimed and the next tick does the slot's work.
 */
import type { CollectionBeforeChangeHook } from 'payload'
import { compareAndSet } from '../../src/shared/cas'
import { appendStep, readPush, readSteps } from '../../src/services/push/store'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { acceptedSendalls, realSends, signOff } from './helpers'
import { createScheduledWorld, itemStates, type ScheduledWorld } from './scheduler-world'

let t: TestPayload
let world: ScheduledWorld
const W48 = '2026-W48'

beforeAll(async () => {
  t = await startTestPayload()
}, 60_000)
afterAll(async () => t?.close())
afterEach(async () => world?.emulator.close())

async function signedOffWeek() {
  world = await createScheduledWorld(t.payload, 6)
  await world.tickAt('2026-11-25 10:00')
  const push = (await world.push(W48))!
  await signOff(t.payload, world.fx, push.id)
  return (await world.push(W48))!
}

async function expectSentOnce() {
  const push = (await world.push(W48))!
  expect({ status: push.status, claimedBy: push.claimedBy, items: await itemStates(t.payload, push) }).toEqual({
    status: 'sent',
    claimedBy: null,
    items: push.items!.map(() => ({ reviewStatus: 'sent', pushedIn: push.id })),
  })
  expect(acceptedSendalls(world.emulator)).toBe(1)
  expect(realSends(world.emulator)).toBe(1)
}

test('forty entries appended at once, beside a claim saved meanwhile: every entry kept, in order, the push untouched', async () => {
  const push = await signedOffWeek()
  const before = (await readSteps(t.payload, push.id)).length
  const entries = Array.from({ length: 40 }, (_, index) => ({ step: `concurrent-${index}`, ok: index % 2 === 0, detail: `第 ${index} 条` }))
  // A claim lands in the middle of the appends: no append may write back the status it read.
  const [claim] = await Promise.all([
    compareAndSet(
      t.payload,
      'weekly-pushes',
      { and: [{ id: { equals: push.id } }, { status: { equals: 'signed_off' } }] },
      { status: 'sending', claimedBy: 'elsewhere' },
    ),
    ...entries.map((entry) => appendStep(t.payload, push.id, entry)),
  ])
  expect(claim).not.toBeNull()
  const steps = await readSteps(t.payload, push.id)
  expect(steps).toHaveLength(before + entries.length)
  expect(steps.slice(before).map(({ step, ok, detail }) => ({ step, ok, detail }))).toEqual(entries)
  expect(steps.every((entry) => typeof entry.at === 'string' && !Number.isNaN(Date.parse(entry.at)))).toBe(true)
  expect(await readPush(t.payload, push.id)).toMatchObject({ status: 'sending', claimedBy: 'elsewhere' })
  expect((await readPush(t.payload, push.id))!.updatedAt).toBe(claim!.updatedAt)
})

test('the step log cannot be written: the week is sent all the same', async () => {
  await signedOffWeek()
  const hooks = t.payload.collections['push-steps'].config.hooks
  const refuse: CollectionBeforeChangeHook = () => {
    throw new Error('step log unavailable')
  }
  hooks.beforeChange = [...(hooks.beforeChange ?? []), refuse]
  try {
    expect(await world.tickAt('2026-11-26 18:00')).toMatchObject({ step: 'send', outcome: { kind: 'sent' } })
  } finally {
    hooks.beforeChange = hooks.beforeChange.filter((hook) => hook !== refuse)
  }
  await expectSentOnce()
})

test('a tick that throws before the claim at the send slot: the next tick sends the week', async () => {
  await signedOffWeek()
  let failures = 1
  const flaky = (...args: Parameters<typeof world.gatewayFor>) => {
    if (failures-- > 0) return Promise.reject(new Error('database is locked'))
    return world.gatewayFor(...args)
  }
  await expect(world.tickAt('2026-11-26 18:00', { gatewayFor: flaky })).rejects.toThrow('database is locked')
  expect(await world.tickAt('2026-11-26 18:01', { gatewayFor: flaky })).toMatchObject({ outcome: { kind: 'sent' } })
  await expectSentOnce()
})

test('a tick that throws mid-send leaves nothing claimed: the next tick, a minute later, resumes and sends once', async () => {
  await signedOffWeek()
  const failAfterDraft = (step: string) => {
    if (step === 'draft') throw new Error('database is locked')
  }
  await expect(world.tickAt('2026-11-26 18:00', { onStep: failAfterDraft })).rejects.toThrow('database is locked')
  expect(await world.push(W48)).toMatchObject({ status: 'sending', claimedBy: null, claimedUntil: null })
  expect(await world.tickAt('2026-11-26 18:01', { owner: 'scheduler-b' })).toMatchObject({ step: 'resume', outcome: { kind: 'sent' } })
  await expectSentOnce()
  const steps = (await readSteps(t.payload, (await world.push(W48))!.id)).map((entry) => entry.step)
  expect(steps).toEqual(expect.arrayContaining(['claim', 'draft', 'interrupted', 'resume', 'sendall', 'items-marked-sent']))
})
