/**
 * What `npm run push -- send | preview` decides, kept pure so it can be tested without WeChat:
 * the week's state for decideNextStep, what the command will do, and the exit code of each end.
 */
import { buildWeekState, decideNextStep, type NextStep, type WeekState } from '../../services/push/decide'
import type { PushStatus } from '../../services/push/status'
import type { SendOutcome } from '../../services/push/send'
import type { PushSettings } from '../../services/push/settings'
import type { WeekSlots } from '../../services/push/holiday-slots'
import { formatShanghai, isoWeekOf, shanghaiDate } from '../../shared/time'

export const EXIT = { done: 0, usage: 2, notReady: 3, wechatFailed: 4, attention: 5 } as const
export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

export interface Verdict {
  exitCode: ExitCode
  message: string
}

interface PushFacts {
  status: PushStatus
  signedOffAt: string | null
  items: { problems: string[] }[]
}

export interface SendFacts {
  week: string
  push: PushFacts | null
  sentByMonth: Record<string, number>
  settings: PushSettings
  slots: { assembleAt: Date; sendAt: Date; retryAt: Date; merge?: WeekSlots['merge'] }
}

/** The week as decideNextStep sees it. A manual send is not a scheduler tick: no slot has "already run". */
export function weekStateOf(facts: SendFacts, now: Date): WeekState {
  const push = facts.push
  const validItems = push ? push.items.filter((item) => item.problems.length === 0).length : 0
  return buildWeekState({ push, validItems, sentByMonth: facts.sentByMonth, settings: facts.settings, now, lastSlotRun: null, slots: facts.slots })
}

export type SendPlan = { go: true; step: NextStep; finalAttempt: boolean; message: string } | ({ go: false; step: NextStep | null } & Verdict)

/** What `send` would do now: decideNextStep with the week's `send` slot, and why not when it won't. */
export function planSend(facts: SendFacts, now: Date): SendPlan {
  const current = isoWeekOf(now)
  const final = facts.push?.status === 'sent' || facts.push?.status === 'skipped'
  if (facts.week !== current && !final) {
    return { go: false, step: null, exitCode: EXIT.notReady, message: `只能发送本周（${current}）的推送；${facts.week} 不是本周，系统不会补发或提前发送` }
  }
  if (!final && facts.push?.status !== 'sending' && shanghaiDate(now) > shanghaiDate(facts.slots.retryAt)) {
    return { go: false, step: null, exitCode: EXIT.notReady, message: `本周最后发送日（${shanghaiDate(facts.slots.retryAt)}）已过，系统不会补发` }
  }
  const step = decideNextStep({ week: facts.week, kind: 'send', at: facts.slots.sendAt }, weekStateOf(facts, now), facts.settings, now)
  const finalAttempt = now >= facts.slots.retryAt
  switch (step.kind) {
    case 'send':
      return { go: true, step, finalAttempt, message: '已审定，内容全部有效，额度足够：将立即群发' }
    case 'resume':
      return { go: true, step, finalAttempt, message: '上次发送尚未完成：将接着发送（同一 clientmsgid，微信不会重复群发）' }
    case 'assemble':
      return {
        go: false,
        step,
        exitCode: EXIT.notReady,
        message: `本周还没有生成推送（每周在 ${formatShanghai(facts.slots.assembleAt)} 自动生成），不能发送`,
      }
    case 'remind':
      return { go: false, step, exitCode: EXIT.notReady, message: `未就绪：${step.reason}` }
    case 'skip':
      return { go: false, step, exitCode: EXIT.wechatFailed, message: `不能发送：${step.reason}` }
    case 'merge':
      return { go: false, step, exitCode: EXIT.notReady, message: `不能发送：${step.reason}（领导可在本周推送中改发送日）` }
    case 'nothing':
      return { go: false, step, exitCode: EXIT.done, message: `无需操作：${step.reason}` }
  }
}

export type Confirmation = 'dry-run' | 'proceed' | 'ask' | 'refuse'

/** A real send is confirmed by a person at a terminal, or ahead of time with --yes. */
export function confirmation(options: { dryRun: boolean; yes: boolean; isTTY: boolean }): Confirmation {
  if (options.dryRun) return 'dry-run'
  if (options.yes) return 'proceed'
  return options.isTTY ? 'ask' : 'refuse'
}

export const CONFIRM_PROMPT = '确认发送？输入 yes：'

export const isConfirmed = (answer: string | null | undefined): boolean => (answer ?? '').trim().toLowerCase() === 'yes'

/** How a sendWeeklyPush attempt ended, for a person and for the shell. */
export function outcomeVerdict(outcome: SendOutcome): Verdict {
  switch (outcome.kind) {
    case 'sent':
      return {
        exitCode: EXIT.done,
        message: `已群发，msg_id ${outcome.msgId}${outcome.settledBy === '45065' ? '（微信确认此前已发送，未重复群发）' : ''}。最终结果稍后由微信通知`,
      }
    case 'invalid':
      return { exitCode: EXIT.notReady, message: `未发送：${outcome.reason}` }
    case 'failed':
      return { exitCode: EXIT.wechatFailed, message: `发送失败：${outcome.reason}` }
    case 'skipped':
      return { exitCode: EXIT.wechatFailed, message: `本周已跳过：${outcome.reason}` }
    case 'unknown-outcome':
      return {
        exitCode: EXIT.attention,
        message: `微信没有答复，结果未知。调度进程会在 ${formatShanghai(outcome.retryAfter)} 之后用同一 clientmsgid 确认结果；请勿另行群发`,
      }
    case 'not-claimed':
      return { exitCode: EXIT.attention, message: `没有发送：${outcome.reason}` }
    case 'needs-attention':
      return { exitCode: EXIT.attention, message: `需要人工处理：${outcome.reason}` }
  }
}

export interface PreviewEntry {
  error?: string | null
}

/** The end of a `preview` run: its step-log entry and the previews it added. */
export function previewVerdict(step: { ok?: boolean | null; detail?: string | null } | undefined, added: PreviewEntry[]): Verdict {
  if (!step) return { exitCode: EXIT.attention, message: '预览结果未知：步骤记录中没有本次预览' }
  const failed = added.filter((entry) => entry.error)
  if (step.ok === false) return { exitCode: EXIT.wechatFailed, message: step.detail ?? '预览发送失败' }
  if (failed.length > 0) {
    return { exitCode: EXIT.wechatFailed, message: `${step.detail ?? ''}；其中 ${failed.length} 条失败：${failed.map((entry) => entry.error).join('；')}` }
  }
  return { exitCode: EXIT.done, message: step.detail ?? '预览已发送' }
}
