/**
 * 运行状态 on a real Payload (SQLite file, schema pushed): the facts as gathered, the scheduler's
 * heartbeat, a safe-mode account receiving a signed plain-mode request through the real callback
 * handler (accepted AND red on health), the last WeChat API error recorded from a real client call,
 * and one notification per problem with two evaluations at once.
 */
import fs from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import type { Payload } from 'payload'
import { runHealthCheck } from '../../../jobs/health-check'
import { clientForAccount } from '../../../src/services/accounts/account-client'
import { evaluateHealth } from '../../../src/services/health/evaluate'
import type { HealthCheck } from '../../../src/services/health/facts'
import type { WechatApiError } from '../../../src/payload-types'
import { gatherHealthFacts } from '../../../src/services/health/gather'
import { beat, endHeartbeat, HEARTBEAT_KEEP_MS } from '../../../src/services/health/heartbeat'
import { handleCallback } from '../../../src/wechat/callback/handler'
import { createAccount, importCallbackJournal, signedPost, testCallbackRuntime, textMessage, type TestAccountInput } from '../../callback/helpers'
import { startTestPayload, type TestPayload } from '../../helpers/payload'
import { healthyFacts, iso } from './facts-fixture'

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
const SAFE: TestAccountInput = { appId: 'wxhealthsafe000001', token: 'healthtoken', encodingAESKey: KEY, messageMode: 'safe' }
const RESIDENT = 'oResidentHealthCheck00000001'

let env: TestPayload
let payload: Payload
let accountId: string

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  accountId = await createAccount(payload, SAFE)
})
afterAll(async () => env?.close())

const checksNow = async (now = Date.now()): Promise<HealthCheck[]> => evaluateHealth(await gatherHealthFacts(payload, { now }), now)
const find = (checks: HealthCheck[], id: string): HealthCheck => {
  const found = checks.find((entry) => entry.id === id)
  if (!found) throw new Error(`no check ${id} in ${checks.map((entry) => entry.id).join(', ')}`)
  return found
}

test('gathered on a pushed test database: 开发模式 for the database, the account listed, a missing backup red', async () => {
  const backups = path.join(env.directory, 'backups')
  const previous = process.env.BACKUP_DIR
  process.env.BACKUP_DIR = backups
  try {
    const facts = await gatherHealthFacts(payload)
    expect(facts.database).toMatchObject({ reachable: true, adapter: 'sqlite', pushed: true })
    expect(facts.database.committed.length).toBeGreaterThan(0)
    expect(facts.accounts.map((account) => account.id)).toEqual([accountId])
    expect(facts.disks.map((disk) => disk.key)).toEqual(['database', 'media', 'resident-media'])
    expect(facts.disks.every((disk) => typeof disk.freeBytes === 'number' && disk.freeBytes > 0)).toBe(true)
    const checks = evaluateHealth(facts, Date.now())
    expect(find(checks, 'database')).toMatchObject({ status: 'ok', detail: expect.stringContaining('开发模式') })
    expect(find(checks, 'backup').status).toBe('red')

    // The backup contract: the newest cms-YYYYMMDD-HHmmss.tar.gz's mtime; other names do not count.
    fs.mkdirSync(backups, { recursive: true })
    fs.writeFileSync(path.join(backups, 'notes.txt'), 'x')
    expect((await gatherHealthFacts(payload)).backup.newestName).toBeNull()
    fs.writeFileSync(path.join(backups, 'cms-20261201-030000.tar.gz'), 'x')
    const old = new Date(Date.now() - 30 * 3600_000)
    fs.utimesSync(path.join(backups, 'cms-20261201-030000.tar.gz'), old, old)
    expect(find(await checksNow(), 'backup').status).toBe('warn')
    fs.writeFileSync(path.join(backups, 'cms-20261202-030000.tar.gz'), 'x')
    expect(find(await checksNow(), 'backup')).toMatchObject({ status: 'ok', detail: expect.stringContaining('cms-20261202-030000.tar.gz') })
  } finally {
    if (previous === undefined) delete process.env.BACKUP_DIR
    else process.env.BACKUP_DIR = previous
  }
})

test('followers: WeChat’s count from 统计分析 is evidence that a silent callback matters, though none are on record', async () => {
  const now = Date.parse('2026-12-01T04:00:00Z')
  expect(find(await checksNow(now), `wechat:${accountId}:callback`)).toMatchObject({ status: 'ok', detail: expect.stringContaining('暂无关注者记录') })
  // What the analytics sync stores from getusercumulate (the demo's emulator counts 100).
  const day = await payload.create({
    collection: 'analytics-days',
    overrideAccess: true,
    data: { key: `${accountId}:2026-11-29`, account: accountId, date: '2026-11-29', cumulateUser: 100 } as never,
  })
  try {
    const facts = await gatherHealthFacts(payload, { now })
    expect(facts.accounts[0]).toMatchObject({ followers: 0, wechatFollowers: { count: 100, date: '2026-11-29' } })
    expect(find(evaluateHealth(facts, now), `wechat:${accountId}:callback`)).toMatchObject({
      status: 'red',
      detail: '从未收到微信的消息或事件，关注者 100 人（微信统计，截至 11 月 29 日）',
    })
  } finally {
    await payload.delete({ collection: 'analytics-days', id: day.id, overrideAccess: true })
  }
})

test('the scheduler heartbeat: none → red; a beat → ok; missing for more than 3 minutes → red; a clean stop removes it', async () => {
  expect(find(await checksNow(), 'scheduler').status).toBe('red')
  const now = Date.now()
  const worker = { processId: 'testhost-4242', startedAt: iso(now - 3600_000), jobs: ['weekly-push', 'health-check'] }
  await beat(payload, worker, now)
  expect(find(await checksNow(now + 30_000), 'scheduler')).toMatchObject({ status: 'ok', detail: expect.stringContaining('testhost-4242') })
  // Four minutes without the next beat: dead.
  expect(find(await checksNow(now + 4 * 60_000), 'scheduler').status).toBe('red')
  // The next beat updates the same row (one row per process).
  await beat(payload, worker, now + 60_000)
  const rows = await payload.find({ collection: 'scheduler-heartbeats', overrideAccess: true, where: { processId: { equals: 'testhost-4242' } } })
  expect(rows.docs).toHaveLength(1)
  expect(rows.docs[0]).toMatchObject({ pid: 4242, jobs: ['weekly-push', 'health-check'] })
  // Another process's beat a day later prunes this one's row.
  await beat(payload, { ...worker, processId: 'otherhost-7' }, now + HEARTBEAT_KEEP_MS + 120_000)
  expect((await payload.count({ collection: 'scheduler-heartbeats', overrideAccess: true, where: { processId: { equals: 'testhost-4242' } } })).totalDocs).toBe(
    0,
  )
  await endHeartbeat(payload, 'otherhost-7')
  expect((await payload.count({ collection: 'scheduler-heartbeats', overrideAccess: true })).totalDocs).toBe(0)
})

test('a safe-mode account receiving a signed plain-mode request: the callback accepts it, and health shows it red with the console change', async () => {
  expect(find(await checksNow(), `wechat:${accountId}:mode`).status).toBe('ok')
  const runtime = testCallbackRuntime(payload)
  const nowSeconds = Math.floor(Date.now() / 1000)
  const request = signedPost(accountId, textMessage(RESIDENT, '明文模式的消息', '88001', nowSeconds), {
    timestamp: String(nowSeconds),
    mode: 'plain',
    account: SAFE,
  })
  const response = await handleCallback(accountId, request, runtime.deps)
  expect(response).toMatchObject({ status: 200, outcome: 'stored' })
  await runtime.modeMismatch.flush()
  await importCallbackJournal(payload)
  const stored = await payload.find({ collection: 'wechat-inbound', overrideAccess: true, where: { account: { equals: accountId } } })
  expect(stored.docs).toHaveLength(1)

  const facts = await gatherHealthFacts(payload)
  const account = facts.accounts.find((entry) => entry.id === accountId)!
  expect(account.modeMismatch).toMatchObject({ modeSeen: 'plain', configuredMode: 'safe', count: 1 })
  // The inbound row is the callback's last sign of life.
  expect(account.lastInboundAt).not.toBeNull()
  const mode = find(evaluateHealth(facts, Date.now()), `wechat:${accountId}:mode`)
  expect(mode.status).toBe('red')
  expect(mode.action).toContain('公众平台 → 设置与开发 → 基本配置 → 服务器配置 → 消息加解密方式')
  expect(mode.action).toContain('明文模式')
  await runtime.close?.()
})

describe('the last WeChat API error, from a real client call', () => {
  let server: Server
  let base: string
  let whitelisted = false
  beforeAll(async () => {
    // A WeChat that refuses this server's address (errcode 40164: IP not in the whitelist) until
    // `whitelisted`: then a token and an empty menu.
    server = createServer((request, response) => {
      const answer = !whitelisted
        ? { errcode: 40164, errmsg: 'invalid ip 203.0.113.9, not in whitelist' }
        : request.url?.includes('token')
          ? { access_token: 'health-test-token-0000000000001', expires_in: 7200 }
          : { menu: { button: [] } }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  test('a refused token fetch is recorded on the account (no secret) and reads red on health with the whitelist fix', async () => {
    const client = await clientForAccount(payload, accountId, { baseUrl: base, retry: { maxAttempts: 1 } })
    await expect(client.menu.get()).rejects.toMatchObject({ errcode: 40164 })
    // The record is written without delaying the call: wait for it.
    let row: WechatApiError | undefined
    for (let i = 0; i < 50 && !row; i++) {
      row = (await payload.find({ collection: 'wechat-api-errors', overrideAccess: true, depth: 0 })).docs[0]
      if (!row) await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(row).toMatchObject({ account: accountId, endpoint: '/cgi-bin/stable_token', errcode: 40164, kind: 'wechat' })
    expect(JSON.stringify(row)).not.toContain('test-secret-000000000000000000001')
    const checks = await checksNow()
    expect(find(checks, `wechat:${accountId}:token`)).toMatchObject({ status: 'red', action: expect.stringContaining('IP 白名单') })
    expect(find(checks, `wechat:${accountId}:api-error`).status).toBe('red')
    // A second error updates the same row.
    await expect(client.menu.get()).rejects.toMatchObject({ errcode: 40164 })
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect((await payload.count({ collection: 'wechat-api-errors', overrideAccess: true })).totalDocs).toBe(1)
  })

  test('the whitelist fixed: the next successful call clears both items, and the health check raises no alert for them', async () => {
    const errorAt = Date.now()
    whitelisted = true
    const client = await clientForAccount(payload, accountId, { baseUrl: base, retry: { maxAttempts: 1 } })
    await client.menu.get()
    // The success is written without delaying the call (the first after an error at once): wait for it.
    let row: WechatApiError | undefined
    for (let i = 0; i < 50 && !row?.lastSuccessAt; i++) {
      row = (await payload.find({ collection: 'wechat-api-errors', overrideAccess: true, depth: 0 })).docs[0]
      if (!row?.lastSuccessAt) await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(row).toMatchObject({ errcode: 40164, endpoint: '/cgi-bin/stable_token', lastSuccessEndpoint: '/cgi-bin/menu/get' })
    expect(Date.parse(row!.lastSuccessAt!)).toBeGreaterThanOrEqual(Date.parse(row!.at))
    const checks = await checksNow()
    expect(find(checks, `wechat:${accountId}:api-error`)).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^已恢复：.*menu\/get 成功/) })
    expect(find(checks, `wechat:${accountId}:token`).status).toBe('ok')
    // The 5-minute health check after the fix: nothing about WeChat is raised (a problem fixed before it was told is not told).
    const report = await runHealthCheck(payload, { now: errorAt + 60_000 })
    expect(report.raised.filter((id) => id.startsWith(`wechat:${accountId}:`)).filter((id) => /token|api-error/.test(id))).toEqual([])
    expect(report.raised).toContain('scheduler')
    // The other problems it raised (no scheduler here) are not this test's: the notification tests start clean.
    await payload.delete({ collection: 'health-alerts', overrideAccess: true, where: { checkId: { exists: true } } })

    // More successes within the minute: no further write (throttled); the row keeps the first.
    const first = row!.lastSuccessAt
    await client.menu.get()
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect((await payload.find({ collection: 'wechat-api-errors', overrideAccess: true, depth: 0 })).docs[0]!.lastSuccessAt).toBe(first)
  })
})

describe('one notification per problem', () => {
  const subjects = async (): Promise<string[]> =>
    (
      await payload.find({
        collection: 'notifications',
        overrideAccess: true,
        limit: 500,
        pagination: false,
        sort: 'createdAt',
        where: { relatedCollection: { equals: 'health-alerts' } },
      })
    ).docs.map((doc) => String(doc.subject))

  beforeAll(async () => {
    for (const [email, name] of [
      ['health-admin1@test.local', '管理员甲'],
      ['health-admin2@test.local', '管理员乙'],
    ]) {
      await payload.create({ collection: 'users', overrideAccess: true, data: { email, password: 'x-password-12345', name, role: 'admin' } as never })
    }
  })

  test('two evaluations at once: red told once per admin; still red: nothing; a day later: one reminder; recovered: told once', async () => {
    const t0 = Date.now()
    const red = healthyFacts({ heartbeats: [] })
    const [first, second] = await Promise.all([runHealthCheck(payload, { facts: red, now: t0 }), runHealthCheck(payload, { facts: red, now: t0 })])
    expect([...first.raised, ...second.raised]).toEqual(['scheduler'])
    let sent = await subjects()
    expect(sent).toHaveLength(2)
    expect(sent.every((subject) => subject === '【运行状态·故障】调度进程（每周推送、每日任务、备份）')).toBe(true)
    const body = (
      await payload.find({ collection: 'notifications', overrideAccess: true, limit: 1, where: { relatedCollection: { equals: 'health-alerts' } } })
    ).docs[0]!.body
    expect(body).toContain('npm run worker')
    expect(body).toContain('sudo systemctl start street-cms-worker')
    // What really stops (not the residents' messages: the callback server imports them itself).
    expect(body).toContain('居民留言照常由回调服务在约 30 秒后入库')
    // An e-mail is read away from the server: an absolute link, not 「（/admin/health）」.
    expect(body).toMatch(/运行状态：https?:\/\/[^/\s]+\/admin\/health$/)
    expect(body).not.toContain('（/admin/health）')

    // Still red five minutes later, twice at once: no new notification.
    await Promise.all([runHealthCheck(payload, { facts: red, now: t0 + 300_000 }), runHealthCheck(payload, { facts: red, now: t0 + 300_000 })])
    expect(await subjects()).toHaveLength(2)

    // Still red a day later: one reminder (per admin), by one of the two.
    const later = t0 + 24 * 3600_000 + 60_000
    const reminders = await Promise.all([runHealthCheck(payload, { facts: red, now: later }), runHealthCheck(payload, { facts: red, now: later })])
    expect(reminders.flatMap((report) => report.reminded)).toEqual(['scheduler'])
    sent = await subjects()
    expect(sent.filter((subject) => subject.startsWith('【运行状态·仍未恢复】'))).toHaveLength(2)

    // Recovered, evaluated twice at once: 「已恢复」 once per admin.
    const healthy = healthyFacts()
    const recovered = await Promise.all([
      runHealthCheck(payload, { facts: healthy, now: later + 300_000 }),
      runHealthCheck(payload, { facts: healthy, now: later + 300_000 }),
    ])
    expect(recovered.flatMap((report) => report.recovered)).toEqual(['scheduler'])
    sent = await subjects()
    expect(sent.filter((subject) => subject.startsWith('【运行状态·已恢复】'))).toHaveLength(2)
    expect(sent).toHaveLength(6)

    // Red again later: a new problem, told again.
    await runHealthCheck(payload, { facts: red, now: later + 600_000 })
    expect(await subjects()).toHaveLength(8)
    const alert = (await payload.find({ collection: 'health-alerts', overrideAccess: true, where: { checkId: { equals: 'scheduler' } } })).docs
    expect(alert).toHaveLength(1)
    expect(alert[0]).toMatchObject({ state: 'red' })
  })
})
