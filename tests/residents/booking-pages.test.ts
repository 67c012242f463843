/**
 * The residents' booking pages as WeChat's browser uses them, route handlers called with plain
 * Requests on a real Payload (SQLite file), the clock fixed on a working Monday: 预约办理 with its days
 * and slots, a booking that lands on the appointment's page, refusals shown in Chinese with what was
 * typed, 我的预约, someone else's appointment, cancelling, a form posted from another site.
 */
import type { Payload } from 'payload'
import {
  appointmentResponse,
  bookPageResponse,
  bookSubmitResponse,
  cancelResponse,
  foreignPost,
  myAppointmentsResponse,
} from '../../src/app/(residents)/m/_lib/appointment-handlers'
import { RESIDENT_SESSION_COOKIE, signResidentSession } from '../../src/services/residents/session'
import { createAccount } from '../callback/helpers'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { createBookingWorld, MONDAY_8AM, type BookingWorld } from '../appointments/helpers'

const ACCOUNT = {
  appId: 'wxbookingpages001',
  token: 'bookingtoken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  messageMode: 'safe' as const,
}
const ORIGIN = 'https://wx.example.gov.cn'
const IN_WECHAT =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.50(0x1800322c) NetType/WIFI Language/zh_CN'

let env: TestPayload
let payload: Payload
let world: BookingWorld

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  process.env.PUBLIC_URL = ORIGIN
  // No template ids: notices are recorded as skipped, nothing reaches a WeChat.
  await createAccount(payload, { ...ACCOUNT, isDefault: true } as never)
  world = await createBookingWorld(payload, 'p', 1)
}, 60_000)
afterAll(async () => {
  delete process.env.PUBLIC_URL
  await env?.close()
})

const session = (openid: string) => `${RESIDENT_SESSION_COOKIE}=${signResidentSession({ openid, appId: ACCOUNT.appId }, { now: MONDAY_8AM })}`
const get = (path: string, openid: string) => new Request(`${ORIGIN}${path}`, { headers: { 'user-agent': IN_WECHAT, cookie: session(openid) } })
const post = (path: string, openid: string, form: Record<string, string>, origin = ORIGIN) =>
  new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { 'user-agent': IN_WECHAT, cookie: session(openid), origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  })
const now = { now: MONDAY_8AM + 60_000 }
const slot = (date: string, times: string) => `rule-${world.rule}|${date}|${times}`

test("预约办理: the window's days with their free seats, the chosen day's slots, the form (the ID number only when the guide asks)", async () => {
  const response = await bookPageResponse(payload, get(`/m/book/${world.guide}?day=2026-12-08`, 'o-page-1'), world.guide, now)
  expect(response.status).toBe(200)
  const html = await response.text()
  expect(html).toContain('12月7日 周一')
  expect(html).toContain('12月14日 周一')
  expect(html).toContain(`value="${slot('2026-12-08', '09:00-10:00')}"`)
  expect(html).not.toContain(`value="${slot('2026-12-07', '14:00-15:00')}"`)
  expect(html).toContain('name="mobile"')
  expect(html).not.toContain('name="idNumber"')
  expect(html).not.toContain('<script')
})

test('a booking lands on its page with the code and the timeline; the next resident finds the slot full, with what was typed kept', async () => {
  const form = { slotKey: slot('2026-12-08', '10:00-11:00'), name: '李四', mobile: '139 0000 1111', requestKey: 'k-1' }
  const booked = await bookSubmitResponse(payload, post(`/m/book/${world.guide}`, 'o-page-2', form), world.guide, now)
  expect(booked.status).toBe(303)
  const location = booked.headers.get('location')!
  expect(location).toMatch(/^\/m\/appointments\/[^/]+\?booked=1$/)
  const id = location.split('/')[3]!.split('?')[0]!
  const page = await (await appointmentResponse(payload, get(location, 'o-page-2'), id, now)).text()
  expect(page).toContain('预约成功')
  expect(page).toContain('已预约')
  expect(page).toContain('12月8日 周二 10:00–11:00')
  expect(page).toContain('取消预约')
  const stored = await payload.findByID({ collection: 'appointments', id, depth: 0 })
  expect(page).toContain(stored.bookingCode)
  expect(stored.mobile).toBe('13900001111')

  const full = await bookSubmitResponse(payload, post(`/m/book/${world.guide}`, 'o-page-3', { ...form, name: '王五', requestKey: 'k-2' }), world.guide, now)
  expect(full.status).toBe(409)
  const html = await full.text()
  expect(html).toContain('2. 选择时段（12月8日 周二）')
  expect(html).toContain('已约满')
  expect(html).toContain('还可预约：2026-12-08 14:00–15:00')
  expect(html).toContain('value="王五"')

  const bad = await bookSubmitResponse(
    payload,
    post(`/m/book/${world.guide}`, 'o-page-3', { ...form, slotKey: slot('2026-12-09', '09:00-10:00'), mobile: '12345', requestKey: 'k-5' }),
    world.guide,
    now,
  )
  expect(bad.status).toBe(400)
  expect(await bad.text()).toMatch(/手机号[^<]*11 位/)

  // Someone else's appointment does not exist for them.
  expect((await appointmentResponse(payload, get(`/m/appointments/${id}`, 'o-page-3'), id, now)).status).toBe(404)
  const mine = await (await myAppointmentsResponse(payload, get('/m/appointments', 'o-page-2'))).text()
  expect(mine).toContain(stored.bookingCode)
  expect(mine).not.toContain('暂无预约')
})

test('cancelling gives the seat back; a post from another site is refused', async () => {
  const form = { slotKey: slot('2026-12-09', '14:00-15:00'), name: '赵六', mobile: '13700001111', requestKey: 'k-3' }
  const booked = await bookSubmitResponse(payload, post(`/m/book/${world.guide}`, 'o-page-4', form), world.guide, now)
  const id = booked.headers.get('location')!.split('/')[3]!.split('?')[0]!
  const foreign = await cancelResponse(payload, post(`/m/appointments/${id}/cancel`, 'o-page-4', {}, 'https://evil.example'), id, now)
  expect(foreign.status).toBe(403)
  const cancelled = await cancelResponse(payload, post(`/m/appointments/${id}/cancel`, 'o-page-4', {}), id, now)
  expect(cancelled.status).toBe(303)
  const page = await (await appointmentResponse(payload, get(`/m/appointments/${id}?cancelled=1`, 'o-page-4'), id, now)).text()
  expect(page).toContain('预约已取消')
  expect(page).toContain('已取消')
  expect(page).not.toContain('>取消预约<')
  const again = await bookSubmitResponse(payload, post(`/m/book/${world.guide}`, 'o-page-5', { ...form, requestKey: 'k-4' }), world.guide, now)
  expect(again.status).toBe(303)
})

test('a form must come from our own pages: Origin, else Sec-Fetch-Site, else Referer; a null or missing origin is refused', () => {
  const form = (headers: Record<string, string>) => new Request(`${ORIGIN}/m/book/x`, { method: 'POST', headers })
  expect(foreignPost(form({ origin: ORIGIN }))).toBeNull()
  expect(foreignPost(form({ 'sec-fetch-site': 'same-origin' }))).toBeNull()
  expect(foreignPost(form({ referer: `${ORIGIN}/m/book/x?day=2026-12-08` }))).toBeNull()
  const refused: Record<string, string>[] = [
    { origin: 'null' },
    { origin: 'https://other.example.gov.cn' },
    { 'sec-fetch-site': 'same-site' },
    { referer: 'https://evil.example/' },
    {},
  ]
  for (const headers of refused) {
    expect({ headers, status: foreignPost(form(headers))?.status }).toEqual({ headers, status: 403 })
  }
})
