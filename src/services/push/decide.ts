import { FINISHED_PUSH_STATUSES, SENDABLE_PUSH_STATUSES, inStatusGroup, type PushStatus } from './status'
import type { PushSettings } from './settings'
import { isoWeekOf, slotInstant } from './week'
import { shanghaiDate, shanghaiMonth } from '../../shared/time'

export type SlotKind = 'assemble' | 'send' | 'retry'

export interface DueSlot {
  week: string
  kind: SlotKind
  at: Date
}

/**
 * The latest slot of this week whose time has come today (Beijing): what a scheduler tick, or a
 * server that was down at the slot's minute and starts later that day, has to do. A slot of an
 * earlier day is not caught up.
 */
export function dueSlot(now: Date, settings: PushSettings): DueSlot | null {
  const week = isoWeekOf(now)
  const slots: DueSlot[] = [
    { week, kind: 'assemble' as const, at: slotInstant(week, settings.assembleWeekday, settings.assembleTime) },
    { week, kind: 'send' as const, at: slotInstant(week, settings.sendWeekday, settings.sendTime) },
    { week, kind: 'retry' as const, at: slotInstant(week, settings.retryWeekday, settings.retryTime) },
  ]
  const today = shanghaiDate(now)
  const due = slots.filter((slot) => slot.at <= now && shanghaiDate(slot.at) === today)
  return due.at(-1) ?? null
}

export interface WeekState {
  exists: boolean
  status?: PushStatus
  signedOff: boolean
  /** Valid items in the bundle now. */
  validItems: number
  quotaLeft: number
  /** The last slot that already ran for this week. */
  lastSlotRun?: SlotKind | null
}

/**
 * The week's state as decideNextStep reads it, built the same way for the scheduler's tick
 * (jobs/weekly-push.ts) and for `npm run push -- send` (src/cli/push/plan.ts). A push counts as
 * signed off only while it carries a sign-off and is sendable (`signed_off`, or `failed` and still
 * signed off); the quota left is the month's (Beijing) limit less the mass sends already made.
 */
export function buildWeekState(args: {
  push: { status?: PushStatus | null; signedOffAt?: string | null } | null
  /** Items in the bundle that WeChat would take now (no problems). */
  validItems: number
  /** Mass sends per Beijing month (`YYYY-MM`), as sendsByMonth counts them. */
  sentByMonth: Record<string, number>
  settings: Pick<PushSettings, 'monthlyQuota'>
  now: Date
  /** The last send slot that already ran this week; null for a manual send. */
  lastSlotRun: SlotKind | null
}): WeekState {
  const { push } = args
  return {
    exists: push !== null,
    status: push?.status ?? undefined,
    signedOff: Boolean(push?.signedOffAt) && inStatusGroup(SENDABLE_PUSH_STATUSES, push?.status),
    validItems: args.validItems,
    quotaLeft: args.settings.monthlyQuota - (args.sentByMonth[shanghaiMonth(args.now)] ?? 0),
    lastSlotRun: args.lastSlotRun,
  }
}

export type NextStep =
  | { kind: 'assemble' }
  | { kind: 'send' }
  | { kind: 'resume' }
  | { kind: 'remind'; reason: string }
  | { kind: 'skip'; reason: string }
  | { kind: 'nothing'; reason: string }

/** What the scheduler does for `slot` given the week's push. Never a second send; never a past week. */
export function decideNextStep(slot: DueSlot, state: WeekState, settings: PushSettings, now: Date): NextStep {
  if (slot.week !== isoWeekOf(now)) return { kind: 'nothing', reason: '不是本周' }
  if (state.status && inStatusGroup(FINISHED_PUSH_STATUSES, state.status))
    return { kind: 'nothing', reason: `本周已${state.status === 'sent' ? '发送' : '跳过'}` }
  if (state.status === 'sending') return { kind: 'resume' }
  // A send slot acts once; later ticks that day only resume a send under way.
  if (slot.kind !== 'assemble' && state.lastSlotRun === slot.kind) return { kind: 'nothing', reason: '本时段已处理' }
  if (slot.kind === 'assemble') return state.exists ? { kind: 'nothing', reason: '本周推送已生成' } : { kind: 'assemble' }
  if (!state.exists) {
    return slot.kind === 'retry' ? { kind: 'skip', reason: '本周没有生成推送' } : { kind: 'assemble' }
  }
  if (state.quotaLeft <= 0) return { kind: 'skip', reason: '本月群发次数已用完（服务号每月 4 次）' }
  const problems: string[] = []
  if (!state.signedOff) problems.push('领导尚未审定')
  if (state.validItems < settings.minItems) problems.push(`有效内容只有 ${state.validItems} 条，至少需要 ${settings.minItems} 条`)
  if (problems.length === 0) return { kind: 'send' }
  const reason = problems.join('；')
  return slot.kind === 'retry' ? { kind: 'skip', reason } : { kind: 'remind', reason: `${reason}，周五将再次尝试` }
}
