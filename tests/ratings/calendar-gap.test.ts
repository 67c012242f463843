/**
 * The 2027 calendar gap (issue 14 review, F3; adapted from wip/review's tests/review/issue14-findings.test.ts):
 * chinese-days 1.5.7 ends with 2026, so from 2026-12-24 a 差评's 5 working days reach a year the calendar
 * does not know. The item now gets an **estimated** deadline (2027 counted Monday–Friday, flagged, with the
 * note for staff and the resident), so it becomes overdue and reaches the leader; the morning job counts
 * it again (exactly once the calendar knows the year; an estimate for an item stored without a deadline),
 * by compare-and-set; the office head, the leader or an admin can set the deadline (调整整改期限) through
 * the step endpoint, recorded as a step and never overwritten by the recount.
 */
import type { Payload } from 'payload'
import { runRectificationEscalations } from '../../jobs/ratings-daily'
import { rateMatter } from '../../src/services/ratings/rate'
import { residentRatingView } from '../../src/services/ratings/resident-view'
import { recountEstimatedDeadlines, rectificationHistory } from '../../src/services/ratings/rectify'
import { loadRectificationPanel } from '../../src/services/ratings/staff-views'
import type { RectificationWithCount } from '../../src/services/ratings/deadline-fields'
import type { BookingWorld } from '../appointments/helpers'
import { PASSWORD } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { startPayloadHttp, type PayloadHttp } from '../helpers/payload-http'
import { api, login } from '../helpers/server'
import { closedAppointment, createRatingWorld, staffUser } from './helpers'

let env: TestPayload
let payload: Payload
let http: PayloadHttp
let world: BookingWorld

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  http = await startPayloadHttp()
  world = await createRatingWorld(payload, 'gap')
}, 120_000)
afterAll(async () => {
  await http?.close()
  await env?.close()
})

const WARNING_2027 = '2027 年节假日安排尚未公布，期限按周一至周五推算，公布后自动更正'
const DEC_28_10AM = Date.parse('2026-12-28T10:00:00+08:00')

const itemOf = async (id: string) =>
  (await payload.findByID({ collection: 'rectifications' as never, id, depth: 0, overrideAccess: true })) as unknown as RectificationWithCount

const noticesAbout = async (id: string) =>
  (
    await payload.find({
      collection: 'notifications',
      where: { and: [{ relatedCollection: { equals: 'rectifications' } }, { relatedId: { equals: id } }] },
      depth: 0,
      limit: 50,
    })
  ).docs as unknown as Array<{ recipient: unknown; subject: string; body: string }>

/** A 差评 of 2026-12-28 by `openid`: its item's id. */
const badRatingOnDec28 = async (openid: string): Promise<string> => {
  const id = await closedAppointment(payload, world, openid)
  const { rectification } = await rateMatter(payload, { openid, target: { kind: 'appointment', id }, input: { level: 'very_dissatisfied' }, now: DEC_28_10AM })
  return rectification!.id
}

test('F3: a 差评 of 2026-12-28 gets the estimated deadline 2027-01-04 with the note, and reaches the leader once it has run over', async () => {
  const id = await closedAppointment(payload, world, 'o-gap-2027')
  const { rectification } = await rateMatter(payload, {
    openid: 'o-gap-2027',
    target: { kind: 'appointment', id },
    input: { level: 'very_dissatisfied' },
    now: DEC_28_10AM,
  })
  // 12-29, 12-30, 12-31 from the 2026 notice; 2027-01-01 (Fri) and 01-04 (Mon) counted as Monday–Friday.
  expect(rectification).toMatchObject({ deadline: '2027-01-04', deadlineEstimated: true, deadlineWarning: WARNING_2027 })
  const item = await itemOf(rectification!.id)
  expect(item).toMatchObject({ deadline: '2027-01-04', deadlineEstimated: true, deadlineWarning: WARNING_2027, deadlineFrom: '2026-12-28', deadlineDays: 5 })

  // Still nobody edits an item through the generic API: the deadline is set by the step 调整整改期限 only.
  const patched = await payload
    .update({
      collection: 'rectifications' as never,
      id: rectification!.id,
      data: { deadline: '2027-01-08' } as never,
      overrideAccess: false,
      user: (await staffUser(payload, world, 'clerk')) as never,
    })
    .then(() => 'updated')
    .catch(() => 'refused')
  expect(patched).toBe('refused')

  // The office head's opening notice says the deadline is estimated; the resident's page shows the note.
  const opening = (await noticesAbout(rectification!.id)).find((n) => String(n.recipient) === world.users.clerk.id)
  expect(opening?.body).toContain(`整改期限：2027-01-04（5 个工作日）。${WARNING_2027}`)
  const view = await residentRatingView(payload, { kind: 'appointment', id }, 'o-gap-2027')
  expect(view?.rectification).toMatchObject({ deadline: '2027-01-04', deadlineWarning: WARNING_2027 })

  for (const day of ['2026-12-29', '2027-01-04', '2027-01-05', '2027-01-15', '2027-02-26'])
    await runRectificationEscalations(payload, Date.parse(`${day}T09:00:00+08:00`))
  const leader = (await noticesAbout(rectification!.id)).filter((n) => String(n.recipient) === world.users.leader.id)
  // Overdue from 2027-01-05 (the day after the deadline), told once; no 「没有整改期限」 notice any more.
  expect(leader).toHaveLength(1)
  expect(leader[0]!.subject).toContain('督办')
  expect(leader[0]!.body).toContain('整改期限 2027-01-04（按周一至周五推算）')
  expect((await noticesAbout(rectification!.id)).filter((n) => n.subject.includes('期限】'))).toHaveLength(0)
})

test('the morning recount: an item stored without a deadline gets the estimate; an estimate is replaced once the calendar knows the year, once with two instances', async () => {
  // An item stored before estimates (deadline null, the old warning, no count recorded).
  const legacy = await badRatingOnDec28('o-gap-legacy')
  await payload.update({
    collection: 'rectifications' as never,
    id: legacy,
    data: {
      deadline: null,
      deadlineEstimated: false,
      deadlineFrom: null,
      deadlineDays: null,
      deadlineWarning: '2027 年的法定节假日和调休安排尚未收录',
    } as never,
    overrideAccess: true,
  })
  // An estimate whose count lies in a year the calendar knows (as 2027 will after `npm i chinese-days@latest`):
  // counted from 2026-09-30 it is exactly 2026-10-13 (the National Day skipped).
  const known = await badRatingOnDec28('o-gap-known')
  await payload.update({
    collection: 'rectifications' as never,
    id: known,
    data: { deadline: '2026-10-07', deadlineEstimated: true, deadlineFrom: '2026-09-30', deadlineDays: 5, deadlineWarning: WARNING_2027 } as never,
    overrideAccess: true,
  })
  const still = await badRatingOnDec28('o-gap-still')

  await runRectificationEscalations(payload, Date.parse('2026-12-29T09:00:00+08:00'))
  expect(await itemOf(legacy)).toMatchObject({ deadline: '2027-01-04', deadlineEstimated: true, deadlineWarning: WARNING_2027 })
  expect(await itemOf(known)).toMatchObject({ deadline: '2026-10-13', deadlineEstimated: false, deadlineWarning: null })
  // Still unknown: the estimate stays as it is.
  expect(await itemOf(still)).toMatchObject({ deadline: '2027-01-04', deadlineEstimated: true })
  // The recount came before the escalations: the office head was not asked for a deadline.
  expect((await noticesAbout(legacy)).filter((n) => n.subject.includes('期限】'))).toHaveLength(0)

  // The calendar learns 2027 (a count that says so, as the upgraded data would): two instances at once write once.
  const exact = (from: string, days: number) => ({ date: from === '2026-12-28' && days === 5 ? '2027-01-05' : '2099-01-01', estimated: false })
  const runs = await Promise.all([recountEstimatedDeadlines(payload, { count: exact }), recountEstimatedDeadlines(payload, { count: exact })])
  expect(await itemOf(still)).toMatchObject({ deadline: '2027-01-05', deadlineEstimated: false, deadlineWarning: null })
  expect(await itemOf(legacy)).toMatchObject({ deadline: '2027-01-05', deadlineEstimated: false })
  // The three estimated items (the first test's, legacy, still) are each written once, whichever instance won.
  expect(runs[0]!.updated + runs[1]!.updated).toBe(3)
})

test('调整整改期限 through the step endpoint: the office head sets a date with the reason, recorded as a step, kept by the recount; refusals in Chinese', async () => {
  const item = await badRatingOnDec28('o-gap-adjust')
  const clerk = await login(http.url, world.users.clerk.email, PASSWORD)
  const other = await login(http.url, world.users.otherClerk.email, PASSWORD)

  // The panel offers it to the office head, with the 1–15 working days rule.
  const panel = await loadRectificationPanel(payload, (await staffUser(payload, world, 'clerk')) as never, item)
  expect(panel).toMatchObject({ deadlineEstimated: true, deadlineWarning: WARNING_2027 })
  const action = panel!.actions.find((a) => a.action === 'adjust_deadline')
  expect(action).toMatchObject({ label: '调整整改期限', deadline: { rule: expect.stringContaining('1–15 个工作日') } })

  const step = (session: typeof clerk, body: unknown) => api(http.url, session, 'POST', `/api/rectifications/${item}/step`, body)
  const past = await step(clerk, { action: 'adjust_deadline', deadline: '2020-01-01', note: '理由' })
  expect(past.status).toBe(400)
  expect(JSON.stringify(past.body)).toContain('新的整改期限不能早于今天')
  const noReason = await step(clerk, { action: 'adjust_deadline', deadline: '2027-01-08' })
  expect(noReason.status).toBe(400)
  expect(JSON.stringify(noReason.body)).toContain('理由')
  expect((await step(other, { action: 'adjust_deadline', deadline: '2027-01-08', note: '理由' })).status).toBe(404)

  const done = await step(clerk, { action: 'adjust_deadline', deadline: '2027-01-08', note: '元旦放假，与群众约定 1 月 8 日前整改' })
  expect(done).toMatchObject({ status: 200, body: { ok: true, state: 'open', deadline: '2027-01-08', deadlineEstimated: false } })
  expect(await itemOf(item)).toMatchObject({ state: 'open', deadline: '2027-01-08', deadlineEstimated: false, deadlineWarning: null })
  const history = await rectificationHistory(payload, item)
  // (found by action: the history is ordered by time, and the 差评 is dated 2026-12-28, after the real clock's step)
  expect(history.find((entry) => entry.action === 'adjust_deadline')).toMatchObject({
    action: 'adjust_deadline',
    from: 'open',
    to: 'open',
    actor: 'staff',
    by: world.users.clerk.id,
    note: '整改期限由 2027-01-04 调整为 2027-01-08。理由：元旦放假，与群众约定 1 月 8 日前整改',
  })

  // A date set by staff is not an estimate: the recount leaves it, even once the calendar knows the year.
  await recountEstimatedDeadlines(payload, { count: () => ({ date: '2099-01-01', estimated: false }) })
  expect(await itemOf(item)).toMatchObject({ deadline: '2027-01-08', deadlineEstimated: false })
})
