import type { CalendarRow } from './quota-calendar'
import { OPEN_PUSH_STATUSES, PUSH_STATUS_LABELS } from './status'
import { formatShanghai, shanghaiDate } from '../../shared/time'
import type { Bilingual } from '../../shared/bilingual'

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
