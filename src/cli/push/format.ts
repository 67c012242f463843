/** The CLI's Chinese text, built from the same reports the admin pages show. Pure. */
import type { CalendarRow } from '../../services/push/quota-calendar'
import { formatShanghai, isoWeekday } from '../../shared/time'
import type { AccountSummary } from '../../services/accounts/find-account'
import type { Calendar } from '../../services/push/calendar-view'
import { PUSH_STATUS_LABELS } from '../../services/push/status'
import { CONTENT_TYPE_NAMES } from '../../services/content/types'
import { CALENDAR_STATUS_LABELS, calendarNote, calendarWarns, weekdayName } from '../../services/push/labels'
import { bundleCountLine, noPushLines, resultLine, type ItemRow, type StepLine, type WeekReport } from '../../services/push/week-report'
import { sendTimeText, weekSendTime } from '../../services/push/send-time'

const accountLine = (account: AccountSummary): string => `公众号：${account.name}（${account.appId}）`

/** An item's verdict: went out in this push, can go out, or cannot (its problems follow). */
const itemVerdict = (item: ItemRow): string => (item.sent ? '✓ 已推送' : item.problems.length === 0 ? '✓ 可以推送' : '✗ 不能推送')

function formatItems(items: ItemRow[]): string[] {
  if (items.length === 0) return ['  （没有内容）']
  return items.flatMap((item, index) => [
    `  ${index + 1}. ${index === 0 ? '【头条】' : ''}《${item.title}》 ${CONTENT_TYPE_NAMES[item.collection].zh} · ${itemVerdict(item)}`,
    ...item.problems.map((problem) => `       - ${problem}`),
  ])
}

/** The push's step log, oldest first: `  2026-12-01 05:52  群发结果  群发成功：送达 98 人，失败 2 人`. */
function formatSteps(steps: StepLine[]): string[] {
  if (steps.length === 0) return []
  return [
    '记录（北京时间）：',
    ...steps.map(
      (entry) => `  ${entry.at ? formatShanghai(entry.at) : '—'.padEnd(16)}  ${entry.ok ? '' : '✗ '}${entry.label}${entry.detail ? `  ${entry.detail}` : ''}`,
    ),
  ]
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
    ...sendLines(report, now),
    `内容：${bundleCountLine(push, report.settings)}`,
    ...formatItems(push.items),
    ...formatSteps(push.steps),
  ]
}

/** A sent or failed push: when it went out (or its retry) and WeChat's figures (送达/失败), as 本周推送 shows them. */
function sendLines(report: WeekReport, now: Date): string[] {
  const push = report.push
  if (!push || (push.status !== 'sent' && push.status !== 'failed')) return []
  const time = sendTimeText(weekSendTime(push, report.slots, now), now)
  if (push.status !== 'sent') return [`发送：${time}`]
  return [`发送：${time}`, `结果：${resultLine(push.result) ?? '等待微信返回群发结果（送达人数、失败数）'}`]
}

/**
 * `2026-09-30 周三 18:00`: the send day as placed (holidays, the leader's pick), with its own weekday;
 * a sent week when it went out (`已发送 12 月 1 日 05:52`), a failed one its retry.
 */
function sendDayLabel(row: CalendarRow, sentAt: string | null | undefined, now: Date): string {
  const time = weekSendTime({ status: row.status, sentAt }, row, now)
  if (time.kind !== 'planned') return sendTimeText(time, now)
  return `${row.sendDay} ${weekdayName(isoWeekday(row.sendDay))} ${formatShanghai(row.sendAt).slice(11)}`
}

export function formatPlan(calendar: Calendar, account: AccountSummary, currentWeek: string, now: Date): string[] {
  const { quotaPolicy } = calendar.settings
  return [
    accountLine(account),
    `未来 ${calendar.rows.length} 周发送计划（北京时间；服务号每月最多群发 ${calendar.settings.monthlyQuota} 次，超出时${quotaPolicy === 'merge' ? '并入下周' : '跳过'}）：`,
    ...calendar.rows.map((row) => {
      const note = calendarNote(row, now)
      return [
        `  ${row.week}${row.week === currentWeek ? '（本周）' : '      '}`,
        sendDayLabel(row, calendar.sentAt?.[row.week], now),
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
