import type { CalendarRow, PushStatus } from '../../push/quota'
import { shanghaiDate, slotInstant } from '../../push/week'
import type { PushSettings } from '../../push/settings'
import type { ContentCollection } from '../../review/service'
import type { Bilingual } from '../labels'

export const PUSH_STATUS_LABELS: Record<PushStatus, Bilingual> = {
  proposed: { zh: '待审定', en: 'Proposed' },
  signed_off: { zh: '已审定', en: 'Signed off' },
  sending: { zh: '发送中', en: 'Sending' },
  sent: { zh: '已发送', en: 'Sent' },
  failed: { zh: '失败', en: 'Failed' },
  skipped: { zh: '已跳过', en: 'Skipped' },
}

export const CALENDAR_STATUS_LABELS: Record<CalendarRow['status'], Bilingual> = {
  ...PUSH_STATUS_LABELS,
  planned: { zh: '计划发送', en: 'Planned' },
  'quota-skip': { zh: '额度不足：跳过', en: 'Over quota: skipped' },
  'quota-merge': { zh: '额度不足：并入下周', en: 'Over quota: merged into next week' },
}

export const TYPE_LABELS: Record<ContentCollection, Bilingual> = {
  articles: { zh: '文章', en: 'Article' },
  'policy-explainers': { zh: '政策解读', en: 'Policy explainer' },
  'community-news': { zh: '社区要闻', en: 'Community news' },
}

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日']

/** 1 = Monday … 7 = Sunday → `周四`. */
export const weekdayName = (weekday: number): string => `周${WEEKDAYS[(weekday - 1 + 7) % 7]}`

export const isPushStatus = (value: unknown): value is PushStatus =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(PUSH_STATUS_LABELS, value)

/** Why a calendar week will not go out; null for a week that will. */
export function quotaNote(row: Pick<CalendarRow, 'status' | 'quotaLimit'>): string | null {
  if (row.status === 'quota-skip') return `当月第 ${row.quotaLimit + 1} 次群发：按设置跳过`
  if (row.status === 'quota-merge') return `当月第 ${row.quotaLimit + 1} 次群发：按设置并入下周`
  return null
}

/** `周四 18:00`, the regular send time. */
export const sendTimeLabel = (settings: Pick<PushSettings, 'sendWeekday' | 'sendTime'>): string =>
  `${weekdayName(settings.sendWeekday)} ${settings.sendTime}`

const OPEN: CalendarRow['status'][] = ['planned', 'proposed', 'signed_off']

/** The calendar's note for a week: the quota reason, or that its last send day went by unsent. */
export function calendarNote(row: CalendarRow, settings: Pick<PushSettings, 'retryWeekday' | 'retryTime'>, now: Date): string | null {
  const quota = quotaNote(row)
  if (quota) return quota
  if (OPEN.includes(row.status) && shanghaiDate(now) > shanghaiDate(slotInstant(row.week, settings.retryWeekday, settings.retryTime))) return '发送时段已过，本周未发送'
  return null
}
