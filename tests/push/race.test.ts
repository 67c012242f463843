import { startTestPayload, type TestPayload } from '../helpers/payload'
import { acceptedSendalls, realSends, signOff } from './helpers'
import { beijing, createScheduledWorld, itemStates, type ScheduledWorld } from './scheduler-world'
import { startTickProcess, type TickAnswer } from './tick-processes'

// Two scheduler processes (real child processes, each with its own Payload on the same SQLite
// file) tick the same Thursday 18:00 slot at the same moment, week after week: the database claim
// lets exactly one of them send, and the emulator sees one accepted sendall per week.

let t: TestPayload
let world: ScheduledWorld

const WEEKS = [
  { week: '2026-W48', wednesday: '2026-11-25 10:00', thursday: '2026-11-26 18:00' },
  { week: '2026-W49', wednesday: '2026-12-02 10:00', thursday: '2026-12-03 18:00' },
  { week: '2026-W50', wednesday: '2026-12-09 10:00', thursday: '2026-12-10 18:00' },
  { week: '2026-W51', wednesday: '2026-12-16 10:00', thursday: '2026-12-17 18:00' },
]

beforeAll(async () => {
  t = await startTestPayload()
  world = await createScheduledWorld(t.payload, 6 * WEEKS.length)
}, 180_000)
afterAll(async () => {
  await world?.emulator.close()
  await t?.close()
}, 60_000)

const outcomeKind = (answer: TickAnswer) => ('error' in answer ? 'error' : (answer.report.outcome?.kind ?? answer.report.step))
const errorsOf = (answers: TickAnswer[]) => answers.flatMap((answer) => ('error' in answer ? [answer.error] : []))

interface RaceRound {
  week: string
  atSlot: TickAnswer[]
  minuteLater: TickAnswer[]
  acceptedSendallsAfter: number
  /** Whether the test process could still write while both schedulers were up, after the race. */
  writableAfterRace: string
}
const rounds: RaceRound[] = []

/** Can this Payload write now? 'ok', or the error (SQLITE_BUSY when another process holds a lock). */
async function probeWrite(): Promise<string> {
  try {
    await t.payload.update({ collection: 'wechat-accounts', id: world.accountId, data: { name: `测试服务号 ${Date.now()}` }, overrideAccess: true })
    return 'ok'
  } catch (error) {
    return String((error as { cause?: unknown }).cause ?? error)
  }
}

/**
 * Wednesday assembles (in the test process) and the leader signs off; two fresh scheduler
 * processes then tick Thursday 18:00 at the same moment, and again a minute later.
 */
async function raceThursday({ week, wednesday, thursday }: (typeof WEEKS)[number]): Promise<RaceRound> {
  await world.tickAt(wednesday)
  await signOff(t.payload, world.fx, (await world.push(week))!.id)
  const schedulers = await Promise.all(['process-a', 'process-b'].map((owner) => startTickProcess({ emulatorUrl: world.emulator.url, owner })))
  try {
    world.clock.now = beijing(thursday).getTime()
    const atSlot = await Promise.all(schedulers.map((scheduler) => scheduler.tick(beijing(thursday))))
    const later = new Date(beijing(thursday).getTime() + 60_000)
    world.clock.now = later.getTime()
    const minuteLater = await Promise.all(schedulers.map((scheduler) => scheduler.tick(later)))
    return { week, atSlot, minuteLater, acceptedSendallsAfter: acceptedSendalls(world.emulator), writableAfterRace: await probeWrite() }
  } finally {
    await Promise.all(schedulers.map((scheduler) => scheduler.stop()))
  }
}

describe('two scheduler processes tick the same Thursday slot at once, four weeks running', () => {
  beforeAll(async () => {
    for (const week of WEEKS) rounds.push(await raceThursday(week))
  }, 600_000)

  test('exactly one process sends each week: one accepted sendall per week, items sent', async () => {
    expect(rounds.map((round) => round.atSlot.filter((answer) => outcomeKind(answer) === 'sent').length)).toEqual(WEEKS.map(() => 1))
    expect(rounds.map((round) => round.acceptedSendallsAfter)).toEqual(WEEKS.map((_, index) => index + 1))
    for (const { week } of WEEKS) {
      const sent = (await world.push(week))!
      expect(sent).toMatchObject({ status: 'sent', claimedBy: null })
      expect((await itemStates(t.payload, sent)).every((item) => item.reviewStatus === 'sent' && item.pushedIn === sent.id)).toBe(true)
    }
    expect(realSends(world.emulator)).toBe(WEEKS.length)
    expect(world.emulator.requestLog.filter((entry) => entry.path === '/cgi-bin/message/mass/sendall')).toHaveLength(WEEKS.length)
  })

  test('a minute later, both processes find the week done', () => {
    expect(rounds.map((round) => round.minuteLater.map(outcomeKind))).toEqual(WEEKS.map(() => ['nothing', 'nothing']))
  })

  test('the losing process finds the claim taken instead of failing its tick with SQLITE_BUSY', () => {
    // Not a double send (the worker logs the failed tick and ticks again next minute), but with
    // the adapter's busyTimeout of 0 any write of either process — the winner's too, mid-send — can fail.
    expect(rounds.flatMap((round) => errorsOf(round.atSlot).map((error) => `${round.week}: ${error}`))).toEqual([])
    expect(rounds.map((round) => round.atSlot.map(outcomeKind).sort())).toEqual(WEEKS.map(() => [expect.stringMatching(/^(not-claimed|nothing)$/), 'sent']))
  })

  test('after the race the database stays writable for other processes (the web server, the next tick)', () => {
    expect(rounds.map((round) => `${round.week}: ${round.writableAfterRace}`)).toEqual(WEEKS.map(({ week }) => `${week}: ok`))
  })
})
