/**
 * 督办 when the notice fails (issue 14 review, F9): the key of an escalation is claimed by compare-and-set
 * before the notice is sent; a notice that throws gives the key back (by compare-and-set, keeping the
 * keys another instance added meanwhile), so the next run sends it — never lost, never twice.
 */
import type { Payload } from 'payload'
import { escalateRectifications, sendDueEscalations } from '../../src/services/ratings/escalate'
import { rateMatter } from '../../src/services/ratings/rate'
import type { RectificationWithCount } from '../../src/services/ratings/deadline-fields'
import { notify } from '../../src/services/notifications/notify'
import type { BookingWorld } from '../appointments/helpers'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { closedAppointment, createRatingWorld, SEPT_30_10AM } from './helpers'

let env: TestPayload
let payload: Payload
let world: BookingWorld

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  world = await createRatingWorld(payload, 'esc')
}, 120_000)
afterAll(async () => env?.close())

/** 2026-10-14 09:00 Beijing: the day after the deadline 2026-10-13 of a 差评 of 2026-09-30. */
const OCT_14_9AM = Date.parse('2026-10-14T09:00:00+08:00')

/** An overdue item (rated 2026-09-30, due 2026-10-13). */
const overdueItem = async (openid: string): Promise<string> => {
  const id = await closedAppointment(payload, world, openid)
  const { rectification } = await rateMatter(payload, { openid, target: { kind: 'appointment', id }, input: { level: 'dissatisfied' }, now: SEPT_30_10AM })
  return rectification!.id
}

const sentOf = async (id: string) =>
  ((await payload.findByID({ collection: 'rectifications' as never, id, depth: 0, overrideAccess: true })) as unknown as RectificationWithCount)
    .escalationsSent ?? ''

const leaderNotices = async (id: string) =>
  (
    await payload.find({
      collection: 'notifications',
      where: { and: [{ relatedId: { equals: id } }, { recipient: { equals: world.users.leader.id } }] },
      depth: 0,
      limit: 50,
    })
  ).docs

/** `notify` that throws the first time (after `before`, if given), then is the real one. */
const failingOnce = (before?: () => Promise<void>) => {
  let calls = 0
  const fake: typeof notify = async (p, input) => {
    calls++
    if (calls === 1) {
      await before?.()
      throw new Error('SMTP down')
    }
    return notify(p, input)
  }
  return { fake, calls: () => calls }
}

test('a notice that throws once: the key is given back, the run goes on, and the next run sends it — once', async () => {
  const item = await overdueItem('o-esc-once')
  const { fake, calls } = failingOnce()
  const first = await escalateRectifications(payload, OCT_14_9AM, { notify: fake })
  expect(calls()).toBeGreaterThanOrEqual(1)
  expect(first.failed).toBe(1)
  expect(await sentOf(item)).toBe('')
  expect(await leaderNotices(item)).toHaveLength(0)

  const second = await escalateRectifications(payload, OCT_14_9AM, { notify: fake })
  expect(second).toMatchObject({ sent: 1, failed: 0 })
  expect(await sentOf(item)).toBe('overdue:2026-10-13')
  expect(await leaderNotices(item)).toHaveLength(1)

  expect(await escalateRectifications(payload, OCT_14_9AM + 86_400_000)).toMatchObject({ sent: 0, failed: 0 })
  expect(await leaderNotices(item)).toHaveLength(1)
})

test('giving the key back keeps a key another instance recorded meanwhile', async () => {
  const item = await overdueItem('o-esc-keep')
  // While this instance's notice is being sent (and fails), another records `appeal` next to its claim.
  const { fake } = failingOnce(async () => {
    const value = await sentOf(item)
    await payload.update({ collection: 'rectifications' as never, id: item, data: { escalationsSent: `${value}\nappeal` } as never, overrideAccess: true })
  })
  await expect(sendDueEscalations(payload, item, '2026-10-14', { notify: fake })).rejects.toThrow('SMTP down')
  expect(await sentOf(item)).toBe('appeal')
  // The next run sends the overdue notice.
  expect((await sendDueEscalations(payload, item, '2026-10-14')).map((e) => e.key)).toEqual(['overdue:2026-10-13'])
  expect((await sentOf(item)).split('\n').sort()).toEqual(['appeal', 'overdue:2026-10-13'])
})
