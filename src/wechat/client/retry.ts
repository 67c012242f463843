/**
 * The one retry policy of the client:
 * - token rejected (40001/42001/40014): replace the token once (forced refresh) and retry at once;
 * - transient (-1, HTTP 5xx, network error, timeout): exponential backoff with jitter, bounded;
 * - rate limited (45009/45011): a longer backoff, bounded;
 * - everything else (quota 45028, 45065/45066 idempotency, content errors): thrown at once.
 * A call whose effect is not idempotent is not repeated after a network error or timeout,
 * because WeChat may have done the work without the answer reaching us.
 */
import { outcomeUnknown, WeChatApiError } from './errors'
import type { WeChatLogger } from './log'

export interface RetryPolicy {
  /** Attempts in all for transient failures (1 = no retry). */
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
  /** Attempts in all when rate limited. */
  rateLimitAttempts: number
  rateLimitDelayMs: number
  /** 0..1: the share of each delay that is random. */
  jitter: number
  random: () => number
  sleep: (ms: number) => Promise<void>
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  rateLimitAttempts: 3,
  rateLimitDelayMs: 15_000,
  jitter: 0.5,
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}

/** Delay before retry number `retry` (1-based): base·2^(retry-1), capped, the `jitter` share random. */
function backoffDelay(policy: Pick<RetryPolicy, 'jitter' | 'random'>, baseMs: number, capMs: number, retry: number): number {
  const exponential = Math.min(capMs, baseMs * 2 ** (retry - 1))
  return Math.round(exponential * (1 - policy.jitter) + exponential * policy.jitter * policy.random())
}

export interface RetryHooks {
  endpoint: string
  /** False for sends that must not run twice (mass send without clientmsgid, customer messages). */
  idempotent: boolean
  /** Replaces the token that was rejected; called at most once per call. */
  refreshToken: () => Promise<void>
  logger: WeChatLogger
}

export async function withRetry<T>(policy: RetryPolicy, hooks: RetryHooks, attemptOnce: (attempt: number) => Promise<T>): Promise<T> {
  let transientFailures = 0
  let rateLimited = 0
  let tokenRefreshed = false
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptOnce(attempt)
    } catch (error) {
      if (!(error instanceof WeChatApiError)) throw error
      error.attempts = attempt
      const retryClass = error.retryClass
      let delayMs: number | null = null
      if (retryClass === 'token' && !tokenRefreshed) {
        tokenRefreshed = true
        hooks.logger.log('info', { event: 'wechat.retry', endpoint: hooks.endpoint, reason: 'token-rejected', errcode: error.errcode, attempt })
        await hooks.refreshToken()
        continue
      }
      if (retryClass === 'transient' && (hooks.idempotent || !outcomeUnknown(error)) && ++transientFailures < policy.maxAttempts) {
        delayMs = backoffDelay(policy, policy.baseDelayMs, policy.maxDelayMs, transientFailures)
      } else if (retryClass === 'rate-limit' && ++rateLimited < policy.rateLimitAttempts) {
        delayMs = backoffDelay(policy, policy.rateLimitDelayMs, policy.rateLimitDelayMs * 4, rateLimited)
      }
      if (delayMs === null) {
        hooks.logger.log('warn', {
          event: 'wechat.error',
          endpoint: hooks.endpoint,
          kind: error.kind,
          errcode: error.errcode,
          errmsg: error.errmsg,
          meaning: error.meaning,
          attempts: attempt,
        })
        throw error
      }
      hooks.logger.log('info', {
        event: 'wechat.retry',
        endpoint: hooks.endpoint,
        reason: retryClass,
        kind: error.kind,
        errcode: error.errcode,
        attempt,
        delayMs,
      })
      await policy.sleep(delayMs)
    }
  }
}
