/**
 * The residents' rate limit of 微问政 (settings `maxPerHour`, `maxPerDay`), claimed atomically so that
 * suggestions sent at once cannot all pass a count taken before any of them is stored — with any number
 * of instances, on SQLite or MongoDB, like the seats of a slot (src/services/appointments/seats.ts).
 *
 * One `consultation-rate-counters` row per resident and window: the Beijing clock hour
 * (`h:2026-09-30T10:<hash>`) and the Beijing day (`d:2026-09-30:<hash>`), `<hash>` the first 24 hex of
 * sha256(openid) (the counter needs no openid). A claim is one conditional increment through
 * src/shared/cas.ts: `UPDATE … SET used = used + 1 WHERE key = ? AND used < limit`; the row is made at
 * the window's first claim (the key is unique, so two first claims cannot both make it). A suggestion
 * that is not stored after its claim (a duplicate, a refusal, a failure) gives it back.
 */
import { createHash } from 'node:crypto'
import type { CollectionSlug, Payload } from 'payload'
import { compareAndSet } from '../../shared/cas'
import { DAY_MS, SHANGHAI_OFFSET_MS } from '../../shared/time'

/** Not in src/payload-types.ts until the lead regenerates the types: the slug is cast at the Local API. */
const COUNTERS = 'consultation-rate-counters' as CollectionSlug
const HOUR_MS = 3600_000
/** Tries of one claim: only the first claim of a window, racing to make its row, may need a second. */
const MAX_ATTEMPTS = 5

export type RateWindow = 'hour' | 'day'

/** A window's counter: its key and when the window ends (epoch ms; the row may be deleted after). */
export interface RateBucket {
  window: RateWindow
  key: string
  endsAt: number
}

interface CounterRow {
  id: string | number
  key: string
  used: number
}

/**
 * The two windows of `openid` at `now` (epoch ms): the Beijing clock hour and the Beijing day. Pure.
 * Fixed windows rather than rolling ones: a counter per window is what one atomic statement can claim.
 */
export function rateBuckets(openid: string, now: number): [RateBucket, RateBucket] {
  const who = createHash('sha256').update(openid).digest('hex').slice(0, 24)
  const local = now + SHANGHAI_OFFSET_MS
  const hourStart = Math.floor(local / HOUR_MS) * HOUR_MS
  const dayStart = Math.floor(local / DAY_MS) * DAY_MS
  const stamp = new Date(hourStart).toISOString()
  return [
    { window: 'hour', key: `h:${stamp.slice(0, 13)}:${who}`, endsAt: hourStart + HOUR_MS - SHANGHAI_OFFSET_MS },
    { window: 'day', key: `d:${stamp.slice(0, 10)}:${who}`, endsAt: dayStart + DAY_MS - SHANGHAI_OFFSET_MS },
  ]
}

/** `used + by` in the database itself: both adapters turn `{ $inc }` into one atomic update. */
const increment = (by: number) => ({ $inc: by }) as unknown as number

async function findRow(payload: Payload, key: string): Promise<CounterRow | null> {
  const found = await payload.find({ collection: COUNTERS, where: { key: { equals: key } }, limit: 1, depth: 0, pagination: false, overrideAccess: true })
  return (found.docs[0] as unknown as CounterRow | undefined) ?? null
}

/** One claim on one window: 'ok', 'full' (`limit` used), or 'busy' (the row could be neither made nor claimed). */
async function claimBucket(payload: Payload, bucket: RateBucket, limit: number): Promise<'ok' | 'full' | 'busy'> {
  if (limit < 1) return 'full'
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const won = await compareAndSet(
      payload,
      COUNTERS,
      { and: [{ key: { equals: bucket.key } }, { used: { less_than: limit } }] },
      {
        used: increment(1),
      },
    )
    if (won) return 'ok'
    if (await findRow(payload, bucket.key)) return 'full'
    try {
      await payload.create({
        collection: COUNTERS,
        data: { key: bucket.key, used: 1, expiresAt: new Date(bucket.endsAt).toISOString() },
        overrideAccess: true,
        depth: 0,
      })
      return 'ok'
    } catch (error) {
      // Another suggestion made the row first (the key is unique): claim through it.
      if (!(await findRow(payload, bucket.key))) throw error
    }
  }
  return 'busy'
}

async function releaseBucket(payload: Payload, bucket: RateBucket): Promise<void> {
  await compareAndSet(payload, COUNTERS, { and: [{ key: { equals: bucket.key } }, { used: { greater_than: 0 } }] }, { used: increment(-1) })
}

export type RateClaim = { ok: true; release: () => Promise<void> } | { ok: false; window: RateWindow | 'busy' }

/**
 * Claims one suggestion of `openid` at `now` against `limits` (per Beijing hour and day): `ok` with
 * `release` (gives the claim back; for a suggestion finally not stored — call once), or which window
 * is full (`busy` when a counter could not be claimed, nothing taken). Never more than the limit, also
 * under requests at once on several instances.
 */
export async function claimSubmission(payload: Payload, openid: string, now: number, limits: { maxPerHour: number; maxPerDay: number }): Promise<RateClaim> {
  const [hour, day] = rateBuckets(openid, now)
  const first = await claimBucket(payload, hour, limits.maxPerHour)
  if (first !== 'ok') return { ok: false, window: first === 'full' ? 'hour' : 'busy' }
  const second = await claimBucket(payload, day, limits.maxPerDay).catch(async (error: unknown) => {
    await releaseBucket(payload, hour)
    throw error
  })
  if (second !== 'ok') {
    await releaseBucket(payload, hour)
    return { ok: false, window: second === 'full' ? 'day' : 'busy' }
  }
  let released = false
  return {
    ok: true,
    release: async () => {
      if (released) return
      released = true
      await Promise.all([releaseBucket(payload, hour), releaseBucket(payload, day)])
    },
  }
}

/**
 * Which window of `openid` at `now` is already full, or null — a cheap read (one query, nothing
 * claimed) for the checks before expensive work (the page before decoding photos, the chat's instant
 * reply); the claim in submitSuggestion still decides.
 */
export async function rateLimitReached(
  payload: Payload,
  openid: string,
  now: number,
  limits: { maxPerHour: number; maxPerDay: number },
): Promise<RateWindow | null> {
  const [hour, day] = rateBuckets(openid, now)
  const found = await payload.find({
    collection: COUNTERS,
    where: { key: { in: [hour.key, day.key] } },
    limit: 2,
    depth: 0,
    pagination: false,
    overrideAccess: true,
  })
  const used = new Map((found.docs as unknown as CounterRow[]).map((row) => [row.key, row.used]))
  if ((used.get(hour.key) ?? 0) >= limits.maxPerHour) return 'hour'
  if ((used.get(day.key) ?? 0) >= limits.maxPerDay) return 'day'
  return null
}

/** The Chinese refusal of a full window (or a busy counter). */
export function rateLimitMessage(window: RateWindow | 'busy', limits: { maxPerHour: number; maxPerDay: number }): string {
  if (window === 'busy') return '提交的人较多，请稍后再试'
  return `提交太频繁，请稍后再试（${window === 'hour' ? `每小时最多 ${limits.maxPerHour} 条` : `每天最多 ${limits.maxPerDay} 条`}）`
}

/** Deletes the counters whose window ended before `now` (the daily housekeeping); answers how many. */
export async function deleteEndedRateCounters(payload: Payload, now: number): Promise<number> {
  const deleted = await payload.delete({
    collection: COUNTERS,
    where: { expiresAt: { less_than: new Date(now).toISOString() } },
    overrideAccess: true,
    depth: 0,
  })
  return deleted.docs.length
}
