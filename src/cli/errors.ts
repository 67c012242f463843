/**
 * What a person at the command line sees when something fails (`npm run push`, `worker`,
 * `callback`, the demo seed): one Chinese line with the fix to try, never a stack trace — the
 * stack only when DEBUG is set.
 */
import type { Payload } from 'payload'
import { WeChatApiError } from '../wechat/client/errors'

const DEFAULT_API_BASE = 'https://api.weixin.qq.com'
const HAS_CHINESE = /[\u4e00-\u9fff]/

/** The WeChat API this process talks to (WECHAT_API_BASE, else the real one). */
const wechatApiBase = (env: NodeJS.ProcessEnv = process.env): string => (env.WECHAT_API_BASE || DEFAULT_API_BASE).replace(/\/+$/, '')

/** A local WECHAT_API_BASE is the demo's emulator, which `npm start` runs. */
const isLocal = (base: string): boolean => /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(base)

/** The fix for "WeChat cannot be reached", depending on whether it is the demo's emulator. */
function unreachableWeChatHint(base: string): string {
  return isLocal(base)
    ? `这是演示用的微信模拟器，由 npm start 运行：请先在另一个终端运行 npm start，再运行这条命令`
    : '请检查网络、公众平台的 IP 白名单，以及 .env 中的 WECHAT_API_BASE（正式使用时留空）'
}

/**
 * One line for `error`: known failures (WeChat unreachable, database missing / busy / not
 * migrated) with their fix; a message already in Chinese as it is; anything else prefixed 出错.
 */
export function explainError(error: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const message = error instanceof Error ? error.message : String(error)
  const code = (error as { code?: unknown } | null)?.code
  if (error instanceof WeChatApiError && (error.kind === 'network' || error.kind === 'timeout')) {
    return `无法连接微信接口 ${wechatApiBase(env)}（${error.meaning}）：${unreachableWeChatHint(wechatApiBase(env))}`
  }
  if (/no such table/i.test(message)) return '数据库还没有建立表：请先运行 npm start（或 npm run payload -- migrate）'
  if (/no such column|has no column named/i.test(message)) return '数据库结构落后于代码：请运行 npm run payload -- migrate（npm start 会自动执行），再重试'
  if (code === 'SQLITE_BUSY' || /database is locked|SQLITE_BUSY/i.test(message)) return '数据库正忙（另一个进程正在写入）：请稍后重试'
  if (code === 'ECONNREFUSED' && /mongo/i.test(message)) return `无法连接 MongoDB：请检查 DATABASE_URI 与数据库服务（${message.split('\n')[0]}）`
  const firstLine = message.split('\n')[0] ?? message
  return HAS_CHINESE.test(firstLine) ? firstLine : `出错：${firstLine}`
}

/**
 * Prints explainError's line (and the stack when DEBUG is set) to stderr and ends the process
 * with `exitCode`.
 */
export function exitWithError(error: unknown, exitCode = 1, env: NodeJS.ProcessEnv = process.env): never {
  console.error(`✗ ${explainError(error, env)}${env.DEBUG ? '' : '（设置 DEBUG=1 可显示详细信息）'}`)
  if (env.DEBUG && error instanceof Error && error.stack) console.error(error.stack)
  process.exit(exitCode)
}

/**
 * Loads the Payload config and starts Payload; a failure (no secret, unknown DATABASE_URI, a
 * database that cannot be opened) ends the process with one line instead of `payload run`'s
 * stack trace. With `quiet` (a command whose Chinese answer is what the operator reads:
 * `npm run push`, `npm run analytics:backfill`) Payload's logger is set to warn (quietCliLogger).
 */
export async function startPayloadOrExit(options: { quiet?: boolean } = {}): Promise<Payload> {
  let payload: Payload
  try {
    const [{ default: config }, { getPayload }] = await Promise.all([import('../payload.config'), import('payload')])
    payload = await getPayload({ config })
  } catch (error) {
    exitWithError(error)
  }
  if (options.quiet) quietCliLogger(payload)
  return payload
}

/**
 * A command's logger: warnings and errors only, everything with DEBUG set. Each WeChat call, each
 * notice e-mail (logged while SMTP is not configured) and each job is logged at info — dozens of
 * English blocks that would bury the command's one Chinese answer. The notices stay in 通知记录.
 * The one home of this rule for every command line tool.
 */
export function quietCliLogger(payload: Pick<Payload, 'logger'>, env: NodeJS.ProcessEnv = process.env): void {
  if (!env.DEBUG) payload.logger.level = 'warn'
}

/**
 * Before a command calls WeChat: answers null when WECHAT_API_BASE answers HTTP at all (any
 * status), else the line to show (nothing listens, DNS, timeout after `timeoutMs`).
 */
export async function wechatUnreachable(env: NodeJS.ProcessEnv = process.env, timeoutMs = 3000): Promise<string | null> {
  const base = wechatApiBase(env)
  try {
    const response = await fetch(base, { method: 'GET', signal: AbortSignal.timeout(timeoutMs) })
    await response.body?.cancel()
    return null
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name
    return `无法连接微信接口 ${base}（${cause}）：${unreachableWeChatHint(base)}`
  }
}
