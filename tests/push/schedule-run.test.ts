import { startTestPayload, type TestPayload } from '../helpers/payload'
import { readSteps } from '../../src/services/push/store'
import { acceptedSendalls, addApprovedItem, realSends, signOff } from './helpers'
import { beijing, createScheduledWorld, itemStates, notificationSubjects, type ScheduledWorld } from './scheduler-world'

// The whole week as the scheduler lives it: ticks at moved Beijing times against the emulator.
// Whatever happens, the emulator's log shows at most one accepted sendall per account and week.
// Each test starts from an empty week (createScheduledWorld resets pushes, items and the default account).

let t: TestPayload
let world: ScheduledWorld

beforeAll(async () => {
  t = await startTestPayload()
}, 60_000)
afterAll(async () => t?.close())
afterEach(async () => world?.emulator.close())

const W48 = '2026-W48'

async function assembledAndSignedOff(week = W48, wednesday = '2026-11-25 10:00') {
  await world.tickAt(wednesday)
  const push = (await world.push(week))!
  await signOff(t.payload, world.fx, push.id)
  return push
}

test('a whole week: Wednesday 10:00 assembles, the leader signs off, Thursday 18:00 sends once, later ticks do nothing', async () => {
  world = await createScheduledWorld(t.payload)

  expect(await world.tickAt('2026-11-24 12:00')).toMatchObject({ week: W48, step: 'idle' })
  expect(await world.tickAt('2026-11-25 09:59')).toMatchObject({ step: 'idle' })
  expect(await world.push(W48)).toBeNull()

  expect(await world.tickAt('2026-11-25 10:00')).toMatchObject({ slot: 'assemble', step: 'assemble', detail: '6 条' })
  const proposed = (await world.push(W48))!
  expect(proposed).toMatchObject({ status: 'proposed' })
  expect(await notificationSubjects(t.payload, proposed.id)).toEqual([`【本周推送】${W48} 已生成 6 条，请领导审定`])
  expect(await world.tickAt('2026-11-25 10:01')).toMatchObject({ step: 'nothing' })

  await signOff(t.payload, world.fx, proposed.id)
  expect(await world.tickAt('2026-11-26 17:59')).toMatchObject({ step: 'idle' })
  expect(acceptedSendalls(world.emulator)).toBe(0)

  const thursday = await world.tickAt('2026-11-26 18:00')
  expect(thursday).toMatchObject({ slot: 'send', step: 'send', outcome: { kind: 'sent', settledBy: 'answer' } })
  const sent = (await world.push(W48))!
  expect(sent).toMatchObject({ status: 'sent', claimedBy: null })
  expect(sent.wechat!.sentAt).toBe(beijing('2026-11-26 18:00').toISOString())
  expect(await itemStates(t.payload, sent)).toEqual(sent.items!.map(() => ({ reviewStatus: 'sent', pushedIn: sent.id })))

  for (const later of ['2026-11-26 18:01', '2026-11-26 23:59', '2026-11-27 18:00', '2026-11-27 18:01', '2026-11-28 10:00']) {
    expect((await world.tickAt(later)).outcome).toBeUndefined()
  }
  expect(acceptedSendalls(world.emulator)).toBe(1)
  expect(realSends(world.emulator)).toBe(1)
  expect((await world.push(W48))!.status).toBe('sent')
})

describe('fewer than five items', () => {
  test('Wednesday proposes what there is and says how many are missing; Thursday checks again and reminds', async () => {
    world = await createScheduledWorld(t.payload, 3)

    expect(await world.tickAt('2026-11-25 10:00')).toMatchObject({ step: 'assemble', detail: '3 条' })
    const proposal = (await world.push(W48))!
    expect(proposal.items).toHaveLength(3)
    expect((await readSteps(t.payload, proposal.id))[0]).toMatchObject({ step: 'assemble', ok: false, detail: expect.stringContaining('还差 2 条') })
    expect(await notificationSubjects(t.payload, proposal.id)).toEqual([`【本周推送】${W48} 还差 2 条内容`])
    // The leader cannot sign off a bundle below the minimum.
    await expect(signOff(t.payload, world.fx, proposal.id)).rejects.toThrow(/至少需要 5 条/)

    const thursday = await world.tickAt('2026-11-26 18:00')
    expect(thursday).toMatchObject({ step: 'remind', detail: expect.stringContaining('有效内容只有 3 条，至少需要 5 条') })
    expect(await notificationSubjects(t.payload, proposal.id)).toContainEqual(expect.stringMatching(/^【本周推送未发送】2026-W48：.*只有 3 条/))
    expect(acceptedSendalls(world.emulator)).toBe(0)
  })

  test('items added to the bundle after Wednesday count on Thursday: signed off with five, sent once', async () => {
    world = await createScheduledWorld(t.payload, 3)
    await world.tickAt('2026-11-25 10:00')
    const proposal = (await world.push(W48))!
    const added = [await addApprovedItem(t.payload, world.fx, 'articles', 3), await addApprovedItem(t.payload, world.fx, 'articles', 4)]
    await t.payload.update({
      collection: 'weekly-pushes',
      id: proposal.id,
      overrideAccess: true,
      data: { items: [...proposal.items!, ...added.map((item) => ({ relationTo: 'articles', value: item.id }))] } as never,
    })
    await signOff(t.payload, world.fx, proposal.id)

    expect(await world.tickAt('2026-11-26 18:00')).toMatchObject({ step: 'send', outcome: { kind: 'sent' } })
    const sent = (await world.push(W48))!
    expect(sent.items).toHaveLength(5)
    expect(acceptedSendalls(world.emulator)).toBe(1)
    expect(world.emulator.requestLog.find((entry) => entry.path === '/cgi-bin/draft/add')?.body).toMatchObject({ articles: expect.any(Array) })
  })
})

describe('the leader’s sign-off', () => {
  test('missing on Thursday: a reminder (once); signed off on Friday before 18:00 → sent Friday 18:00', async () => {
    world = await createScheduledWorld(t.payload)
    await world.tickAt('2026-11-25 10:00')
    const proposal = (await world.push(W48))!

    expect(await world.tickAt('2026-11-26 18:00')).toMatchObject({ slot: 'send', step: 'remind', detail: expect.stringContaining('领导尚未审定') })
    const reminder = `【本周推送未发送】${W48}：领导尚未审定，周五将再次尝试`
    expect(await notificationSubjects(t.payload, proposal.id)).toContain(reminder)
    const notificationsAfterReminder = (await t.payload.count({ collection: 'notifications', overrideAccess: true })).totalDocs
    expect(await world.tickAt('2026-11-26 18:30')).toMatchObject({ step: 'nothing' })
    expect((await t.payload.count({ collection: 'notifications', overrideAccess: true })).totalDocs).toBe(notificationsAfterReminder)

    await signOff(t.payload, world.fx, proposal.id)
    expect(await world.tickAt('2026-11-27 17:59')).toMatchObject({ step: 'idle' })
    expect(acceptedSendalls(world.emulator)).toBe(0)
    expect(await world.tickAt('2026-11-27 18:00')).toMatchObject({ slot: 'retry', step: 'send', outcome: { kind: 'sent' } })
    const sent = (await world.push(W48))!
    expect(sent.wechat!.sentAt).toBe(beijing('2026-11-27 18:00').toISOString())

    await world.tickAt('2026-11-27 18:05')
    await world.tickAt('2026-11-28 18:00')
    expect(acceptedSendalls(world.emulator)).toBe(1)
    expect(realSends(world.emulator)).toBe(1)
  })

  test('still missing on Friday 18:00: the week is skipped with the reason, items back in the pool', async () => {
    world = await createScheduledWorld(t.payload)
    await world.tickAt('2026-11-25 10:00')
    await world.tickAt('2026-11-26 18:00')

    expect(await world.tickAt('2026-11-27 18:00')).toMatchObject({ slot: 'retry', step: 'skip', detail: expect.stringContaining('领导尚未审定') })
    const skipped = (await world.push(W48))!
    expect(skipped).toMatchObject({ status: 'skipped', statusReason: expect.stringContaining('领导尚未审定') })
    expect(await notificationSubjects(t.payload, skipped.id)).toContain(`【本周推送已跳过】${W48}`)
    expect((await itemStates(t.payload, skipped)).map((item) => item.reviewStatus)).toEqual(skipped.items!.map(() => 'approved'))

    await world.tickAt('2026-11-27 18:30')
    await world.tickAt('2026-11-28 10:00')
    expect((await world.push(W48))!.status).toBe('skipped')
    expect(acceptedSendalls(world.emulator)).toBe(0)
  })
})

test('WeChat fails on Thursday (draft/add keeps answering -1) and refuses on Friday (the draft is gone: 40007) → skipped, never sent', async () => {
  world = await createScheduledWorld(t.payload)
  const proposal = await assembledAndSignedOff()

  world.emulator.faults.apply({ systemErrorRate: 1, paths: ['/cgi-bin/draft/add'] })
  expect(await world.tickAt('2026-11-26 18:00')).toMatchObject({
    step: 'send',
    outcome: { kind: 'failed', reason: expect.stringContaining('生成图文草稿失败') },
  })
  expect(await world.push(W48)).toMatchObject({ status: 'failed', statusReason: expect.stringContaining('周五将再次尝试') })
  expect(await notificationSubjects(t.payload, proposal.id)).toContain(`【本周推送发送失败】将于周五重试（${W48}）`)

  world.emulator.faults.apply({ clear: true })
  // Someone deletes the fresh draft in the WeChat back office before the sendall: a definite refusal.
  const deleteDraftsOnceDrafted = (step: string) => {
    if (step === 'draft') world.emulator.account().drafts.clear()
  }
  const friday = await world.tickAt('2026-11-27 18:00', { onStep: deleteDraftsOnceDrafted })
  expect(friday).toMatchObject({ slot: 'retry', step: 'send', outcome: { kind: 'skipped', reason: expect.stringContaining('40007') } })
  const skipped = (await world.push(W48))!
  expect(skipped).toMatchObject({ status: 'skipped', statusReason: expect.stringContaining('微信拒绝群发') })
  expect((await itemStates(t.payload, skipped)).map((item) => item.reviewStatus)).toEqual(skipped.items!.map(() => 'approved'))

  await world.tickAt('2026-11-27 18:05')
  expect(world.emulator.requestLog.filter((entry) => entry.path === '/cgi-bin/message/mass/sendall').map((entry) => entry.errcode)).toEqual([40007])
  expect(acceptedSendalls(world.emulator)).toBe(0)
  expect(realSends(world.emulator)).toBe(0)
})

test('December 2026 has five Thursdays: four weeks are sent, the fifth is skipped for the monthly quota and never sent', async () => {
  // Six items a week for five weeks.
  world = await createScheduledWorld(t.payload, 30, '2026-11-30 09:00')
  const weeks = [
    ['2026-W49', '2026-12-02', '2026-12-03'],
    ['2026-W50', '2026-12-09', '2026-12-10'],
    ['2026-W51', '2026-12-16', '2026-12-17'],
    ['2026-W52', '2026-12-23', '2026-12-24'],
  ] as const
  for (const [week, wednesday, thursday] of weeks) {
    await assembledAndSignedOff(week, `${wednesday} 10:00`)
    expect(await world.tickAt(`${thursday} 18:00`)).toMatchObject({ week, step: 'send', outcome: { kind: 'sent' } })
  }
  expect(acceptedSendalls(world.emulator)).toBe(4)

  const fifth = await assembledAndSignedOff('2026-W53', '2026-12-30 10:00')
  const thursday = await world.tickAt('2026-12-31 18:00')
  expect(thursday).toMatchObject({ week: '2026-W53', slot: 'send', step: 'skip', detail: expect.stringContaining('本月群发次数已用完') })
  expect(await world.push('2026-W53')).toMatchObject({ id: fifth.id, status: 'skipped', statusReason: expect.stringContaining('群发次数已用完') })
  // Friday is already January (a fresh quota): the skipped week still stays unsent.
  expect(await world.tickAt('2027-01-01 18:00')).toMatchObject({ week: '2026-W53', step: 'nothing' })

  expect(acceptedSendalls(world.emulator)).toBe(4)
  expect(realSends(world.emulator)).toBe(4)
  expect(world.emulator.requestLog.filter((entry) => entry.path === '/cgi-bin/message/mass/sendall')).toHaveLength(4)
}, 180_000)

describe('a scheduler that was down', () => {
  test('a missed Thursday slot is caught up later the same day', async () => {
    world = await createScheduledWorld(t.payload)
    await assembledAndSignedOff()
    expect(await world.tickAt('2026-11-26 23:50')).toMatchObject({ slot: 'send', step: 'send', outcome: { kind: 'sent' } })
    expect((await world.push(W48))!.wechat!.sentAt).toBe(beijing('2026-11-26 23:50').toISOString())
    expect(acceptedSendalls(world.emulator)).toBe(1)
  })

  test('but not the next day: Friday morning does nothing, and once Friday has passed the week is closed as skipped', async () => {
    world = await createScheduledWorld(t.payload)
    await assembledAndSignedOff()
    expect(await world.tickAt('2026-11-27 09:00')).toMatchObject({ step: 'idle' })
    expect((await world.push(W48))!.status).toBe('signed_off')

    expect(await world.tickAt('2026-11-28 09:00')).toMatchObject({ step: 'closed-missed' })
    const closed = (await world.push(W48))!
    expect(closed).toMatchObject({ status: 'skipped', statusReason: expect.stringContaining('发送时段已过') })
    expect(await notificationSubjects(t.payload, closed.id)).toContain(`【本周推送已跳过】${W48}`)
    await world.tickAt('2026-11-28 18:00')
    expect(acceptedSendalls(world.emulator)).toBe(0)
  })

  test('a past week is never sent: back up the next Thursday, last week is closed and only this week is assembled', async () => {
    world = await createScheduledWorld(t.payload)
    const lastWeek = await assembledAndSignedOff()

    const report = await world.tickAt('2026-12-03 18:00')
    expect(report).toMatchObject({ week: '2026-W49', step: 'assemble' })
    expect(await world.push(W48)).toMatchObject({ id: lastWeek.id, status: 'skipped', statusReason: expect.stringContaining('发送时段已过') })
    expect(await world.push('2026-W49')).toMatchObject({ status: 'proposed' })
    expect(acceptedSendalls(world.emulator)).toBe(0)
    expect(world.emulator.requestLog.filter((entry) => entry.path === '/cgi-bin/draft/add')).toHaveLength(0)
  })
})
