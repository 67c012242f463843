/**
 * 200 residents booking at once across 10 slots of capacity 5 (so 150 are refused): bookings per
 * second, p99 latency and the count of over-booked slots (must be 0), against Payload's plain
 * `create` of the same 200 appointments on the same database (no seat claim, no checks) — the
 * baseline, measured in the same run. Run from the project root:
 *
 *   node --conditions=production --import tsx bench/booking.ts
 *   BENCH_ROUNDS=5 …   (rounds, default 3; medians are printed)
 *
 * See bench/README.md for what the figures mean. Prints figures; asserts nothing.
 */
import { randomBytes } from 'node:crypto'
import { bookAppointment } from '../src/services/appointments/book'
import { generateBookingCode } from '../src/services/appointments/booking-code'
import { ApiError } from '../src/http/api-error'
import { startTestPayload } from '../tests/helpers/payload'
import { createBookingWorld, MONDAY_8AM, RESIDENT } from '../tests/appointments/helpers'

const RESIDENTS = 200
const CAPACITY = 5
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
/** Ten one-hour slots open at Monday 2026-12-07 08:00 under the helpers' rule (after the 2-hour cut-off). */
const SLOTS = [
  '2026-12-07|14:00-15:00',
  '2026-12-07|15:00-16:00',
  '2026-12-07|16:00-17:00',
  '2026-12-08|09:00-10:00',
  '2026-12-08|10:00-11:00',
  '2026-12-08|14:00-15:00',
  '2026-12-08|15:00-16:00',
  '2026-12-08|16:00-17:00',
  '2026-12-09|09:00-10:00',
  '2026-12-09|10:00-11:00',
]

process.env.PAYLOAD_SECRET ??= randomBytes(32).toString('hex')
const test = await startTestPayload()
const { payload } = test

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!
const median = (values: number[]) => percentile(values, 50)

interface Run {
  perSecond: number
  p99: number
  booked: number
  refused: number
  overBooked: number
}

async function timed(tasks: (() => Promise<'booked' | 'refused'>)[]): Promise<Omit<Run, 'overBooked'>> {
  const latencies: number[] = []
  let booked = 0
  let refused = 0
  const start = performance.now()
  await Promise.all(
    tasks.map(async (task) => {
      const began = performance.now()
      const outcome = await task()
      latencies.push(performance.now() - began)
      if (outcome === 'booked') booked++
      else refused++
    }),
  )
  const seconds = (performance.now() - start) / 1000
  return { perSecond: RESIDENTS / seconds, p99: percentile(latencies, 99), booked, refused }
}

async function overBookedSlots(rule: string): Promise<number> {
  let over = 0
  for (const slot of SLOTS) {
    const count = await payload.count({
      collection: 'appointments',
      where: { and: [{ slotKey: { equals: `rule-${rule}|${slot}` } }, { status: { equals: 'booked' } }] },
    })
    if (count.totalDocs > CAPACITY) over++
  }
  return over
}

async function ours(round: number): Promise<Run> {
  const world = await createBookingWorld(payload, `bo${round}`, CAPACITY)
  const run = await timed(
    Array.from({ length: RESIDENTS }, (_, n) => async () => {
      try {
        await bookAppointment(
          payload,
          { guideId: world.guide, slotKey: `rule-${world.rule}|${SLOTS[n % SLOTS.length]}`, ...RESIDENT },
          { kind: 'resident', openid: `o-bench-${round}-${n}` },
          MONDAY_8AM,
        )
        return 'booked'
      } catch (error) {
        if (error instanceof ApiError && error.code === 'slot-full') return 'refused'
        throw error
      }
    }),
  )
  return { ...run, overBooked: await overBookedSlots(world.rule) }
}

async function baseline(round: number): Promise<Run> {
  const world = await createBookingWorld(payload, `bb${round}`, CAPACITY)
  const run = await timed(
    Array.from({ length: RESIDENTS }, (_, n) => async () => {
      const [date, times] = SLOTS[n % SLOTS.length]!.split('|') as [string, string]
      const [start, end] = times.split('-') as [string, string]
      await payload.create({
        collection: 'appointments',
        overrideAccess: true,
        depth: 0,
        data: {
          bookingCode: generateBookingCode(),
          guide: world.guide,
          office: world.office,
          slotKey: `rule-${world.rule}|${date}|${times}`,
          slotDate: date,
          slotStart: start,
          slotEnd: end,
          slotStartsAt: new Date(`${date}T${start}:00+08:00`).toISOString(),
          slotEndsAt: new Date(`${date}T${end}:00+08:00`).toISOString(),
          status: 'booked',
          channel: 'online',
          openid: `o-base-${round}-${n}`,
          name: RESIDENT.name,
          mobile: RESIDENT.mobile,
          nameMasked: '张**',
          mobileMasked: '138****1234',
          requestKey: `base-${round}-${n}`,
        } as never,
      })
      return 'booked'
    }),
  )
  return { ...run, overBooked: await overBookedSlots(world.rule) }
}

const results: { ours: Run[]; baseline: Run[] } = { ours: [], baseline: [] }
try {
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the order so neither side always runs on the warmer database.
    const order = round % 2 === 0 ? (['ours', 'baseline'] as const) : (['baseline', 'ours'] as const)
    for (const side of order) {
      const run = side === 'ours' ? await ours(round) : await baseline(round)
      results[side].push(run)
      console.error(
        `round ${round + 1} ${side.padEnd(8)} ${run.perSecond.toFixed(0)} bookings/s, p99 ${run.p99.toFixed(0)} ms, booked ${run.booked}, refused ${run.refused}, over-booked slots ${run.overBooked}`,
      )
    }
  }
  const summary = (runs: Run[]) => ({ perSecond: median(runs.map((r) => r.perSecond)), p99: median(runs.map((r) => r.p99)) })
  const a = summary(results.ours)
  const b = summary(results.baseline)
  console.log(`\n${RESIDENTS} residents, ${SLOTS.length} slots × ${CAPACITY} seats, ${ROUNDS} rounds (medians)`)
  console.log(
    `bookAppointment    ${a.perSecond.toFixed(0).padStart(6)} /s   p99 ${a.p99.toFixed(0).padStart(5)} ms   booked ${results.ours.map((r) => r.booked).join('/')}`,
  )
  console.log(
    `payload.create     ${b.perSecond.toFixed(0).padStart(6)} /s   p99 ${b.p99.toFixed(0).padStart(5)} ms   (no seat claim: over-booked slots ${results.baseline.map((r) => r.overBooked).join('/')})`,
  )
  console.log(`ratio ours ÷ create: throughput ${(a.perSecond / b.perSecond).toFixed(2)}, p99 ${(a.p99 / b.p99).toFixed(2)}`)
  const over = results.ours.reduce((sum, run) => sum + run.overBooked, 0)
  console.log(over === 0 ? 'over-booked slots (ours): 0' : `!! over-booked slots (ours): ${over}`)
} finally {
  await test.close()
}
process.exit(0)
