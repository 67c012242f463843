import { startEmulator, type WeChatEmulator } from '../../src/dev/emulator'
import { ACCOUNT, api, createDraft, fetchToken, getJson, postJson, startTestEmulator, type Api } from './support'

let emulator: WeChatEmulator
let client: Api

beforeEach(async () => {
  emulator = await startTestEmulator()
  client = api(emulator, await fetchToken(emulator))
})
afterEach(async () => emulator.close())

const sendAll = (mediaId: string, clientmsgid: string) =>
  client.post('/cgi-bin/message/mass/sendall', { filter: { is_to_all: true }, mpnews: { media_id: mediaId }, msgtype: 'mpnews', clientmsgid })

describe('fault injection (API)', () => {
  test('drop-response: the send happens, the client sees a broken connection, the retry learns the msg_id via 45065', async () => {
    const draft = await createDraft(client)
    emulator.faults.dropNextResponses('/cgi-bin/message/mass/sendall', 1)
    await expect(sendAll(draft, 'weekly-1')).rejects.toThrow()
    const job = [...emulator.account().massJobs.values()][0]!
    expect(job).toBeDefined()
    expect(emulator.account().drafts.has(draft)).toBe(false)
    const entry = emulator.requestLog.find((e) => e.path === '/cgi-bin/message/mass/sendall')!
    expect(entry).toMatchObject({ fault: 'dropped', errcode: 0 })
    // Only the next call was affected; a too-fast retry is refused, a later one replays the msg_id.
    expect((await sendAll(draft, 'weekly-1')).errcode).toBe(45066)
    emulator.advanceClock(61_000)
    expect(await sendAll(draft, 'weekly-1')).toMatchObject({ errcode: 45065, msg_id: job.msgId })
  })

  test('systemErrorRate 1: every call answers -1 and does nothing', async () => {
    emulator.faults.set({ systemErrorRate: 1 })
    expect(await client.get('/cgi-bin/draft/count')).toEqual({ errcode: -1, errmsg: 'system error' })
    emulator.faults.clear()
    expect((await client.get('/cgi-bin/draft/count')).total_count).toBe(0)
  })

  test('http500Rate 1 limited to one path', async () => {
    emulator.faults.set({ http500Rate: 1, paths: ['/cgi-bin/draft/add'] })
    const url = new URL('/cgi-bin/draft/add', emulator.url)
    url.searchParams.set('access_token', await fetchToken(emulator))
    const response = await fetch(url, { method: 'POST', body: '{}' })
    expect(response.status).toBe(500)
    expect((await client.get('/cgi-bin/draft/count')).total_count).toBe(0)
    expect(emulator.requestLog.at(-2)).toMatchObject({ path: '/cgi-bin/draft/add', httpStatus: 500, fault: 'http-500' })
  })

  test('a share of failures follows the random source', async () => {
    await emulator.close()
    const rolls = [0.1, 0.9, 0.1, 0.9]
    emulator = await startEmulator({ faults: null, accounts: [ACCOUNT], random: () => rolls.shift() ?? 0.9 })
    client = api(emulator, await fetchToken(emulator))
    emulator.faults.set({ systemErrorRate: 0.5 })
    const answers = [await client.get('/cgi-bin/draft/count'), await client.get('/cgi-bin/draft/count'), await client.get('/cgi-bin/draft/count')]
    expect(answers.map((a) => a.errcode ?? 0)).toEqual([-1, 0, -1])
  })

  test('latency is added', async () => {
    emulator.faults.set({ latencyMs: 150 })
    const started = Date.now()
    await client.get('/cgi-bin/draft/count')
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
  })

  test('invalidate all tokens: 40001 until a new token is fetched', async () => {
    emulator.faults.invalidateAllTokens()
    expect((await client.get('/cgi-bin/draft/count')).errcode).toBe(40001)
    client = api(emulator, await fetchToken(emulator))
    expect((await client.get('/cgi-bin/draft/count')).total_count).toBe(0)
  })
})

describe('control endpoints over HTTP', () => {
  test('POST /__emulator/faults, GET /__emulator/log, POST /__emulator/reset', async () => {
    const current = await postJson(emulator, '/__emulator/faults', {
      systemErrorRate: 1,
      paths: ['/cgi-bin/menu/get'],
      dropResponses: { '/cgi-bin/draft/count': 2 },
    })
    expect(current).toMatchObject({ systemErrorRate: 1, paths: ['/cgi-bin/menu/get'], dropResponses: { '/cgi-bin/draft/count': 2 } })
    expect((await client.get('/cgi-bin/menu/get')).errcode).toBe(-1)

    const log = await getJson(emulator, '/__emulator/log')
    const entry = log.entries.at(-1)
    expect(entry).toMatchObject({ method: 'GET', path: '/cgi-bin/menu/get', errcode: -1, fault: 'system-error', appId: null })
    expect(entry.query.access_token).toBeUndefined()
    const tokenEntry = log.entries.find((e: { path: string }) => e.path === '/cgi-bin/token')
    expect(tokenEntry.query).toMatchObject({ appid: ACCOUNT.appId, secret: '***' })
    expect(JSON.stringify(log)).not.toContain(ACCOUNT.appSecret)

    await postJson(emulator, '/__emulator/faults', { invalidateTokens: true })
    expect((await client.post('/cgi-bin/draft/get', { media_id: 'x' })).errcode).toBe(40001)

    expect(await postJson(emulator, '/__emulator/reset', {})).toEqual({ ok: true })
    expect((await getJson(emulator, '/__emulator/log')).entries).toEqual([])
    expect((await getJson(emulator, '/__emulator/faults')).systemErrorRate).toBe(0)
  })

  test('the request log summarises bodies and records errcodes and appid', async () => {
    await client.post('/cgi-bin/draft/add', { articles: [{ title: 't', content: 'x'.repeat(5000) }] })
    const entry = emulator.requestLog.at(-1)!
    expect(entry).toMatchObject({ method: 'POST', path: '/cgi-bin/draft/add', errcode: 40007, httpStatus: 200, appId: ACCOUNT.appId })
    expect(JSON.stringify(entry.body).length).toBeLessThan(400)
    expect(typeof entry.time).toBe('number')
  })

  test('WECHAT_EMULATOR_FAULTS applies at start', async () => {
    const previous = process.env.WECHAT_EMULATOR_FAULTS
    process.env.WECHAT_EMULATOR_FAULTS = JSON.stringify({ systemErrorRate: 1, paths: ['/cgi-bin/draft/count'] })
    try {
      const fromEnv = await startEmulator({ accounts: [ACCOUNT] })
      try {
        const token = await fetchToken(fromEnv)
        expect((await api(fromEnv, token).get('/cgi-bin/draft/count')).errcode).toBe(-1)
      } finally {
        await fromEnv.close()
      }
    } finally {
      if (previous === undefined) delete process.env.WECHAT_EMULATOR_FAULTS
      else process.env.WECHAT_EMULATOR_FAULTS = previous
    }
  })

  test('POST-only routes refuse GET with 43002; unknown paths 404', async () => {
    expect((await client.get('/cgi-bin/message/mass/sendall')).errcode).toBe(43002)
    const response = await fetch(new URL('/cgi-bin/nope', emulator.url))
    expect(response.status).toBe(404)
    expect(emulator.errors).toEqual([])
  })
})
