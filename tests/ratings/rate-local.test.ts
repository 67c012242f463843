/**
 * Ratings and rectifications through the services on the test's SQLite file: one rating per matter
 * under two submissions at once, what may be rated, a 差评 opening its item with the deadline across the
 * National Day holiday (rated 2026-09-30 → 2026-10-13) and telling the office head, the staff steps with
 * their compare-and-set, and the morning job escalating an overdue item to the leader once — not twice,
 * even with two schedulers at once.
 */
import { jest } from '@jest/globals'
import type { Payload } from 'payload'
import { ApiError } from '../../src/http/api-error'
import { runRectificationEscalations, ratingJobs } from '../../jobs/ratings-daily'
import { clearExpiredRatingOpenids } from '../../src/services/ratings/housekeeping'
import { openMissingRectifications, rateMatter } from '../../src/services/ratings/rate'
import { rectificationHistory, takeRectificationStep } from '../../src/services/ratings/rectify'
import { itemDeadlineText, loadRatingsBoard } from '../../src/services/ratings/staff-views'
import type { BookingWorld } from '../appointments/helpers'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { closedAppointment, createRatingWorld, SEPT_30_10AM, staffUser } from './helpers'

let env: TestPayload
let payload: Payload
let world: BookingWorld

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  world = await createRatingWorld(payload, 'q')
}, 120_000)
afterAll(async () => {
  jest.useRealTimers()
  await env?.close()
})

const refusal = async (promise: Promise<unknown>): Promise<ApiError> => {
  try {
    await promise
  } catch (error) {
    if (error instanceof ApiError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

const notificationsAbout = async (id: string) =>
  (
    await payload.find({
      collection: 'notifications',
      where: { and: [{ relatedCollection: { equals: 'rectifications' } }, { relatedId: { equals: id } }] },
      limit: 50,
      depth: 0,
    })
  ).docs

test('two submissions of the same matter at once: exactly one rating is stored, the other is told 「该事项已评价」', async () => {
  const id = await closedAppointment(payload, world, 'o-twice')
  const target = { kind: 'appointment' as const, id }
  const results = await Promise.allSettled([
    rateMatter(payload, { openid: 'o-twice', target, input: { level: 'satisfied', reasons: ['服务态度好'] } }),
    rateMatter(payload, { openid: 'o-twice', target, input: { level: 'very_satisfied' } }),
  ])
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
  const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
  expect(lost.reason).toBeInstanceOf(ApiError)
  expect((lost.reason as ApiError).status).toBe(409)
  expect((lost.reason as ApiError).code).toBe('already-rated')
  expect((lost.reason as ApiError).message).toContain('该事项已评价')
  const stored = await payload.count({ collection: 'ratings', where: { targetId: { equals: id } }, overrideAccess: true })
  expect(stored.totalDocs).toBe(1)
  // And later: the same answer.
  const again = await refusal(rateMatter(payload, { openid: 'o-twice', target, input: { level: 'basic' } }))
  expect(again.code).toBe('already-rated')
})

test('what may be rated: only the resident who booked, only once the matter closed, reasons of the chosen level only', async () => {
  const done = await closedAppointment(payload, world, 'o-owner')
  expect((await refusal(rateMatter(payload, { openid: 'o-stranger', target: { kind: 'appointment', id: done }, input: { level: 'satisfied' } }))).status).toBe(
    403,
  )
  const wrongReason = await refusal(
    rateMatter(payload, { openid: 'o-owner', target: { kind: 'appointment', id: done }, input: { level: 'satisfied', reasons: ['态度生硬'] } }),
  )
  expect(wrongReason.status).toBe(400)
  expect(wrongReason.details?.problems).toEqual({ reasons: '"态度生硬"不是"满意"可选的原因' })
  const running = await closedAppointment(payload, world, 'o-owner', 'in_progress')
  expect((await refusal(rateMatter(payload, { openid: 'o-owner', target: { kind: 'appointment', id: running }, input: { level: 'satisfied' } }))).code).toBe(
    'not-closed',
  )
  const ownCancel = await closedAppointment(payload, world, 'o-owner', 'cancelled', { cancelledFrom: 'booked' })
  expect((await refusal(rateMatter(payload, { openid: 'o-owner', target: { kind: 'appointment', id: ownCancel }, input: { level: 'satisfied' } }))).code).toBe(
    'not-served',
  )
  const sentAway = await closedAppointment(payload, world, 'o-owner', 'cancelled', { cancelledFrom: 'checked_in' })
  const rated = await rateMatter(payload, { openid: 'o-owner', target: { kind: 'appointment', id: sentAway }, input: { level: 'basic' } })
  expect(rated.rating.level).toBe('basic')
  expect(rated.rectification).toBeNull()
})

test('a 差评 on 2026-09-30 opens its rectification due 2026-10-13 (National Day skipped, make-up Saturday counted), assigned to and told to the office head', async () => {
  const id = await closedAppointment(payload, world, 'o-bad')
  const rated = await rateMatter(payload, {
    openid: 'o-bad',
    target: { kind: 'appointment', id },
    input: { level: 'very_dissatisfied', reasons: ['多次跑腿', '态度生硬'], comment: '跑了三次，我的电话 13912345678' },
    now: SEPT_30_10AM,
  })
  expect(rated.rectification).toMatchObject({ openedOn: '2026-09-30', deadline: '2026-10-13', deadlineWarning: null, assignee: world.users.clerk.id })
  const notices = await notificationsAbout(rated.rectification!.id)
  expect(notices).toHaveLength(1)
  expect(String(notices[0]!.recipient)).toBe(world.users.clerk.id)
  expect(notices[0]!.body).toContain('2026-10-13')
  // The notice names no resident.
  expect(notices[0]!.body).not.toContain('o-bad')
  expect(notices[0]!.body).not.toContain('13912345678')
})

test('staff steps: another office is refused, two call-backs at once — one wins, the other gets 409 changed; the record is kept', async () => {
  const id = await closedAppointment(payload, world, 'o-steps')
  const { rectification } = await rateMatter(payload, {
    openid: 'o-steps',
    target: { kind: 'appointment', id },
    input: { level: 'dissatisfied' },
    now: SEPT_30_10AM,
  })
  const item = rectification!.id
  const callBack = { caller: '李科长', calledAt: SEPT_30_10AM + 3600_000, summary: '已致电群众，说明材料要求' }
  const other = await refusal(
    takeRectificationStep(
      payload,
      item,
      'call_back',
      { kind: 'staff', user: await staffUser(payload, world, 'otherClerk') },
      { callBack },
      SEPT_30_10AM + 7200_000,
    ),
  )
  expect(other.status).toBe(403)
  expect(other.message).toContain('只有被评价科室的工作人员')
  const clerk = await staffUser(payload, world, 'clerk')
  const both = await Promise.allSettled([
    takeRectificationStep(payload, item, 'call_back', { kind: 'staff', user: clerk }, { callBack }, SEPT_30_10AM + 7200_000),
    takeRectificationStep(payload, item, 'call_back', { kind: 'staff', user: clerk }, { callBack }, SEPT_30_10AM + 7200_000),
  ])
  expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
  const lost = (both.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as ApiError
  expect([lost.code, lost.status]).toEqual(expect.arrayContaining([409]))
  expect(['changed', 'invalid-transition']).toContain(lost.code)
  const history = await rectificationHistory(payload, item)
  expect(history.map((step) => step.action)).toEqual(['open', 'call_back'])
  expect(history[1]).toMatchObject({ caller: '李科长', summary: '已致电群众，说明材料要求', from: 'open', to: 'called_back' })
})

test('the morning job tells the leader once when the item is overdue (fake clock), not twice, not on a holiday, and two schedulers at once send once', async () => {
  const id = await closedAppointment(payload, world, 'o-late')
  const { rectification } = await rateMatter(payload, {
    openid: 'o-late',
    target: { kind: 'appointment', id },
    input: { level: 'dissatisfied' },
    now: SEPT_30_10AM,
  })
  const item = rectification!.id
  const leaderNotices = async () => (await notificationsAbout(item)).filter((n) => String(n.recipient) === world.users.leader.id)

  jest.useFakeTimers({
    now: Date.parse('2026-10-13T09:00:00+08:00'),
    doNotFake: [
      'nextTick',
      'setImmediate',
      'setTimeout',
      'setInterval',
      'queueMicrotask',
      'clearTimeout',
      'clearInterval',
      'clearImmediate',
      'hrtime',
      'performance',
    ],
  })
  await ratingJobs.escalateRectifications.run(payload)
  expect(await leaderNotices()).toHaveLength(0) // the deadline day itself: not yet overdue

  // 2026-10-14 09:00: overdue; two schedulers at once.
  jest.setSystemTime(Date.parse('2026-10-14T09:00:00+08:00'))
  await Promise.all([ratingJobs.escalateRectifications.run(payload), ratingJobs.escalateRectifications.run(payload)])
  const first = await leaderNotices()
  expect(first).toHaveLength(1)
  expect(first[0]!.subject).toContain('督办')
  expect(first[0]!.body).toContain('2026-10-13')

  jest.setSystemTime(Date.parse('2026-10-15T09:00:00+08:00'))
  await ratingJobs.escalateRectifications.run(payload)
  expect(await leaderNotices()).toHaveLength(1)
  jest.useRealTimers()

  // A holiday run does nothing at all.
  expect(await runRectificationEscalations(payload, Date.parse('2026-10-03T09:00:00+08:00'))).toEqual({ checked: 0, sent: 0, skipped: 'day-off' })
})

test('the board: ratings per office and ISO week with 满意率, items by state with the overdue first (已超期 N 个工作日); another office sees nothing', async () => {
  const now = Date.parse('2026-10-15T10:00:00+08:00')
  const asUser = async (who: keyof BookingWorld['users']) => ({ ...(await staffUser(payload, world, who)), collection: 'users' }) as never
  const board = await loadRatingsBoard(payload, await asUser('leader'), { now })
  expect(board.weeks.at(-1)).toBe('2026-W42')
  const office = board.offices.find((o) => o.officeId === world.office)!
  // Rated on 2026-09-30 (ISO week 40): 非常不满意 once, 不满意 twice.
  expect(office.byWeek['2026-W40']).toMatchObject({ total: 3, satisfactionRate: 0, counts: { very_dissatisfied: 1, dissatisfied: 2 } })
  const open = board.rectifications.find((column) => column.state === 'open')!
  expect(open.count).toBe(2)
  expect(open.rows[0]!.deadline).toEqual({ kind: 'overdue', date: '2026-10-13', workingDays: 2 })
  expect(itemDeadlineText(open.rows[0]!.deadline)).toBe('已超期 2 个工作日')
  expect(board.rectifications.find((column) => column.state === 'called_back')!.count).toBe(1)
  const other = await loadRatingsBoard(payload, await asUser('otherClerk'), { now })
  expect(other.offices).toEqual([])
  expect(other.rectifications.every((column) => column.count === 0)).toBe(true)
  expect((await loadRatingsBoard(payload, await asUser('editor'), { now })).rectifications).toEqual([])
})

test('without an office head the admins are told (to name one); a 差评 whose item is missing gets it from the morning job', async () => {
  await payload.update({ collection: 'offices', id: world.office, data: { head: null } as never })
  try {
    const id = await closedAppointment(payload, world, 'o-headless')
    const { rectification } = await rateMatter(payload, {
      openid: 'o-headless',
      target: { kind: 'appointment', id },
      input: { level: 'dissatisfied' },
      now: SEPT_30_10AM,
    })
    expect(rectification!.assignee).toBeNull()
    const notices = await notificationsAbout(rectification!.id)
    expect(notices.map((n) => String(n.recipient))).toEqual([world.users.admin.id])
    expect(notices[0]!.body).toContain('尚未设置科室负责人')

    // The item lost (as if its opening had failed after the rating was stored): the job opens it, once.
    await payload.delete({ collection: 'rectification-steps' as never, where: { rectification: { equals: rectification!.id } }, overrideAccess: true })
    await payload.delete({ collection: 'rectifications', id: rectification!.id, overrideAccess: true })
    expect(await openMissingRectifications(payload, SEPT_30_10AM + 86_400_000)).toBe(1)
    expect(await openMissingRectifications(payload, SEPT_30_10AM + 86_400_000)).toBe(0)
    const reopened = (
      await payload.find({
        collection: 'rectifications',
        where: { level: { equals: 'dissatisfied' } },
        sort: '-createdAt',
        limit: 1,
        overrideAccess: true,
        depth: 0,
      })
    ).docs[0]
    expect(reopened).toMatchObject({ openedOn: '2026-09-30', deadline: '2026-10-13' })
  } finally {
    await payload.update({ collection: 'offices', id: world.office, data: { head: world.users.clerk.id } })
  }
})

test('the openid of a rating is cleared after the retention period unless its rectification still runs', async () => {
  const plain = await closedAppointment(payload, world, 'o-keep-1')
  const bad = await closedAppointment(payload, world, 'o-keep-2')
  const good = await rateMatter(payload, { openid: 'o-keep-1', target: { kind: 'appointment', id: plain }, input: { level: 'satisfied' }, now: SEPT_30_10AM })
  const running = await rateMatter(payload, {
    openid: 'o-keep-2',
    target: { kind: 'appointment', id: bad },
    input: { level: 'dissatisfied' },
    now: SEPT_30_10AM,
  })
  const openid = async (id: string) => (await payload.findByID({ collection: 'ratings', id, overrideAccess: true, depth: 0 })).openid ?? null
  await clearExpiredRatingOpenids(payload, SEPT_30_10AM + 179 * 86_400_000)
  expect(await openid(good.rating.id)).toBe('o-keep-1')
  await clearExpiredRatingOpenids(payload, SEPT_30_10AM + 181 * 86_400_000)
  expect(await openid(good.rating.id)).toBeNull()
  expect(await openid(running.rating.id)).toBe('o-keep-2')
})
