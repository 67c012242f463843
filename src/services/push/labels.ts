import type { CalendarRow } from './quota-calendar'
import { OPEN_PUSH_STATUSES, PUSH_STATUS_LABELS } from './status'
import { shanghaiDate } from '../../shared/time'
import type { Bilingual } from '../../shared/bilingual'

export const CALENDAR_STATUS_LABELS: Record<CalendarRow['status'], Bilingual> = {
  ...PUSH_STATUS_LABELS,
  planned: { zh: '计划发送', en: 'Planned' },
  'quota-skip': { zh: '额度不足：跳过', en: 'Over quota: skipped' },
  'quota-merge': { zh: '额度不足：并入下周', en: 'Over quota: merged into next week' },
}

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日']

/** 1 = Monday … 7 = Sunday → `周四`. */
export const weekdayName = (weekday: number): string => `周${WEEKDAYS[(weekday - 1 + 7) % 7]}`

/** Why a calendar week will not go out; null for a week that will. */
export function quotaNote(row: Pick<CalendarRow, 'status' | 'quotaLimit'>): string | null {
  if (row.status === 'quota-skip') return `当月第 ${row.quotaLimit + 1} 次群发：按设置跳过`
  if (row.status === 'quota-merge') return `当月第 ${row.quotaLimit + 1} 次群发：按设置并入下周`
  return null
}

/** A calendar week still to go out: planned, or its push is open. */
const OPEN: CalendarRow['status'][] = ['planned', ...OPEN_PUSH_STATUSES]

/** The calendar's note for a week: the quota reason, or that its last send day went by unsent. */
export function calendarNote(row: Pick<CalendarRow, 'status' | 'quotaLimit' | 'retryAt'>, now: Date): string | null {
  const quota = quotaNote(row)
  if (quota) return quota
  if (OPEN.includes(row.status) && shanghaiDate(now) > shanghaiDate(row.retryAt)) return '发送时段已过，本周未发送'
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

/** calendarNote in English. */
export function calendarNoteEn(row: Pick<CalendarRow, 'status' | 'quotaLimit' | 'retryAt'>, now: Date): string | null {
  if (row.status === 'quota-skip') return `Mass send no. ${row.quotaLimit + 1} of the month: skipped by the settings`
  if (row.status === 'quota-merge') return `Mass send no. ${row.quotaLimit + 1} of the month: merged into the next week by the settings`
  return calendarNote(row, now) ? 'Its send days passed; not sent' : null
}
