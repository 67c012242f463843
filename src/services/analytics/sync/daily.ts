/**
 * The daily analytics sync over every account: each account's run is claimed in the database first
 * (store.claimDailyRun), so two schedulers never both call WeChat for it; an account whose client
 * cannot be built (no AppSecret, published demo secrets) is reported, not retried in a loop.
 */
import type { Payload } from 'payload'
import type { WeChatClientOptions } from '../../../wechat/client'
import { clientForAccount } from '../../accounts/account-client'
import { shanghaiDate } from '../../../shared/time'
import { claimDailyRun, finishDailyRun } from '../store'
import { syncAccount, type SyncReport } from './run'

export interface DailySyncOptions {
  owner: string
  now?: () => Date
  /** Client overrides (tests point baseUrl at the emulator). */
  clientOptions?: Partial<WeChatClientOptions>
  /** Only this account (document id); default: every account. */
  accountId?: string
}

export type DailySyncResult =
  | { accountId: string; outcome: 'synced'; report: SyncReport }
  | { accountId: string; outcome: 'claimed-elsewhere' }
  | { accountId: string; outcome: 'no-client'; reason: string }

/** Runs the day's sync for each account this caller claims. */
export async function runDailyAnalyticsSync(payload: Payload, options: DailySyncOptions): Promise<DailySyncResult[]> {
  const now = options.now ?? (() => new Date())
  const today = shanghaiDate(now())
  const accounts = options.accountId
    ? [{ id: options.accountId }]
    : (await payload.find({ collection: 'wechat-accounts', pagination: false, depth: 0, overrideAccess: true })).docs
  const results: DailySyncResult[] = []
  for (const account of accounts) {
    const accountId = String(account.id)
    if (!(await claimDailyRun(payload, accountId, today, options.owner, now()))) {
      results.push({ accountId, outcome: 'claimed-elsewhere' })
      continue
    }
    let client
    try {
      // 45009 ends the run (the days are retried tomorrow), so no long in-call waits for the quota.
      client = await clientForAccount(payload, accountId, { retry: { rateLimitAttempts: 1 }, ...options.clientOptions })
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      await finishDailyRun(payload, accountId, today, false, reason)
      results.push({ accountId, outcome: 'no-client', reason })
      continue
    }
    try {
      const report = await syncAccount({ payload, accountId, client, now })
      await finishDailyRun(payload, accountId, today, report.daysFailed === 0, summarize(report))
      results.push({ accountId, outcome: 'synced', report })
    } catch (error) {
      await finishDailyRun(payload, accountId, today, false, error instanceof Error ? error.message : String(error))
      throw error
    }
  }
  return results
}

/** One Chinese line: days ok / failed / pending and the join. */
export function summarize(report: SyncReport): string {
  const parts = [`成功 ${report.daysOk} 项`, `失败 ${report.daysFailed} 项`]
  if (report.daysPending > 0) parts.push(`待同步 ${report.daysPending} 项（接口调用已达今日上限）`)
  if (report.join) parts.push(`关联推送 ${report.join.joined} 篇`)
  return parts.join('，')
}
