/**
 * The public monthly page reads every rating and item of the month however many there are (issue 14
 * review, F12: it used to read at most 10000 ratings / 5000 items in one query and would have counted
 * wrong above): page by page, here with a page of 2 rows so that the month needs several pages.
 */
import type { Payload } from 'payload'
import type { RatingLevel } from '../../src/services/ratings/levels'
import { loadMonthlySummary } from '../../src/services/ratings/public-summary'
import { rateMatter } from '../../src/services/ratings/rate'
import type { BookingWorld } from '../appointments/helpers'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { closedAppointment, createRatingWorld } from './helpers'

let env: TestPayload
let payload: Payload
let world: BookingWorld

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  world = await createRatingWorld(payload, 'sum')
}, 120_000)
afterAll(async () => env?.close())

const rate = async (openid: string, level: RatingLevel, at: string) => {
  const id = await closedAppointment(payload, world, openid)
  await rateMatter(payload, { openid, target: { kind: 'appointment', id }, input: { level }, now: Date.parse(`${at}+08:00`) })
}

test('a month of 8 ratings and 4 差评 read 2 rows at a time: every one counted, the next month’s first minute left out', async () => {
  const levels: RatingLevel[] = ['very_satisfied', 'satisfied', 'dissatisfied', 'very_dissatisfied', 'basic', 'dissatisfied', 'very_dissatisfied']
  for (const [i, level] of levels.entries()) await rate(`o-sum-${i}`, level, `2026-11-${String(2 + i).padStart(2, '0')}T10:00:00`)
  await rate('o-sum-next', 'dissatisfied', '2026-12-01T00:00:00') // Beijing December: not in November
  await rate('o-sum-last', 'satisfied', '2026-11-30T23:59:00') // still November in Beijing

  const paged = await loadMonthlySummary(payload, '2026-11', { pageSize: 2 })
  expect(paged.total).toBe(8)
  expect(paged.counts).toEqual({ very_satisfied: 1, satisfied: 2, basic: 1, dissatisfied: 2, very_dissatisfied: 2 })
  expect(paged.satisfactionRate).toBe(50)
  expect(paged.rectifications).toHaveLength(4)
  // The same as in one page.
  expect(await loadMonthlySummary(payload, '2026-11', { pageSize: 1000 })).toEqual(paged)
  expect((await loadMonthlySummary(payload, '2026-12', { pageSize: 1 })).total).toBe(1)
  await expect(loadMonthlySummary(payload, '2026-11', { pageSize: 0 })).rejects.toThrow(RangeError)
})
