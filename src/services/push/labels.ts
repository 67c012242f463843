import type { CalendarRow } from './quota-calendar'
import { OPEN_PUSH_STATUSES, PUSH_STATUS_LABELS } from './status'
import { formatShanghai, shanghaiDate } from '../../shared/time'
import type { Bilingual } from '../../shared/bilingual'
import { REVIEW_STATE_LABELS } from '../review/state-machine'

export const CALENDAR_STATUS_LABELS: Record<CalendarRow['status'], Bilingual> = {
  ...PUSH_STATUS_LABELS,
  planned: { zh: '计划发送', en: 'Planned' },
  'quota-skip': { zh: '额度不足：跳过', en: 'Over quota: skipped' },
  'quota-merge': { zh: '额度不足：并入下周', en: 'Over quota: merged into next week' },
  past: { zh: '已过', en: 'Past' },
}

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日']

/** 1 = Monday … 7 = Sunday → `周四`. */
export const weekdayName = (weekday: number): string => `周${WEEKDAYS[(weekday - 1 + 7) % 7]}`

/** A calendar row as its notes read it. */
type NoteRow = Pick<CalendarRow, 'status' | 'quotaLimit' | 'retryAt'> & Partial<Pick<CalendarRow, 'merge' | 'sentAt' | 'statusReason'>>

/**
 * Why a calendar week will not go out; null for a week that will. A holiday move over the quota has
 * its own one note (`merge.note`: which holiday, which month is full, where the items go).
 */
export function quotaNote(row: Pick<CalendarRow, 'status' | 'quotaLimit'> & Partial<Pick<CalendarRow, 'merge'>>): string | null {
  if (row.merge) return row.merge.note
  if (row.status === 'quota-skip') return `当月第 ${row.quotaLimit + 1} 次群发：按设置跳过`
  if (row.status === 'quota-merge') return `当月第 ${row.quotaLimit + 1} 次群发：按设置并入下周`
  return null
}

/** A calendar week still to go out: planned, or its push is open. */
const OPEN: CalendarRow['status'][] = ['planned', ...OPEN_PUSH_STATUSES]

/** Whether a week's note is a warning (it will not go out, or it did not): quota, or its days went by unsent. */
export function calendarWarns(row: NoteRow, now: Date): boolean {
  if (quotaNote(row)) return true
  return row.status === 'past' || row.status === 'skipped' || (OPEN.includes(row.status) && shanghaiDate(now) > shanghaiDate(row.retryAt))
}

/**
 * The calendar's note for a week: the quota reason; for a week that went by, what happened from its
 * push row — 「已于 2026-11-26 18:00 发送」, 「已跳过：<reason>」, 「已过，未发送（待审定）」, or
 * 「已过，本周没有生成推送」; null for a week still to come with nothing to say.
 */
export function calendarNote(row: NoteRow, now: Date): string | null {
  const quota = quotaNote(row)
  if (quota) return quota
  if (row.status === 'sent') return row.sentAt ? `已于 ${formatShanghai(row.sentAt)} 发送` : null
  if (row.status === 'skipped') return `已跳过：${row.statusReason ?? '未记录原因'}`
  if (row.status === 'past') return '已过，本周没有生成推送'
  if (OPEN.includes(row.status) && shanghaiDate(now) > shanghaiDate(row.retryAt))
    return `已过，未发送（${row.status === 'planned' ? '没有生成推送' : PUSH_STATUS_LABELS[row.status as keyof typeof PUSH_STATUS_LABELS].zh}）`
  return null
}

/** A pool item's reason in the admin's language (the Chinese text comes from the selection itself). */
export function exclusionText(row: { code: string; reason: string; limit?: number; rank?: number }, lang: string): string {
  if (lang !== 'en') return row.reason
  switch (row.code) {
    case 'not-approved':
      return 'Not approved'
    case 'pushed':
      return 'Already pushed'
    case 'expired':
      return `Past its "push no later than" date (${row.reason.replace(/^\D*/, '')})`
    case 'invalid':
      return `Not valid for WeChat: ${row.reason.replace(/^[^：]*：/, '')}`
    case 'community-cap':
      return `At most ${row.limit} items per community a week; ${row.limit} from this community rank before it`
    case 'full':
      return `The week is full (${row.limit} items): pinned first, then priority, then the oldest approval; this one ranks #${row.rank}`
    case 'addable':
      return 'Can be added: approved after the week was assembled, or taken out of it'
    default:
      return row.reason
  }
}

export const EXCLUSION_PILL: Record<string, 'error' | 'warning' | 'light-gray' | 'success'> = {
  'not-approved': 'light-gray',
  pushed: 'light-gray',
  expired: 'error',
  invalid: 'error',
  'community-cap': 'warning',
  full: 'warning',
  addable: 'success',
}

export const EXCLUSION_SHORT: Record<string, Bilingual> = {
  'not-approved': { zh: '未通过', en: 'Not approved' },
  pushed: { zh: '已推送', en: 'Pushed' },
  expired: { zh: '已过期', en: 'Expired' },
  invalid: { zh: '不符合微信要求', en: 'Invalid for WeChat' },
  'community-cap': { zh: '社区上限', en: 'Community cap' },
  full: { zh: '本周已满', en: 'Week full' },
  addable: { zh: '可加入', en: 'Can be added' },
}

const WEEKDAYS_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

/** 1 = Monday … 7 = Sunday in the admin's language: `周四` / `Thu`. */
export const weekdayLabel = (weekday: number, lang: string): string => (lang === 'en' ? WEEKDAYS_EN[(weekday - 1 + 7) % 7]! : weekdayName(weekday))

/** calendarNote in English (a skip's reason stays as recorded, in Chinese). */
export function calendarNoteEn(row: NoteRow, now: Date): string | null {
  if (row.merge)
    return `A holiday moves the send into a month whose ${row.quotaLimit} mass sends are used up: not sent on its own, its items go into the next week's push (${row.merge.intoDay})`
  if (row.status === 'quota-skip') return `Mass send no. ${row.quotaLimit + 1} of the month: skipped by the settings`
  if (row.status === 'quota-merge') return `Mass send no. ${row.quotaLimit + 1} of the month: merged into the next week by the settings`
  if (row.status === 'sent') return row.sentAt ? `Sent ${formatShanghai(row.sentAt)}` : null
  if (row.status === 'skipped') return `Skipped: ${row.statusReason ?? 'no reason recorded'}`
  if (row.status === 'past') return 'Past; no push was made that week'
  return calendarNote(row, now) ? 'Its send days passed; not sent' : null
}

/**
 * Every kind of entry in a push's step log (`push-steps.step`, written by store.ts' callers, the
 * scheduler's `slot-send` / `slot-retry` and the CLI's `manual-send`) as people read it: the one home
 * of these labels, for 本周推送's 记录 and `npm run push -- status`.
 */
export const PUSH_STEP_LABELS: Record<string, Bilingual> = {
  assemble: { zh: '生成', en: 'Assembled' },
  preview: { zh: '发送预览', en: 'Preview' },
  'sign-off': { zh: '审定', en: 'Signed off' },
  'revoke-sign-off': { zh: '撤销审定', en: 'Sign-off revoked' },
  'sign-off-voided': { zh: '审定作废', en: 'Sign-off voided' },
  reject: { zh: '本周不发送', en: 'Rejected' },
  'send-date': { zh: '改发送日', en: 'Send day changed' },
  'item-removed': { zh: '内容被删除', en: 'Item removed' },
  'manual-send': { zh: '命令行发送', en: 'Sent from the command line' },
  claim: { zh: '开始发送', en: 'Send claimed' },
  resume: { zh: '继续发送', en: 'Send resumed' },
  interrupted: { zh: '发送中断', en: 'Send interrupted' },
  draft: { zh: '生成图文草稿', en: 'Draft made' },
  'sendall-requested': { zh: '提交群发', en: 'Mass send requested' },
  'sendall-unknown': { zh: '群发结果未知', en: 'Mass send outcome unknown' },
  sendall: { zh: '微信受理群发', en: 'Mass send accepted' },
  'items-marked-sent': { zh: '内容标为已推送', en: 'Items marked sent' },
  result: { zh: '群发结果', en: 'Mass send result' },
  'not-ready': { zh: '未就绪', en: 'Not ready' },
  failed: { zh: '发送失败', en: 'Send failed' },
  'needs-attention': { zh: '需要人工处理', en: 'Needs a person' },
  skip: { zh: '跳过本周', en: 'Week skipped' },
  'slot-send': { zh: '发送时段', en: 'Send slot' },
  'slot-retry': { zh: '补发时段', en: 'Retry slot' },
  'tick-error': { zh: '定时任务出错', en: 'Scheduler error' },
}

/** A step-log entry's kind in the admin's language (an unknown kind as it is stored). */
function stepLabel(step: string, lang: string): string {
  const label = PUSH_STEP_LABELS[step]
  return label ? (lang === 'en' ? label.en : label.zh) : step
}

/**
 * A step whose `ok` is false beside a kind that reads as success needs its own word: `sendall`
 * refused is 「群发被拒」, not 「微信受理群发」. Chinese and English; null when the plain label fits.
 */
const FAILED_STEP_LABELS: Record<string, Bilingual> = {
  sendall: { zh: '群发被拒', en: 'Mass send refused' },
  preview: { zh: '预览未发出', en: 'Preview not sent' },
  assemble: { zh: '生成（条数不足）', en: 'Assembled (too few items)' },
}

/** The label of one logged step, its failure taken into account (`sendall` refused, a short assemble). */
export function stepEntryLabel(entry: { step: string; ok?: boolean | null }, lang: string): string {
  const failed = entry.ok === false ? FAILED_STEP_LABELS[entry.step] : undefined
  return failed ? (lang === 'en' ? failed.en : failed.zh) : stepLabel(entry.step, lang)
}

/** A send's outcome (`SendOutcome['kind']`, send.ts) in Chinese, as the scheduler logs it on its slot. */
export const SEND_OUTCOME_LABELS: Record<string, string> = {
  sent: '已群发',
  'not-claimed': '未开始（已由其他进程处理）',
  invalid: '内容不符合要求，未发送',
  'unknown-outcome': '群发结果未知，稍后确认',
  failed: '发送失败',
  skipped: '已跳过',
  'needs-attention': '需要人工处理',
}

/**
 * A step's detail as people read it. Entries logged before the details were all Chinese are read the
 * same way: a slot's `2026-12-03：sent` becomes `2026-12-03：已群发`, a result's WeChat status before
 * its meaning (`send success：群发成功`) is dropped — the meaning says it in Chinese.
 */
export function stepDetail(entry: { step: string; detail?: string | null }): string {
  const detail = entry.detail ?? ''
  if (entry.step === 'slot-send' || entry.step === 'slot-retry') {
    const match = /^(\d{4}-\d{2}-\d{2})：([a-z-]+)$/.exec(detail)
    if (match && SEND_OUTCOME_LABELS[match[2]!]) return `${match[1]}：${SEND_OUTCOME_LABELS[match[2]!]}`
  }
  if (entry.step === 'result') return detail.replace(/^(send success|send fail|send_success|send_fail|err\(\d+\)|delete)：/i, '')
  return detail
}

/** An item's review state (`reviewStatus`) in Chinese, as a push's problems name it: `sent` → 已推送. */
export function reviewStateName(value: string): string {
  if (value === 'deleted') return '已删除'
  return (REVIEW_STATE_LABELS as Record<string, Bilingual | undefined>)[value]?.zh ?? value
}

/** A push's status in Chinese (PUSH_STATUS_LABELS), for texts built outside the admin's language. */
export const pushStatusName = (value: string): string => (PUSH_STATUS_LABELS as Record<string, Bilingual | undefined>)[value]?.zh ?? value
