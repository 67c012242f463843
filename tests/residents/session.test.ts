/**
 * The resident's signed session cookie and the `next` target of the return from WeChat: unit tests,
 * no database. Every refusal is checked against a value that is accepted when left alone.
 */
import { createHmac, randomBytes } from 'node:crypto'
import { DEFAULT_RESIDENT_PATH, safeResidentPath } from '../../src/services/residents/next-path'
import {
  cookieFromHeader,
  residentCookie,
  residentSessionKey,
  RESIDENT_SESSION_TTL_MS,
  signResidentSession,
  verifyResidentSession,
} from '../../src/services/residents/session'

const key = residentSessionKey('a'.repeat(40))
const identity = { openid: 'oResident0000000000000000001', appId: 'wxresidents000001' }
const now = Date.UTC(2026, 10, 30, 4, 0)

describe('the session cookie', () => {
  test('a signed session verifies to the openid and account, until it expires after 7 days', () => {
    const value = signResidentSession(identity, { key, now })
    expect(verifyResidentSession(value, { key, now })).toEqual(identity)
    expect(verifyResidentSession(value, { key, now: now + RESIDENT_SESSION_TTL_MS - 1 })).toEqual(identity)
    expect(RESIDENT_SESSION_TTL_MS).toBe(7 * 24 * 3600_000)
  })

  test('expired: refused from the moment of expiry', () => {
    const value = signResidentSession(identity, { key, now })
    expect(verifyResidentSession(value, { key, now: now + RESIDENT_SESSION_TTL_MS })).toBeNull()
    expect(verifyResidentSession(signResidentSession(identity, { key, now, ttlMs: 1000 }), { key, now: now + 1000 })).toBeNull()
  })

  test('tampered: another openid with the old signature, a changed signature, a truncated or extra part', () => {
    const value = signResidentSession(identity, { key, now })
    const [payload, signature] = value.split('.') as [string, string]
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), openid: 'oSomeoneElse' })).toString('base64url')
    expect(verifyResidentSession(`${forged}.${signature}`, { key, now })).toBeNull()
    const flipped = Buffer.from(signature, 'base64url')
    flipped[0] ^= 1
    expect(verifyResidentSession(`${payload}.${flipped.toString('base64url')}`, { key, now })).toBeNull()
    expect(verifyResidentSession(`${payload}.${signature.slice(0, -2)}`, { key, now })).toBeNull()
    expect(verifyResidentSession(`${value}.x`, { key, now })).toBeNull()
    expect(verifyResidentSession(payload, { key, now })).toBeNull()
  })

  test('signed under another key (another PAYLOAD_SECRET) is refused', () => {
    const other = residentSessionKey(randomBytes(32).toString('hex'))
    expect(verifyResidentSession(signResidentSession(identity, { key: other, now }), { key, now })).toBeNull()
    expect(verifyResidentSession(signResidentSession(identity, { key: other, now }), { key: other, now })).toEqual(identity)
  })

  test('the key is derived, never PAYLOAD_SECRET itself, and needs a secret of 32 characters', () => {
    expect(residentSessionKey('a'.repeat(40))).toHaveLength(32)
    expect(residentSessionKey('a'.repeat(40)).equals(Buffer.from('a'.repeat(32)))).toBe(false)
    const saved = process.env.PAYLOAD_SECRET
    process.env.PAYLOAD_SECRET = 'short'
    try {
      expect(() => residentSessionKey()).toThrow(/PAYLOAD_SECRET/)
    } finally {
      process.env.PAYLOAD_SECRET = saved
    }
  })

  test('garbage is refused without throwing', () => {
    for (const value of [null, undefined, '', '.', 'a.b', '%%%.%%%', 'x'.repeat(2000), `${Buffer.from('{"v":1}').toString('base64url')}.abc`]) {
      expect(verifyResidentSession(value, { key, now })).toBeNull()
    }
    // A validly signed payload of the wrong shape.
    const text = Buffer.from(JSON.stringify({ v: 1, openid: '', appId: 'wx', exp: now + 1000 })).toString('base64url')
    expect(verifyResidentSession(`${text}.${createHmac('sha256', key).update(text).digest('base64url')}`, { key, now })).toBeNull()
  })

  test('the cookie: httpOnly, SameSite=Lax, path /m, Secure only under an https PUBLIC_URL', () => {
    expect(residentCookie('m_session', 'v.s', 604800, 'https://wx.example.gov.cn')).toBe(
      'm_session=v.s; Path=/m; Max-Age=604800; HttpOnly; SameSite=Lax; Secure',
    )
    expect(residentCookie('m_session', 'v.s', 604800, 'http://localhost:3000')).toBe('m_session=v.s; Path=/m; Max-Age=604800; HttpOnly; SameSite=Lax')
    expect(residentCookie('m_session', '', 0, undefined)).toBe('m_session=; Path=/m; Max-Age=0; HttpOnly; SameSite=Lax')
    expect(cookieFromHeader('a=1; m_session=abc.def; b=2', 'm_session')).toBe('abc.def')
    expect(cookieFromHeader('xm_session=abc', 'm_session')).toBeNull()
    expect(cookieFromHeader(null, 'm_session')).toBeNull()
  })
})

describe('where the resident goes back to (no open redirect)', () => {
  test.each([
    ['/m/appointments', '/m/appointments'],
    ['/m/guides?q=%E5%B1%85%E4%BD%8F', '/m/guides?q=%E5%B1%85%E4%BD%8F'],
    ['/m/book/abc#top', '/m/book/abc'],
    ['/m', '/m'],
  ])('%s is kept', (value, expected) => {
    expect(safeResidentPath(value)).toBe(expected)
  })

  test.each([
    'https://evil.example/m/guides',
    '//evil.example/m/guides',
    '/\\evil.example/m/guides',
    '\\\\evil.example',
    '/m/../admin',
    '/m/%2e%2e/admin',
    '/admin',
    '/mm/guides',
    'javascript:alert(1)',
    '/m/\nguides',
    '/m/\tx',
    '',
    null,
    `/m/${'x'.repeat(600)}`,
  ])('%s is replaced by /m/guides', (value) => {
    expect(safeResidentPath(value)).toBe(DEFAULT_RESIDENT_PATH)
  })
})
