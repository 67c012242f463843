/**
 * The analytics sync's executor: fetches the planned reports from WeChat, each call within its
 * report's span, writes the figures (a day replaced whole, rows upserted by key) and records every
 * account/day/endpoint outcome in `analytics-sync-days` — failures with WeChat's errcode, so the next
 * run retries them. Then joins the article rows to their weekly pushes (join.ts).
 */
import type { Payload } from 'payload'
import type { WeChatClient } from '../../../wechat/client'
import type { ArticleTotalRow } from '../../../wechat/client/datacube'
import { isSetupErrcode } from '../../../wechat/client/errors'
import { addDays, shanghaiDate, shanghaiHour } from '../../../shared/time'
import { joinArticles, type JoinReport } from '../join'
import { inTransaction, readSyncDays, recordSyncDay, saveArticle, saveDayFields, type TxReq } from '../store'
import { ARTICLE_ENDPOINTS, LOOKBACK_DAYS, maxDaysOf, SYNC_ENDPOINTS, type SyncEndpoint } from './endpoints'
import { articleFields, dayFields } from './map'
import { planSync, type PlannedFetch } from './plan'
import { datesBetween, rangesForDates, type DateRange } from './span'
import type { DayEndpointName } from './types'

/** WeChat publishes yesterday's figures at 08:00 Beijing time. */
const DATA_READY_HOUR = 8
/** 45009: the account's daily API quota is used up — further calls today would fail the same way. */
const QUOTA_ERRCODE = 45009

/** The latest day with published figures at `now`: yesterday from 08:00 Beijing, else the day before. */
export function lastReadyDate(now: Date): string {
  const yesterday = addDays(shanghaiDate(now), -1)
  return shanghaiHour(now.getTime()) >= DATA_READY_HOUR ? yesterday : addDays(yesterday, -1)
}

/** The datacube part of the WeChat client (a test may hand a fake). */
export type DatacubeClient = Pick<WeChatClient, 'datacube'>

export interface CallOutcome {
  endpoint: SyncEndpoint
  range: DateRange
  ok: boolean
  errcode: number | null
  errmsg: string | null
  /** Rows WeChat listed. */
  rows: number
  /** Wall time of the call, ms. */
  durationMs: number
}

export interface SyncReport {
  accountId: string
  calls: CallOutcome[]
  /** Account/day/endpoint outcomes recorded. */
  daysOk: number
  daysFailed: number
  /** Not attempted (the quota ran out first): recorded pending, fetched by the next run. */
  daysPending: number
  /** Whether the run stopped early on 45009. */
  quotaExhausted: boolean
  /**
   * The account-setup error (isSetupErrcode: wrong AppSecret, AppID, IP 白名单…) the run stopped on:
   * every further call would fail the same way until a person fixes the account.
   */
  setupError: { errcode: number; errmsg: string } | null
  join: JoinReport | null
}

export interface ExecuteOptions {
  payload: Payload
  accountId: string
  client: DatacubeClient
  plan: PlannedFetch[]
  now?: () => Date
  /** Called after each call (the backfill's progress bar). */
  onCall?: (outcome: CallOutcome, done: number, total: number) => void
  /** Join the articles to their pushes afterwards (default true). */
  join?: boolean
}

/**
 * A failure as recorded and shown: WeChat's Chinese meaning first (the client's WeChatApiError
 * `meaning`, e.g. 「AppSecret 不正确」), WeChat's own words after it in brackets.
 */
function describeError(error: unknown): { errcode: number | null; errmsg: string } {
  const failure = error as { errcode?: unknown; errmsg?: unknown; kind?: unknown; message?: unknown; meaning?: unknown }
  const errcode = typeof failure?.errcode === 'number' ? failure.errcode : null
  const errmsg = typeof failure?.errmsg === 'string' && failure.errmsg ? failure.errmsg : String(failure?.message ?? error)
  const kind = typeof failure?.kind === 'string' && failure.kind !== 'wechat' ? `${failure.kind}: ` : ''
  const meaning = typeof failure?.meaning === 'string' && failure.meaning ? failure.meaning : ''
  return { errcode, errmsg: (meaning ? `${meaning}（${kind}${errmsg}）` : `${kind}${errmsg}`).slice(0, 500) }
}

/**
 * Runs `plan` for one account: one call per range (ranges cut by the endpoint's span), the figures of
 * every day of a successful call written and recorded ok; every day of a failed call recorded failed
 * with the errcode (61500, 61501, 45009, network…). On 45009, or an account-setup error
 * (isSetupErrcode: a wrong AppSecret fails every call alike), the remaining calls are not made and
 * their days are recorded pending. Calls are made one at a time, the next one while the previous
 * answer is written. Never throws for a WeChat failure; database errors propagate.
 */
export async function executeSync(options: ExecuteOptions): Promise<SyncReport> {
  const { payload, accountId, client } = options
  const now = options.now ?? (() => new Date())
  const calls = options.plan.flatMap((fetch) => rangesForDates(fetch.dates, maxDaysOf(fetch.endpoint)).map((range) => ({ endpoint: fetch.endpoint, range })))
  const report: SyncReport = { accountId, calls: [], daysOk: 0, daysFailed: 0, daysPending: 0, quotaExhausted: false, setupError: null, join: null }
  const stopped = () => report.quotaExhausted || report.setupError !== null

  type Fetched = { ok: true; list: unknown[]; durationMs: number } | { ok: false; error: unknown; durationMs: number }
  const fetchCall = (index: number): Promise<Fetched> => {
    const { endpoint, range } = calls[index]!
    const started = Date.now()
    return client.datacube.report(endpoint, range.begin, range.end).then(
      (answer) => ({ ok: true, list: answer.list as unknown[], durationMs: Date.now() - started }),
      (error: unknown) => ({ ok: false, error, durationMs: Date.now() - started }),
    )
  }
  let inFlight: Promise<Fetched> | null = calls.length > 0 ? fetchCall(0) : null

  for (const [index, { endpoint, range }] of calls.entries()) {
    const days = datesBetween(range.begin, range.end)
    if (stopped() || !inFlight) {
      const setup = report.setupError
      const pending = setup
        ? {
            status: 'pending' as const,
            errcode: setup.errcode,
            errmsg: `公众号设置有误（${setup.errmsg}），未调用；改正后下次同步时获取`.slice(0, 500),
            attempted: false,
          }
        : { status: 'pending' as const, errcode: QUOTA_ERRCODE, errmsg: '接口调用已达今日上限，未调用，下次同步时获取', attempted: false }
      await inTransaction(payload, async (req) => {
        for (const date of days) {
          await recordSyncDay(payload, accountId, date, endpoint, pending, now(), req)
        }
      })
      report.daysPending += days.length
      continue
    }
    const fetched = await inFlight
    const failure = fetched.ok ? null : describeError(fetched.error)
    if (failure?.errcode === QUOTA_ERRCODE) report.quotaExhausted = true
    if (failure && isSetupErrcode(failure.errcode)) report.setupError = { errcode: failure.errcode!, errmsg: failure.errmsg }
    // The next call goes out while this one's rows are written, so WeChat's answer time and the
    // database's overlap (calls stay one at a time); never after a 45009 or a setup error.
    inFlight = !stopped() && index + 1 < calls.length ? fetchCall(index + 1) : null
    let outcome: CallOutcome
    if (fetched.ok) {
      const list = fetched.list
      outcome = { endpoint, range, ok: true, errcode: null, errmsg: null, rows: list.length, durationMs: fetched.durationMs }
      // The call's figures and its days' ok in one transaction: a day is never ok without its figures.
      await inTransaction(payload, async (req) => {
        await writeAnswer(payload, accountId, endpoint, days, list, now(), req)
        for (const date of days) {
          const rows = (list as Array<{ ref_date?: string }>).filter((row) => row.ref_date === date).length
          await recordSyncDay(payload, accountId, date, endpoint, { status: 'ok', rows, attempted: true }, now(), req)
        }
      })
      report.daysOk += days.length
    } else {
      const { errcode, errmsg } = failure!
      outcome = { endpoint, range, ok: false, errcode, errmsg, rows: 0, durationMs: fetched.durationMs }
      await inTransaction(payload, async (req) => {
        for (const date of days) await recordSyncDay(payload, accountId, date, endpoint, { status: 'failed', errcode, errmsg, attempted: true }, now(), req)
      })
      report.daysFailed += days.length
    }
    report.calls.push(outcome)
    options.onCall?.(outcome, index + 1, calls.length)
  }
  if (options.join !== false) report.join = await joinArticles(payload, accountId)
  return report
}

async function writeAnswer(
  payload: Payload,
  accountId: string,
  endpoint: SyncEndpoint,
  days: string[],
  list: unknown[],
  syncedAt: Date,
  req: TxReq,
): Promise<void> {
  if ((ARTICLE_ENDPOINTS as readonly string[]).includes(endpoint)) {
    for (const row of list) {
      // The rows of the article endpoints (ARTICLE_ENDPOINTS) are WeChat's per-article totals.
      const fields = articleFields(row as ArticleTotalRow)
      if (fields) await saveArticle(payload, accountId, fields, req)
    }
    return
  }
  for (const date of days) {
    await saveDayFields(payload, accountId, date, dayFields(endpoint as DayEndpointName, list, date), syncedAt, req)
  }
}

/**
 * The daily sync of one account: decide from its sync-days state (planSync: the last ready day, the
 * failed/pending/missing days of the last 30, the articles of the last 7 send days), then act.
 */
export async function syncAccount(options: Omit<ExecuteOptions, 'plan'> & { lookbackDays?: number }): Promise<SyncReport> {
  const now = options.now ?? (() => new Date())
  const ready = lastReadyDate(now())
  const lookback = options.lookbackDays ?? LOOKBACK_DAYS
  const states = await readSyncDays(options.payload, options.accountId, addDays(ready, -(lookback - 1)), ready)
  const plan = planSync({
    lastReadyDate: ready,
    lookbackDays: lookback,
    states: states.map((state) => ({ date: state.date, endpoint: state.endpoint, status: state.status })),
  })
  return executeSync({ ...options, plan })
}

/**
 * Every report for every day from `from` to `to` (inclusive; `to` capped at the last ready day),
 * fetched again whatever its state: the backfill. Ranges are cut by each report's span.
 */
export async function backfillAccount(options: Omit<ExecuteOptions, 'plan'> & { from: string; to: string }): Promise<SyncReport> {
  const ready = lastReadyDate((options.now ?? (() => new Date()))())
  const to = options.to < ready ? options.to : ready
  const dates = datesBetween(options.from, to)
  return executeSync({ ...options, plan: SYNC_ENDPOINTS.map((endpoint) => ({ endpoint, dates })) })
}

/** How many WeChat calls a backfill of `from`…`to` makes (for the progress bar's total). */
export function backfillCallCount(from: string, to: string): number {
  const dates = datesBetween(from, to)
  return SYNC_ENDPOINTS.reduce((sum, endpoint) => sum + rangesForDates(dates, maxDaysOf(endpoint)).length, 0)
}
