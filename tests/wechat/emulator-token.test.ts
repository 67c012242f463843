import type { WeChatEmulator } from '../../src/dev/emulator'
import { ACCOUNT, api, fetchToken, getJson, postJson, startTestEmulator } from './support'

const MINUTE = 60_000
let now = Date.parse('2026-03-02T02:00:00Z')
let emulator: WeChatEmulator

beforeEach(async () => {
  now = Date.parse('2026-03-02T02:00:00Z')
  emulator = await startTestEmulator({ clock: () => now })
})
afterEach(async () => emulator.close())

const draftCount = (token: string) => api(emulator, token).get('/cgi-bin/draft/count')

describe('/cgi-bin/token', () => {
  test('returns a long token that lasts 7200 s', async () => {
    const answer = await getJson(emulator, '/cgi-bin/token', { grant_type: 'client_credential', appid: ACCOUNT.appId, secret: ACCOUNT.appSecret })
    expect(answer.expires_in).toBe(7200)
    expect(answer.access_token.length).toBeGreaterThanOrEqual(100)
    expect(await draftCount(answer.access_token)).toEqual({ total_count: 0 })
  })

  test('bad grant_type, appid and secret', async () => {
    const base = { grant_type: 'client_credential', appid: ACCOUNT.appId, secret: ACCOUNT.appSecret }
    expect((await getJson(emulator, '/cgi-bin/token', { ...base, grant_type: 'password' })).errcode).toBe(40002)
    expect((await getJson(emulator, '/cgi-bin/token', { ...base, appid: 'wxnobody' })).errcode).toBe(40013)
    expect(await getJson(emulator, '/cgi-bin/token', { ...base, secret: 'wrong' })).toEqual({ errcode: 40125, errmsg: 'invalid appsecret' })
  })

  test('a new fetch invalidates the previous token after a 5-minute grace', async () => {
    const first = await fetchToken(emulator)
    now += MINUTE
    const second = await fetchToken(emulator)
    expect(second).not.toBe(first)
    now += 4 * MINUTE
    expect((await draftCount(first)).total_count).toBe(0)
    now += MINUTE + 1
    expect((await draftCount(first)).errcode).toBe(40001)
    expect((await draftCount(second)).total_count).toBe(0)
  })

  test('expired after 7200 s: 42001', async () => {
    const token = await fetchToken(emulator)
    now += 7200 * 1000
    expect(await draftCount(token)).toEqual({ errcode: 42001, errmsg: 'access_token expired' })
  })

  test('missing, malformed and unknown tokens', async () => {
    expect((await getJson(emulator, '/cgi-bin/draft/count')).errcode).toBe(41001)
    expect((await draftCount('not a token!')).errcode).toBe(40014)
    expect((await draftCount('A'.repeat(160))).errcode).toBe(40001)
  })
})

describe('/cgi-bin/stable_token', () => {
  const request = (extra: Record<string, unknown> = {}) =>
    postJson(emulator, '/cgi-bin/stable_token', { grant_type: 'client_credential', appid: ACCOUNT.appId, secret: ACCOUNT.appSecret, ...extra })

  test('normal mode returns the same token while valid, with the remaining lifetime', async () => {
    const first = await request()
    expect(first.expires_in).toBe(7200)
    now += 10 * MINUTE
    const second = await request()
    expect(second.access_token).toBe(first.access_token)
    expect(second.expires_in).toBe(7200 - 600)
  })

  test('normal mode refreshes in the last 5 minutes; the old token keeps working until it expires', async () => {
    const first = await request()
    now += 7200_000 - 4 * MINUTE
    const second = await request()
    expect(second.access_token).not.toBe(first.access_token)
    expect(second.expires_in).toBe(7200)
    expect((await draftCount(first.access_token)).total_count).toBe(0)
    now += 4 * MINUTE
    expect((await draftCount(first.access_token)).errcode).toBe(42001)
  })

  test('is isolated from /cgi-bin/token', async () => {
    const stable = await request()
    await fetchToken(emulator)
    now += 10 * MINUTE
    await fetchToken(emulator)
    expect((await draftCount(stable.access_token)).total_count).toBe(0)
    expect((await request()).access_token).toBe(stable.access_token)
  })

  test('force_refresh: new token, old one dead at once; within 30 s no refresh; at most 20 a day', async () => {
    const first = await request()
    const forced = await request({ force_refresh: true })
    expect(forced.access_token).not.toBe(first.access_token)
    expect((await draftCount(first.access_token)).errcode).toBe(40001)
    now += 10_000
    expect((await request({ force_refresh: true })).access_token).toBe(forced.access_token)
    for (let i = 1; i < 20; i++) {
      now += 31_000
      expect((await request({ force_refresh: true })).access_token).toBeDefined()
    }
    now += 31_000
    expect((await request({ force_refresh: true })).errcode).toBe(45009)
  })

  test('bad secret: 40125; bad appid: 40013', async () => {
    expect((await request({ secret: 'nope' })).errcode).toBe(40125)
    expect((await request({ appid: 'wxnobody' })).errcode).toBe(40013)
  })
})
