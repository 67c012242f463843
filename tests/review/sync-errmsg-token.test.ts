/**
 * Review (security): a WeChat errmsg that echoes the request URL — `access_token=…` included — must
 * not reach `analytics-sync-days.errmsg`, which every staff member (editors too) reads over REST and
 * GraphQL. The client scrubs its log entries (SecretScrubber) but a WeChat answer's errmsg is kept
 * raw on the thrown WeChatApiError, and the sync stores it as it is.
 *
 * A real HTTP proxy in front of the emulator answers every datacube call the way WeChat answers a
 * malformed request, echoing the URL it was called with.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { clientForAccount } from '../../src/services/accounts/account-client'
import { executeSync } from '../../src/services/analytics/sync/run'
import { PASSWORD } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { startPayloadHttp, type PayloadHttp } from '../helpers/payload-http'
import { api, graphql, login } from '../helpers/server'
import { createPushWorld, type PushWorld } from '../push/helpers'

let t: TestPayload
let http: PayloadHttp
let world: PushWorld
let proxy: Server
let proxyUrl = ''
const seenTokens = new Set<string>()

beforeAll(async () => {
  t = await startTestPayload()
  http = await startPayloadHttp()
  world = await createPushWorld(t.payload, 0)
  proxy = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', async () => {
      const url = request.url ?? '/'
      if (url.startsWith('/datacube/')) {
        const token = new URL(url, 'http://x').searchParams.get('access_token')
        if (token) seenTokens.add(token)
        response.writeHead(200, { 'Content-Type': 'application/json' })
        response.end(JSON.stringify({ errcode: 47001, errmsg: `data format error hint: [POST ${url}] rid: 6748a1b2-review` }))
        return
      }
      const answer = await fetch(`${world.emulator.url}${url}`, {
        method: request.method,
        headers: { 'Content-Type': String(request.headers['content-type'] ?? 'application/json') },
        body: request.method === 'GET' || request.method === 'HEAD' ? undefined : new Uint8Array(Buffer.concat(chunks)),
      })
      response.writeHead(answer.status, { 'Content-Type': answer.headers.get('content-type') ?? 'application/json' })
      response.end(Buffer.from(await answer.arrayBuffer()))
    })
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
}, 120_000)

afterAll(async () => {
  await new Promise<void>((resolve) => proxy?.close(() => resolve()))
  await world?.emulator.close()
  await http?.close()
  await t?.close()
})

test('a failed datacube day keeps no access_token in analytics-sync-days.errmsg, for editors over REST and GraphQL', async () => {
  const client = await clientForAccount(t.payload, world.accountId, {
    baseUrl: proxyUrl,
    timeoutMs: 3000,
    retry: { maxAttempts: 1, baseDelayMs: 5, maxDelayMs: 10, rateLimitAttempts: 1, rateLimitDelayMs: 5 },
  })
  const report = await executeSync({
    payload: t.payload,
    accountId: world.accountId,
    client,
    plan: [{ endpoint: 'getusersummary', dates: ['2026-11-20'] }],
    join: false,
  })
  expect(report.daysFailed).toBe(1)
  expect(seenTokens.size).toBeGreaterThan(0)

  const editor = await login(http.url, world.fx.users.author.email, PASSWORD)
  const rest = await api(http.url, editor, 'GET', '/api/analytics-sync-days?depth=0&limit=50')
  expect(rest.status).toBe(200)
  expect(rest.body.docs.length).toBeGreaterThan(0)
  expect(rest.body.docs[0].status).toBe('failed')
  const gql = await graphql(http.url, editor, '{ AnalyticsSyncDays { docs { errmsg } } }')
  const answers = JSON.stringify(rest.body) + JSON.stringify(gql.body)
  for (const token of seenTokens) expect(answers).not.toContain(token)
  expect(answers).not.toMatch(/access_token=(?!\*\*\*)/)
}, 60_000)
