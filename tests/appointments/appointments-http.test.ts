/**
 * The appointments over real HTTP (Payload's REST and GraphQL handlers on a plain server over the
 * test's SQLite file, real logins): 50 bookings fired at once at the last seat of a slot — exactly one
 * wins — and the personal-data access matrix per role and office through REST, GraphQL and the Local API.
 */
import { jest } from '@jest/globals'
import type { Payload } from 'payload'
import { bookAppointment } from '../../src/services/appointments/book'
import { PASSWORD } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { startPayloadHttp, type PayloadHttp } from '../helpers/payload-http'
import { api, graphql, login, type Session } from '../helpers/server'
import { createBookingWorld, MONDAY_8AM, RESIDENT, type BookingWorld } from './helpers'

let env: TestPayload
let payload: Payload
let http: PayloadHttp
let world: BookingWorld
const as = {} as Record<keyof BookingWorld['users'], Session>
let appointmentId: string

beforeAll(async () => {
  // Only the clock is fixed (a plain working week); timers and I/O run for real.
  jest.useFakeTimers({
    now: MONDAY_8AM,
    advanceTimers: true,
    doNotFake: [
      'nextTick',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
      'queueMicrotask',
      'hrtime',
      'performance',
    ],
  })
  env = await startTestPayload()
  payload = env.payload
  http = await startPayloadHttp()
  world = await createBookingWorld(payload, 'r', 5)
  for (const who of Object.keys(world.users) as (keyof BookingWorld['users'])[]) as[who] = await login(http.url, world.users[who].email, PASSWORD)
  const booked = await bookAppointment(
    payload,
    { guideId: world.guide, slotKey: `rule-${world.rule}|2026-12-08|09:00-10:00`, ...RESIDENT },
    { kind: 'resident', openid: 'o-matrix-resident' },
    Date.now(),
  )
  appointmentId = booked.id
}, 120_000)
afterAll(async () => {
  await http?.close()
  await env?.close()
  jest.useRealTimers()
})

test('50 bookings at once at the last seat: exactly one wins; the others are told so in Chinese with the next free slots', async () => {
  const slotKey = `rule-${world.rule}|2026-12-09|10:00-11:00`
  // Four of the five seats are taken already.
  for (let n = 0; n < 4; n++) {
    await bookAppointment(payload, { guideId: world.guide, slotKey, ...RESIDENT }, { kind: 'resident', openid: `o-early-${n}` }, Date.now())
  }
  const answers = await Promise.all(
    Array.from({ length: 50 }, (_, n) =>
      api(http.url, as.clerk, 'POST', '/api/appointments/book', {
        guide: world.guide,
        slotKey,
        name: '李四',
        mobile: `1390000${String(n).padStart(4, '0')}`,
      }),
    ),
  )
  const won = answers.filter((answer) => answer.status === 201)
  const refused = answers.filter((answer) => answer.status !== 201)
  expect(won).toHaveLength(1)
  expect(refused.map((answer) => answer.status)).toEqual(Array(49).fill(409))
  for (const answer of refused) {
    expect(answer.body.errors[0].code).toBe('slot-full')
    expect(answer.body.errors[0].message).toContain('已约满')
    expect(answer.body.errors[0].data.nextSlots.length).toBeGreaterThan(0)
  }
  expect((await payload.count({ collection: 'appointments', where: { slotKey: { equals: slotKey } } })).totalDocs).toBe(5)
  const seats = await payload.find({ collection: 'slot-seats', where: { key: { equals: slotKey } } })
  expect(seats.docs[0]).toMatchObject({ taken: 5, capacity: 5 })
})

const FULL = { name: '张三丰', mobile: '13812341234', openid: 'o-matrix-resident' }
const MASKED = { nameMasked: '张**', mobileMasked: '138****1234' }

async function restDoc(who: keyof BookingWorld['users'] | null) {
  const answer = await api(http.url, who ? as[who] : null, 'GET', `/api/appointments?where[id][equals]=${appointmentId}&depth=0`)
  return answer.status === 200 ? (answer.body.docs[0] ?? null) : null
}

async function graphqlDoc(who: keyof BookingWorld['users'] | null) {
  const answer = await graphql(
    http.url,
    who ? as[who] : null,
    'query($id: String) { Appointments(where: { id: { equals: $id } }) { docs { bookingCode name mobile openid nameMasked mobileMasked } } }',
    { id: appointmentId },
  )
  if (answer.body.errors && !answer.body.errors.every((error: { extensions?: { statusCode?: number } }) => error.extensions?.statusCode === 403)) {
    throw new Error(JSON.stringify(answer.body.errors))
  }
  return answer.body.data?.Appointments?.docs?.[0] ?? null
}

async function localDoc(who: keyof BookingWorld['users']) {
  const user = { ...(await payload.findByID({ collection: 'users', id: world.users[who].id, depth: 0 })), collection: 'users' as const }
  try {
    const found = await payload.find({ collection: 'appointments', where: { id: { equals: appointmentId } }, depth: 0, overrideAccess: false, user })
    return found.docs[0] ?? null
  } catch (error) {
    if ((error as { status?: number }).status === 403) return null
    throw error
  }
}

test.each(['admin', 'clerk'] as const)('%s (admin, staff of the office) read the full personal data through REST, GraphQL and the Local API', async (who) => {
  for (const doc of [await restDoc(who), await graphqlDoc(who), await localDoc(who)]) expect(doc).toMatchObject({ ...FULL, ...MASKED })
})

test('the leader reads the appointment masked only, through every API, and cannot search by the hidden values', async () => {
  for (const doc of [await restDoc('leader'), await graphqlDoc('leader'), await localDoc('leader')]) {
    expect(doc).toMatchObject(MASKED)
    expect(doc.name ?? null).toBeNull()
    expect(doc.mobile ?? null).toBeNull()
    expect(doc.openid ?? null).toBeNull()
    expect(JSON.stringify(doc)).not.toContain('13812341234')
  }
  const byMobile = await api(http.url, as.leader, 'GET', `/api/appointments?where[mobile][equals]=13812341234`)
  expect(byMobile.status === 200 ? byMobile.body.totalDocs : 'refused').not.toBe(1)
})

test.each(['otherClerk', 'editor', null] as const)('%s (staff of another office, an editor, nobody) read no appointment and no step', async (who) => {
  expect(await restDoc(who)).toBeNull()
  expect(await graphqlDoc(who)).toBeNull()
  if (who) expect(await localDoc(who)).toBeNull()
  const steps = await api(http.url, who ? as[who] : null, 'GET', `/api/matter-steps?where[appointment][equals]=${appointmentId}`)
  expect(steps.status === 200 ? steps.body.totalDocs : 0).toBe(0)
  const history = await api(http.url, who ? as[who] : null, 'GET', `/api/appointments/${appointmentId}/history`)
  expect([401, 404]).toContain(history.status)
})

test('nobody writes appointments through the generic API; staff of another office cannot step them', async () => {
  const created = await api(http.url, as.admin, 'POST', '/api/appointments', { bookingCode: 'AAAAAA', guide: world.guide, status: 'done' })
  expect(created.status).toBe(403)
  const patched = await api(http.url, as.clerk, 'PATCH', `/api/appointments/${appointmentId}`, { status: 'done' })
  expect(patched.status).toBe(403)
  const step = await api(http.url, as.otherClerk, 'POST', `/api/appointments/${appointmentId}/step`, { action: 'check_in' })
  expect(step.status).toBe(403)
  expect(step.body.errors[0].message).toContain('只有承办科室的工作人员')
  const ownOffices = await api(http.url, as.otherClerk, 'PATCH', `/api/users/${world.users.otherClerk.id}`, { offices: [world.office] })
  const after = await payload.findByID({ collection: 'users', id: world.users.otherClerk.id, depth: 0 })
  expect({ status: ownOffices.status, offices: after.offices }).toMatchObject({
    offices: [Number.isNaN(Number(world.otherOffice)) ? world.otherOffice : Number(world.otherOffice)],
  })
})

test('check-in by booking code at the window, then the history is readable by the office', async () => {
  const stored = await payload.findByID({ collection: 'appointments', id: appointmentId, depth: 0 })
  const checkIn = await api(http.url, as.clerk, 'POST', '/api/appointments/check-in', { code: stored.bookingCode.toLowerCase() })
  expect(checkIn.status).toBe(200)
  expect(checkIn.body.status).toBe('checked_in')
  const history = await api(http.url, as.clerk, 'GET', `/api/appointments/${appointmentId}/history`)
  expect(history.body.steps.map((step: { to: string }) => step.to)).toEqual(['booked', 'checked_in'])
  // The panel on the appointment: who checked in, and the steps the clerk may take now.
  expect(history.body.steps[1]).toMatchObject({ action: 'check_in', actor: 'staff', byName: 'clerk', label: { zh: '签到' } })
  expect(history.body.actions.map((action: { action: string }) => action.action)).toEqual(['accept', 'reject', 'cancel'])
  const leader = await api(http.url, as.leader, 'GET', `/api/appointments/${appointmentId}/history`)
  expect(leader.body).toMatchObject({ status: 'checked_in', actions: [] })
  // Scanned twice at the window: said plainly.
  const again = await api(http.url, as.clerk, 'POST', '/api/appointments/check-in', { code: stored.bookingCode })
  expect(again.status).toBe(409)
  expect(again.body.errors[0]).toMatchObject({ code: 'already-checked-in', message: `预约码 ${stored.bookingCode} 已签到，无需重复签到` })
  const unknown = await api(http.url, as.clerk, 'POST', '/api/appointments/check-in', { code: 'ZZZZZZ' })
  expect(unknown.status).toBe(404)
  expect(unknown.body.errors[0].message).toBe('没有找到预约码为 ZZZZZZ 的预约')
  const otherOffice = await api(http.url, as.otherClerk, 'POST', '/api/appointments/check-in', { code: stored.bookingCode })
  expect(otherOffice.status).toBe(403)
  expect(otherOffice.body.errors[0].message).toBe('只有承办科室的工作人员才能办理该事项的预约')
})

test("office staff set their own office's booking rule (closures), not another office's", async () => {
  const weekly = [{ weekday: '1', start: '09:00', end: '11:00' }]
  // The office has its rule already: a second one for all its guides is refused, one for a guide is not.
  const second = await api(http.url, as.clerk, 'POST', '/api/booking-rules', { name: '民政科第二条', office: world.office, weekly, capacity: 2 })
  expect(second.status).toBe(409)
  expect(second.body.errors[0].message).toContain('这个科室已有预约规则')
  const own = await api(http.url, as.clerk, 'POST', '/api/booking-rules', {
    name: '居住证明单独安排',
    office: world.office,
    guide: world.guide,
    weekly,
    capacity: 2,
  })
  expect(own.status).toBe(201)
  const again = await api(http.url, as.clerk, 'POST', '/api/booking-rules', { name: '再来一条', office: world.office, guide: world.guide, weekly, capacity: 2 })
  expect(again.status).toBe(409)
  expect((await api(http.url, as.clerk, 'DELETE', `/api/booking-rules/${own.body.doc.id}`)).status).toBe(200)
  const other = await api(http.url, as.clerk, 'POST', '/api/booking-rules', { name: '别的科室', office: world.otherOffice, weekly, capacity: 2 })
  expect(other.status).toBe(403)
  expect(other.body.errors[0].message).toContain('只能为自己所在科室设置预约规则')
  const closure = await api(http.url, as.clerk, 'PATCH', `/api/booking-rules/${world.rule}`, { closures: [{ date: '2026-12-10', reason: '全员培训' }] })
  expect(closure.status).toBe(200)
  const moved = await api(http.url, as.clerk, 'PATCH', `/api/booking-rules/${world.rule}`, { office: world.otherOffice })
  expect(moved.status).toBe(403)
  const byOther = await api(http.url, as.otherClerk, 'PATCH', `/api/booking-rules/${world.rule}`, { capacity: 99 })
  expect([403, 404]).toContain(byOther.status)
  const bad = await api(http.url, as.clerk, 'PATCH', `/api/booking-rules/${world.rule}`, { weekly: [{ weekday: '2', start: '11:00', end: '09:00' }] })
  expect(bad.status).toBe(400)
  expect(JSON.stringify(bad.body)).toContain('开放时间')
})

test('the export: CSV of the days the user may read, names and mobiles masked even for admins; formulas neutralised; bad ranges refused', async () => {
  const asAdmin = await fetch(`${http.url}/api/appointments/export?from=2026-12-07&to=2026-12-14`, { headers: { Authorization: `JWT ${as.admin.token}` } })
  expect(asAdmin.status).toBe(200)
  expect(asAdmin.headers.get('content-type')).toContain('text/csv')
  // UTF-8 with its BOM, so Excel reads the Chinese (fetch's text() would drop the BOM).
  const bytes = Buffer.from(await asAdmin.arrayBuffer())
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const csv = bytes.toString('utf8')
  expect(csv).toContain('预约码,事项,承办科室')
  expect(csv).toContain('张**')
  expect(csv).toContain('138****1234')
  expect(csv).not.toContain('13812341234')
  expect(csv).not.toContain('张三丰')
  expect(csv).not.toContain('o-matrix-resident')
  const otherOffice = await (
    await fetch(`${http.url}/api/appointments/export?from=2026-12-07&to=2026-12-14`, { headers: { Authorization: `JWT ${as.otherClerk.token}` } })
  ).text()
  expect(otherOffice.trim().split('\r\n')).toHaveLength(1)
  expect(
    (await fetch(`${http.url}/api/appointments/export?from=2026-12-07&to=2026-12-14`, { headers: { Authorization: `JWT ${as.editor.token}` } })).status,
  ).toBe(403)
  const reversed = await api(http.url, as.admin, 'GET', '/api/appointments/export?from=2026-12-14&to=2026-12-07')
  expect(reversed.status).toBe(400)
  expect(reversed.body.errors[0].message).toContain('日期范围')
})
