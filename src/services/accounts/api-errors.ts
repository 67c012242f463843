/**
 * The last WeChat API error per account (`wechat-api-errors`, one row per account), for the health
 * page (运行状态). Fed by the client's log: every call that finally fails logs `wechat.error`
 * (src/wechat/client/retry.ts) with the endpoint, kind, errcode and meaning — already scrubbed of
 * the AppSecret and tokens by the client's SecretScrubber.
 */
import type { Payload } from 'payload'
import { compareAndSet } from '../../shared/cas'
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
  }
  const where = { account: { equals: accountId } }
  if (await compareAndSet(payload, 'wechat-api-errors', where, data)) return
  try {
    await payload.create({ collection: 'wechat-api-errors', overrideAccess: true, depth: 0, data: { account: accountId, ...data } })
  } catch (cause) {
    if (!(await compareAndSet(payload, 'wechat-api-errors', where, data))) throw cause
  }
}

/**
 * Wraps a client logger: each `wechat.error` entry is also recorded for the account, without
 * waiting (a failed record is logged, never thrown at the WeChat call).
 */
export function recordingApiErrors(payload: Payload, accountId: string, inner: WeChatLogger): WeChatLogger {
  return {
    log(level: LogLevel, entry: LogEntry) {
      inner.log(level, entry)
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
