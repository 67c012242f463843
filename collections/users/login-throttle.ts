import { createHmac } from 'node:crypto'
import { APIError, AuthenticationError, type CollectionBeforeOperationHook, type Payload, type PayloadRequest } from 'payload'
import type { LoginThrottle } from '../../src/payload-types'
import { compareAndSet } from '../../src/shared/cas'
import { clientAddress } from '../../src/http/client-address'
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
 *
 * Each attempt is counted before its password is checked (an atomic compare-and-set, `reserve`)
 * and given back when it succeeds, so attempts sent in parallel are counted like attempts sent one
 * after another and cannot outrun the backoff. The address is the connection's, or the one a
 * trusted proxy reported (`TRUST_PROXY`, src/http/client-address.ts), never what the client claims.
 */

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
function backoffBaseMs(): number {
  const value = Number(process.env.LOGIN_BACKOFF_BASE_MS)
  return Number.isFinite(value) && value > 0 ? value : 1000
}

/** How long a key stays blocked after its `failures`-th failure in a row (0: not blocked). */
function blockMs(kind: keyof typeof POLICIES, failures: number): number {
  const { free, maxMs } = POLICIES[kind]
  if (failures < free) return 0
  return Math.min(maxMs, backoffBaseMs() * 2 ** Math.min(failures - free, 30))
}

const keyOf = (payload: Payload, kind: string, value: string): string =>
  `${kind}:${createHmac('sha256', payload.secret).update(`${kind}:${value}`).digest('hex')}`

async function findKey(payload: Payload, key: string): Promise<LoginThrottle | null> {
  return payload.db.findOne<LoginThrottle>({ collection: 'login-throttles', where: { key: { equals: key } } })
}

const secondsLeft = (doc: LoginThrottle | null, now: number): number => {
  const until = doc?.blockedUntil ? Date.parse(doc.blockedUntil) : 0
  return until > now ? Math.ceil((until - now) / 1000) : 0
}

/** A key's count as it was before an attempt reserved it, to give the attempt back. */
interface Reservation {
  kind: 'account' | 'address'
  key: string
  id: string | number
  /** What the attempt wrote: the count including it, and the block that count earns. */
  failures: number
  lastFailureAt: string
  blockMs: number
  previous: { failures: number; blockedUntil: string | null; lastFailureAt: string }
}

// Rounds of compare-and-set before an attempt gives up and is answered like a blocked one: each
// round one of the racing attempts wins, so this many attempts in flight at once on one key.
const MAX_ROUNDS = 50

/**
 * Reserves one attempt on a key before the password is checked, counting it as a failure (the
 * count is given back on success, see `release`). Compare-and-set on (failures, lastFailureAt):
 * of attempts racing on one key exactly one moves the count per round, so concurrent wrong
 * passwords are all counted, and once a count blocks the key the attempts still waiting are
 * refused without a password check — parallel guessing gets no more tries than serial guessing.
 * Answers the reservation, or the seconds the key is blocked for.
 */
async function reserve(payload: Payload, kind: 'account' | 'address', key: string, now: number): Promise<Reservation | number> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const existing = await findKey(payload, key)
    const wait = secondsLeft(existing, now)
    if (wait > 0) return wait
    const stale = !existing?.lastFailureAt || now - Date.parse(existing.lastFailureAt) > FORGET_AFTER_MS
    const failures = (stale ? 0 : (existing?.failures ?? 0)) + 1
    const ms = blockMs(kind, failures)
    const lastFailureAt = new Date(now).toISOString()
    const data = { failures, lastFailureAt, blockedUntil: ms > 0 ? new Date(now + ms).toISOString() : null }
    if (!existing) {
      try {
        const created = await payload.create({ collection: 'login-throttles', data: { key, kind, ...data }, overrideAccess: true, depth: 0 })
        return { kind, key, id: created.id, failures, lastFailureAt, blockMs: ms, previous: { failures: 0, blockedUntil: null, lastFailureAt } }
      } catch (error) {
        // The unique key: another attempt created it first; compete on it in the next round.
        if (await findKey(payload, key)) continue
        throw error
      }
    }
    const won = await compareAndSet(
      payload,
      'login-throttles',
      {
        and: [
          { id: { equals: existing.id } },
          existing.failures == null ? { failures: { exists: false } } : { failures: { equals: existing.failures } },
          { lastFailureAt: { equals: existing.lastFailureAt } },
        ],
      },
      data,
    )
    if (!won) continue
    const previous = { failures: existing.failures ?? 0, blockedUntil: existing.blockedUntil ?? null, lastFailureAt: existing.lastFailureAt! }
    return { kind, key, id: existing.id, failures, lastFailureAt, blockMs: ms, previous }
  }
  payload.logger.warn({ msg: 'login throttle: too many sign-in attempts racing on one key; answered as blocked', kind })
  return 1
}

/**
 * Gives back an attempt that turned out not to be a failure (the right password, or refused
 * because the other key is blocked): the count goes back to what it was, unless other attempts
 * counted meanwhile — then it goes down by one atomically and their block stands.
 */
async function release(payload: Payload, reservation: Reservation): Promise<void> {
  const { id, failures, lastFailureAt, previous } = reservation
  const back = await compareAndSet(
    payload,
    'login-throttles',
    { and: [{ id: { equals: id } }, { failures: { equals: failures } }, { lastFailureAt: { equals: lastFailureAt } }] },
    previous,
  )
  if (back) return
  await payload.db.updateOne({
    collection: 'login-throttles',
    where: { and: [{ id: { equals: id } }, { failures: { greater_than: 0 } }] },
    data: { failures: { $inc: -1 } },
    options: { atomic: true },
    returning: false,
  })
}

/**
 * Drops counts whose last failure is older than FORGET_AFTER_MS and that block nothing any more, so
 * that guessing many emails or addresses does not grow the table without end.
 */
async function forgetStale(payload: Payload, now = Date.now()): Promise<void> {
  const before = new Date(now - FORGET_AFTER_MS).toISOString()
  await payload.delete({
    collection: 'login-throttles',
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
function tooManyAttempts(req: PayloadRequest, seconds: number): APIError {
  const message = req.i18n?.language === 'en' ? `Too many failed sign-ins. Please try again in ${seconds} seconds.` : `登录失败次数过多，请 ${seconds} 秒后再试`
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
  const address = clientAddress(req)
  const keys = [
    // No address (the Local API, or a server that cannot tell, see src/http/client-address.ts): the account's limit alone.
    ...(address ? [{ kind: 'address' as const, key: keyOf(payload, 'address', address) }] : []),
    { kind: 'account' as const, key: keyOf(payload, 'account', email) },
  ]
  const reservations: Reservation[] = []
  for (const { kind, key } of keys) {
    const reserved = await reserve(payload, kind, key, now)
    if (typeof reserved === 'number') {
      // Blocked: not a failure of this attempt; the other key gets its count back.
      await Promise.all(reservations.map((reservation) => release(payload, reservation)))
      throw tooManyAttempts(req, reserved)
    }
    reservations.push(reserved)
  }

  const account = (await payload.db.findOne({ collection: 'users', where: { email: { equals: email } } })) as {
    hash?: unknown
    salt?: unknown
    active?: boolean | null
  } | null
  const matches = await verifyStoredPassword(account, password)
  if (!matches || !account || account.active === false) {
    // Already counted by the reservations.
    await forgetStale(payload, now)
    const blocked = Math.max(...reservations.map(({ blockMs: ms }) => (ms > 0 ? Math.ceil(ms / 1000) : 0)))
    if (blocked > 0) throw tooManyAttempts(req, blocked)
    throw new AuthenticationError(req.t)
  }
  // A success clears the account's count and gives the address its attempt back.
  for (const reservation of reservations) {
    // deleteMany: a concurrent success may have removed it already, which is not an error.
    if (reservation.kind === 'account') await payload.db.deleteMany({ collection: 'login-throttles', where: { id: { equals: reservation.id } } })
    else await release(payload, reservation)
  }
  return args
}
