/**
 * The appointments' notices against the WeChat emulator over HTTP, on a real Payload (SQLite file):
 * a template message at booking and at the steps that tell the resident, none at the others, the
 * reminder the day before once however often the job runs, 43004 recorded once, and the office
 * staff's morning list once per office and day.
 */
import type { Payload } from 'payload'
import { startEmulator, type WeChatEmulator } from '../../src/dev/emulator'
import type { StaffUser } from '../../src/access/roles'
import { bookAppointment } from '../../src/services/appointments/book'
import { sendDailyLists, sendReminders } from '../../src/services/appointments/daily-notices'
import { noticeForStep } from '../../src/services/appointments/notices'
import { takeMatterStep } from '../../src/services/appointments/steps'
import { createAccount } from '../callback/helpers'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { createBookingWorld, MONDAY_8AM, RESIDENT, type BookingWorld } from './helpers'

const ACCOUNT = {
  appId: 'wxappointmentnote1',
  appSecret: 'appointment-notice-secret-000000001',
  token: 'appointmenttoken1',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  messageMode: 'safe' as const,
  originalId: 'gh_appointmentn1',
}
const TEMPLATES = {
  booked: 'TPL_booked_000001',
  reminder: 'TPL_reminder_000001',
  accepted: 'TPL_accepted_000001',
  needsMore: 'TPL_needs_more_000001',
  done: 'TPL_done_000001',
  cancelledByStaff: 'TPL_cancelled_000001',
}
const FOLLOWERS = ['oFollowerA0000000000000000001', 'oFollowerB0000000000000000002', 'oFollowerC0000000000000000003', 'oFollowerD0000000000000000004']

let env: TestPayload
let payload: Payload
let emulator: WeChatEmulator
let world: BookingWorld
let accountId: string
let previousBase: string | undefined

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  world = await createBookingWorld(payload, 'n')
  accountId = await createAccount(payload, { ...ACCOUNT, isDefault: true, residentTemplates: TEMPLATES } as never)
  emulator = await startEmulator({ faults: null, accounts: [{ ...ACCOUNT, followers: FOLLOWERS }], settings: { templateJobDelayMs: 60_000 } })
  previousBase = process.env.WECHAT_API_BASE
  process.env.WECHAT_API_BASE = emulator.url
}, 120_000)
afterAll(async () => {
  if (previousBase === undefined) delete process.env.WECHAT_API_BASE
  else process.env.WECHAT_API_BASE = previousBase
  await emulator?.close()
  await env?.close()
})

const sentTo = (openid: string) => emulator.account().templateMessages.filter((message) => message.touser === openid)
const templatesTo = (openid: string) => sentTo(openid).map((message) => (message.body as { template_id: string }).template_id)
const clerk = async (): Promise<StaffUser> =>
  ({ ...(await payload.findByID({ collection: 'users', id: world.users.clerk.id, depth: 0 })), collection: 'users' }) as unknown as StaffUser

test('booking and the steps that tell the resident send one template message each, with the matter, time, code and link', async () => {
  const openid = FOLLOWERS[0]!
  const booked = await bookAppointment(
    payload,
    { guideId: world.guide, slotKey: `rule-${world.rule}|2026-12-08|09:00-10:00`, ...RESIDENT },
    { kind: 'resident', openid, accountId },
    MONDAY_8AM,
  )
  expect(sentTo(openid)[0]!.body).toMatchObject({
    template_id: TEMPLATES.booked,
    url: expect.stringMatching(new RegExp(`/m/appointments/${booked.id}$`)),
    client_msg_id: expect.stringMatching(/^step:/),
    data: { keyword1: { value: 'n居住证明办理' }, keyword2: { value: '12月8日 09:00-10:00' }, keyword3: { value: booked.bookingCode } },
  })
  const user = { kind: 'staff' as const, user: await clerk() }
  const tuesday = Date.parse('2026-12-08T01:10:00Z')
  for (const [action, note] of [
    ['check_in', undefined],
    ['accept', undefined],
    ['start', undefined],
    ['request_more', '请补交户口簿复印件'],
    ['resume', undefined],
    ['complete', '请到 3 号窗口领取'],
  ] as const) {
    await noticeForStep(payload, await takeMatterStep(payload, booked.id, action, user, note, tuesday))
  }
  expect(templatesTo(openid)).toEqual([TEMPLATES.booked, TEMPLATES.accepted, TEMPLATES.needsMore, TEMPLATES.done])
  const needsMore = sentTo(openid)[2]!.body as { data: Record<string, { value: string }> }
  expect(Object.values(needsMore.data).map((entry) => entry.value)).toContain('请补交户口簿复印件')
  const accepted = sentTo(openid)[1]!.body as { data: Record<string, { value: string }> }
  expect(Object.values(accepted.data).map((entry) => entry.value)).toContain('12月11日')
})

test('a cancellation tells the resident when staff cancel, not when the resident does', async () => {
  const openid = FOLLOWERS[1]!
  const first = await bookAppointment(
    payload,
    { guideId: world.guide, slotKey: `rule-${world.rule}|2026-12-09|09:00-10:00`, ...RESIDENT },
    { kind: 'resident', openid, accountId },
    MONDAY_8AM,
  )
  await noticeForStep(payload, await takeMatterStep(payload, first.id, 'cancel', { kind: 'resident', openid }, undefined, MONDAY_8AM))
  const second = await bookAppointment(
    payload,
    { guideId: world.guide, slotKey: `rule-${world.rule}|2026-12-09|10:00-11:00`, ...RESIDENT },
    { kind: 'resident', openid, accountId },
    MONDAY_8AM,
  )
  await noticeForStep(payload, await takeMatterStep(payload, second.id, 'cancel', { kind: 'staff', user: await clerk() }, '窗口临时停办，请改约', MONDAY_8AM))
  expect(templatesTo(openid)).toEqual([TEMPLATES.booked, TEMPLATES.booked, TEMPLATES.cancelledByStaff])
})

test('the reminder the day before goes once however often the job runs; a resident who does not follow is recorded once (43004)', async () => {
  const openid = FOLLOWERS[2]!
  // Followed once, unfollowed since: WeChat answers 43004.
  const stranger = FOLLOWERS[3]!
  emulator.account().users.get(stranger)!.subscribed = false
  await bookAppointment(
    payload,
    { guideId: world.guide, slotKey: `rule-${world.rule}|2026-12-10|14:00-15:00`, ...RESIDENT },
    { kind: 'resident', openid, accountId },
    MONDAY_8AM,
  )
  await bookAppointment(
    payload,
    { guideId: world.guide, slotKey: `rule-${world.rule}|2026-12-10|15:00-16:00`, ...RESIDENT },
    { kind: 'resident', openid: stranger, accountId },
    MONDAY_8AM,
  )
  const wednesday4pm = Date.parse('2026-12-09T08:00:00Z')
  expect(await sendReminders(payload, wednesday4pm)).toBe(1)
  await sendReminders(payload, wednesday4pm + 3 * 3600_000)
  expect(templatesTo(openid)).toEqual([TEMPLATES.booked, TEMPLATES.reminder])
  const strangerNotices = await payload.find({
    collection: 'resident-notices',
    where: { openid: { equals: stranger } },
    overrideAccess: true,
    sort: 'createdAt',
  })
  expect(strangerNotices.docs.map((doc) => [doc.kind, doc.status, doc.errcode ?? null])).toEqual([
    ['booked', 'failed', 43004],
    ['reminder', 'skipped', null],
  ])
  const strangerCalls = emulator.requestLog.filter(
    (entry) => entry.path === '/cgi-bin/message/template/send' && (entry.body as { touser?: string }).touser === stranger,
  )
  expect(strangerCalls).toHaveLength(1)
})

test("each office's staff get today's list once a day, names masked", async () => {
  await bookAppointment(
    payload,
    { guideId: world.guide, slotKey: `rule-${world.rule}|2026-12-09|16:00-17:00`, ...RESIDENT },
    { kind: 'resident', openid: 'oListResident' },
    MONDAY_8AM,
  )
  const wednesday730 = Date.parse('2026-12-08T23:30:00Z')
  expect(await sendDailyLists(payload, wednesday730)).toBe(1)
  expect(await sendDailyLists(payload, wednesday730 + 60_000)).toBe(0)
  const sent = await payload.find({ collection: 'notifications', where: { relatedCollection: { equals: 'offices' } }, overrideAccess: true })
  expect(sent.docs.map((doc) => doc.to)).toEqual([world.users.clerk.email])
  expect(sent.docs[0]!.subject).toBe('今日预约（12月9日）：n民政科 1 人')
  expect(sent.docs[0]!.body).toContain('张**')
  expect(sent.docs[0]!.body).not.toContain('张三丰')
  expect(sent.docs[0]!.body).not.toContain('13812341234')
})
