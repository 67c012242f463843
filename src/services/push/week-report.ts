import type { Payload } from 'payload'
import { idOf } from '../../access/roles'
import { bundleProblems, loadAccountPushes, loadBundle, loadPool } from './candidates'
import { sendsByMonth } from './month-usage'
import { OPEN_PUSH_STATUSES, inStatusGroup, isPushStatus, type PushStatus } from './status'
import { itemRefs, type ItemRef } from './item-refs'
import { explainPool, selectItems, type Candidate, type Exclusion } from './select'
import type { PushSettings } from './settings'
import { loadPushSettings } from './settings-load'
import { findPush, type PushDoc } from './store'
import { loadMonthQuota } from './calendar-view'
import { chinaDays } from './holiday-days'
import { weekSlots, type QuotaMerge } from './holiday-slots'
import { formatShanghai, isoWeekOf, shanghaiMonth, type IsoWeek } from '../../shared/time'
import type { ContentCollection } from '../content/types'
import type { AccountSummary } from '../accounts/find-account'

export interface ItemRow {
  collection: ContentCollection
  id: string
  title: string
  reviewStatus: string
  /** Why this item cannot go out (empty when it can), as bundleProblems says. */
  problems: string[]
}

export interface PushSummary {
  id: string
  status: PushStatus
  statusReason: string | null
  signedOffBy: string | null
  signedOffAt: string | null
  needsAttention: boolean
  audience: 'all' | 'community'
  refs: ItemRef[]
  items: ItemRow[]
  previewsSent: number
  lastPreviewAt: string | null
}

/** An approved item not in the week's bundle, with the selection's reason (see select.ts Exclusion). */
interface PoolRow {
  collection: ContentCollection
  id: string
  title: string
  /** The item's community id (editors see only their community's rows). */
  community: string | null
  code: Exclusion['code']
  reason: string
  limit?: number
  rank?: number
}

const poolRow = (entry: Exclusion): PoolRow => ({
  collection: entry.item.collection,
  id: entry.item.id,
  title: entry.item.title,
  community: entry.item.community,
  code: entry.code,
  reason: entry.reason,
  limit: entry.limit,
  rank: entry.rank,
})

export interface WeekReport {
  account: AccountSummary
  week: IsoWeek
  settings: PushSettings
  /** The week's slots with holidays and the leader's pick (`weekSlots`); `notes` say why a slot moved. */
  slots: { assembleAt: Date; sendAt: Date; retryAt: Date; notes: string[]; sendDate: string | null; merge?: QuotaMerge }
  push: PushSummary | null
  /** Mass sends per Beijing month, as sendsByMonth counts them. */
  sentByMonth: Record<string, number>
  /** The month of the week's send day. */
  quota: { month: string; used: number; limit: number }
  /** Only for a week without a push: what the assembler would find in the pool now. */
  pool: { approved: number; selected: number; missing: number } | null
  /**
   * The approved items left out and why: without a push, what the assembler would leave out now;
   * with an open one, beside its (possibly edited) bundle. Empty once the push is sending or done.
   */
  poolRows: PoolRow[]
}

/** Everything the 本周推送 page and `npm run push -- status` show, read as the system sees it. */
export async function loadWeekReport(payload: Payload, args: { account: AccountSummary; week: IsoWeek; now: Date }): Promise<WeekReport> {
  const { account, week, now } = args
  const [settings, sentByMonth, doc] = await Promise.all([
    loadPushSettings(payload, account.id),
    sendsByMonth(payload, account.id),
    findPush(payload, account.id, week),
  ])
  let placed = weekSlots(week, settings, chinaDays, doc?.sendDate)
  // A holiday move of a week still to go out is placed with the month's quota, as the scheduler places it.
  if (placed.moved && !placed.override && (!doc || inStatusGroup(OPEN_PUSH_STATUSES, doc.status)))
    placed = weekSlots(week, settings, chinaDays, doc?.sendDate, (await loadMonthQuota(payload, account.id, { fromWeek: isoWeekOf(now), settings, now }))(week))
  const slots = {
    assembleAt: placed.assembleAt,
    sendAt: placed.sendAt,
    retryAt: placed.retryAt,
    notes: placed.notes,
    sendDate: doc?.sendDate ?? null,
    ...(placed.merge ? { merge: placed.merge } : {}),
  }
  const month = shanghaiMonth(slots.sendAt)
  const quota = { month, used: sentByMonth[month] ?? 0, limit: settings.monthlyQuota }
  // The account's pushes and the bundle are read once, for the push's rows and the pool beside it.
  const accountPushes = await loadAccountPushes(payload, account.id)
  const bundle = doc ? await loadBundle(payload, itemRefs(doc.items), accountPushes, String(doc.id)) : []
  const push = doc ? await summarize(payload, doc, bundle, now) : null
  let pool: WeekReport['pool'] = null
  let poolRows: PoolRow[] = []
  if (!push) {
    const candidates = await loadPool(payload, accountPushes)
    const selection = selectItems(candidates, settings, now)
    pool = { approved: candidates.length, selected: selection.items.length, missing: selection.missing }
    poolRows = selection.excluded.map(poolRow)
  } else if (inStatusGroup(OPEN_PUSH_STATUSES, push.status)) {
    poolRows = explainPool(await loadPool(payload, accountPushes), bundle, settings, now).map(poolRow)
  }
  return { account, week, settings, slots, push, sentByMonth, quota, pool, poolRows }
}

/** The push as the report shows it; `bundle` is its items as `loadBundle` read them. */
async function summarize(payload: Payload, doc: PushDoc, bundle: Candidate[], now: Date): Promise<PushSummary> {
  const refs = itemRefs(doc.items)
  const signer = await signerName(payload, doc.signedOffBy)
  const previews = doc.previews ?? []
  return {
    id: String(doc.id),
    status: isPushStatus(doc.status) ? doc.status : 'proposed',
    statusReason: typeof doc.statusReason === 'string' && doc.statusReason ? doc.statusReason : null,
    signedOffBy: signer,
    signedOffAt: (doc.signedOffAt as string | null | undefined) ?? null,
    needsAttention: doc.needsAttention === true,
    audience: doc.audience === 'community' ? 'community' : 'all',
    refs,
    items: bundle.map((item) => ({
      collection: item.collection,
      id: item.id,
      title: item.title,
      reviewStatus: item.reviewStatus,
      problems: bundleProblems(item, String(doc.id), now),
    })),
    previewsSent: previews.length,
    lastPreviewAt:
      previews
        .map((entry) => entry.at ?? '')
        .filter(Boolean)
        .sort()
        .at(-1) ?? null,
  }
}

async function signerName(payload: Payload, value: unknown): Promise<string | null> {
  const id = idOf(value)
  if (!id) return null
  const user = await payload.findByID({ collection: 'users', id, overrideAccess: true, depth: 0, disableErrors: true })
  if (!user) return `用户 ${id}`
  const { name, email } = user
  return name || email || `用户 ${id}`
}

export function noPushLines(report: WeekReport, now: Date): string[] {
  const pool = report.pool
  const when =
    now < report.slots.assembleAt
      ? `将于 ${formatShanghai(report.slots.assembleAt)}（北京时间）自动生成`
      : now < report.slots.retryAt
        ? `生成时段（${formatShanghai(report.slots.assembleAt)}）已过；发送时段会补生成`
        : '本周发送时段已过，不会再生成'
  return [
    `本周还没有生成推送：${when}。`,
    pool ? `待推送池：${pool.approved} 条已审核内容，按规则可选出 ${pool.selected} 条${pool.missing > 0 ? `，还差 ${pool.missing} 条` : ''}。` : '',
  ].filter(Boolean)
}
