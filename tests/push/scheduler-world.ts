/**
 * The weekly push driven the way production drives it — scheduler ticks — with the clock moved by
 * the test: every tick runs at a chosen Beijing time, and the emulator's clock (quotas, tokens,
 * clientmsgid windows) follows the same time.
 */
import type { Payload } from 'payload'
import { runWeeklyPushTick, type TickOptions, type TickReport, type WeeklyPushTickReport } from '../../jobs/weekly-push'
import { findPush, type PushDoc } from '../../src/services/push/store'
import type { StartEmulatorOptions } from '../../src/dev/emulator'
import { createPushWorld, type PushWorld } from './helpers'

/** `"2026-11-26 18:00"` read as Beijing wall-clock time (UTC+8 all year). */
export const beijing = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+08:00`)

export interface ScheduledWorld extends PushWorld {
  /** One scheduler tick at a Beijing wall-clock time; the emulator's clock moves there first. */
  tickAt(local: string, options?: Partial<TickOptions>): Promise<TickReport>
  /** The emulator's clock, moved by tickAt (and by the test when it needs to). */
  clock: { now: number }
  push(week: string): Promise<PushDoc | null>
}

/**
 * Forgets earlier tests' pushes, content and notifications, and their default account. Payload's
 * config (and so the database file) is fixed once per test file, and the item pool, the default
 * account and the monthly count are all global, so each scenario starts from an empty week.
 */
export async function resetPushData(payload: Payload): Promise<void> {
  for (const collection of [
    'push-steps',
    'pending-mass-results',
    'weekly-pushes',
    'articles',
    'policy-explainers',
    'community-news',
    'notifications',
  ] as const) {
    await payload.delete({ collection, where: { id: { exists: true } }, overrideAccess: true })
  }
  // Earlier scenarios' accounts (their emulators are closed) leave the default and the scheduler.
  await payload.update({ collection: 'wechat-accounts', where: { id: { exists: true } }, data: { isDefault: false, pushEnabled: false }, overrideAccess: true })
}

/** One account's part of a tick's report; that account's error is thrown, as a one-account tick would. */
export function reportFor(report: WeeklyPushTickReport, accountId: string): TickReport {
  const entry = report.accounts.find((account) => account.accountId === accountId)
  if (!entry) throw new Error(`the tick did not serve account ${accountId}: ${JSON.stringify(report)}`)
  if (!entry.ok) throw new Error(entry.error)
  return entry.report
}

export async function createScheduledWorld(
  payload: Payload,
  items = 6,
  startAt = '2026-11-23 09:00',
  emulatorOptions: Omit<StartEmulatorOptions, 'clock'> = {},
): Promise<ScheduledWorld> {
  await resetPushData(payload)
  const clock = { now: beijing(startAt).getTime() }
  const world = await createPushWorld(payload, items, { ...emulatorOptions, clock: () => clock.now })
  return {
    ...world,
    clock,
    async tickAt(local, options = {}) {
      const now = beijing(local)
      clock.now = now.getTime()
      return reportFor(await runWeeklyPushTick(payload, { now, owner: 'scheduler-a', gatewayFor: world.gatewayFor, ...options }), world.accountId)
    },
    push: (week) => findPush(payload, world.accountId, week),
  }
}

/** Subjects of the notifications recorded about one push, oldest first (one per recipient, deduplicated). */
export async function notificationSubjects(payload: Payload, pushId: string): Promise<string[]> {
  const found = await payload.find({
    collection: 'notifications',
    overrideAccess: true,
    depth: 0,
    limit: 500,
    pagination: false,
    sort: 'createdAt',
    where: { and: [{ relatedCollection: { equals: 'weekly-pushes' } }, { relatedId: { equals: pushId } }] },
  })
  return [...new Set(found.docs.map((doc) => String(doc.subject)))]
}

/** Review states of a push's items, in bundle order. */
export async function itemStates(payload: Payload, push: PushDoc): Promise<{ reviewStatus: string; pushedIn: string | null }[]> {
  return Promise.all(
    (push.items as { relationTo: 'articles'; value: string }[]).map(async (ref) => {
      const item = await payload.findByID({ collection: ref.relationTo, id: ref.value, depth: 0, overrideAccess: true })
      const pushedIn = (item as { pushedIn?: unknown }).pushedIn
      return { reviewStatus: String(item.reviewStatus), pushedIn: pushedIn == null ? null : String(pushedIn) }
    }),
  )
}
