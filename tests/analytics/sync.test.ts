import type { Payload } from 'payload'
import { clientForAccount } from '../../src/services/accounts/account-client'
import { runDailyAnalyticsSync } from '../../src/services/analytics/sync/daily'
import { backfillAccount, syncAccount } from '../../src/services/analytics/sync/run'
import { DATACUBE_REPORTS } from '../../src/wechat/client/datacube'
import { assembleWeek } from '../../src/services/push/assemble'
import { itemRefs } from '../../src/services/push/item-refs'
import { sendWeeklyPush } from '../../src/services/push/send'
import { DEFAULT_PUSH_SETTINGS } from '../../src/services/push/settings'
import { readPush } from '../../src/services/push/store'
import { daysBetween } from '../../src/shared/time'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { createPushWorld, signOff, type PushWorld } from '../push/helpers'

// The analytics sync against the emulator over HTTP, after a real weekly push was sent: the push's
// items get WeChat's figures, re-runs add no rows, a failed day is recorded and retried, the backfill
// keeps every call within its report's span.

let t: TestPayload
let world: PushWorld
let pushId: string
const DAY = 86_400_000
// Thursday 2026-11-26 18:00 Beijing: the week's send.
const SEND_AT = Date.parse('2026-11-26T10:00:00Z')
// Monday 2026-11-30 09:00 Beijing: figures up to Sunday 11-29 are out.
const SYNC_AT = Date.parse('2026-11-30T01:00:00Z')
// The push world's 20 followers (subscribed long ago) and one who follows on 2026-11-19.
const FOLLOWERS = 21

const testRetry = { maxAttempts: 1, baseDelayMs: 5, maxDelayMs: 10, rateLimitAttempts: 1, rateLimitDelayMs: 5 }

async function client(payload: Payload) {
  return clientForAccount(payload, world.accountId, { baseUrl: world.emulator.url, timeoutMs: 3000, retry: testRetry })
}
const now = () => new Date(world.emulator.now())
const count = async (collection: 'analytics-days' | 'analytics-articles' | 'analytics-sync-days') =>
  (await t.payload.count({ collection, where: { account: { equals: world.accountId } }, overrideAccess: true })).totalDocs
const syncDays = async (endpoint: string, date: string) =>
  (
    await t.payload.find({
      collection: 'analytics-sync-days',
      where: { and: [{ account: { equals: world.accountId } }, { endpoint: { equals: endpoint } }, { date: { equals: date } }] },
      overrideAccess: true,
    })
  ).docs
const dayRow = async (date: string) =>
  (
    await t.payload.find({
      collection: 'analytics-days',
      where: { and: [{ account: { equals: world.accountId } }, { date: { equals: date } }] },
      overrideAccess: true,
    })
  ).docs[0]
const articles = async () =>
  (await t.payload.find({ collection: 'analytics-articles', where: { account: { equals: world.accountId } }, sort: 'index', overrideAccess: true, depth: 0 }))
    .docs

beforeAll(async () => {
  t = await startTestPayload()
  // The emulator's followers subscribed a week before the send.
  world = await createPushWorld(t.payload, 5, { clock: () => SEND_AT - 7 * DAY })
  await world.emulator.simulateUserMessage('onewresident0000000000000001', { msgType: 'event', event: 'subscribe' })
  world.emulator.advanceClock(7 * DAY)
  const { push } = await assembleWeek(t.payload, { accountId: world.accountId, week: '2026-W48', now: new Date(SEND_AT), settings: DEFAULT_PUSH_SETTINGS })
  await signOff(t.payload, world.fx, push.id)
  const gateway = await world.gatewayFor(t.payload, world.accountId)
  const outcome = await sendWeeklyPush({
    payload: t.payload,
    pushId: push.id,
    gateway,
    settings: DEFAULT_PUSH_SETTINGS,
    owner: 'test',
    finalAttempt: false,
    now: () => new Date(SEND_AT),
  })
  expect(outcome).toMatchObject({ kind: 'sent' })
  world.emulator.completeMassJobs()
  pushId = push.id
  world.emulator.advanceClock(SYNC_AT - SEND_AT)
}, 90_000)
afterAll(async () => {
  await world?.emulator.close()
  await t?.close()
})

test("the daily run: the push's items get their figures, equal to what the emulator computes, joined to the push", async () => {
  const results = await runDailyAnalyticsSync(t.payload, {
    owner: 'a',
    now,
    accountId: world.accountId,
    clientOptions: { baseUrl: world.emulator.url, retry: testRetry },
  })
  expect(results).toEqual([expect.objectContaining({ outcome: 'synced' })])
  const report = results[0]!.outcome === 'synced' ? results[0]!.report : null
  expect(report).toMatchObject({ daysFailed: 0, quotaExhausted: false })

  const push = (await readPush(t.payload, pushId))!
  const refs = itemRefs(push.items)
  const rows = await articles()
  expect(rows).toHaveLength(refs.length)
  for (const row of rows) {
    const index = row.index!
    // The emulator's model: 60% of the targets read article 1 in the end, article n gets 1/n of it,
    // 60 / 25 / 10 / 5 % of them on the send day and the three days after.
    const total = Math.floor((FOLLOWERS * 0.6) / index)
    const perDay = [0.6, 0.25, 0.1, 0.05].map((share) => Math.floor(total * share))
    expect(row).toMatchObject({
      msgDataId: push.wechat!.msgDataId,
      msgid: `${push.wechat!.msgDataId}_${index}`,
      sentDate: '2026-11-26',
      statUpTo: '2026-11-29',
      targetUser: FOLLOWERS,
      readUser: perDay.reduce((a, b) => a + b, 0),
      readUserDay1: perDay[0],
      readUserDay3: perDay[0]! + perDay[1]! + perDay[2]!,
      readUserDay7: null,
      weeklyPush: pushId,
      item: { relationTo: refs[index - 1]!.relationTo, value: refs[index - 1]!.value },
      contentType: refs[index - 1]!.relationTo,
    })
    const item = await t.payload.findByID({ collection: refs[index - 1]!.relationTo, id: refs[index - 1]!.value, depth: 0 })
    expect(row.community).toBe((item as { community: string }).community)
    expect((row.daily as unknown[]).length).toBe(4)
  }

  // The account's day: followers on the send day, and the day's reads (getuserread's total: the
  // articles with at least 3 interactions that day).
  const sendDay = await dayRow('2026-11-26')
  const counted = rows.map((row) => (row.daily as Array<{ readUser: number }>)[0]!.readUser).filter((readers) => readers >= 3)
  expect(sendDay).toMatchObject({ cumulateUser: FOLLOWERS, readUser: counted.reduce((a, b) => a + b, 0) })
  expect(await dayRow('2026-11-19')).toMatchObject({
    newUser: 1,
    cancelUser: 0,
    netUser: 1,
    newUserBySource: { '30': { new: 1, cancel: 0 } },
    cumulateUser: FOLLOWERS,
  })
  expect(await dayRow('2026-11-18')).toMatchObject({ newUser: 0, netUser: 0, cumulateUser: FOLLOWERS - 1 })
  expect((await syncDays('getuserread', '2026-11-29'))[0]).toMatchObject({ status: 'ok', attempts: 1 })

  // A second scheduler the same day finds the run claimed and calls nothing.
  const calls = world.emulator.requestLog.length
  expect(await runDailyAnalyticsSync(t.payload, { owner: 'b', now, accountId: world.accountId, clientOptions: { baseUrl: world.emulator.url } })).toEqual([
    { accountId: world.accountId, outcome: 'claimed-elsewhere' },
  ])
  expect(world.emulator.requestLog.length).toBe(calls)
}, 120_000)

test('re-running replaces the rows: same rows, same figures, no duplicates', async () => {
  const before = { days: await count('analytics-days'), articles: await count('analytics-articles'), syncDays: await count('analytics-sync-days') }
  const figuresBefore = (await articles()).map((row) => [row.msgid, row.readUser, row.weeklyPush])
  const report = await syncAccount({ payload: t.payload, accountId: world.accountId, client: await client(t.payload), now })
  expect(report.daysFailed).toBe(0)
  expect(report.calls.length).toBeGreaterThan(0)
  expect({ days: await count('analytics-days'), articles: await count('analytics-articles'), syncDays: await count('analytics-sync-days') }).toEqual(before)
  expect((await articles()).map((row) => [row.msgid, row.readUser, row.weeklyPush])).toEqual(figuresBefore)
}, 120_000)

test('a gap day: 45009 for one day is recorded failed (the rest pending), 61501 failed, and the next run fetches them', async () => {
  // Forget the last three days, as if the scheduler had been down.
  await t.payload.delete({
    collection: 'analytics-sync-days',
    where: { and: [{ account: { equals: world.accountId } }, { date: { greater_than_equal: '2026-11-27' } }, { endpoint: { not_equals: 'daily-run' } }] },
    overrideAccess: true,
  })
  world.emulator.faults.apply({
    datacubeErrors: [
      { path: '/datacube/getuserread', date: '2026-11-28', errcode: 61501 },
      { path: '/datacube/getusershare', date: '2026-11-27', errcode: 45009 },
    ],
  })
  const first = await syncAccount({ payload: t.payload, accountId: world.accountId, client: await client(t.payload), now })
  expect(first.quotaExhausted).toBe(true)
  expect((await syncDays('getuserread', '2026-11-28'))[0]).toMatchObject({ status: 'failed', errcode: 61501 })
  expect((await syncDays('getusershare', '2026-11-27'))[0]).toMatchObject({ status: 'failed', errcode: 45009 })
  // After the quota ran out nothing more was asked: the articles' days are pending, not silently skipped.
  expect((await syncDays('getarticletotal', '2026-11-29'))[0]).toMatchObject({ status: 'pending', errcode: 45009 })
  expect(first.daysPending).toBeGreaterThan(0)

  world.emulator.faults.clear()
  const second = await syncAccount({ payload: t.payload, accountId: world.accountId, client: await client(t.payload), now })
  expect(second).toMatchObject({ daysFailed: 0, daysPending: 0 })
  expect((await syncDays('getuserread', '2026-11-28'))[0]).toMatchObject({ status: 'ok', errcode: null, attempts: 2 })
  expect((await syncDays('getusershare', '2026-11-27'))[0]).toMatchObject({ status: 'ok' })
  expect((await syncDays('getarticletotal', '2026-11-29'))[0]).toMatchObject({ status: 'ok' })
}, 120_000)

test('backfill over a range longer than every span: each call within its span, every day once per report', async () => {
  const from = '2026-10-20'
  const to = '2026-11-29'
  const logStart = world.emulator.requestLog.length
  const report = await backfillAccount({ payload: t.payload, accountId: world.accountId, client: await client(t.payload), now, from, to })
  expect(report.daysFailed).toBe(0)
  const calls = world.emulator.requestLog.slice(logStart).filter((entry) => entry.path.startsWith('/datacube/'))
  const covered = new Map<string, number>()
  for (const call of calls) {
    const report = call.path.slice('/datacube/'.length) as keyof typeof DATACUBE_REPORTS
    const body = call.body as { begin_date: string; end_date: string }
    const span = daysBetween(body.begin_date, body.end_date) + 1
    expect(span).toBeLessThanOrEqual(DATACUBE_REPORTS[report].maxDays)
    expect(call.errcode).toBe(0)
    covered.set(report, (covered.get(report) ?? 0) + span)
  }
  const days = daysBetween(from, to) + 1
  expect(Object.fromEntries(covered)).toEqual({ getusersummary: days, getusercumulate: days, getuserread: days, getusershare: days, getarticletotal: days })
  expect(calls.filter((call) => call.path === '/datacube/getusersummary')).toHaveLength(Math.ceil(days / 7))
  expect(await count('analytics-days')).toBeGreaterThanOrEqual(days)
  expect((await dayRow('2026-10-20'))!.cumulateUser).toBe(FOLLOWERS - 1)
}, 180_000)

test('rows synced before their push knew its msgDataId are joined by a later run', async () => {
  const { joinArticles } = await import('../../src/services/analytics/join')
  const push = (await readPush(t.payload, pushId))!
  const msgDataId = push.wechat!.msgDataId!
  // As if the sync ran between the send and the moment the push stored its msg_data_id.
  await t.payload.db.updateOne({ collection: 'weekly-pushes', id: pushId, data: { wechat: { ...push.wechat, msgDataId: null } } })
  for (const row of await articles()) {
    await t.payload.update({
      collection: 'analytics-articles',
      id: row.id,
      data: { weeklyPush: null, item: null, contentType: null, community: null },
      overrideAccess: true,
    })
  }
  expect(await joinArticles(t.payload, world.accountId)).toMatchObject({ checked: 5, joined: 0, unmatched: [msgDataId] })
  expect((await articles()).every((row) => row.weeklyPush === null || row.weeklyPush === undefined)).toBe(true)

  await t.payload.db.updateOne({ collection: 'weekly-pushes', id: pushId, data: { wechat: { ...push.wechat, msgDataId } } })
  expect(await joinArticles(t.payload, world.accountId)).toMatchObject({ checked: 5, joined: 5, unmatched: [] })
  expect((await articles()).map((row) => row.weeklyPush)).toEqual(Array(5).fill(pushId))
  // Joined rows are not looked at again.
  expect(await joinArticles(t.payload, world.accountId)).toMatchObject({ checked: 0 })
}, 60_000)

test('the backfill command: a summary in Chinese, exit 4 with the failed days named, 0 once they are fetched', async () => {
  const { runBackfill } = await import('../../src/cli/analytics/run')
  const account = { id: world.accountId, name: '测试服务号', appId: world.appId }
  const clientOptions = { baseUrl: world.emulator.url, retry: testRetry }
  world.emulator.faults.apply({ datacubeErrors: [{ path: '/datacube/getusercumulate', date: '2026-11-10', errcode: 61501 }] })
  const lines: string[] = []
  /** November backfilled as `npm run analytics:backfill -- --from 2026-11-01 --to 2026-11-29` would, its lines kept. */
  const backfillNovember = () =>
    runBackfill({
      payload: t.payload,
      account,
      options: { from: '2026-11-01', to: '2026-11-29' },
      out: (line) => lines.push(line),
      progress: false,
      now,
      clientOptions,
    })
  const failed = await backfillNovember()
  expect(failed.code).toBe(4)
  const text = lines.join('\n')
  expect(text).toContain('补数据：2026-11-01 至 2026-11-29')
  expect(text).toContain('进度 100%')
  expect(text).toContain('失败 7 项')
  // WeChat's reason in Chinese first (the client's meaning), its own words and the errcode after it.
  expect(text).toMatch(/getusercumulate 2026-11-08~2026-11-14：日期范围不正确（.*）（错误码 61501）/)
  expect(text).toContain('每日同步（北京时间 8:30）会自动重试')

  // A wrong AppSecret: no retry can succeed — the summary says to fix the account, and promises no retry.
  world.emulator.faults.clear()
  world.emulator.faults.apply({ datacubeErrors: [{ path: '/datacube/getusercumulate', date: '2026-11-10', errcode: 40125 }] })
  lines.length = 0
  const wrongSecret = await backfillNovember()
  expect(wrongSecret.code).toBe(4)
  const wrong = lines.join('\n')
  expect(wrong).toMatch(/：AppSecret 不正确（.*）（错误码 40125）/)
  expect(wrong).toContain('公众号的设置有误（AppSecret 不正确')
  expect(wrong).toContain('在 微信 → 公众号 中改正')
  expect(wrong).not.toContain('自动重试')
  // The run stops at the first setup error: one failed call, the rest recorded as not called.
  expect(wrong.match(/ ✗ /g)).toHaveLength(1)
  expect(wrong).toMatch(/未调用 [1-9]\d* 项/)
  world.emulator.faults.clear()
  lines.length = 0
  const ok = await backfillNovember()
  expect(ok.code).toBe(0)
  expect(lines.join('\n')).toContain('失败 0 项')
}, 120_000)

test('two schedulers starting the same day at once: one claims the run and calls WeChat, the other does nothing', async () => {
  world.emulator.advanceClock(DAY) // Tuesday 09:00: Monday's figures are out
  const logStart = world.emulator.requestLog.length
  const options = (owner: string) => ({ owner, now, accountId: world.accountId, clientOptions: { baseUrl: world.emulator.url, retry: testRetry } })
  const [a, b] = await Promise.all([runDailyAnalyticsSync(t.payload, options('a')), runDailyAnalyticsSync(t.payload, options('b'))])
  expect([a[0]!.outcome, b[0]!.outcome].sort()).toEqual(['claimed-elsewhere', 'synced'])
  // (A day later the stored token has expired: WeChat's 42001 and the retry with a new one are not a second call.)
  const summaries = world.emulator.requestLog.slice(logStart).filter((entry) => entry.path === '/datacube/getusersummary' && entry.errcode === 0)
  expect(summaries).toHaveLength(1)
  expect(summaries[0]!.body).toMatchObject({ begin_date: '2026-11-30', end_date: '2026-11-30' })
  expect((await syncDays('daily-run', '2026-12-01'))[0]).toMatchObject({ status: 'ok' })
}, 120_000)
