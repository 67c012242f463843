/** The backfill command over a Payload: fetches every report for every day of the range, with a progress bar; answers the exit code. */
import { SingleBar } from 'cli-progress'
import type { Payload } from 'payload'
import type { AccountSummary } from '../../services/accounts/find-account'
import { clientForAccount } from '../../services/accounts/account-client'
import { backfillAccount, backfillCallCount, lastReadyDate, type SyncReport } from '../../services/analytics/sync/run'
import type { WeChatClientOptions } from '../../wechat/client'
import { isSetupErrcode } from '../../wechat/client/errors'
import { BACKFILL_EXIT, type BackfillOptions } from './args'

export interface BackfillRun {
  payload: Payload
  account: AccountSummary
  options: BackfillOptions
  out: (line: string) => void
  /** Draw a progress bar (a terminal); otherwise one line per 10% and the summary. */
  progress: boolean
  now?: () => Date
  clientOptions?: Partial<WeChatClientOptions>
}

/** Runs the backfill and prints the summary; answers 0 (all ok) or 4 (some days failed). */
export async function runBackfill(run: BackfillRun): Promise<{ code: number; report: SyncReport }> {
  const { payload, account, options, out } = run
  const now = run.now ?? (() => new Date())
  const ready = lastReadyDate(now())
  const to = options.to < ready ? options.to : ready
  if (to !== options.to) out(`昨天（${options.to}）的数据北京时间 8 点后才发布，本次补到 ${to}`)
  const total = backfillCallCount(options.from, to)
  out(`公众号：${account.name}（${account.appId}）`)
  out(`补数据：${options.from} 至 ${to}，共 ${total} 次微信接口调用`)
  const bar = run.progress ? new SingleBar({ format: '进度 [{bar}] {percentage}% | {value}/{total} 次 | {endpoint} {range}', hideCursor: true }) : null
  bar?.start(total, 0, { endpoint: '', range: '' })
  let lastTenth = 0
  // No long in-call waits for the quota: a 45009 ends the backfill and the days are left pending.
  const client = await clientForAccount(payload, account.id, { retry: { rateLimitAttempts: 1 }, ...run.clientOptions })
  const report = await backfillAccount({
    payload,
    accountId: account.id,
    client,
    now,
    from: options.from,
    to,
    onCall: (outcome, done) => {
      const range = outcome.range.begin === outcome.range.end ? outcome.range.begin : `${outcome.range.begin}~${outcome.range.end}`
      bar?.update(done, { endpoint: outcome.endpoint, range })
      const tenth = Math.floor((done / total) * 10)
      if (!bar && tenth > lastTenth) {
        lastTenth = tenth
        out(`进度 ${tenth * 10}%（${done}/${total}）`)
      }
    },
  })
  bar?.stop()
  out(summaryLines(report).join('\n'))
  return { code: report.daysFailed + report.daysPending > 0 ? BACKFILL_EXIT.failed : BACKFILL_EXIT.done, report }
}

/** The summary: days ok / failed per report, the failures with WeChat's reason, the join. */
export function summaryLines(report: SyncReport): string[] {
  const lines = [
    `完成（每天的每种报表算一项）：成功 ${report.daysOk} 项，失败 ${report.daysFailed} 项${report.daysPending ? `，未调用 ${report.daysPending} 项` : ''}`,
  ]
  const failed = report.calls.filter((call) => !call.ok)
  for (const call of failed.slice(0, 20)) {
    const range = call.range.begin === call.range.end ? call.range.begin : `${call.range.begin}~${call.range.end}`
    lines.push(`  ✗ ${call.endpoint} ${range}：${call.errmsg ?? ''}${call.errcode !== null ? `（错误码 ${call.errcode}）` : ''}`)
  }
  if (failed.length > 20) lines.push(`  …另有 ${failed.length - 20} 次失败`)
  // A wrong AppSecret, AppID or IP 白名单 fails every retry: say what to fix, promise no retry.
  const setup = failed.find((call) => isSetupErrcode(call.errcode))
  if (setup) {
    lines.push(
      `公众号的设置有误（${setup.errmsg ?? ''}，错误码 ${setup.errcode}）：在改正之前，每日同步和再次运行本命令都不会成功。请按上面的含义在公众平台 → 设置与开发 → 基本配置 中核对（AppID、AppSecret、IP 白名单、接口权限），并在 微信 → 公众号 中改正，然后再运行本命令补齐这些日期`,
    )
  } else if (report.quotaExhausted) lines.push('微信接口今日调用次数已用完（45009）：剩余日期已记为待同步，明天的每日同步或再次运行本命令会补上')
  else if (report.daysFailed > 0) lines.push('失败的日期已记录在 数据统计 → 同步记录 中，每日同步（北京时间 8:30）会自动重试')
  if (report.join)
    lines.push(
      `图文与每周推送关联：新关联 ${report.join.joined} 篇${report.join.unmatched.length ? `；${report.join.unmatched.length} 次群发不是本系统发出的（如在公众平台上直接群发，或演示模拟器的历史群发）：其图文数据照常保存，只是没有对应的推送周次和内容类型` : ''}`,
    )
  return lines
}
