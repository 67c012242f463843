/**
 * Limits on failed `绑定 <code>` attempts, kept in the database (collection `binding-attempts`) so
 * that every instance shares them: a rate-limiter-flexible store over Payload's database adapter,
 * whose increment is one atomic statement (`payload.db.updateOne` with `$inc` and
 * `options.atomic`, as src/shared/cas.ts does for claims).
 *
 * Why per account: a limit per openid alone let anyone who can sign callbacks use a fresh openid
 * per guess (~170 guesses a second). Now the account as a whole allows ACCOUNT_LIMITS failures —
 * whoever sends them — and each openid OPENID_LIMIT. With 8-digit codes living 10 minutes
 * (codes.ts), the at most 40 failures an hour give one live code a 40 / 10⁸ chance per hour.
 *
 * The trade-off: someone who sends wrong codes on purpose can use up the account's budget, and the
 * real staff member then waits until the window ends (at most 10 minutes, 1 hour while the hourly
 * budget is spent) and asks for a new code; never longer. The attempt is refused before the code is
 * looked at, so the budget cannot be spent and checked at once.
 */
import { createHmac } from 'node:crypto'
import type { Payload } from 'payload'
import type { BindingAttempt } from '../../payload-types'
import { RateLimiterRes, type IRateLimiterStoreOptions } from 'rate-limiter-flexible'
import RateLimiterStoreAbstract from 'rate-limiter-flexible/lib/RateLimiterStoreAbstract.js'

/** Failed attempts per account: 20 per 10 minutes and 40 per hour (points, seconds). */
export const ACCOUNT_LIMITS = [
  { points: 20, duration: 10 * 60 },
  { points: 40, duration: 60 * 60 },
] as const
/** Failed attempts per openid: 5 per 10 minutes. */
const OPENID_LIMIT = { points: 5, duration: 10 * 60 } as const

interface StoredCount {
  points: number
  expire: string | null
}

/**
 * rate-limiter-flexible's store interface (_upsert, _get, _delete) on a Payload collection. Times
 * come from `now` (milliseconds), so that a caller can pass the time it acts at.
 */
class RateLimiterPayload extends RateLimiterStoreAbstract {
  private readonly payload: Payload
  private readonly now: () => number

  constructor(options: Omit<IRateLimiterStoreOptions, 'storeClient'> & { payload: Payload; now: () => number }) {
    super({ ...options, storeClient: options.payload })
    this.payload = options.payload
    this.now = options.now
  }

  _getRateLimiterRes(_key: string, changedPoints: number, stored: StoredCount): RateLimiterRes {
    const expire = stored.expire ? Date.parse(stored.expire) : null
    return new RateLimiterRes(
      Math.max(this.points - stored.points, 0),
      expire === null ? -1 : Math.max(expire - this.now(), 0),
      stored.points,
      stored.points === changedPoints,
    )
  }

  async _get(key: string): Promise<StoredCount | null> {
    const found = await this.payload.db.findOne<BindingAttempt>({ collection: 'binding-attempts', where: { key: { equals: key } } })
    if (!found || (found.expire && Date.parse(found.expire) <= this.now())) return null
    return { points: Number(found.points), expire: found.expire ?? null }
  }

  async _delete(key: string): Promise<boolean> {
    await this.payload.delete({ collection: 'binding-attempts', where: { key: { equals: key } }, overrideAccess: true })
    return true
  }

  /** Adds `points` to the key's live window, or starts a new window; forceExpire (a block) sets both. */
  async _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<StoredCount> {
    const now = this.now()
    const nowIso = new Date(now).toISOString()
    const expire = msDuration > 0 ? new Date(now + msDuration).toISOString() : null
    const collection = 'binding-attempts'
    for (let attempt = 0; attempt < 5; attempt++) {
      if (!forceExpire) {
        // The live window: one atomic `points = points + n`.
        const added: unknown = await this.payload.db.updateOne({
          collection,
          where: { and: [{ key: { equals: key } }, { or: [{ expire: { exists: false } }, { expire: { greater_than: nowIso } }] }] },
          data: { points: { $inc: points }, updatedAt: nowIso },
          options: { atomic: true },
          returning: true,
        })
        if (added) {
          // The database API answers the stored row, typed only as Payload's `Document`.
          const row = added as BindingAttempt
          return { points: Number(row.points), expire: row.expire ?? null }
        }
      }
      // No live window: restart an expired one (the condition makes two instances restart it once)…
      const restarted = await this.payload.db.updateOne({
        collection,
        where: forceExpire ? { key: { equals: key } } : { and: [{ key: { equals: key } }, { expire: { less_than_equal: nowIso } }] },
        data: { points, expire, updatedAt: nowIso },
        options: { atomic: true },
        returning: true,
      })
      if (restarted) return { points, expire }
      // … or create the key; a concurrent create wins through the unique index, and we add to it.
      try {
        await this.payload.create({ collection, overrideAccess: true, depth: 0, data: { key, points, expire } })
        return { points, expire }
      } catch {
        // created meanwhile by another request: try the increment again
      }
    }
    throw new Error('绑定尝试计数写入失败，请稍后再试')
  }
}

const hashed = (payload: Payload, kind: string, value: string): string =>
  `${kind}:${createHmac('sha256', payload.secret).update(`binding-attempt:${kind}:${value}`).digest('hex')}`

/** The limiters for one attempt made at `nowMs`. */
function limiters(payload: Payload, nowMs: number) {
  const now = () => nowMs
  return [
    ...ACCOUNT_LIMITS.map((limit, index) => ({
      limiter: new RateLimiterPayload({ payload, now, keyPrefix: `account${index}`, ...limit }),
      kind: `account${index}` as const,
    })),
    { limiter: new RateLimiterPayload({ payload, now, keyPrefix: 'openid', ...OPENID_LIMIT }), kind: 'openid' as const },
  ]
}

/**
 * Takes one attempt from the account's and the openid's budgets before a code is checked. Answers
 * null when the attempt may go ahead, else the milliseconds until it may (the longest wait of the
 * spent budgets). Points taken for an attempt that succeeds are given back (attemptSucceeded), so
 * the budgets count failures.
 */
export async function takeBindingAttempt(payload: Payload, accountId: string, openid: string, nowMs = Date.now()): Promise<number | null> {
  let waitMs = 0
  for (const { limiter, kind } of limiters(payload, nowMs)) {
    try {
      await limiter.consume(hashed(payload, kind, kind === 'openid' ? openid : accountId))
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal
      waitMs = Math.max(waitMs, refusal.msBeforeNext)
    }
  }
  return waitMs > 0 ? waitMs : null
}

/** Gives back the points takeBindingAttempt took for an attempt that bound: a success is not a failure. */
export async function attemptSucceeded(payload: Payload, accountId: string, openid: string, nowMs = Date.now()): Promise<void> {
  for (const { limiter, kind } of limiters(payload, nowMs)) {
    if (kind === 'openid') await limiter.delete(hashed(payload, kind, openid))
    else await limiter.reward(hashed(payload, kind, accountId))
  }
}
