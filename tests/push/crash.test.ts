import { CLAIM_LEASE_MS, RESEND_WAIT_MS } from '../../src/services/push/send'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { acceptedSendalls, emulatorGatewayFor, realSends, sendallCount, signOff } from './helpers'
import { beijing, createScheduledWorld, itemStates, type ScheduledWorld } from './scheduler-world'
import { startTickProcess } from './tick-processes'

// The scheduler dies, loses answers or has its token pulled at every step of a send; whatever
// happens, the week ends `sent` with one accepted sendall and its items marked sent.

let t: TestPayload
let world: ScheduledWorld

beforeAll(async () => {
  t = await startTestPayload()
}, 60_000)
afterAll(async () => t?.close())
afterEach(async () => world?.emulator.close())

const W48 = '2026-W48'
const THURSDAY_SLOT = '2026-11-26 18:00'
/** Past the dead process's claim lease: the next tick may take the send over. */
const AFTER_LEASE = new Date(beijing(THURSDAY_SLOT).getTime() + CLAIM_LEASE_MS + 60_000)
const local = (instant: Date) => new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')

async function signedOffWeek(emulatorOptions: Parameters<typeof createScheduledWorld>[3] = {}) {
  world = await createScheduledWorld(t.payload, 6, '2026-11-23 09:00', emulatorOptions)
  await world.tickAt('2026-11-25 10:00')
  const push = (await world.push(W48))!
  await signOff(t.payload, world.fx, push.id)
  return push
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

describe('the scheduler process is SIGKILLed right after a step is saved, then another tick resumes', () => {
  test.each(['claimed', 'draft', 'sendall-requested', 'sent', 'items-marked-sent'])(
    'killed after "%s" → sent once',
    async (step) => {
      await signedOffWeek()
      const doomed = await startTickProcess({ emulatorUrl: world.emulator.url, owner: 'doomed', crashAtStep: step })
      world.clock.now = beijing(THURSDAY_SLOT).getTime()
      await expect(doomed.tick(beijing(THURSDAY_SLOT))).rejects.toThrow(/exited/)
      expect(await doomed.exited).toEqual({ code: null, signal: 'SIGKILL' })
      expect(acceptedSendalls(world.emulator)).toBe(['claimed', 'draft', 'sendall-requested'].includes(step) ? 0 : 1)

      // Within the lease nobody touches the send; after it, the next tick (here: this process) finishes it.
      expect((await world.tickAt('2026-11-26 18:05')).outcome?.kind ?? 'no send attempted').toMatch(/not-claimed|no send attempted/)
      await world.tickAt(local(AFTER_LEASE), { owner: 'successor' })
      await world.tickAt('2026-11-27 18:00', { owner: 'successor' })
      await expectSentOnce()
    },
    120_000,
  )
})

test('a lost sendall answer is settled by the next ticks with the same clientmsgid (45065), not a second send', async () => {
  await signedOffWeek()
  world.emulator.faults.apply({ dropResponses: { '/cgi-bin/message/mass/sendall': 1 } })
  expect(await world.tickAt(THURSDAY_SLOT)).toMatchObject({ step: 'send', outcome: { kind: 'unknown-outcome' } })
  expect(await world.push(W48)).toMatchObject({ status: 'sending' })

  // A tick inside the wait leaves it alone; the first tick after it replays the clientmsgid.
  expect(await world.tickAt('2026-11-26 18:00', { owner: 'other' })).toMatchObject({ step: 'resume', outcome: { kind: 'not-claimed' } })
  const afterWait = new Date(beijing(THURSDAY_SLOT).getTime() + RESEND_WAIT_MS + 60_000)
  expect(await world.tickAt(local(afterWait), { owner: 'other' })).toMatchObject({ step: 'resume', outcome: { kind: 'sent', settledBy: '45065' } })

  // The first answer is lost; the client's own immediate retry meets 45066 (same clientmsgid within a
  // minute: outcome still unknown); the replay after the wait gets 45065 with the original msg_id.
  const sendalls = world.emulator.requestLog.filter((entry) => entry.path === '/cgi-bin/message/mass/sendall')
  expect(sendalls[0]).toMatchObject({ errcode: 0, fault: 'dropped' })
  expect(sendalls.slice(1, -1).map((entry) => entry.errcode)).toEqual(sendalls.slice(1, -1).map(() => 45066))
  expect(sendalls.at(-1)).toMatchObject({ errcode: 45065, fault: null })
  const push = (await world.push(W48))!
  expect(push.wechat!.msgId).toBe(String([...world.emulator.account().massJobs.keys()][0]))
  await expectSentOnce()
})

// (After "claimed" there is no token yet to revoke: the first WeChat call of the week comes after it.)
test.each(['draft', 'sendall-requested'])('every access token is revoked after "%s": the client fetches a new one, one send', async (step) => {
  await signedOffWeek()
  const revokeTokens = (current: string) => {
    if (current === step) world.emulator.faults.apply({ invalidateTokens: true })
  }
  expect(await world.tickAt(THURSDAY_SLOT, { onStep: revokeTokens })).toMatchObject({ outcome: { kind: 'sent' } })
  expect(world.emulator.requestLog.some((entry) => entry.errcode === 40001)).toBe(true)
  await expectSentOnce()
})

test('bursts of -1 on every call (uploads, draft, sendall, token) still end in one send', async () => {
  // Two -1 answers, then three normal ones, over and over: deterministic bursts.
  const pattern = [0, 0, 0.9, 0.9, 0.9]
  let call = 0
  await signedOffWeek({ random: () => pattern[call++ % pattern.length] })
  world.emulator.faults.apply({ systemErrorRate: 0.5 })
  const patientGateway = emulatorGatewayFor(world.emulator.url, { maxAttempts: 10 })

  const thursday = await world.tickAt(THURSDAY_SLOT, { gatewayFor: patientGateway })
  expect(thursday).toMatchObject({ step: 'send', outcome: { kind: 'sent' } })
  expect(world.emulator.requestLog.filter((entry) => entry.fault === 'system-error').length).toBeGreaterThan(5)
  expect(sendallCount(world.emulator)).toBeGreaterThanOrEqual(1)
  await world.tickAt('2026-11-27 18:00', { gatewayFor: patientGateway })
  await expectSentOnce()
})

test('a send cut off mid-way and not resumed that week is never sent later, and does not stay "sending" unnoticed', async () => {
  await signedOffWeek()
  // The process dies right after marking the sendall as requested, before the call (as a throw: same saved state).
  const dieAfterMarking = (step: string) => {
    if (step === 'sendall-requested') throw new Error('simulated crash')
  }
  await expect(world.tickAt(THURSDAY_SLOT, { onStep: dieAfterMarking })).rejects.toThrow('simulated crash')
  expect(await world.push(W48)).toMatchObject({ status: 'sending', wechat: { sendRequestedAt: expect.any(String) } })

  // Nothing runs again until the next week.
  await world.tickAt('2026-12-02 10:00')
  await world.tickAt('2026-12-03 18:00')
  await world.tickAt('2026-12-04 18:00')
  expect(acceptedSendalls(world.emulator)).toBe(0)
  // Closed or flagged for a person — not left claimed by a dead process, counted as a send, forever.
  const stale = (await world.push(W48))!
  expect({ status: stale.status, flagged: stale.status === 'skipped' || stale.needsAttention === true }).toEqual({
    status: expect.not.stringMatching(/^sending$/),
    flagged: true,
  })
})
