/**
 * Booking and the steps of a matter through the services, on the test's SQLite file: open slots with
 * their free seats, refusals with their Chinese messages and next free slots, idempotent submissions,
 * cancelling gives the seat back, the status steps with the expected completion date, the no-show block.
 */
import type { Payload } from 'payload'
import type { StaffUser } from '../../src/access/roles'
import { bookAppointment, openSlots } from '../../src/services/appointments/book'
import { matterHistory, residentAppointments, takeMatterStep } from '../../src/services/appointments/steps'
import { ApiError } from '../../src/http/api-error'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { createBookingWorld, MONDAY_8AM, RESIDENT, type BookingWorld } from './helpers'

let env: TestPayload
let payload: Payload
let world: BookingWorld
const staff = async (who: keyof BookingWorld['users']): Promise<StaffUser> =>
  ({ ...(await payload.findByID({ collection: 'users', id: world.users[who].id, depth: 0 })), collection: 'users' }) as unknown as StaffUser

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  world = await createBookingWorld(payload, 'b')
}, 120_000)
afterAll(async () => env?.close())

const refusal = async (promise: Promise<unknown>): Promise<ApiError> => {
  try {
    await promise
  } catch (error) {
    if (error instanceof ApiError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

const resident = (n: number) => ({ kind: 'resident' as const, openid: `o-resident-${n}` })

test('open slots: today after the 2-hour cut-off, then five working days, one-hour slots of the pattern', async () => {
  const { slots, warnings, guide } = await openSlots(payload, world.guide, MONDAY_8AM)
  expect(warnings).toEqual([])
  expect(guide.timeLimitDays).toBe(3)
  expect(slots.filter((slot) => slot.date === '2026-12-07').map((slot) => slot.start)).toEqual(['14:00', '15:00', '16:00'])
  expect(slots.filter((slot) => slot.date === '2026-12-08').map((slot) => slot.start)).toEqual(['09:00', '10:00', '14:00', '15:00', '16:00'])
  expect([...new Set(slots.map((slot) => slot.date))]).toEqual(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-14'])
  expect(slots.every((slot) => slot.free === 2)).toBe(true)
  // Staff booking for a walk-in see this morning's slots too.
  const forStaff = await openSlots(payload, world.guide, MONDAY_8AM, { forStaff: true })
  expect(forStaff.slots[0]!.start).toBe('09:00')
})

test('the last seat goes once; the next resident is told the slot is full and offered the next free slots', async () => {
  const key = `rule-${world.rule}|2026-12-07|14:00-15:00`
  const first = await bookAppointment(payload, { guideId: world.guide, slotKey: key, ...RESIDENT }, resident(1), MONDAY_8AM)
  expect(first).toMatchObject({ slotDate: '2026-12-07', slotStart: '14:00', slotEnd: '15:00', status: 'booked', guideTitle: 'b居住证明办理' })
  expect(first.bookingCode).toMatch(/^[2-9A-HJ-NP-Z]{6}$/)
  await bookAppointment(payload, { guideId: world.guide, slotKey: key, ...RESIDENT }, resident(2), MONDAY_8AM)
  const full = await refusal(bookAppointment(payload, { guideId: world.guide, slotKey: key, ...RESIDENT }, resident(3), MONDAY_8AM))
  expect(full.status).toBe(409)
  expect(full.code).toBe('slot-full')
  expect(full.message).toContain('2026-12-07 14:00–15:00 已约满')
  expect(full.message).toContain('还可预约：2026-12-07 15:00–16:00')
  expect((full.details?.nextSlots as { start: string }[]).map((slot) => slot.start)).toEqual(['15:00', '16:00', '09:00'])
  const after = await openSlots(payload, world.guide, MONDAY_8AM)
  expect(after.slots.find((slot) => slot.key === key)!.free).toBe(0)

  const stored = await payload.find({ collection: 'appointments', where: { slotKey: { equals: key } }, depth: 0 })
  expect(stored.totalDocs).toBe(2)
  expect(stored.docs[0]).toMatchObject({
    name: '张三丰',
    nameMasked: '张**',
    mobile: '13812341234',
    mobileMasked: '138****1234',
    idNumber: null,
    channel: 'online',
  })
})

test('refusals: bad personal data per field, a second open booking of the same matter, a slot past its cut-off', async () => {
  const key = `rule-${world.rule}|2026-12-08|09:00-10:00`
  const bad = await refusal(bookAppointment(payload, { guideId: world.guide, slotKey: key, name: '张', mobile: '1234' }, resident(10), MONDAY_8AM))
  expect(bad.status).toBe(400)
  expect(Object.keys(bad.details?.problems as object).sort()).toEqual(['mobile', 'name'])
  expect(bad.message).toMatch(/手机号/)

  const twice = await refusal(bookAppointment(payload, { guideId: world.guide, slotKey: key, ...RESIDENT }, resident(1), MONDAY_8AM))
  expect(twice.code).toBe('already-booked')
  expect(twice.message).toContain('如需改期请先取消原预约')

  const late = await refusal(
    bookAppointment(payload, { guideId: world.guide, slotKey: `rule-${world.rule}|2026-12-07|09:00-10:00`, ...RESIDENT }, resident(11), MONDAY_8AM),
  )
  expect(late.code).toBe('slot-unavailable')
  expect((late.details?.nextSlots as unknown[]).length).toBe(3)
})

test('the same submission twice books once', async () => {
  const input = { guideId: world.guide, slotKey: `rule-${world.rule}|2026-12-09|10:00-11:00`, ...RESIDENT, requestKey: 'form-123' }
  const [a, b] = await Promise.all([bookAppointment(payload, input, resident(20), MONDAY_8AM), bookAppointment(payload, input, resident(20), MONDAY_8AM)])
  expect(a.id).toBe(b.id)
  // Stored scoped to who booked: `r:<openid>:<form key>`.
  expect((await payload.count({ collection: 'appointments', where: { requestKey: { equals: 'r:o-resident-20:form-123' } } })).totalDocs).toBe(1)
  // Another resident's form with the same key books their own.
  const other = await bookAppointment(payload, input, resident(21), MONDAY_8AM)
  expect(other.id).not.toBe(a.id)
  // Two seats of two: one per resident, none for the repeated submission.
  const { slots } = await openSlots(payload, world.guide, MONDAY_8AM)
  expect(slots.find((slot) => slot.key === input.slotKey)!.free).toBe(0)
})

test('a resident cancels before the cut-off and the seat is free again; after it, online cancelling is refused', async () => {
  const key = `rule-${world.rule}|2026-12-10|15:00-16:00`
  const booked = await bookAppointment(payload, { guideId: world.guide, slotKey: key, ...RESIDENT }, resident(30), MONDAY_8AM)
  const someoneElse = await refusal(takeMatterStep(payload, booked.id, 'cancel', resident(31), undefined, MONDAY_8AM))
  expect(someoneElse.status).toBe(404)
  const slotStart = Date.parse('2026-12-10T07:00:00Z')
  const tooLate = await refusal(takeMatterStep(payload, booked.id, 'cancel', resident(30), undefined, slotStart - 60 * 60_000))
  expect(tooLate.code).toBe('too-late')
  const step = await takeMatterStep(payload, booked.id, 'cancel', resident(30), undefined, MONDAY_8AM)
  expect(step.to).toBe('cancelled')
  const { slots } = await openSlots(payload, world.guide, MONDAY_8AM)
  expect(slots.find((slot) => slot.key === key)!.free).toBe(2)
  const mine = await residentAppointments(payload, 'o-resident-30')
  expect(mine.map((a) => [a.bookingCode, a.status, a.guideTitle])).toEqual([[booked.bookingCode, 'cancelled', 'b居住证明办理']])
})

test('staff move a matter: check-in, accept with the expected date in working days, 需补正 with a note, resume, done', async () => {
  const clerk = await staff('clerk')
  const other = await staff('otherClerk')
  const booked = await bookAppointment(
    payload,
    { guideId: world.guide, slotKey: `rule-${world.rule}|2026-12-08|10:00-11:00`, ...RESIDENT },
    resident(40),
    MONDAY_8AM,
  )
  const tuesday10 = Date.parse('2026-12-08T02:05:00Z')
  const forbidden = await refusal(takeMatterStep(payload, booked.id, 'check_in', { kind: 'staff', user: other }, undefined, tuesday10))
  expect(forbidden.status).toBe(403)
  expect(forbidden.message).toContain('只有承办科室的工作人员')
  await takeMatterStep(payload, booked.id, 'check_in', { kind: 'staff', user: clerk }, undefined, tuesday10)
  const accepted = await takeMatterStep(payload, booked.id, 'accept', { kind: 'staff', user: clerk }, '材料齐全', tuesday10)
  expect(accepted.expectedCompletion).toBe('2026-12-11')
  const noNote = await refusal(takeMatterStep(payload, booked.id, 'request_more', { kind: 'staff', user: clerk }, '', tuesday10))
  expect(noNote.status).toBe(409) // accepted → request_more is not a step: start first
  await takeMatterStep(payload, booked.id, 'start', { kind: 'staff', user: clerk }, undefined, tuesday10)
  const missing = await refusal(takeMatterStep(payload, booked.id, 'request_more', { kind: 'staff', user: clerk }, ' ', tuesday10))
  expect(missing.code).toBe('note-required')
  await takeMatterStep(payload, booked.id, 'request_more', { kind: 'staff', user: clerk }, '请补交户口簿复印件一份', tuesday10)
  await takeMatterStep(payload, booked.id, 'resume', { kind: 'staff', user: clerk }, undefined, tuesday10)
  const done = await takeMatterStep(payload, booked.id, 'complete', { kind: 'staff', user: clerk }, '请到 3 号窗口领取', tuesday10)
  expect(done.to).toBe('done')
  const stored = await payload.findByID({ collection: 'appointments', id: booked.id, depth: 0 })
  expect(stored).toMatchObject({ status: 'done', expectedCompletion: '2026-12-11', statusNote: '请到 3 号窗口领取' })
  expect(stored.closedAt).toBeTruthy()
  const history = await matterHistory(payload, booked.id)
  expect(history.map((step) => step.to)).toEqual(['booked', 'checked_in', 'accepted', 'in_progress', 'needs_more', 'in_progress', 'done'])
  expect(history[4]!.note).toBe('请补交户口簿复印件一份')
})

test('two staff clicking the same step at once: one moves the matter, the other is told it changed', async () => {
  const clerk = await staff('clerk')
  const admin = await staff('admin')
  const booked = await bookAppointment(
    payload,
    { guideId: world.guide, slotKey: `rule-${world.rule}|2026-12-09|14:00-15:00`, ...RESIDENT },
    resident(50),
    MONDAY_8AM,
  )
  const results = await Promise.allSettled([
    takeMatterStep(payload, booked.id, 'check_in', { kind: 'staff', user: clerk }, undefined, MONDAY_8AM),
    takeMatterStep(payload, booked.id, 'check_in', { kind: 'staff', user: admin }, undefined, MONDAY_8AM),
  ])
  expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1)
  const lost = results.find((result) => result.status === 'rejected') as PromiseRejectedResult
  expect((lost.reason as ApiError).status).toBe(409)
  expect((await matterHistory(payload, booked.id)).filter((step) => step.to === 'checked_in')).toHaveLength(1)
})

test('two no-shows within 30 days block online booking for 30 days, with the reason; staff can still book', async () => {
  const openid = 'o-no-show'
  for (const date of ['2026-12-07', '2026-12-08']) {
    const booked = await bookAppointment(
      payload,
      { guideId: world.guide, slotKey: `rule-${world.rule}|${date}|16:00-17:00`, ...RESIDENT },
      { kind: 'resident', openid },
      MONDAY_8AM,
    )
    await takeMatterStep(payload, booked.id, 'mark_no_show', { kind: 'system' }, undefined, Date.parse(`${date}T10:00:00Z`))
  }
  const wednesday = Date.parse('2026-12-09T00:00:00Z')
  const blocked = await refusal(
    bookAppointment(
      payload,
      { guideId: world.guide, slotKey: `rule-${world.rule}|2026-12-10|09:00-10:00`, ...RESIDENT },
      { kind: 'resident', openid },
      wednesday,
    ),
  )
  expect(blocked.code).toBe('no-show-blocked')
  expect(blocked.message).toContain('2027-01-07')
  const byStaff = await bookAppointment(
    payload,
    { guideId: world.guide, slotKey: `rule-${world.rule}|2026-12-10|09:00-10:00`, ...RESIDENT },
    { kind: 'staff', user: await staff('clerk'), openid },
    wednesday,
  )
  expect(byStaff.status).toBe('booked')
})
