/**
 * The resident's identity through WeChat's silent web authorisation, against the emulator over HTTP
 * and a real Payload: the page that needs the resident redirects to the authorize URL with a state
 * bound to a cookie; WeChat's return exchanges the code once and sets the signed session; a reused
 * or unknown code, or a state from elsewhere, gets the Chinese page with 重新进入 (never a 500);
 * outside WeChat the page says to open it there. Route handlers are called with plain Requests.
 */
import type { Payload } from 'payload'
import { startEmulator, type WeChatEmulator } from '../../src/dev/emulator'
import { authCallbackResponse } from '../../src/app/(residents)/m/_lib/handlers'
import { myAppointmentsResponse } from '../../src/app/(residents)/m/_lib/appointment-handlers'
import { publicOrigin, residentSession } from '../../src/app/(residents)/m/_lib/session'
import { clientForAccount } from '../../src/services/accounts/account-client'
import { isRejectedOAuthCode, oauthAuthorizeUrl, WeChatApiError } from '../../src/wechat/client'
import { createAccount } from '../callback/helpers'
import { startTestPayload, type TestPayload } from '../helpers/payload'

const ACCOUNT = {
  appId: 'wxresidents000001',
  appSecret: 'residents-secret-000000000000001',
  token: 'residentstoken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  messageMode: 'safe' as const,
}
const ORIGIN = 'https://wx.example.gov.cn'
const IN_WECHAT =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.50(0x1800322c) NetType/WIFI Language/zh_CN'
const DESKTOP = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36'

let env: TestPayload
let payload: Payload
let emulator: WeChatEmulator

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  emulator = await startEmulator({ faults: null, accounts: [ACCOUNT] })
  process.env.WECHAT_API_BASE = emulator.url
  process.env.PUBLIC_URL = ORIGIN
  await createAccount(payload, { ...ACCOUNT, isDefault: true } as never)
}, 60_000)

afterAll(async () => {
  delete process.env.WECHAT_API_BASE
  delete process.env.PUBLIC_URL
  await emulator?.close()
  await env?.close()
})

const page = (path: string, init: { ua?: string; cookie?: string } = {}) =>
  new Request(`${ORIGIN}${path}`, { headers: { 'user-agent': init.ua ?? IN_WECHAT, ...(init.cookie ? { cookie: init.cookie } : {}) } })

const cookiePair = (setCookie: string) => setCookie.split(';')[0]!

/** The page → WeChat's authorize page (the emulator, as resident `openid`) → the return URL with code and state. */
async function authorizeAs(openid: string, path = '/m/appointments'): Promise<{ callbackUrl: string; stateCookie: string }> {
  const response = await myAppointmentsResponse(payload, page(path))
  expect(response.status).toBe(302)
  const location = response.headers.get('location')!
  const stateCookie = cookiePair(response.headers.get('set-cookie')!)
  // The emulator's authorize page approves at once; `openid` picks the resident (an emulator extension).
  const authorize = new URL(location.replace(/#wechat_redirect$/, ''))
  authorize.searchParams.set('openid', openid)
  const atWeChat = await fetch(authorize, { redirect: 'manual' })
  expect(atWeChat.status).toBe(302)
  return { callbackUrl: atWeChat.headers.get('location')!, stateCookie }
}

test('inside WeChat, a page that needs the resident redirects to the silent authorisation with a state bound to a cookie', async () => {
  const response = await myAppointmentsResponse(payload, page('/m/appointments'))
  expect(response.status).toBe(302)
  const location = response.headers.get('location')!
  expect(location).toMatch(new RegExp(`^${emulator.url}/connect/oauth2/authorize\\?appid=${ACCOUNT.appId}&redirect_uri=`))
  expect(location.endsWith('#wechat_redirect')).toBe(true)
  const url = new URL(location.replace(/#wechat_redirect$/, ''))
  expect(url.searchParams.get('scope')).toBe('snsapi_base')
  expect(url.searchParams.get('response_type')).toBe('code')
  expect(url.searchParams.get('redirect_uri')).toBe(`${ORIGIN}/m/auth/callback?next=%2Fm%2Fappointments`)
  const state = url.searchParams.get('state')!
  expect(state).toMatch(/^[0-9a-f]{32}$/)
  expect(response.headers.get('set-cookie')).toBe(`m_oauth_state=${state}; Path=/m; Max-Age=600; HttpOnly; SameSite=Lax; Secure`)
  // Without WECHAT_API_BASE the host is WeChat's own.
  expect(oauthAuthorizeUrl({ appId: 'wx1', redirectUri: 'https://a/b', state: 'abc', baseUrl: 'https://open.weixin.qq.com' })).toBe(
    'https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx1&redirect_uri=https%3A%2F%2Fa%2Fb&response_type=code&scope=snsapi_base&state=abc#wechat_redirect',
  )
})

test('the round trip: code → openid, the signed session cookie, back to the page, which then knows the resident', async () => {
  const { callbackUrl, stateCookie } = await authorizeAs('oResidentRoundTrip0000000001')
  const back = await authCallbackResponse(payload, new Request(callbackUrl, { headers: { cookie: stateCookie, 'user-agent': IN_WECHAT } }))
  expect(back.status).toBe(302)
  expect(back.headers.get('location')).toBe('/m/appointments')
  const cookies = back.headers.getSetCookie()
  const session = cookies.find((cookie) => cookie.startsWith('m_session='))!
  expect(session).toMatch(/; Path=\/m; Max-Age=604800; HttpOnly; SameSite=Lax; Secure$/)
  expect(cookies).toContainEqual('m_oauth_state=; Path=/m; Max-Age=0; HttpOnly; SameSite=Lax; Secure')
  const request = page('/m/appointments', { cookie: cookiePair(session) })
  expect(residentSession(request)).toEqual({ openid: 'oResidentRoundTrip0000000001', appId: ACCOUNT.appId })
  const appointments = await myAppointmentsResponse(payload, request)
  expect(appointments.status).toBe(200)
  expect(appointments.headers.get('cache-control')).toBe('private, no-store')
  const html = await appointments.text()
  expect(html).toContain('<html lang="zh-CN">')
  expect(html).toContain('暂无预约')
  expect(html).not.toContain('<script')
  // The session is as good outside WeChat once set (e.g. the lead's browser test).
  expect((await myAppointmentsResponse(payload, page('/m/appointments', { ua: DESKTOP, cookie: cookiePair(session) }))).status).toBe(200)
})

test('a code used twice (a reload, a forwarded link) gets the Chinese page with 重新进入, not a 500', async () => {
  const { callbackUrl, stateCookie } = await authorizeAs('oResidentReuse00000000000001')
  const request = () => new Request(callbackUrl, { headers: { cookie: stateCookie } })
  expect((await authCallbackResponse(payload, request())).status).toBe(302)
  const again = await authCallbackResponse(payload, request())
  expect(again.status).toBe(400)
  expect(again.headers.get('content-type')).toBe('text/html; charset=utf-8')
  const html = await again.text()
  expect(html).toContain('登录已失效')
  expect(html).toContain('已使用过或已过期')
  expect(html).toMatch(/<a class="weui-btn weui-btn_primary" href="\/m\/appointments">重新进入<\/a>/)
  expect(again.headers.getSetCookie().some((cookie) => cookie.startsWith('m_session='))).toBe(false)
})

test('an unknown code (40029) gets the same page; the facade types both refusals', async () => {
  const { callbackUrl, stateCookie } = await authorizeAs('oResidentUnknown000000000001')
  const forged = new URL(callbackUrl)
  forged.searchParams.set('code', 'not-a-code')
  const response = await authCallbackResponse(payload, new Request(forged, { headers: { cookie: stateCookie } }))
  expect(response.status).toBe(400)
  expect(await response.text()).toContain('重新进入')

  const client = await clientForAccount(payload)
  const invalid = await client.oauth.exchangeCode('not-a-code').catch((error: unknown) => error)
  expect(invalid).toBeInstanceOf(WeChatApiError)
  expect(invalid).toMatchObject({ errcode: 40029, meaning: '网页授权 code 无效或已过期（5 分钟内有效）' })
  expect(isRejectedOAuthCode(invalid)).toBe(true)
  const code = new URL(callbackUrl).searchParams.get('code')!
  expect(await client.oauth.exchangeCode(code)).toMatchObject({ openid: 'oResidentUnknown000000000001', scope: 'snsapi_base', expiresIn: 7200 })
  const used = await client.oauth.exchangeCode(code).catch((error: unknown) => error)
  expect(used).toMatchObject({ errcode: 40163 })
  expect(isRejectedOAuthCode(used)).toBe(true)
  expect(isRejectedOAuthCode(new WeChatApiError({ kind: 'wechat', errcode: 40125, errmsg: '', endpoint: '/sns/oauth2/access_token' }))).toBe(false)
})

test('a state that does not match the cookie (CSRF, another browser) is refused before the code is spent', async () => {
  const { callbackUrl, stateCookie } = await authorizeAs('oResidentState00000000000001')
  for (const cookie of [undefined, 'm_oauth_state=00000000000000000000000000000000']) {
    const refused = await authCallbackResponse(payload, new Request(callbackUrl, { headers: cookie ? { cookie } : {} }))
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('重新进入')
  }
  // The code was not exchanged: the right browser still signs in with it.
  const back = await authCallbackResponse(payload, new Request(callbackUrl, { headers: { cookie: stateCookie } }))
  expect(back.status).toBe(302)
})

test('the return never redirects off the residents’ pages (open redirect)', async () => {
  for (const next of ['https://evil.example/', '//evil.example/m/guides', '/\\evil.example', '/admin', '/m/../admin']) {
    const { callbackUrl, stateCookie } = await authorizeAs('oResidentNext000000000000001')
    const url = new URL(callbackUrl)
    url.searchParams.set('next', next)
    const back = await authCallbackResponse(payload, new Request(url, { headers: { cookie: stateCookie } }))
    expect(back.status).toBe(302)
    expect(back.headers.get('location')).toBe('/m/guides')
  }
  // The page's own `next` is kept as a path on this site.
  const response = await myAppointmentsResponse(payload, page('/m/appointments?x=1'))
  expect(new URL(response.headers.get('location')!.replace(/#wechat_redirect$/, '')).searchParams.get('redirect_uri')).toBe(
    `${ORIGIN}/m/auth/callback?next=%2Fm%2Fappointments%3Fx%3D1`,
  )
})

test('outside WeChat, without a session, the page says to open it in WeChat (and how)', async () => {
  const response = await myAppointmentsResponse(payload, page('/m/appointments', { ua: DESKTOP }))
  expect(response.status).toBe(200)
  const html = await response.text()
  expect(html).toContain('请在微信中打开')
  expect(html).toContain('微·服务')
  expect(html).not.toContain('暂无预约')
})

test('a tampered session or one of another account is not a resident: authorised again', async () => {
  const { callbackUrl, stateCookie } = await authorizeAs('oResidentTamper0000000000001')
  const back = await authCallbackResponse(payload, new Request(callbackUrl, { headers: { cookie: stateCookie } }))
  const session = cookiePair(back.headers.getSetCookie().find((cookie) => cookie.startsWith('m_session='))!)
  expect((await myAppointmentsResponse(payload, page('/m/appointments', { cookie: session }))).status).toBe(200)
  expect((await myAppointmentsResponse(payload, page('/m/appointments', { cookie: `${session.slice(0, -3)}abc` }))).status).toBe(302)
  await payload.update({
    collection: 'wechat-accounts',
    overrideAccess: true,
    where: { appId: { equals: ACCOUNT.appId } },
    data: { isDefault: false } as never,
  })
  const other = await createAccount(payload, { ...ACCOUNT, appId: 'wxresidents000002', isDefault: true } as never)
  try {
    expect((await myAppointmentsResponse(payload, page('/m/appointments', { cookie: session }))).status).toBe(302)
  } finally {
    await payload.delete({ collection: 'wechat-accounts', overrideAccess: true, id: other })
    await payload.update({
      collection: 'wechat-accounts',
      overrideAccess: true,
      where: { appId: { equals: ACCOUNT.appId } },
      data: { isDefault: true } as never,
    })
  }
})

test('the origin WeChat sends the resident back to: PUBLIC_URL, else the Host the browser used, never a malformed one', () => {
  const at = (host?: string) => new Request('http://localhost:3000/m/appointments', { headers: host ? { host } : {} })
  expect(publicOrigin(at('127.0.0.1:3000'), 'https://wx.example.gov.cn/admin')).toBe('https://wx.example.gov.cn')
  expect(publicOrigin(at('127.0.0.1:3000'), '')).toBe('http://127.0.0.1:3000')
  expect(publicOrigin(at('[::1]:3000'), '')).toBe('http://[::1]:3000')
  expect(publicOrigin(at('evil.example/x?'), '')).toBe('http://localhost:3000')
  expect(publicOrigin(at(), '')).toBe('http://localhost:3000')
})

/** A client whose exchange answers `answer` (or throws it): what the emulator cannot be made to say. */
const clientAnswering = (answer: unknown) => ({
  appId: ACCOUNT.appId,
  oauth: {
    exchangeCode: async () => {
      if (answer instanceof Error) throw answer
      return answer as never
    },
  },
})

test('WeChat’s snapshot mode (a virtual openid) makes no session and says to use the full service', async () => {
  const { callbackUrl, stateCookie } = await authorizeAs('oResidentSnapshot00000000001')
  const request = new Request(callbackUrl, { headers: { cookie: stateCookie } })
  const response = await authCallbackResponse(payload, request, {
    client: clientAnswering({ openid: 'oVirtual', scope: 'snsapi_base', accessToken: 't', expiresIn: 7200, refreshToken: 'r', isSnapshotUser: true }),
  })
  expect(response.status).toBe(200)
  expect(await response.text()).toContain('使用完整服务')
  expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith('m_session='))).toBe(false)
})

test('WeChat out of reach, or no account configured: a 503 page with 重新进入, never a 500', async () => {
  const { callbackUrl, stateCookie } = await authorizeAs('oResidentDown000000000000001')
  const down = new WeChatApiError({ kind: 'network', errcode: null, errmsg: 'ECONNREFUSED', endpoint: '/sns/oauth2/access_token' })
  const response = await authCallbackResponse(payload, new Request(callbackUrl, { headers: { cookie: stateCookie } }), { client: clientAnswering(down) })
  expect(response.status).toBe(503)
  const html = await response.text()
  expect(html).toContain('服务暂时不可用')
  expect(html).toContain('href="/m/appointments">重新进入')

  await payload.update({
    collection: 'wechat-accounts',
    overrideAccess: true,
    where: { appId: { equals: ACCOUNT.appId } },
    data: { isDefault: false } as never,
  })
  try {
    const page503 = await myAppointmentsResponse(payload, page('/m/appointments'))
    expect(page503.status).toBe(503)
    expect(await page503.text()).toContain('服务暂时不可用')
  } finally {
    await payload.update({
      collection: 'wechat-accounts',
      overrideAccess: true,
      where: { appId: { equals: ACCOUNT.appId } },
      data: { isDefault: true } as never,
    })
  }
})
