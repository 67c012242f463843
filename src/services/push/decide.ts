import { FINISHED_PUSH_STATUSES, SENDABLE_PUSH_STATUSES, inStatusGroup, type PushStatus } from './status'
import type { PushSettings } from './settings'
import { plainDays, weekSlots, type WeekSlots } from './holiday-slots'
import { isoWeekOf, shanghaiDate, shanghaiMonth } from '../../shared/time'

export type SlotKind = 'assemble' | 'send' | 'retry'

export interface DueSlot {
  week: string
  kind: SlotKind
  at: Date
}

/** The slots of a week as `weekSlots` (holiday-slots.ts) places them; only the instants are read here. */
export type WeekSlotTimes = Pick<WeekSlots, 'week' | 'assembleAt' | 'sendAt' | 'retryAt'>

/** The regular slots of `now`'s week, without holidays (a plain Monday–Friday calendar). */
const plainWeek = (now: Date, settings: PushSettings): WeekSlotTimes => weekSlots(isoWeekOf(now), settings, plainDays)

/**
 * For each given week, the latest of its slots whose time has come today (Beijing): what a scheduler
 * tick, or a server that was down at the slot's minute and starts later that day, has to do. A slot of
 * an earlier day is not caught up. Pass this week's and the next week's slots: a holiday can move the
 * next week's assemble and send into this week (e.g. 2026-W08's send on the 调休 Saturday 2026-02-14).
 */
export function dueSlots(now: Date, weeks: WeekSlotTimes[]): DueSlot[] {
  const today = shanghaiDate(now)
  return weeks.flatMap((slots) => {
    const due = (
      [
        { week: slots.week, kind: 'assemble', at: slots.assembleAt },
        { week: slots.week, kind: 'send', at: slots.sendAt },
        { week: slots.week, kind: 'retry', at: slots.retryAt },
      ] as DueSlot[]
    ).filter((slot) => slot.at <= now && shanghaiDate(slot.at) === today)
    const latest = due.sort((a, b) => a.at.getTime() - b.at.getTime()).at(-1)
    return latest ? [latest] : []
  })
}

/**
 * The latest slot of this week whose time has come today (Beijing); `slots` are the week's slots
 * with holidays (`weekSlots`), else the plain weekly rhythm of `settings`.
 */
export function dueSlot(now: Date, settings: PushSettings, slots?: WeekSlotTimes): DueSlot | null {
  return dueSlots(now, [slots ?? plainWeek(now, settings)])[0] ?? null
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
  /**
   * Set when a holiday move would exceed the month's quota and no day of the week fits (`WeekSlots.merge`):
   * the week is not sent on its own; the one Chinese note, e.g. 「10 月 1 日（周四）国庆节；…内容并入下周（10 月 8 日）」.
   */
  merge?: string
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
  /** The week's slots as placed with the month's quota (`weekSlots` with `quota`), for their `merge`. */
  slots?: Pick<WeekSlots, 'merge'>
}): WeekState {
  const { push } = args
  return {
    exists: push !== null,
    status: push?.status ?? undefined,
    signedOff: Boolean(push?.signedOffAt) && inStatusGroup(SENDABLE_PUSH_STATUSES, push?.status),
    validItems: args.validItems,
    quotaLeft: args.settings.monthlyQuota - (args.sentByMonth[shanghaiMonth(args.now)] ?? 0),
    lastSlotRun: args.lastSlotRun,
    ...(args.slots?.merge ? { merge: args.slots.merge.note } : {}),
  }
}

export type NextStep =
  | { kind: 'assemble' }
  | { kind: 'send' }
  | { kind: 'resume' }
  | { kind: 'remind'; reason: string }
  | { kind: 'skip'; reason: string }
  /** Close the week without a bundle (its items stay in the pool for the next week): a holiday move over the quota. */
  | { kind: 'merge'; reason: string }
  | { kind: 'nothing'; reason: string }

/**
 * What the scheduler does for `slot` given the week's push. A week merged for the quota (`state.merge`)
 * is closed at its first due slot: `skip` with the note when it has a push, else `merge`. Never a second send; never a past week
 * (`slot.week` before `now`'s ISO week); a later week's slot only once it is due (a holiday moved it).
 */
export function decideNextStep(slot: DueSlot, state: WeekState, settings: PushSettings, now: Date): NextStep {
  // A past week is never sent. A later week acts only at a slot a holiday moved into this week.
  const current = isoWeekOf(now)
  if (slot.week < current) return { kind: 'nothing', reason: '不是本周' }
  if (slot.week > current && slot.at > now) return { kind: 'nothing', reason: '未到该周的时段' }
  if (state.status && inStatusGroup(FINISHED_PUSH_STATUSES, state.status))
    return { kind: 'nothing', reason: `本周已${state.status === 'sent' ? '发送' : '跳过'}` }
  if (state.status === 'sending') return { kind: 'resume' }
  // A holiday move over the month's quota: closed at the week's first due slot, the same way as a
  // quota skip (items back in, or never taken from, the pool; people told once, by the closing).
  if (state.merge) return state.exists ? { kind: 'skip', reason: state.merge } : { kind: 'merge', reason: state.merge }
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
