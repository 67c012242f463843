/** The CLI's Chinese text, built from the same reports the admin pages show. Pure. */
import type { CalendarRow } from '../../services/push/quota-calendar'
import { formatShanghai, isoWeekday } from '../../shared/time'
import type { AccountSummary } from '../../services/accounts/find-account'
import type { Calendar } from '../../services/push/calendar-view'
import { PUSH_STATUS_LABELS } from '../../services/push/status'
import { CONTENT_TYPE_NAMES } from '../../services/content/types'
import { CALENDAR_STATUS_LABELS, calendarNote, calendarWarns, weekdayName } from '../../services/push/labels'
import { noPushLines, type ItemRow, type WeekReport } from '../../services/push/week-report'

const accountLine = (account: AccountSummary): string => `公众号：${account.name}（${account.appId}）`

function formatItems(items: ItemRow[]): string[] {
  if (items.length === 0) return ['  （没有内容）']
  return items.flatMap((item, index) => [
    `  ${index + 1}. ${index === 0 ? '【头条】' : ''}《${item.title}》 ${CONTENT_TYPE_NAMES[item.collection].zh} · ${item.problems.length === 0 ? '✓ 可以推送' : '✗ 不能推送'}`,
    ...item.problems.map((problem) => `       - ${problem}`),
  ])
}

/** `共 6 条，有效 5 条（每次 5–6 条）`: how far the bundle is from sendable. */
function bundleSummary(report: WeekReport): string {
  const items = report.push?.items ?? []
  const valid = items.filter((item) => item.problems.length === 0).length
  const { minItems, maxItems } = report.settings
  return `共 ${items.length} 条，有效 ${valid} 条（每次 ${minItems}–${maxItems} 条）`
}

export function formatStatus(report: WeekReport, now: Date): string[] {
  const { push, slots, quota } = report
  const lines = [
    accountLine(report.account),
    `周次：${report.week}（生成 ${formatShanghai(slots.assembleAt)}，发送 ${formatShanghai(slots.sendAt)}，补发 ${formatShanghai(slots.retryAt)}，北京时间）`,
    ...(slots.notes.length > 0 ? [`调整：${slots.notes.join('；')}`] : []),
    `本月群发：${quota.used} / ${quota.limit}（${quota.month}）`,
  ]
  if (!push) return [...lines, ...noPushLines(report, now)]
  return [
    ...lines,
    `状态：${PUSH_STATUS_LABELS[push.status].zh}${push.needsAttention ? '（需要人工处理）' : ''}`,
    `原因：${push.statusReason ?? '—'}`,
    `审定：${push.signedOffAt ? `${push.signedOffBy ?? '—'}，${formatShanghai(push.signedOffAt)}` : '尚未审定'}`,
    `内容：${bundleSummary(report)}`,
    ...formatItems(push.items),
  ]
}

/** `2026-09-30 周三 18:00`: the send day as placed (holidays, the leader's pick), with its own weekday. */
const sendDayLabel = (row: CalendarRow): string => `${row.sendDay} ${weekdayName(isoWeekday(row.sendDay))} ${formatShanghai(row.sendAt).slice(11)}`

export function formatPlan(calendar: Calendar, account: AccountSummary, currentWeek: string, now: Date): string[] {
  const { quotaPolicy } = calendar.settings
  return [
    accountLine(account),
    `未来 ${calendar.rows.length} 周发送计划（北京时间；服务号每月最多群发 ${calendar.settings.monthlyQuota} 次，超出时${quotaPolicy === 'merge' ? '并入下周' : '跳过'}）：`,
    ...calendar.rows.map((row) => {
      const note = calendarNote(row, now)
      return [
        `  ${row.week}${row.week === currentWeek ? '（本周）' : '      '}`,
        sendDayLabel(row),
        CALENDAR_STATUS_LABELS[row.status].zh.padEnd(8, '　'),
        `当月 ${row.quotaUsed} / ${row.quotaLimit}`,
        note ? `${calendarWarns(row, now) ? '⚠' : '✓'} ${note}` : '',
        row.notes.length > 0 ? `· ${row.notes.join('；')}` : '',
      ]
        .filter(Boolean)
        .join('  ')
    }),
  ]
}
