/**
 * The resident's session on the pages inside WeChat (/m/…): who they are (the openid WeChat's web
 * authorisation gave, and the account it belongs to), kept in a signed cookie rather than in the
 * database — nothing is stored about a resident who only reads guides.
 *
 * The cookie value is `<payload>.<signature>`, both base64url: the payload is JSON
 * `{ v: 1, openid, appId, exp }` (exp in ms since the epoch), the signature HMAC-SHA256 over the
 * payload's base64url text with a key derived from PAYLOAD_SECRET (HKDF, its own `info`, so it is
 * never the key Payload signs staff logins with).
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto'
import { requireSecret } from '../../config/payload-secret'

/** The session cookie's name; the cookie's path is RESIDENT_COOKIE_PATH. */
export const RESIDENT_SESSION_COOKIE = 'm_session'
/** Every resident cookie is limited to the residents' pages. */
export const RESIDENT_COOKIE_PATH = '/m'
/** 7 days: a resident who opens the menu weekly is asked WeChat again (silently) about once a week. */
export const RESIDENT_SESSION_TTL_MS = 7 * 24 * 3600_000

/** Who the resident is: the openid under the account `appId`. */
export interface ResidentIdentity {
  openid: string
  appId: string
}

interface SessionPayload {
  v: 1
  openid: string
  appId: string
  /** Expiry, ms since the epoch. */
  exp: number
}

/** The HMAC key for resident sessions: 32 bytes derived from `secret` (default PAYLOAD_SECRET; throws when it is under 32 characters). */
export function residentSessionKey(secret: string = requireSecret()): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'street-office-cms', 'resident-session', 32))
}

const sign = (text: string, key: Buffer): string => createHmac('sha256', key).update(text).digest('base64url')

/**
 * The cookie value for `identity`, valid until `now + ttlMs` (ms). `key` from residentSessionKey().
 */
export function signResidentSession(identity: ResidentIdentity, options: { key?: Buffer; now?: number; ttlMs?: number } = {}): string {
  const key = options.key ?? residentSessionKey()
  const payload: SessionPayload = {
    v: 1,
    openid: identity.openid,
    appId: identity.appId,
    exp: (options.now ?? Date.now()) + (options.ttlMs ?? RESIDENT_SESSION_TTL_MS),
  }
  const text = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url')
  return `${text}.${sign(text, key)}`
}

/**
 * The identity in a cookie value, or null when it is missing, malformed, not signed with `key`
 * (tampered, or signed under another PAYLOAD_SECRET) or expired at `now`. Never throws on input.
 */
export function verifyResidentSession(value: string | null | undefined, options: { key?: Buffer; now?: number } = {}): ResidentIdentity | null {
  if (!value || value.length > 1024) return null
  const dot = value.indexOf('.')
  if (dot <= 0 || dot !== value.lastIndexOf('.')) return null
  const text = value.slice(0, dot)
  const given = Buffer.from(value.slice(dot + 1), 'base64url')
  const expected = Buffer.from(sign(text, options.key ?? residentSessionKey()), 'base64url')
  // Constant time: the signature is compared without revealing how much of it matched.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  let payload: Partial<SessionPayload>
  try {
    payload = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<SessionPayload>
  } catch {
    return null
  }
  if (payload?.v !== 1 || typeof payload.openid !== 'string' || payload.openid === '' || typeof payload.appId !== 'string' || typeof payload.exp !== 'number')
    return null
  if (payload.exp <= (options.now ?? Date.now())) return null
  return { openid: payload.openid, appId: payload.appId }
}

/**
 * The value of cookie `name` in a Cookie request header, or null. Only the first occurrence counts
 * (a browser sends the cookie with the most specific path first).
 */
export function cookieFromHeader(header: string | null | undefined, name: string): string | null {
  if (!header) return null
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() !== name) continue
    const raw = part.slice(eq + 1).trim()
    try {
      return decodeURIComponent(raw)
    } catch {
      return raw
    }
  }
  return null
}

/**
 * A Set-Cookie header value for a resident cookie: httpOnly, SameSite=Lax (the return from WeChat's
 * authorize page is a top-level navigation, which Lax allows), path /m, Secure when `publicUrl`
 * (default PUBLIC_URL) is https. `maxAgeSeconds` 0 deletes the cookie.
 */
export function residentCookie(name: string, value: string, maxAgeSeconds: number, publicUrl: string | undefined = process.env.PUBLIC_URL): string {
  const secure = /^https:\/\//i.test(publicUrl?.trim() ?? '')
  return [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${RESIDENT_COOKIE_PATH}`,
    `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ')
}
