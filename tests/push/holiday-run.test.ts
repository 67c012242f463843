import { createLocalReq } from 'payload'
import { assembleWeek } from '../../src/services/push/assemble'
import { setSendDate } from '../../src/services/push/send-date'
import { DEFAULT_PUSH_SETTINGS } from '../../src/services/push/settings'
import { readPush } from '../../src/services/push/store'
import { addWeeks, isoWeekOf, mondayOf } from '../../src/services/push/week'
import { addDays, shanghaiDate } from '../../src/shared/time'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { acceptedSendalls, realSends, signOff } from './helpers'
import { beijing, createScheduledWorld, type ScheduledWorld } from './scheduler-world'

// The scheduler with China's public holidays (chinese-days, the State Council's 2026 notice), against
// the emulator, the clock moved by the test.

let t: TestPayload
let world: ScheduledWorld

beforeAll(async () => {
  t = await startTestPayload()
}, 60_000)
afterAll(async () => t?.close())
afterEach(async () => world?.emulator.close())

test('National Day week (Thursday 2026-10-01 off): assembled Tuesday 09-29, sent once on Wednesday 09-30 18:00, nothing on the holiday', async () => {
  world = await createScheduledWorld(t.payload, 6, '2026-09-28 09:00')
  expect(await world.tickAt('2026-09-30 10:00')).toMatchObject({ step: 'idle' })
  expect(await world.push('2026-W40')).toBeNull()
  // The assemble moved with the send: Tuesday 10:00 (one day earlier).
  expect(await world.tickAt('2026-09-29 10:00')).toMatchObject({ week: '2026-W40', slot: 'assemble', step: 'assemble' })
  const proposal = (await world.push('2026-W40'))!
  await signOff(t.payload, world.fx, proposal.id)

  expect(await world.tickAt('2026-09-30 17:59')).toMatchObject({ step: 'idle' })
  expect(await world.tickAt('2026-09-30 18:00')).toMatchObject({ week: '2026-W40', slot: 'send', step: 'send', outcome: { kind: 'sent' } })
  const sent = (await world.push('2026-W40'))!
  expect(sent.wechat!.sentAt).toBe(beijing('2026-09-30 18:00').toISOString())
  for (const later of ['2026-09-30 20:00', '2026-10-01 18:00', '2026-10-02 18:00']) expect((await world.tickAt(later)).outcome).toBeUndefined()
  expect([acceptedSendalls(world.emulator), realSends(world.emulator)]).toEqual([1, 1])
})

test('Spring Festival: 2026-W08 goes out on the make-up Saturday 02-14 (in W07), after W07 went out on its Thursday', async () => {
  world = await createScheduledWorld(t.payload, 12, '2026-02-09 09:00')
  await world.tickAt('2026-02-11 10:00')
  await signOff(t.payload, world.fx, (await world.push('2026-W07'))!.id)
  expect(await world.tickAt('2026-02-12 18:00')).toMatchObject({ week: '2026-W07', step: 'send', outcome: { kind: 'sent' } })

  // W08's assemble moved five days earlier with its send: Friday 02-13 10:00, still in W07.
  expect(await world.tickAt('2026-02-13 10:00')).toMatchObject({ week: '2026-W08', slot: 'assemble', step: 'assemble' })
  await signOff(t.payload, world.fx, (await world.push('2026-W08'))!.id)
  expect(await world.tickAt('2026-02-14 18:00')).toMatchObject({ week: '2026-W08', slot: 'send', step: 'send', outcome: { kind: 'sent' } })
  for (const later of ['2026-02-14 20:00', '2026-02-19 18:00', '2026-02-20 18:00']) expect((await world.tickAt(later)).outcome).toBeUndefined()
  expect((await world.push('2026-W08'))!.status).toBe('sent')
  expect(acceptedSendalls(world.emulator)).toBe(2)
})

test('the leader picks another send day for one week (action send-date): validated, saved, logged; editors may not', async () => {
  world = await createScheduledWorld(t.payload, 6)
  const next = addWeeks(isoWeekOf(new Date()), 1)
  const { push } = await assembleWeek(t.payload, { accountId: world.accountId, week: next, now: new Date(), settings: DEFAULT_PUSH_SETTINGS })
  const tuesday = addDays(shanghaiDate(mondayOf(next)), 1)
  const leader = await createLocalReq({ user: world.fx.users.leader as never }, t.payload)

  const answer = await setSendDate(leader, push.id, tuesday)
  expect(answer.message).toContain('本周改在')
  expect(answer.message).toContain(`${tuesday} 18:00`)
  const saved = (await readPush(t.payload, push.id))!
  expect(saved.sendDate).toBe(tuesday)
  expect(saved.steps.map((step) => step.step)).toContain('send-date')

  await expect(setSendDate(leader, push.id, addDays(tuesday, 7))).rejects.toMatchObject({ status: 400 })
  await expect(setSendDate(leader, push.id, '2020-01-01')).rejects.toMatchObject({ status: 400 })
  const editor = await createLocalReq({ user: world.fx.users.author as never }, t.payload)
  await expect(setSendDate(editor, push.id, tuesday)).rejects.toMatchObject({ status: 403 })

  expect((await setSendDate(leader, push.id, null)).message).toContain('已恢复按推送设置发送')
  expect((await readPush(t.payload, push.id))!.sendDate).toBeNull()
})
