/**
 * A year of WeChat statistics for one account: how long the backfill takes against the time WeChat
 * itself spends answering, and how fast a year of the stored figures is read back. Run from the
 * project root:
 *
 *   node --conditions=production --import tsx bench/analytics.ts
 *   BENCH_LATENCY_MS=50 …      # WeChat's answer time per call (default 30 ms)
 *   BENCH_DAYS=365 …           # the range backfilled (default 365)
 *
 * See bench/README.md for what the figures mean. Prints figures; asserts nothing.
 */
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { clientForAccount } from '../src/services/accounts/account-client'
import { readArticles, readDays } from '../src/services/analytics/store'
import { backfillAccount, backfillCallCount } from '../src/services/analytics/sync/run'
import { DEMO_HISTORY_TITLES } from '../src/dev/emulator/history'
import { startEmulator } from '../src/dev/emulator'
import { addDays } from '../src/shared/time'
import { startTestPayload } from '../tests/helpers/payload'
import { startPayloadHttp } from '../tests/helpers/payload-http'
import { api, login } from '../tests/helpers/server'

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 30)
const DAYS = Number(process.env.BENCH_DAYS ?? 365)
const QUERY_ROUNDS = 20
/** Requests to the dashboard's data endpoint, one after another, for its p99. */
const ENDPOINT_ROUNDS = Number(process.env.BENCH_ENDPOINT_ROUNDS ?? 100)
const ENDPOINT_P99_TARGET_MS = 300
// Monday 2026-11-30 09:00 Beijing: figures up to Sunday are out.
const NOW = Date.parse('2026-11-30T01:00:00Z')
const TO = '2026-11-29'
const FROM = addDays(TO, -(DAYS - 1))

process.env.PAYLOAD_SECRET ??= randomBytes(32).toString('hex')
const account = {
  appId: 'wxbenchstats0001',
  appSecret: 'bench-secret-00000000000000000002',
  token: 'benchtoken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  originalId: 'gh_benchstats01',
  type: 'service' as const,
  messageMode: 'plain' as const,
  followerCount: 500,
}

const test = await startTestPayload()
const { payload } = test
// A year and a bit of history: every Thursday a send of five articles, followers joining and leaving.
const emulator = await startEmulator({
  clock: () => NOW,
  faults: { latencyMs: LATENCY_MS },
  accounts: [account],
  history: { days: DAYS + 14, titles: DEMO_HISTORY_TITLES },
})

const ms = (value: number) => `${value.toFixed(0)} ms`
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
/** The value below which `share` of the sorted values lie (nearest rank). */
const percentile = (values: number[], share: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * share) - 1)]!

try {
  const created = await payload.create({
    collection: 'wechat-accounts',
    data: {
      name: '压测服务号',
      appId: account.appId,
      appSecret: account.appSecret,
      token: account.token,
      encodingAESKey: account.encodingAESKey,
      isDefault: true,
      type: 'service',
    },
  })
  const accountId = String(created.id)
  const client = await clientForAccount(payload, accountId, { baseUrl: emulator.url, logger: { log: () => {} } })
  await client.tokens.current()

  console.log(`backfill ${FROM} … ${TO} (${DAYS} days), WeChat answering in ${LATENCY_MS} ms per call, ${backfillCallCount(FROM, TO)} calls planned`)
  const logStart = emulator.requestLog.length
  const started = performance.now()
  const report = await backfillAccount({ payload, accountId, client, now: () => new Date(NOW), from: FROM, to: TO })
  const wall = performance.now() - started
  const calls = emulator.requestLog.slice(logStart).filter((entry) => entry.path.startsWith('/datacube/'))
  const answerSum = calls.reduce((sum, entry) => sum + entry.durationMs, 0)
  const byReport = new Map<string, number>()
  for (const call of calls) byReport.set(call.path.slice('/datacube/'.length), (byReport.get(call.path.slice('/datacube/'.length)) ?? 0) + 1)
  console.log(`  calls by report: ${[...byReport].map(([name, count]) => `${name} ${count}`).join(', ')}`)
  console.log(`  days ok ${report.daysOk}, failed ${report.daysFailed}; article rows ${(await readArticles(payload, accountId)).length}`)
  console.log(`  wall time                          ${ms(wall)}`)
  console.log(`  WeChat's answer times (emulator)   ${ms(answerSum)}   (${calls.length} calls × ${LATENCY_MS} ms latency = ${ms(calls.length * LATENCY_MS)})`)
  console.log(`  wall / WeChat's answer times       ${(wall / answerSum).toFixed(2)} ×`)
  // The next call overlaps the previous answer's writes, so the client's own call times say little;
  // what the backfill costs beyond WeChat is the difference.
  console.log(`  beyond WeChat (wall − answers)     ${ms(wall - answerSum)}   (${((wall - answerSum) / DAYS).toFixed(1)} ms per day)`)

  // Reading a year back. Baseline: Payload's find of one day row, the floor of any read.
  const time = async (read: () => Promise<unknown>) => {
    const durations: number[] = []
    for (let round = 0; round < QUERY_ROUNDS; round++) {
      const start = performance.now()
      await read()
      durations.push(performance.now() - start)
    }
    return median(durations)
  }
  const baseline = await time(() => readDays(payload, accountId, TO, TO))
  const yearDays = await time(() => readDays(payload, accountId, FROM, TO))
  const yearArticles = await time(() => readArticles(payload, accountId))
  console.log(`reading the stored figures back (median of ${QUERY_ROUNDS})`)
  console.log(`  one day row (baseline)             ${baseline.toFixed(1)} ms`)
  console.log(`  a year of day rows                 ${yearDays.toFixed(1)} ms   (${(yearDays / baseline).toFixed(1)} × baseline)`)
  console.log(`  every article row                  ${yearArticles.toFixed(1)} ms   (${(yearArticles / baseline).toFixed(1)} × baseline)`)

  // The dashboard's data endpoint over real HTTP, signed in as a leader, for the whole year: what the
  // 统计分析 page waits for. Baseline: the same server answering a one-row REST read of analytics-days.
  const http = await startPayloadHttp()
  try {
    await payload.create({
      collection: 'users',
      data: { email: 'bench-leader@example.test', password: 'bench-password-0001', name: '压测领导', role: 'leader' } as never,
    })
    const session = await login(http.url, 'bench-leader@example.test', 'bench-password-0001')
    const timeRequests = async (pathname: string) => {
      const durations: number[] = []
      for (let round = 0; round < ENDPOINT_ROUNDS; round++) {
        const start = performance.now()
        const answer = await api(http.url, session, 'GET', pathname)
        durations.push(performance.now() - start)
        if (answer.status !== 200) throw new Error(`${pathname} answered ${answer.status}`)
      }
      return { p50: percentile(durations, 0.5), p99: percentile(durations, 0.99) }
    }
    const restOne = await timeRequests('/api/analytics-days?limit=1&depth=0')
    const overview = await timeRequests(`/api/analytics/overview?account=${accountId}&from=${FROM}&to=${TO}`)
    console.log(`the dashboard's data endpoint, a year's range (${ENDPOINT_ROUNDS} requests one after another)`)
    console.log(`  REST read of one row (baseline)    p50 ${restOne.p50.toFixed(1)} ms   p99 ${restOne.p99.toFixed(1)} ms`)
    console.log(
      `  GET /api/analytics/overview        p50 ${overview.p50.toFixed(1)} ms   p99 ${overview.p99.toFixed(1)} ms   (p99 ${(overview.p99 / restOne.p99).toFixed(1)} × baseline; target p99 < ${ENDPOINT_P99_TARGET_MS} ms)`,
    )
    if (overview.p99 >= ENDPOINT_P99_TARGET_MS) console.log(`!! the overview's p99 ${overview.p99.toFixed(0)} ms is not under ${ENDPOINT_P99_TARGET_MS} ms`)
  } finally {
    await http.close()
  }
  if (report.daysFailed > 0) console.log(`!! ${report.daysFailed} account/day/report outcomes failed`)
} finally {
  await emulator.close()
  await test.close()
}
process.exit(0)
