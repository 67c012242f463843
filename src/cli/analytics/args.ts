/** `npm run analytics:backfill -- --from 2026-09-01 --to 2026-11-29 [--account <id|appid>]`: the arguments, parsed without side effects. */
import { daysBetween, isIsoDate } from '../../shared/time'

export interface BackfillOptions {
  from: string
  to: string
  account?: string
}

export type ParsedBackfillArgs = { kind: 'run'; options: BackfillOptions } | { kind: 'help' } | { kind: 'error'; error: string }

/** Exit codes, like `npm run push`'s: 0 every day fetched, 2 usage, 3 no account / not ready, 4 some days failed (retried by the daily sync). */
export const BACKFILL_EXIT = { done: 0, usage: 2, notReady: 3, failed: 4 } as const

/** The longest range one backfill takes (a year and a day: WeChat keeps the classic reports' figures longer, but the sync window is days). */
export const MAX_BACKFILL_DAYS = 366

export const BACKFILL_USAGE = [
  '用法：npm run analytics:backfill -- --from 2026-09-01 --to 2026-11-29 [--account <id|appid>]',
  '',
  '从微信获取过去日期的统计数据（用户增减、累计关注、图文阅读与分享、每篇图文的累计数据），',
  '按每个接口允许的最长时间段分次调用；已有的数据按天整体替换，可以重复运行。',
  '',
  '选项：',
  '  --from 2026-09-01      起始日期（北京时间）',
  '  --to 2026-11-29        结束日期（最晚为昨天；昨天的数据北京时间 8 点后才有）',
  `  --account <id|appid>   指定公众号（默认：默认公众号）`,
  '',
  '退出码：0 全部成功，2 用法错误，3 没有公众号，4 有日期获取失败（每日同步会自动重试；公众号设置有误时须先改正）',
].join('\n')

const VALUE_FLAGS = { '--from': 'from', '--to': 'to', '--account': 'account' } as const

/** Parses the command line; `today` (YYYY-MM-DD Beijing) bounds `--to`. */
export function parseBackfillArgs(argv: readonly unknown[], today: string): ParsedBackfillArgs {
  const args = argv.map(String)
  const values: Partial<Record<'from' | 'to' | 'account', string>> = {}
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!
    if (arg === '--') continue
    if (arg === '--help' || arg === '-h' || arg === 'help') return { kind: 'help' }
    const [flag, inline] = arg.split(/=(.*)/s, 2)
    const key = VALUE_FLAGS[flag as keyof typeof VALUE_FLAGS]
    if (!key) return { kind: 'error', error: `未知选项：${arg}` }
    const value = inline ?? args[++index]
    if (value === undefined || value === '' || value.startsWith('--')) return { kind: 'error', error: `${flag} 需要一个值` }
    values[key] = value
  }
  if (!values.from || !values.to) return { kind: 'error', error: '需要 --from 和 --to（YYYY-MM-DD）' }
  for (const flag of ['from', 'to'] as const) {
    if (!isIsoDate(values[flag])) return { kind: 'error', error: `--${flag} 的日期格式不对：${values[flag]}（应为 YYYY-MM-DD，例如 2026-09-01）` }
  }
  if (values.to! < values.from!) return { kind: 'error', error: `--to（${values.to}）早于 --from（${values.from}）` }
  if (values.to! >= today) return { kind: 'error', error: `--to 最晚为昨天（今天是 ${today}，北京时间）` }
  if (daysBetween(values.from!, values.to!) + 1 > MAX_BACKFILL_DAYS) return { kind: 'error', error: `一次最多补 ${MAX_BACKFILL_DAYS} 天，请分段运行` }
  return { kind: 'run', options: { from: values.from!, to: values.to!, ...(values.account ? { account: values.account } : {}) } }
}
