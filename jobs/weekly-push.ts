import type { Payload } from 'payload'
import { notify } from '../src/services/notifications/notify'
import { responsibleStaff } from '../src/services/push/account-scope'
import { assembleWeek } from '../src/services/push/assemble'
import { bundleProblems, loadAccountPushes, loadBundle, type AccountPushes } from '../src/services/push/candidates'
import { buildWeekState, decideNextStep, dueSlots, type NextStep, type SlotKind } from '../src/services/push/decide'
import { chinaDays } from '../src/services/push/holiday-days'
import { weekSlots, type WeekSlots } from '../src/services/push/holiday-slots'
import type { GatewayFactory } from '../src/services/push/gateway'
import { sendsByMonth } from '../src/services/push/month-usage'
import { sendPreviews } from '../src/services/push/previews'
import { itemRefs } from '../src/services/push/item-refs'
import { sendWeeklyPush, type SendOutcome } from '../src/services/push/send'
import { loadPushSettings } from '../src/services/push/settings-load'
import type { PushSettings } from '../src/services/push/settings'
import { closeMergedWeek, skipPush } from '../src/services/push/skip'
import { placeWeek } from '../src/services/push/calendar-view'
import { UNSETTLED_PUSH_STATUSES } from '../src/services/push/status'
import { settlePastWeek } from '../src/services/push/settle-past-week'
import { appendStep, findPush, readSteps, type PushDoc } from '../src/services/push/store'
import { SEND_OUTCOME_LABELS } from '../src/services/push/labels'
import { addWeeks } from '../src/services/push/week'
import { formatShanghai, isoWeekOf, shanghaiDate } from '../src/shared/time'
import { wechatGateway } from '../src/services/push/wechat-gateway'
import { createLimiter } from '../src/shared/concurrency-limit'
import { perPayload } from '../src/shared/per-payload'
import { findPushAccounts, type PushAccount } from '../src/services/accounts/accounts'

/** Every minute: each tick decides from the saved state, so ticks are idempotent and catch up. */
export const WEEKLY_PUSH_SCHEDULE = '* * * * *'

export interface TickOptions {
  now?: Date
  /** This instance, in claims and logs. */
  owner: string
  gatewayFor?: GatewayFactory
  onStep?: (step: string) => void | Promise<void>
}

export interface TickReport {
  week: string
  slot: SlotKind | null
  step: NextStep['kind'] | 'closed-missed' | 'idle'
  detail?: string
  outcome?: SendOutcome
}

const slotStep = (kind: SlotKind) => `slot-${kind}`

/** The last send slot that ran for this push, from its step log (`slot-send` / `slot-retry`). */
async function lastSlotRun(payload: Payload, push: PushDoc | null): Promise<SlotKind | null> {
  if (!push) return null
  const ran = (await readSteps(payload, push.id)).map((entry) => entry.step).filter((step) => step === 'slot-send' || step === 'slot-retry')
  return (ran.at(-1)?.replace('slot-', '') as SlotKind | undefined) ?? null
}

/** One account's part of a tick: its report, or the error that stopped it (other accounts went on). */
export type AccountTickReport =
  { accountId: string; accountName: string; ok: true; report: TickReport } | { accountId: string; accountName: string; ok: false; week: string; error: string }

/** A whole tick: one entry per account the scheduler serves (`findPushAccounts`), default account first. */
export interface WeeklyPushTickReport {
  week: string
  accounts: AccountTickReport[]
  /** Set when no account is served at all. */
  detail?: string
}

/**
 * Serialises the assembling of proposals within this process: the street-level accounts share one
 * pool, and an item leaves it only when a proposal holding it claims it, so two accounts choosing at
 * the same moment would both choose the same items. The claim decides (createPush: the later
 * proposal leaves out what it lost); serialising here keeps proposals of one process full.
 */
const assemblingOf = perPayload('weekly-push-assembling', () => createLimiter(1))

/**
 * One scheduler tick for every account the weekly push serves: each account's part runs on its own
 * (concurrently, settled one by one), so one account's WeChat failure or exception neither delays
 * nor stops another's; the failure is logged and recorded in that week's step log (`tick-error`).
 * Exactly once per account and ISO week still holds: every claim is on one push row, unique per
 * account and week. Never throws for an account's failure; throws only if the accounts cannot be read.
 */
export async function runWeeklyPushTick(payload: Payload, options: TickOptions): Promise<WeeklyPushTickReport> {
  const now = options.now ?? new Date()
  const week = isoWeekOf(now)
  const accounts = await findPushAccounts(payload)
  if (accounts.length === 0) return { week, accounts: [], detail: '没有参与每周推送的公众号' }
  // Each account with its own settings (本号推送设置, else the street-wide ones), loaded in its own part.
  const settled = await Promise.allSettled(accounts.map((account) => runAccountTick(payload, account.id, { ...options, now })))
  const reports: AccountTickReport[] = []
  for (const [index, result] of settled.entries()) {
    const account = accounts[index]
    if (result.status === 'fulfilled') {
      reports.push({ accountId: account.id, accountName: account.name, ok: true, report: result.value })
      continue
    }
    const error = result.reason instanceof Error ? result.reason.message : String(result.reason)
    reports.push({ accountId: account.id, accountName: account.name, ok: false, week, error })
    await recordTickError(payload, account, week, error)
  }
  return { week, accounts: reports }
}

/** The failure of one account's tick: in the log, and in its week's step log when the week has a push. */
async function recordTickError(payload: Payload, account: PushAccount, week: string, error: string): Promise<void> {
  payload.logger.error({ msg: 'weekly push tick failed for an account', account: account.id, appId: account.appId, week, error })
  try {
    const push = await findPush(payload, account.id, week)
    if (push) await appendStep(payload, push.id, { step: 'tick-error', ok: false, detail: error.slice(0, 500) })
  } catch {
    // The log line above already carries the failure; the step log is evidence, never a blocker.
  }
}

/**
 * One account's tick: decide (pure), then act. Looks at this ISO week and the next one, because a
 * holiday can move the next week's assemble and send into this week (holiday-slots.ts); answers the
 * report of the week that acted (this week's when neither did). Throws what the account's work throws.
 */
export async function runAccountTick(payload: Payload, accountId: string, options: TickOptions, loaded?: PushSettings): Promise<TickReport> {
  const now = options.now ?? new Date()
  const settings = loaded ?? (await loadPushSettings(payload, accountId))
  const week = isoWeekOf(now)
  const closed = await closeMissedWeeks(payload, accountId, now, options, settings)
  const reports: TickReport[] = []
  for (const candidate of [week, addWeeks(week, 1)]) {
    const push = await findPush(payload, accountId, candidate)
    const slots = await placeWeek(payload, { accountId, week: candidate, push, settings, now })
    reports.push(await tickWeek(payload, { accountId, week: candidate, push, slots, now, options, settings }))
  }
  const acted = reports.find((report) => report.step !== 'idle')
  if (acted) return acted
  return { ...reports[0], step: closed ? 'closed-missed' : 'idle' }
}

/** One week of one account at this tick: resume a send under way, else the week's due slot, if any. */
async function tickWeek(
  payload: Payload,
  args: { accountId: string; week: string; push: PushDoc | null; slots: WeekSlots; now: Date; options: TickOptions; settings: PushSettings },
): Promise<TickReport> {
  const { accountId, week, push, slots, now, options, settings } = args
  const gatewayFor = options.gatewayFor ?? wechatGateway
  // `accountPushes`: read below for the decision and handed to the send, which checks the bundle
  // again (the account's pushes are read once per tick).
  const send = (finalAttempt: boolean, decidedOn?: string, accountPushes?: AccountPushes) =>
    gatewayFor(payload, accountId).then((gateway) =>
      sendWeeklyPush({
        payload,
        pushId: push!.id,
        gateway,
        settings,
        owner: options.owner,
        finalAttempt,
        onStep: options.onStep,
        now: () => options.now ?? new Date(),
        decidedOn,
        accountPushes,
      }),
    )

  // A send under way (after a crash, or waiting to settle a lost answer) resumes at any tick.
  if (push?.status === 'sending') {
    const outcome = await send(now >= slots.retryAt)
    return { week, slot: null, step: 'resume', outcome }
  }
  const slot = dueSlots(now, [slots])[0]
  if (!slot) return { week, slot: null, step: 'idle' }

  const accountPushes = push ? await loadAccountPushes(payload, accountId) : undefined
  const items = push ? await loadBundle(payload, itemRefs(push.items), accountPushes, String(push.id)) : []
  const validItems = items.filter((item) => bundleProblems(item, push!.id, now).length === 0).length
  const state = buildWeekState({
    push,
    validItems,
    sentByMonth: await sendsByMonth(payload, accountId),
    settings,
    now,
    lastSlotRun: await lastSlotRun(payload, push),
    slots,
  })
  const next = decideNextStep(slot, state, settings, now)

  switch (next.kind) {
    case 'assemble': {
      const assembled = await assemblingOf(payload)(() => assembleWeek(payload, { accountId, week, now, settings }))
      if (assembled.created) {
        await sendPreviews(payload, assembled.push.id, await gatewayFor(payload, accountId)).catch((error: unknown) =>
          payload.logger.warn({ msg: 'push previews failed', error: String(error) }),
        )
      }
      return { week, slot: slot.kind, step: 'assemble', detail: `${itemRefs(assembled.push.items).length} 条` }
    }
    case 'send': {
      // The slot counts as run only once this tick's attempt has an outcome: a tick that throws, or
      // finds another instance took the send, leaves the slot to the next tick (which then resumes a
      // send under way, or finds the week done). Claimed only if the push is as decided on.
      const outcome = await send(slot.kind === 'retry', String(push!.updatedAt), accountPushes)
      if (outcome.kind !== 'not-claimed')
        await appendStep(payload, push!.id, {
          step: slotStep(slot.kind),
          ok: outcome.kind === 'sent',
          detail: `${shanghaiDate(now)}：${SEND_OUTCOME_LABELS[outcome.kind] ?? outcome.kind}`,
        })
      return { week, slot: slot.kind, step: 'send', outcome }
    }
    case 'resume':
      return { week, slot: slot.kind, step: 'resume', outcome: await send(slot.kind === 'retry', undefined, accountPushes) }
    case 'remind': {
      const recipients = await responsibleStaff(payload, accountId, ['leader', 'editor'])
      await notify(payload, {
        recipients,
        subject: `【本周推送未发送】${week}：${next.reason}`,
        body: `本周推送（${week}）在${slot.kind === 'send' ? `${formatShanghai(slot.at)} 的` : '本次'}发送时段未发出：${next.reason}。`,
        relatedCollection: 'weekly-pushes',
        relatedId: push!.id,
      })
      // After the reminder went out: a tick that failed before it reminds at the next tick.
      await appendStep(payload, push!.id, { step: slotStep(slot.kind), ok: false, detail: next.reason })
      return { week, slot: slot.kind, step: 'remind', detail: next.reason }
    }
    case 'merge': {
      await closeMergedWeek(payload, { accountId, week, reason: next.reason })
      return { week, slot: slot.kind, step: 'merge', detail: next.reason }
    }
    case 'skip': {
      if (push) await skipPush(payload, push, next.reason)
      return { week, slot: slot.kind, step: 'skip', detail: next.reason }
    }
    default:
      return { week, slot: slot.kind, step: 'nothing', detail: next.reason }
  }
}

/** A week whose last slot day has passed is settled, never sent late (see settlePastWeek). */
async function closeMissedWeeks(payload: Payload, accountId: string, now: Date, options: TickOptions, settings: PushSettings): Promise<boolean> {
  const open = await payload.find({
    collection: 'weekly-pushes',
    overrideAccess: true,
    depth: 0,
    limit: 20,
    where: { and: [{ account: { equals: accountId } }, { status: { in: [...UNSETTLED_PUSH_STATUSES] } }] },
  })
  let closed = false
  for (const push of open.docs) {
    if (push.status === 'failed' && push.needsAttention) continue
    const lastDay = shanghaiDate(weekSlots(push.week, settings, chinaDays, push.sendDate).retryAt)
    if (lastDay >= shanghaiDate(now)) continue
    const outcome = await settlePastWeek(payload, push, { now, owner: options.owner, settings, gatewayFor: options.gatewayFor ?? wechatGateway })
    closed = closed || outcome !== 'busy'
  }
  return closed
}
