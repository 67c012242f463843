/**
 * The daily housekeeping on the test's SQLite file: no-shows recorded once a slot has ended, and the
 * residents' personal data cleared 180 days (the setting) after the matter ended, statistics kept.
 */
import type { Payload } from 'payload'
import { bookAppointment } from '../../src/services/appointments/book'
import { CLEARED_MARK, clearExpiredPersonalData, purgeDueWhere, recordNoShows } from '../../src/services/appointments/housekeeping'
import { matterHistory, takeMatterStep } from '../../src/services/appointments/steps'
import { DAY_MS } from '../../src/shared/time'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { createBookingWorld, MONDAY_8AM, RESIDENT, type BookingWorld } from './helpers'

let env: TestPayload
let payload: Payload
let world: BookingWorld
beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  world = await createBookingWorld(payload, 'k')
}, 120_000)
afterAll(async () => env?.close())

const book = (openid: string, date: string, start: string, end: string) =>
  bookAppointment(
    payload,
    { guideId: world.guide, slotKey: `rule-${world.rule}|${date}|${start}-${end}`, ...RESIDENT },
    { kind: 'resident', openid },
    MONDAY_8AM,
  )

test('a retention period must be a whole number of days', () => {
  expect(() => purgeDueWhere(MONDAY_8AM, 0)).toThrow(RangeError)
  expect(() => purgeDueWhere(MONDAY_8AM, 1.5)).toThrow(RangeError)
})

test('no-shows: only bookings whose slot has ended, once', async () => {
  const ended = await book('o-k-1', '2026-12-07', '14:00', '15:00')
  const later = await book('o-k-2', '2026-12-07', '16:00', '17:00')
  const at1530 = Date.parse('2026-12-07T07:30:00Z')
  expect(await recordNoShows(payload, at1530)).toBe(1)
  expect(await recordNoShows(payload, at1530)).toBe(0)
  expect((await payload.findByID({ collection: 'appointments', id: ended.id })).status).toBe('no_show')
  expect((await payload.findByID({ collection: 'appointments', id: later.id })).status).toBe('booked')
  expect((await matterHistory(payload, ended.id)).at(-1)).toMatchObject({ action: 'mark_no_show', actor: 'system', to: 'no_show' })
})

test('personal data is cleared 180 days after the matter ended; the statistics stay', async () => {
  const first = await book('o-k-3', '2026-12-09', '09:00', '10:00')
  const second = await book('o-k-4', '2026-12-10', '10:00', '11:00')
  await takeMatterStep(payload, first.id, 'cancel', { kind: 'resident', openid: 'o-k-3' }, undefined, MONDAY_8AM)
  await takeMatterStep(payload, second.id, 'cancel', { kind: 'resident', openid: 'o-k-4' }, undefined, MONDAY_8AM + 2 * DAY_MS)
  const open = await book('o-k-5', '2026-12-09', '14:00', '15:00')

  // What else names the resident: a note for them on a step, and a template message about the matter.
  await payload.update({ collection: 'matter-steps', where: { appointment: { equals: first.id } }, data: { note: '请张三丰补交户口簿' }, overrideAccess: true })
  await payload.create({
    collection: 'resident-notices',
    overrideAccess: true,
    data: {
      clientMsgId: `test:${first.id}`,
      kind: 'booked',
      openid: 'o-k-3',
      openidMasked: 'o-k-****',
      relatedCollection: 'appointments',
      relatedId: first.id,
      status: 'sent',
      url: 'https://x/m/appointments/1',
      data: { keyword1: { value: '张三丰' } },
    } as never,
  })
  const now = MONDAY_8AM + 180 * DAY_MS + 3600_000
  // The no-show of the test before ended at 15:30 that day: 180 days are not over yet.
  expect(await clearExpiredPersonalData(payload, now)).toBe(1)
  expect(await clearExpiredPersonalData(payload, now)).toBe(0)
  const cleared = await payload.findByID({ collection: 'appointments', id: first.id, depth: 0 })
  expect(cleared).toMatchObject({ name: null, mobile: null, idNumber: null, openid: null, nameMasked: CLEARED_MARK, mobileMasked: CLEARED_MARK })
  expect(cleared).toMatchObject({ status: 'cancelled', slotDate: '2026-12-09', guide: expect.anything(), office: expect.anything() })
  expect(cleared.personalDataClearedAt).toBeTruthy()
  expect(JSON.stringify(cleared)).not.toContain('13812341234')
  const steps = await matterHistory(payload, first.id)
  expect(steps).toHaveLength(2)
  expect(steps.map((step) => step.note)).toEqual([null, null])
  const notices = await payload.find({ collection: 'resident-notices', where: { relatedId: { equals: first.id } }, overrideAccess: true })
  // The booking's own notice (skipped: no account here) and the one made above.
  expect(notices.docs.map((notice) => [notice.openid, notice.url ?? null, notice.data ?? null])).toEqual([
    [CLEARED_MARK, null, null],
    [CLEARED_MARK, null, null],
  ])
  for (const id of [second.id, open.id]) expect((await payload.findByID({ collection: 'appointments', id, depth: 0 })).mobile).toBe('13812341234')

  await payload.updateGlobal({ slug: 'appointment-settings', data: { retentionDays: 30 } })
  // A shorter period set by an admin: the second cancellation and the no-show; the open booking stays.
  expect(await clearExpiredPersonalData(payload, now)).toBe(2)
  expect((await payload.findByID({ collection: 'appointments', id: open.id, depth: 0 })).mobile).toBe('13812341234')
})
