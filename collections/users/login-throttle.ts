import { createHmac } from 'node:crypto'
import { APIError, AuthenticationError, type CollectionBeforeOperationHook, type Payload, type PayloadRequest } from 'payload'
import { verifyStoredPassword } from './password-hash'

/**
 * Sign-in throttling, in place of Payload's hard lock (`maxLoginAttempts`, which let five requests
 * lock the leader out for ten minutes and told an attacker which emails exist).
 *
 * Failures are counted per client address and per account (email) in `login-throttles`, shared by
 * every instance. The first `free` failures in a row cost nothing; each one after that blocks the
 * key for `LOGIN_BACKOFF_BASE_MS × 2^(failures − free)` (default base 1 s), up to a cap: 5 minutes
 * for an account (an attacker can slow the leader down, not lock her out for long) and 1 hour for an
 * address. A blocked key answers 429 「登录失败次数过多，请 X 秒后再试」 without checking the password.
 * A success clears the account's count; 24 hours without a failure clear any count.
 */
export const THROTTLE_COLLECTION = 'login-throttles'

interface Policy {
  free: number
  maxMs: number
}
const POLICIES: Record<'account' | 'address', Policy> = {
  account: { free: 5, maxMs: 5 * 60_000 },
  address: { free: 20, maxMs: 60 * 60_000 },
}
const FORGET_AFTER_MS = 24 * 60 * 60_000

/** Milliseconds; `LOGIN_BACKOFF_BASE_MS` (tests shorten it), 1 s by default. */
export function backoffBaseMs(): number {
  const value = Number(process.env.LOGIN_BACKOFF_BASE_MS)
  return Number.isFinite(value) && value > 0 ? value : 1000
}

/** How long a key stays blocked after its `failures`-th failure in a row (0: not blocked). */
export function blockMs(kind: keyof typeof POLICIES, failures: number): number {
  const { free, maxMs } = POLICIES[kind]
  if (failures < free) return 0
  return Math.min(maxMs, backoffBaseMs() * 2 ** Math.min(failures - free, 30))
}

/**
 * The client's address: the last `X-Forwarded-For` entry, which is the one the nearest proxy (or
 * Next itself, when there is none) saw. Earlier entries are the client's own claims.
 */
export function clientAddress(req: Pick<PayloadRequest, 'headers'>): string {
  const forwarded = req.headers?.get('x-forwarded-for') ?? ''
  const last = forwarded.split(',').map((part) => part.trim()).filter(Boolean).pop()
  return last ?? 'unknown'
}

const keyOf = (payload: Payload, kind: string, value: string): string =>
  `${kind}:${createHmac('sha256', payload.secret).update(`${kind}:${value}`).digest('hex')}`

interface ThrottleDoc {
  id: string | number
  key: string
  failures?: number | null
  blockedUntil?: string | null
  lastFailureAt?: string | null
}

async function findKey(payload: Payload, key: string): Promise<ThrottleDoc | null> {
  const { docs } = await payload.find({ collection: THROTTLE_COLLECTION as never, where: { key: { equals: key } }, limit: 1, depth: 0, overrideAccess: true })
  return (docs[0] as unknown as ThrottleDoc | undefined) ?? null
}

const secondsLeft = (doc: ThrottleDoc | null, now: number): number => {
  const until = doc?.blockedUntil ? Date.parse(doc.blockedUntil) : 0
  return until > now ? Math.ceil((until - now) / 1000) : 0
}

/** Counts one failure for the key; answers the seconds it is now blocked for (0: not blocked). */
async function recordFailure(payload: Payload, kind: 'account' | 'address', key: string, now: number): Promise<number> {
  const existing = await findKey(payload, key)
  const stale = !existing?.lastFailureAt || now - Date.parse(existing.lastFailureAt) > FORGET_AFTER_MS
  const failures = (stale ? 0 : (existing?.failures ?? 0)) + 1
  const ms = blockMs(kind, failures)
  const data = {
    key,
    kind,
    failures,
    lastFailureAt: new Date(now).toISOString(),
    blockedUntil: ms > 0 ? new Date(now + ms).toISOString() : null,
  }
  if (existing) await payload.update({ collection: THROTTLE_COLLECTION as never, id: existing.id, data: data as never, overrideAccess: true, depth: 0 })
  else await payload.create({ collection: THROTTLE_COLLECTION as never, data: data as never, overrideAccess: true, depth: 0 })
  await forgetStale(payload, now)
  return ms > 0 ? Math.ceil(ms / 1000) : 0
}

/**
 * Drops counts whose last failure is older than FORGET_AFTER_MS and that block nothing any more, so
 * that guessing many emails or addresses does not grow the table without end.
 */
export async function forgetStale(payload: Payload, now = Date.now()): Promise<void> {
  const before = new Date(now - FORGET_AFTER_MS).toISOString()
  await payload.delete({
    collection: THROTTLE_COLLECTION as never,
    where: {
      and: [
        { lastFailureAt: { less_than: before } },
        { or: [{ blockedUntil: { exists: false } }, { blockedUntil: { less_than: new Date(now).toISOString() } }] },
      ],
    },
    overrideAccess: true,
  })
}

/** The 429 a blocked sign-in gets, in the admin's language. */
export function tooManyAttempts(req: PayloadRequest, seconds: number): APIError {
  const message =
    req.i18n?.language === 'en'
      ? `Too many failed sign-ins. Please try again in ${seconds} seconds.`
      : `登录失败次数过多，请 ${seconds} 秒后再试`
  return new APIError(message, 429, { retryAfterSeconds: seconds }, true)
}

/**
 * `beforeOperation` on `users` for `login` (REST, GraphQL, the admin's form and the Local API all
 * run it). Refuses a blocked address or account with 429; otherwise checks the password itself, so
 * that an unknown email, a deactivated account and a wrong password all cost one password hash and
 * get Payload's own 401 「提供的电子邮件或密码不正确。」, and counts the failure. Only a correct password of an
 * active account reaches Payload's login, which then issues the session.
 */
export const throttleLogin: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'login') return args
  const data = (args as { data?: { email?: unknown; password?: unknown } }).data ?? {}
  const email = typeof data.email === 'string' ? data.email.toLowerCase().trim() : ''
  const password = data.password
  // Missing fields: Payload's own "required" validation answers.
  if (!email || typeof password !== 'string' || password.trim() === '') return args

  const { payload } = req
  const now = Date.now()
  const keys = [
    { kind: 'address' as const, key: keyOf(payload, 'address', clientAddress(req)) },
    { kind: 'account' as const, key: keyOf(payload, 'account', email) },
  ]
  const waits = await Promise.all(keys.map(async ({ key }) => secondsLeft(await findKey(payload, key), now)))
  const wait = Math.max(...waits)
  if (wait > 0) throw tooManyAttempts(req, wait)

  const account = (await payload.db.findOne({ collection: 'users', where: { email: { equals: email } } })) as
    | { hash?: unknown; salt?: unknown; active?: boolean | null }
    | null
  const matches = await verifyStoredPassword(account, password)
  if (!matches || !account || account.active === false) {
    const blocked = Math.max(...(await Promise.all(keys.map(({ kind, key }) => recordFailure(payload, kind, key, now)))))
    if (blocked > 0) throw tooManyAttempts(req, blocked)
    throw new AuthenticationError(req.t)
  }
  const accountKey = await findKey(payload, keys[1]!.key)
  if (accountKey) await payload.delete({ collection: THROTTLE_COLLECTION as never, id: accountKey.id, overrideAccess: true })
  return args
}
