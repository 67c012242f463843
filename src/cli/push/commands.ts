/** The four `npm run push` commands over a Payload; each answers its exit code. Text goes to `out`. */
import { hostname } from 'node:os'
import type { Payload } from 'payload'
import { responsibleStaff } from '../../services/push/account-scope'
import { sendPreviews } from '../../services/push/previews'
import { sendWeeklyPush } from '../../services/push/send'
import { appendStep } from '../../services/push/store'
import { isoWeekOf, type IsoWeek } from '../../shared/time'
import { wechatGateway } from '../../services/push/wechat-gateway'
import type { AccountSummary } from '../../services/accounts/find-account'
import { loadCalendar } from '../../services/push/calendar-view'
import type { CliOptions } from './args'
import { explainError, wechatUnreachable } from '../errors'
import { formatPlan, formatStatus } from './format'
import { CONFIRM_PROMPT, EXIT, confirmation, isConfirmed, outcomeVerdict, planSend, previewVerdict, type ExitCode } from './plan'
import { loadWeekReport, noPushLines } from '../../services/push/week-report'

export interface CliContext {
  payload: Payload
  account: AccountSummary
  week: IsoWeek
  now: Date
  options: CliOptions
  out: (line: string) => void
  isTTY: boolean
  /** Asks a question on the terminal. */
  ask: (question: string) => Promise<string>
}

export async function runCommand(context: CliContext): Promise<ExitCode> {
  switch (context.options.command) {
    case 'status':
      return status(context)
    case 'plan':
      return plan(context)
    case 'preview':
      return preview(context)
    case 'send':
      return send(context)
  }
}

const print = (context: CliContext, lines: string[]) => lines.forEach((line) => context.out(line))

async function status(context: CliContext): Promise<ExitCode> {
  const report = await loadWeekReport(context.payload, context)
  print(context, formatStatus(report, context.now))
  if (report.push) context.out(`发送检查：${planSend(report, context.now).message}`)
  return EXIT.done
}

async function plan(context: CliContext): Promise<ExitCode> {
  const calendar = await loadCalendar(context.payload, context.account.id, context.week, undefined, context.now)
  print(context, formatPlan(calendar, context.account, isoWeekOf(context.now), context.now))
  return EXIT.done
}

async function preview(context: CliContext): Promise<ExitCode> {
  const { payload, account, options } = context
  const report = await loadWeekReport(payload, context)
  if (!report.push) {
    print(context, noPushLines(report, context.now))
    return EXIT.notReady
  }
  if (options.dryRun) {
    // The leaders responsible for this account who bound WeChat on it (openids are per account).
    const leaders = (await responsibleStaff(payload, account.id, ['leader'])).filter((leader) => leader.openid !== null)
    context.out(`试运行（--dry-run）：将向 ${leaders.length} 位在本公众号绑定微信的领导发送 ${report.week} 的预览；没有调用微信。`)
    return EXIT.done
  }
  const unreachable = await wechatUnreachable()
  if (unreachable) {
    context.out(`没有发送预览。${unreachable}`)
    return EXIT.wechatFailed
  }
  let saved
  try {
    saved = await sendPreviews(payload, report.push.id, await wechatGateway(payload, account.id))
  } catch (error) {
    context.out(`预览发送失败：${explainError(error)}`)
    return EXIT.wechatFailed
  }
  const steps = saved?.steps ?? []
  const previews = saved?.previews ?? []
  const added = previews.slice(report.push.previewsSent)
  const verdict = previewVerdict(steps.filter((entry) => entry.step === 'preview').at(-1), added)
  context.out(verdict.message)
  return verdict.exitCode
}

async function send(context: CliContext): Promise<ExitCode> {
  const { payload, account, options, now } = context
  const report = await loadWeekReport(payload, context)
  print(context, formatStatus(report, now))
  const decision = planSend(report, now)
  context.out(`将要执行：${decision.message}`)
  if (!decision.go || !report.push) return decision.go ? EXIT.notReady : decision.exitCode

  const mode = confirmation({ dryRun: options.dryRun, yes: options.yes, isTTY: context.isTTY })
  if (mode === 'dry-run') {
    context.out('试运行（--dry-run）：没有调用微信，什么也没有发送。')
    return EXIT.done
  }
  if (mode === 'refuse') {
    context.out('没有终端可以确认：真正发送请加 --yes（可先用 --dry-run 查看）。没有发送。')
    return EXIT.usage
  }
  if (mode === 'ask' && !isConfirmed(await context.ask(CONFIRM_PROMPT))) {
    context.out('未确认，没有发送。')
    return EXIT.notReady
  }
  // Before the send is claimed: a WeChat that cannot be reached (the demo's emulator not running)
  // is said now, instead of a claimed send that waits for the scheduler's retry.
  const unreachable = await wechatUnreachable()
  if (unreachable) {
    context.out(`没有发送。${unreachable}`)
    return EXIT.wechatFailed
  }
  const owner = `cli-${hostname()}-${process.pid}`
  await appendStep(payload, report.push.id, { step: 'manual-send', ok: true, detail: `命令行发送（${owner}）` })
  const gateway = await wechatGateway(payload, account.id)
  const outcome = await sendWeeklyPush({ payload, pushId: report.push.id, gateway, settings: report.settings, owner, finalAttempt: decision.finalAttempt })
  const verdict = outcomeVerdict(outcome)
  context.out(verdict.message)
  return verdict.exitCode
}
