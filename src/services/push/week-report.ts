import type { Payload } from 'payload'
import { idOf } from '../../access/roles'
import { bundleProblems, loadAccountPushes, loadBundle, loadPool } from './candidates'
import { accountCommunity } from './account-scope'
import { sendsByMonth } from './month-usage'
import { OPEN_PUSH_STATUSES, inStatusGroup, isPushStatus, type PushStatus } from './status'
import { itemRefs, type ItemRef } from './item-refs'
import { explainPool, selectItems, type Candidate, type Exclusion } from './select'
import type { PushSettings } from './settings'
import { loadPushSettings } from './settings-load'
import { findPush, type PushWithSteps } from './store'
import { stepDetail, stepEntryLabel } from './labels'
import { placeWeek } from './calendar-view'
import type { QuotaMerge } from './holiday-slots'
import { formatShanghai, shanghaiMonth, type IsoWeek } from '../../shared/time'
import type { ContentCollection } from '../content/types'
import type { AccountSummary } from '../accounts/find-account'

export interface ItemRow {
  collection: ContentCollection
  id: string
  title: string
  reviewStatus: string
  /** Why this item cannot go out (empty when it can, and for a sent push: it went out), as bundleProblems says. */
  problems: string[]
  /** It went out in this push (the push is 已发送): shown 「已推送」, never judged for sending again. */
  sent: boolean
}

/** A sent push's figures, from WeChat's MASSSENDJOBFINISH or mass/get (push.result); null until they came. */
export interface PushResultSummary {
  /** WeChat's status in Chinese (massStatusMeaning): 「群发成功」. */
  meaning: string | null
  totalCount: number | null
  filterCount: number | null
  /** 送达人数. */
  sentCount: number | null
  /** 失败数. */
  errorCount: number | null
  finishedAt: string | null
}

/** One entry of the push's step log, oldest first; `label` and `detail` in Chinese (labels.ts). */
export interface StepLine {
  step: string
  label: string
  at: string | null
  ok: boolean
  detail: string
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
  /** When the mass send was submitted to WeChat (`wechat.sentAt`); null before. */
  sentAt: string | null
  result: PushResultSummary | null
  steps: StepLine[]
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
  // A holiday move of a week still to go out is placed with the month's quota, as the scheduler places it.
  const placed = await placeWeek(payload, { accountId: account.id, week, push: doc, settings, now })
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
  // As the assembler decides: a community's own account does not cap its own items (select.ts SelectScope).
  const scope = push && !inStatusGroup(OPEN_PUSH_STATUSES, push.status) ? {} : { ownCommunity: await accountCommunity(payload, account.id) }
  let pool: WeekReport['pool'] = null
  let poolRows: PoolRow[] = []
  if (!push) {
    const candidates = await loadPool(payload, accountPushes)
    const selection = selectItems(candidates, settings, now, scope)
    pool = { approved: candidates.length, selected: selection.items.length, missing: selection.missing }
    poolRows = selection.excluded.map(poolRow)
  } else if (inStatusGroup(OPEN_PUSH_STATUSES, push.status)) {
    poolRows = explainPool(await loadPool(payload, accountPushes), bundle, settings, now, scope).map(poolRow)
  }
  return { account, week, settings, slots, push, sentByMonth, quota, pool, poolRows }
}

/** The push as the report shows it; `bundle` is its items as `loadBundle` read them. */
async function summarize(payload: Payload, doc: PushWithSteps, bundle: Candidate[], now: Date): Promise<PushSummary> {
  const refs = itemRefs(doc.items)
  // A sent push's items went out in it: they are its record, not candidates to check again.
  const sent = doc.status === 'sent'
  const result = doc.result
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
      problems: sent ? [] : bundleProblems(item, String(doc.id), now),
      sent,
    })),
    previewsSent: previews.length,
    lastPreviewAt:
      previews
        .map((entry) => entry.at ?? '')
        .filter(Boolean)
        .sort()
        .at(-1) ?? null,
    sentAt: doc.wechat?.sentAt ?? null,
    result:
      result && (result.finishedAt || result.sentCount != null)
        ? {
            meaning: result.meaning ?? null,
            totalCount: result.totalCount ?? null,
            filterCount: result.filterCount ?? null,
            sentCount: result.sentCount ?? null,
            errorCount: result.errorCount ?? null,
            finishedAt: result.finishedAt ?? null,
          }
        : null,
    steps: (doc.steps ?? []).map((entry) => ({
      step: entry.step,
      label: stepEntryLabel(entry, 'zh'),
      at: entry.at ?? null,
      ok: entry.ok !== false,
      detail: stepDetail(entry),
    })),
  }
}

/**
 * The bundle's count line: for a sent push 「共 6 条，已推送 6 条」, else how far it is from sendable
 * 「共 6 条，有效 5 条（每次 5–6 条）」. Chinese or English (`lang`); 本周推送 and `push status` both.
 */
export function bundleCountLine(push: Pick<PushSummary, 'items'>, settings: Pick<PushSettings, 'minItems' | 'maxItems'>, lang = 'zh'): string {
  const total = push.items.length
  const sent = push.items.filter((item) => item.sent).length
  if (sent > 0) return lang === 'en' ? `${total} items, ${sent} sent` : `共 ${total} 条，已推送 ${sent} 条`
  const valid = push.items.filter((item) => item.problems.length === 0).length
  const { minItems, maxItems } = settings
  return lang === 'en'
    ? `${total} items, ${valid} ready (${minItems}–${maxItems} per send)`
    : `共 ${total} 条，有效 ${valid} 条（每次 ${minItems}–${maxItems} 条）`
}

/**
 * A sent push's result as handbook §4 has it read: 「群发成功：送达 98 人，失败 2 人（发送对象 100 人）」.
 * Null before WeChat's result came (本周推送 then says it is awaited).
 */
export function resultLine(result: PushResultSummary | null, lang = 'zh'): string | null {
  if (!result) return null
  const en = lang === 'en'
  const figures = [
    result.sentCount !== null ? (en ? `delivered to ${result.sentCount}` : `送达 ${result.sentCount} 人`) : null,
    result.errorCount !== null ? (en ? `failed for ${result.errorCount}` : `失败 ${result.errorCount} 人`) : null,
  ].filter(Boolean)
  const meaning = result.meaning ?? (en ? 'Result' : '群发结果')
  const audience = result.filterCount ?? result.totalCount
  const tail = audience !== null ? (en ? ` (audience ${audience})` : `（发送对象 ${audience} 人）`) : ''
  return figures.length ? `${meaning}${en ? ': ' : '：'}${figures.join(en ? ', ' : '，')}${tail}` : meaning
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
