/**
 * When a week's mass send is (or was) — what 账号矩阵, 推送日历 and 本周推送 show beside a week. Pure.
 * A sent week shows when it went out, not its regular slot (「已发送 12 月 1 日 05:52」); a failed week
 * its retry while one is still to come; every other week its (holiday-placed) send slot.
 */
import { formatShanghai, monthDayLabel, shanghaiDate } from '../../shared/time'

export type WeekSendTime =
  /** Went out; `at` is when the mass send was submitted (`wechat.sentAt`), null when not recorded. */
  | { kind: 'sent'; at: Date | null }
  /** Failed; the week's retry slot is still to come. */
  | { kind: 'retry'; at: Date }
  /** Failed, and its retry slot has passed. */
  | { kind: 'failed' }
  /** Not sent yet (or not assembled yet): the week's send slot. */
  | { kind: 'planned'; at: Date }

/**
 * The send time to show for a week: `push` its status and `wechat.sentAt` (null without a push),
 * `slots` the week's placed slots (weekSlots / planCalendar), `now` the current instant.
 */
export function weekSendTime(push: { status: string; sentAt?: string | Date | null } | null, slots: { sendAt: Date; retryAt: Date }, now: Date): WeekSendTime {
  if (push?.status === 'sent') return { kind: 'sent', at: push.sentAt ? new Date(push.sentAt) : null }
  if (push?.status === 'failed') return now < slots.retryAt ? { kind: 'retry', at: slots.retryAt } : { kind: 'failed' }
  return { kind: 'planned', at: slots.sendAt }
}

/** 「12 月 1 日 05:52」 (with the year when it is not `now`'s), Beijing time. */
function dayAndTime(at: Date, now: Date): string {
  return `${monthDayLabel(shanghaiDate(at), shanghaiDate(now).slice(0, 4))} ${formatShanghai(at).slice(11)}`
}

/**
 * The week's send time as a line: 「已发送 12 月 1 日 05:52」, 「发送失败，将于 12 月 4 日 18:00 补发」,
 * 「发送失败，补发时段已过」, or the slot 「2026-12-03 18:00」. Chinese, or English with `lang` 'en'.
 */
export function sendTimeText(time: WeekSendTime, now: Date, lang = 'zh'): string {
  const en = lang === 'en'
  switch (time.kind) {
    case 'sent':
      if (!time.at) return en ? 'Sent' : '已发送'
      return en ? `Sent ${formatShanghai(time.at)}` : `已发送 ${dayAndTime(time.at, now)}`
    case 'retry':
      return en ? `Failed; retry ${formatShanghai(time.at)}` : `发送失败，将于 ${dayAndTime(time.at, now)} 补发`
    case 'failed':
      return en ? 'Failed; its retry slot has passed' : '发送失败，补发时段已过'
    case 'planned':
      return formatShanghai(time.at)
  }
}
