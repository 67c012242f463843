import { createLocalReq } from 'payload'
import { assembleWeek } from '../../src/services/push/assemble'
import { setSendDate } from '../../src/services/push/send-date'
import { DEFAULT_PUSH_SETTINGS } from '../../src/services/push/settings'
import { readPush } from '../../src/services/push/store'
import { addWeeks, mondayOf } from '../../src/services/push/week'
import { isoWeekOf } from '../../src/shared/time'
import { addDays, shanghaiDate } from '../../src/shared/time'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { acceptedSendalls, realSends, sendallCount, signOff } from './helpers'

const NOTE = '10 月 1 日（周四）国庆节；提前到 9 月 30 日会超出 9 月的 4 次群发，本周不单独推送，内容并入下周（10 月 8 日）'

/** September 2026's four Thursdays went out (history: sent pushes, counted by the month they went out). */
async function septemberSent(accountId: string) {
  for (const [week, day] of [
    ['2026-W36', '03'],
    ['2026-W37', '10'],
    ['2026-W38', '17'],
    ['2026-W39', '24'],
  ]) {
    await t.payload.create({
      collection: 'weekly-pushes',
      overrideAccess: true,
      context: { [PUSH_SYSTEM_CONTEXT]: true },
      data: {
        week,
        account: accountId,
        status: 'sent',
        audience: 'all',
        items: [],
        wechat: { sentAt: beijing(`2026-09-${day} 18:00`).toISOString() },
      } as never,
    })
  }
}

const sendallCountOf = (scheduled: ScheduledWorld) => sendallCount(scheduled.emulator)
import { beijing, createScheduledWorld, notificationSubjects, type ScheduledWorld } from './scheduler-world'
import { PUSH_SYSTEM_CONTEXT } from '../../src/services/push/system-context'
import { loadCalendar } from '../../src/services/push/calendar-view'

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

test("National Day week with September's 4 sends made: W40 is not sent on its own (merged, one note, told once); W41 (assembled on its send day 10-08, 10-07 being a holiday) sends the same items, exactly once", async () => {
  world = await createScheduledWorld(t.payload, 6, '2026-09-28 09:00')
  await septemberSent(world.accountId)
  const calendar = await loadCalendar(t.payload, world.accountId, '2026-W40', 2, beijing('2026-09-28 09:00'))
  expect(calendar.rows.map((row) => [row.week, row.status, row.merge?.note ?? null])).toEqual([
    ['2026-W40', 'quota-merge', NOTE],
    ['2026-W41', 'planned', null],
  ])

  // W40's first slot (the assemble, moved to Tuesday with the send) closes the week with the one note.
  expect(await world.tickAt('2026-09-29 10:00')).toMatchObject({ week: '2026-W40', slot: 'assemble', step: 'merge', detail: NOTE })
  const merged = (await world.push('2026-W40'))!
  expect(merged).toMatchObject({ status: 'skipped', statusReason: NOTE, items: [] })
  for (const later of ['2026-09-29 10:01', '2026-09-30 18:00', '2026-10-01 18:00', '2026-10-02 18:00', '2026-10-07 10:00'])
    expect((await world.tickAt(later)).outcome).toBeUndefined()
  expect(await notificationSubjects(t.payload, merged.id)).toEqual(['【本周不单独推送】2026-W40'])
  expect(sendallCountOf(world)).toBe(0)
  expect(await world.push('2026-W41')).toBeNull()

  // W41: 10-07 (its Wednesday) is still National Day and 10-01…10-07 hold no working day: assembled 10-08 10:00.
  expect(await world.tickAt('2026-10-08 10:00')).toMatchObject({ week: '2026-W41', slot: 'assemble', step: 'assemble', detail: '6 条' })
  const proposal = (await world.push('2026-W41'))!
  await signOff(t.payload, world.fx, proposal.id)
  expect(await world.tickAt('2026-10-08 18:00')).toMatchObject({ week: '2026-W41', slot: 'send', step: 'send', outcome: { kind: 'sent' } })
  for (const later of ['2026-10-08 20:00', '2026-10-09 18:00']) expect((await world.tickAt(later)).outcome).toBeUndefined()
  const sent = (await world.push('2026-W41'))!
  expect(sent.status).toBe('sent')
  // Every item the merged week would have taken goes out in W41's bundle, once.
  const approved = await t.payload.find({ collection: 'articles', overrideAccess: true, depth: 0, limit: 50, where: { reviewStatus: { equals: 'approved' } } })
  expect(approved.docs).toEqual([])
  expect(new Set(sent.items!.map((ref) => String((ref as { value: unknown }).value))).size).toBe(6)
  expect([acceptedSendalls(world.emulator), realSends(world.emulator)]).toEqual([1, 1])
})

test("National Day week already proposed (立即生成) with September full: the leader's pick of 09-29 is refused with the month's count; the week is skipped with the one note and its items go back for W41", async () => {
  world = await createScheduledWorld(t.payload, 6, '2026-09-28 09:00')
  await septemberSent(world.accountId)
  const now = beijing('2026-09-28 09:00')
  const { push } = await assembleWeek(t.payload, { accountId: world.accountId, week: '2026-W40', now, settings: DEFAULT_PUSH_SETTINGS })
  const leader = await createLocalReq({ user: world.fx.users.leader as never }, t.payload)
  await expect(setSendDate(leader, push.id, '2026-09-29', now)).rejects.toMatchObject({
    status: 400,
    message: '9 月已有 4 次群发（已发出和已排期的周），服务号每月最多 4 次：不能改在 9 月 29 日（周二） 发送，请选其他月份的日期',
  })
  expect((await readPush(t.payload, push.id))!.sendDate ?? null).toBeNull()

  expect(await world.tickAt('2026-09-29 10:00')).toMatchObject({ week: '2026-W40', step: 'skip', detail: NOTE })
  const skipped = (await world.push('2026-W40'))!
  expect(skipped).toMatchObject({ status: 'skipped', statusReason: NOTE })
  expect(await notificationSubjects(t.payload, push.id)).toEqual(['【本周推送】2026-W40 已生成 6 条，请领导审定', '【本周推送已跳过】2026-W40'])
  const states = await Promise.all(
    skipped.items!.map((ref) => {
      const { relationTo, value } = ref as { relationTo: 'articles'; value: string }
      return t.payload.findByID({ collection: relationTo, id: value, depth: 0, overrideAccess: true }).then((item) => item.reviewStatus)
    }),
  )
  expect(new Set(states)).toEqual(new Set(['approved']))
  expect(sendallCountOf(world)).toBe(0)
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
