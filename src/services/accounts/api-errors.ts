/**
 * The last WeChat API error per account (`wechat-api-errors`, one row per account), for the health
 * page (运行状态). Fed by the client's log: every call that finally fails logs `wechat.error`
 * (src/wechat/client/retry.ts) with the endpoint, kind, errcode and meaning — already scrubbed of
 * the AppSecret and tokens by the client's SecretScrubber. A later successful call (`wechat.call`) is
 * written beside it (`lastSuccessAt`, and `endpointSuccessAt` when it was the failed endpoint), at
 * most once a minute per account and endpoint and process, so a fixed AppSecret reads as fixed at
 * the next call without a database write per call.
 */
import type { Payload } from 'payload'
import { compareAndSet } from '../../shared/cas'
import { perPayload } from '../../shared/per-payload'
import type { LogEntry, LogLevel, WeChatLogger } from '../../wechat/client/log'

export interface ApiErrorRecord {
  endpoint: string
  kind: string
  errcode: number | null
  meaning: string
  at: string
}

/** Upserts the account's row: an update of the existing row, else a create (a concurrent create loses on the unique account and updates). */
export async function recordApiError(payload: Payload, accountId: string, error: ApiErrorRecord): Promise<void> {
  const data = {
    at: error.at,
    endpoint: error.endpoint.slice(0, 200),
    kind: error.kind.slice(0, 20),
    errcode: error.errcode,
    meaning: error.meaning.slice(0, 200),
    // A success of the earlier error's endpoint says nothing about this one.
    endpointSuccessAt: null,
  }
  // The next success (of any endpoint) is written at once, whatever this process wrote a moment ago.
  successThrottle(payload).forget(accountId)
  const where = { account: { equals: accountId } }
  if (await compareAndSet(payload, 'wechat-api-errors', where, data)) return
  try {
    await payload.create({ collection: 'wechat-api-errors', overrideAccess: true, depth: 0, data: { account: accountId, ...data } })
  } catch (cause) {
    if (!(await compareAndSet(payload, 'wechat-api-errors', where, data))) throw cause
  }
}

/** A successful call's write: at most this often per account and endpoint and process. */
const SUCCESS_WRITE_INTERVAL_MS = 60_000

/**
 * Writes a successful call of `endpoint` at `at` (ISO) on the account's error row: `lastSuccessAt`,
 * and `endpointSuccessAt` when the row's error was on this endpoint. No row (never an error): nothing
 * to clear, nothing written. Never creates a row.
 */
export async function recordApiSuccess(payload: Payload, accountId: string, endpoint: string, at: string): Promise<void> {
  const row = await compareAndSet(
    payload,
    'wechat-api-errors',
    // Never moves the time back (a slower process's older success).
    { and: [{ account: { equals: accountId } }, { or: [{ lastSuccessAt: { exists: false } }, { lastSuccessAt: { less_than: at } }] }] },
    { lastSuccessAt: at, lastSuccessEndpoint: endpoint.slice(0, 200) },
  )
  if (row && row.endpoint === endpoint.slice(0, 200)) {
    await compareAndSet(
      payload,
      'wechat-api-errors',
      { and: [{ account: { equals: accountId } }, { endpoint: { equals: row.endpoint } }] },
      { endpointSuccessAt: at },
    )
  }
}

interface PendingSuccess {
  lastWriteMs: number
  pending: { endpoint: string; at: string } | null
  timer: NodeJS.Timeout | null
}

/**
 * Per account and endpoint: the first success after a minute (or after an error this process
 * recorded) is written at once, later ones in that minute once at its end (the latest of them).
 */
class SuccessThrottle {
  private readonly entries = new Map<string, PendingSuccess>()

  constructor(private readonly payload: Payload) {}

  note(accountId: string, endpoint: string, nowMs = Date.now()): void {
    const key = `${accountId}\u0000${endpoint}`
    let entry = this.entries.get(key)
    if (!entry) {
      entry = { lastWriteMs: Number.NEGATIVE_INFINITY, pending: null, timer: null }
      this.entries.set(key, entry)
    }
    entry.pending = { endpoint, at: new Date(nowMs).toISOString() }
    if (entry.timer) return
    const wait = entry.lastWriteMs + SUCCESS_WRITE_INTERVAL_MS - nowMs
    if (wait <= 0) {
      this.write(accountId, entry, nowMs)
      return
    }
    const pendingEntry = entry
    entry.timer = setTimeout(() => {
      pendingEntry.timer = null
      this.write(accountId, pendingEntry, Date.now())
    }, wait)
    // A pending success must not keep a finishing command alive.
    entry.timer.unref()
  }

  /** After an error: the account's next success is written at once. */
  forget(accountId: string): void {
    for (const [key, entry] of this.entries) {
      if (!key.startsWith(`${accountId}\u0000`)) continue
      if (entry.timer) clearTimeout(entry.timer)
      this.entries.delete(key)
    }
  }

  private write(accountId: string, entry: PendingSuccess, nowMs: number): void {
    const success = entry.pending
    if (!success) return
    entry.pending = null
    entry.lastWriteMs = nowMs
    void recordApiSuccess(this.payload, accountId, success.endpoint, success.at).catch((error: unknown) =>
      this.payload.logger.warn({ msg: 'recording the WeChat API success failed', error: error instanceof Error ? error.message : String(error) }),
    )
  }
}

const successThrottle = perPayload('wechat-api-success-throttle', (payload) => new SuccessThrottle(payload))

/**
 * Wraps a client logger: each `wechat.error` entry is also recorded for the account, and each
 * `wechat.call` (a call that succeeded) as its last success (throttled, see above) — both without
 * waiting (a failed record is logged, never thrown at the WeChat call).
 */
export function recordingApiErrors(payload: Payload, accountId: string, inner: WeChatLogger): WeChatLogger {
  return {
    log(level: LogLevel, entry: LogEntry) {
      inner.log(level, entry)
      if (entry.event === 'wechat.call') {
        successThrottle(payload).note(accountId, String(entry.endpoint ?? ''))
        return
      }
      if (entry.event !== 'wechat.error') return
      const record: ApiErrorRecord = {
        endpoint: String(entry.endpoint ?? ''),
        kind: String(entry.kind ?? 'wechat'),
        errcode: typeof entry.errcode === 'number' ? entry.errcode : null,
        meaning: String(entry.meaning ?? entry.errmsg ?? ''),
        at: new Date().toISOString(),
      }
      void recordApiError(payload, accountId, record).catch((error: unknown) =>
        payload.logger.warn({ msg: 'recording the WeChat API error failed', error: error instanceof Error ? error.message : String(error) }),
      )
    },
  }
}
