/**
 * The analytics collections' reads and writes (server side, overrideAccess: the sync writes what
 * WeChat answered; nobody writes these through the API). Every row is upserted by its unique `key`,
 * so a re-run replaces rows instead of adding them.
 */
import type { Payload, PayloadRequest, Where } from 'payload'
import type { AnalyticsArticle, AnalyticsDay, AnalyticsSyncDay } from '../../payload-types'

type Slug = 'analytics-days' | 'analytics-articles' | 'analytics-sync-days'

export const dayKey = (accountId: string, date: string) => `${accountId}:${date}`
export const articleKey = (accountId: string, msgid: string) => `${accountId}:${msgid}`
export const syncDayKey = (accountId: string, date: string, endpoint: string) => `${accountId}:${date}:${endpoint}`

/** A database transaction's request part (`{}`: none). */
export type TxReq = Partial<PayloadRequest>

async function findByKey(payload: Payload, collection: Slug, key: string, req: TxReq = {}): Promise<Record<string, unknown> | null> {
  return (await payload.db.findOne({ collection, where: { key: { equals: key } }, req })) as Record<string, unknown> | null
}

/**
 * Runs `work` in one database transaction (one commit for a call's rows instead of one per row: on
 * SQLite each commit is a disk sync); rolled back when it throws. Without transaction support it runs as is.
 */
export async function inTransaction<T>(payload: Payload, work: (req: TxReq) => Promise<T>): Promise<T> {
  const transactionID = await payload.db.beginTransaction?.()
  if (!transactionID) return work({})
  try {
    const result = await work({ transactionID } as TxReq)
    await payload.db.commitTransaction(transactionID)
    return result
  } catch (error) {
    await payload.db.rollbackTransaction(transactionID)
    throw error
  }
}

/**
 * Creates the row with `key` or updates the fields given. Written through the database adapter:
 * these collections have no hooks and nobody edits them, and the sync writes thousands of rows
 * (a year's backfill), where Payload's full update operation cost ~20 ms a row (bench/analytics.ts).
 * Two writers creating the same key at once: the unique index refuses the second, which then
 * updates the row the first created.
 */
async function upsert(
  payload: Payload,
  collection: Slug,
  key: string,
  create: Record<string, unknown>,
  update: Record<string, unknown>,
  req: TxReq = {},
): Promise<void> {
  const now = new Date().toISOString()
  const existing = await findByKey(payload, collection, key, req)
  if (existing) {
    await payload.db.updateOne({ collection, id: existing.id as string, data: { ...update, updatedAt: now }, returning: false, req })
    return
  }
  try {
    await payload.db.create({ collection, data: { key, ...create, ...update, createdAt: now, updatedAt: now }, returning: false, req })
  } catch (error) {
    // Inside a transaction the failed insert may have ended it: the caller's transaction fails and is retried by the next run.
    const raced = await findByKey(payload, collection, key, req)
    if (!raced) throw error
    await payload.db.updateOne({ collection, id: raced.id as string, data: { ...update, updatedAt: now }, returning: false, req })
  }
}

/** Writes one report's fields of an account's day (the other reports' fields are left as they are). */
export async function saveDayFields(
  payload: Payload,
  accountId: string,
  date: string,
  fields: Record<string, unknown>,
  syncedAt = new Date(),
  req: TxReq = {},
): Promise<void> {
  await upsert(payload, 'analytics-days', dayKey(accountId, date), { account: accountId, date }, { ...fields, syncedAt: syncedAt.toISOString() }, req)
}

/** Writes an article's figures (the join's fields are kept: join.ts fills them). */
export async function saveArticle(payload: Payload, accountId: string, fields: { msgid: string }, req: TxReq = {}): Promise<void> {
  await upsert(payload, 'analytics-articles', articleKey(accountId, fields.msgid), { account: accountId }, { ...fields }, req)
}

export interface SyncDayRecord {
  status: 'ok' | 'failed' | 'pending'
  errcode?: number | null
  errmsg?: string | null
  rows?: number | null
  /** Counts as an attempt (a call was made): attempts + 1 and lastAttemptAt now. */
  attempted: boolean
}

/** Records the outcome for an account, day and endpoint in `analytics-sync-days`. */
export async function recordSyncDay(
  payload: Payload,
  accountId: string,
  date: string,
  endpoint: string,
  record: SyncDayRecord,
  now = new Date(),
  req: TxReq = {},
): Promise<void> {
  const key = syncDayKey(accountId, date, endpoint)
  const existing = (await findByKey(payload, 'analytics-sync-days', key, req)) as Pick<AnalyticsSyncDay, 'attempts'> | null
  const data: Record<string, unknown> = {
    status: record.status,
    errcode: record.errcode ?? null,
    errmsg: record.errmsg ?? null,
    rows: record.rows ?? null,
  }
  if (record.attempted) {
    data.attempts = (existing?.attempts ?? 0) + 1
    data.lastAttemptAt = now.toISOString()
  }
  await upsert(payload, 'analytics-sync-days', key, { account: accountId, date, endpoint }, data, req)
}

/** The account's sync-days rows from `from` to `to` (inclusive). */
export async function readSyncDays(payload: Payload, accountId: string, from: string, to: string): Promise<AnalyticsSyncDay[]> {
  const where: Where = { and: [{ account: { equals: accountId } }, { date: { greater_than_equal: from } }, { date: { less_than_equal: to } }] }
  const found = await payload.find({ collection: 'analytics-sync-days', where, pagination: false, depth: 0, overrideAccess: true, sort: 'date' })
  return found.docs
}

/** The account's day rows from `from` to `to`, oldest first. */
export async function readDays(payload: Payload, accountId: string, from: string, to: string): Promise<AnalyticsDay[]> {
  const where: Where = { and: [{ account: { equals: accountId } }, { date: { greater_than_equal: from } }, { date: { less_than_equal: to } }] }
  const found = await payload.find({ collection: 'analytics-days', where, pagination: false, depth: 0, overrideAccess: true, sort: 'date' })
  return found.docs
}

/** The account's article rows (optionally only those not yet joined to a push), by send date. */
export async function readArticles(payload: Payload, accountId: string, options: { unjoinedOnly?: boolean } = {}): Promise<AnalyticsArticle[]> {
  const and: Where[] = [{ account: { equals: accountId } }]
  // contentType is set with item (a polymorphic relationship cannot be queried with `exists`).
  if (options.unjoinedOnly) and.push({ or: [{ weeklyPush: { exists: false } }, { contentType: { exists: false } }] })
  const found = await payload.find({ collection: 'analytics-articles', where: { and }, pagination: false, depth: 0, overrideAccess: true, sort: 'sentDate' })
  return found.docs
}

/**
 * Claims the account's daily run for `date` (one `job` row in analytics-sync-days, created once:
 * the unique key refuses a second instance). A claim left `pending` by a run that died more than
 * `staleMs` ago is taken over with an atomic compare-and-set. True when this caller may run.
 */
export async function claimDailyRun(
  payload: Payload,
  accountId: string,
  date: string,
  owner: string,
  now = new Date(),
  staleMs = 30 * 60_000,
): Promise<boolean> {
  const key = syncDayKey(accountId, date, RUN_CLAIM_ENDPOINT)
  try {
    await payload.create({
      collection: 'analytics-sync-days',
      data: { key, account: accountId, date, endpoint: RUN_CLAIM_ENDPOINT, status: 'pending', errmsg: owner, attempts: 1, lastAttemptAt: now.toISOString() },
      depth: 0,
      overrideAccess: true,
    })
    return true
  } catch {
    const stale = new Date(now.getTime() - staleMs).toISOString()
    const taken = await payload.db.updateOne({
      collection: 'analytics-sync-days',
      where: { and: [{ key: { equals: key } }, { status: { equals: 'pending' } }, { lastAttemptAt: { less_than: stale } }] },
      data: { errmsg: owner, lastAttemptAt: now.toISOString() },
      options: { atomic: true },
    })
    return Boolean(taken)
  }
}

/** Marks the account's daily run for `date` done (ok) or failed, with a summary. */
export async function finishDailyRun(payload: Payload, accountId: string, date: string, ok: boolean, summary: string): Promise<void> {
  await recordSyncDay(payload, accountId, date, RUN_CLAIM_ENDPOINT, { status: ok ? 'ok' : 'failed', errmsg: summary, attempted: false })
}

/** The `endpoint` of the daily run's claim row (not a WeChat report). */
export const RUN_CLAIM_ENDPOINT = 'daily-run'
