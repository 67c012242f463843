/**
 * The data behind 今日预约, 办件看板, the panel on an appointment and 代约, through the Local API as
 * each user (overrideAccess: false): staff of the office and admins get the full name and mobile,
 * leaders only the masked copies and no step to take, staff of another office and editors nothing.
 */
import type { Payload } from 'payload'
import type { StaffUser } from '../../src/access/roles'
import { bookAppointment } from '../../src/services/appointments/book'
import { takeMatterStep } from '../../src/services/appointments/steps'
import { bookableGuidesFor, loadDayAppointments, loadMatterPanel, loadOpenMatters, officeChoices } from '../../src/services/appointments/staff-views'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { createBookingWorld, MONDAY_8AM, RESIDENT, type BookingWorld } from './helpers'

let env: TestPayload
let payload: Payload
let world: BookingWorld
const as: Partial<Record<keyof BookingWorld['users'], StaffUser>> = {}
let online: string
let byStaff: string
const DAY = '2026-12-07'
/** Monday 15:30 Beijing: the 14:00 slot is over. */
const MONDAY_1530 = Date.parse('2026-12-07T07:30:00Z')

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  world = await createBookingWorld(payload, 'sv')
  for (const who of Object.keys(world.users) as (keyof BookingWorld['users'])[]) {
    as[who] = { ...(await payload.findByID({ collection: 'users', id: world.users[who].id, depth: 0 })), collection: 'users' } as unknown as StaffUser
  }
  const slot = (time: string) => `rule-${world.rule}|${DAY}|${time}`
  online = (
    await bookAppointment(payload, { guideId: world.guide, slotKey: slot('15:00-16:00'), ...RESIDENT }, { kind: 'resident', openid: 'o-sv-1' }, MONDAY_8AM)
  ).id
  byStaff = (
    await bookAppointment(
      payload,
      { guideId: world.guide, slotKey: slot('14:00-15:00'), name: '李四', mobile: '13900001111' },
      { kind: 'staff', user: as.clerk! },
      MONDAY_8AM,
    )
  ).id
}, 120_000)
afterAll(async () => env?.close())

const user = (who: keyof BookingWorld['users']) => as[who] as never

test('今日预约: the office’s staff, admins and the leader read the day masked (lists never show full data), another office and an editor nothing', async () => {
  const clerk = await loadDayAppointments(payload, user('clerk'), { date: DAY })
  expect(clerk.map((row) => [row.slotStart, row.name, row.mobile, row.channel])).toEqual([
    ['14:00', '李*', '139****1111', 'staff'],
    ['15:00', '张**', '138****1234', 'online'],
  ])
  expect(JSON.stringify(clerk)).not.toMatch(/13812341234|13900001111|张三丰|李四/)
  expect(clerk[0]!.guideTitle).toBe('sv居住证明办理')

  const leader = await loadDayAppointments(payload, user('leader'), { date: DAY })
  expect(leader.map((row) => [row.name, row.mobile])).toEqual([
    ['李*', '139****1111'],
    ['张**', '138****1234'],
  ])
  expect(JSON.stringify(leader)).not.toMatch(/13812341234|13900001111|张三丰|李四/)

  expect(await loadDayAppointments(payload, user('otherClerk'), { date: DAY })).toEqual([])
  expect(await loadDayAppointments(payload, user('editor'), { date: DAY })).toEqual([])
  expect(await loadDayAppointments(payload, null as never, { date: DAY })).toEqual([])

  const admin = await loadDayAppointments(payload, user('admin'), { date: DAY })
  expect(admin.map((row) => row.name)).toEqual(['李*', '张**'])
  expect(await loadDayAppointments(payload, user('admin'), { date: DAY, office: world.otherOffice })).toEqual([])
  expect(await loadDayAppointments(payload, user('admin'), { date: '2026-12-08' })).toEqual([])
})

test('the office filter offers every office to admins and leaders, the own offices to staff, none to others', async () => {
  const names = async (who: keyof BookingWorld['users']) => (await officeChoices(payload, user(who))).map((office) => office.id)
  expect(await names('admin')).toEqual(expect.arrayContaining([world.office, world.otherOffice]))
  expect(await names('leader')).toEqual(expect.arrayContaining([world.office, world.otherOffice]))
  expect(await names('clerk')).toEqual([world.office])
  expect(await names('editor')).toEqual([])
})

test('办件看板 and the panel: steps as the clerk, then what each user reads and may do', async () => {
  await takeMatterStep(payload, online, 'check_in', { kind: 'staff', user: as.clerk! }, undefined, MONDAY_8AM)
  await takeMatterStep(payload, byStaff, 'check_in', { kind: 'staff', user: as.clerk! }, undefined, MONDAY_8AM)
  await takeMatterStep(payload, byStaff, 'accept', { kind: 'staff', user: as.clerk! }, '材料齐全', MONDAY_8AM)

  const clerkBoard = await loadOpenMatters(payload, user('clerk'))
  expect(clerkBoard.map((row) => [row.bookingCode.length, row.status, row.name]).sort()).toEqual([
    [6, 'accepted', '李*'],
    [6, 'checked_in', '张**'],
  ])
  expect(clerkBoard.find((row) => row.status === 'accepted')!.expectedCompletion).toBe('2026-12-10')
  const leaderBoard = await loadOpenMatters(payload, user('leader'))
  expect(leaderBoard.map((row) => row.name).sort()).toEqual(['张**', '李*'])
  expect(await loadOpenMatters(payload, user('otherClerk'))).toEqual([])

  const panel = await loadMatterPanel(payload, user('clerk'), byStaff, MONDAY_1530)
  expect(panel).toMatchObject({ status: 'accepted', expectedCompletion: '2026-12-10', deadline: { kind: 'due', date: '2026-12-10' } })
  expect(panel!.deadlineLabel.zh).toBe('预计办结 2026-12-10')
  expect(panel!.steps.map((step) => [step.action, step.to, step.actor, step.byName])).toEqual([
    ['book', 'booked', 'staff', 'clerk'],
    ['check_in', 'checked_in', 'staff', 'clerk'],
    ['accept', 'accepted', 'staff', 'clerk'],
  ])
  expect(panel!.steps[2]).toMatchObject({ note: '材料齐全', expectedCompletion: '2026-12-10', label: { zh: '受理' } })
  expect(panel!.actions.map((action) => action.action)).toEqual(['start'])

  const checkedIn = await loadMatterPanel(payload, user('clerk'), online, MONDAY_1530)
  expect(checkedIn!.actions.map((action) => [action.action, action.noteRequired])).toEqual([
    ['accept', null],
    ['reject', '请写明不予受理的理由'],
    ['cancel', '工作人员取消预约须写明原因'],
  ])

  // Overdue on Friday 2026-12-11 (expected Thursday): one working day.
  const friday = await loadMatterPanel(payload, user('admin'), byStaff, Date.parse('2026-12-11T02:00:00Z'))
  expect(friday!.deadlineLabel.zh).toBe('已超期 1 个工作日')
  expect(friday!.actions.map((action) => action.action)).toEqual(['start'])

  const leader = await loadMatterPanel(payload, user('leader'), byStaff, MONDAY_1530)
  expect(leader!.actions).toEqual([])
  expect(leader!.steps).toHaveLength(3)
  expect(await loadMatterPanel(payload, user('otherClerk'), byStaff, MONDAY_1530)).toBeNull()
  expect(await loadMatterPanel(payload, user('editor'), byStaff, MONDAY_1530)).toBeNull()
})

test('登记未到 is offered but disabled until the slot has ended', async () => {
  const booked = await bookAppointment(
    payload,
    { guideId: world.guide, slotKey: `rule-${world.rule}|${DAY}|16:00-17:00`, name: '王五', mobile: '13700002222' },
    { kind: 'staff', user: as.clerk! },
    MONDAY_8AM,
  )
  const before = await loadMatterPanel(payload, user('clerk'), booked.id, MONDAY_1530)
  expect(before!.actions.find((action) => action.action === 'mark_no_show')!.disabledReason).toBe('预约时段结束后才能登记未到')
  const after = await loadMatterPanel(payload, user('clerk'), booked.id, Date.parse('2026-12-07T09:30:00Z'))
  expect(after!.actions.find((action) => action.action === 'mark_no_show')!.disabledReason).toBeNull()
})

test('代约: the bookable guides of the user’s offices (admins: all), none for another office or an editor', async () => {
  expect((await bookableGuidesFor(payload, user('clerk'))).map((guide) => guide.id)).toEqual([world.guide])
  expect((await bookableGuidesFor(payload, user('admin'))).map((guide) => guide.id)).toContain(world.guide)
  expect(await bookableGuidesFor(payload, user('otherClerk'))).toEqual([])
  expect(await bookableGuidesFor(payload, user('editor'))).toEqual([])
  expect(await bookableGuidesFor(payload, user('leader'))).toEqual([])
})
