import type { PayloadRequest } from 'payload'
import { idOf, requireStaff } from '../../access/roles'
import { ApiError } from '../../http/api-error'
import { assertMayActOnPush } from './account-scope'
import { chinaDays } from './holiday-days'
import { dayLabel, sendDateProblem, weekSlots } from './holiday-slots'
import { PUSH_EDITOR_ROLES } from './rules'
import { loadPushSettings } from './settings-load'
import { OPEN_PUSH_STATUSES, inStatusGroup } from './status'
import { readPush, savePush, type PushDoc } from './store'
import { formatShanghai, isoWeekOf } from '../../shared/time'
import { loadMonthQuota } from './calendar-view'

/**
 * The leader picks another send day for one week (`weekly-pushes.sendDate`), or clears the pick
 * (`date` null or ''): only while the push is open (待审定 / 已审定), a `YYYY-MM-DD` in the push's ISO
 * week or the 7 days before it, not in the past (Beijing; `sendDateProblem`). The assemble and retry
 * slots follow it (`weekSlots`). Saved by compare-and-set on the status read, so it loses (409) to a
 * send that claimed the week meanwhile; a sign-off stays (the bundle is unchanged). A day in another
 * month than the week's regular send day, when that month already holds the quota's sends (made, under
 * way or planned for other weeks: `monthQuotaFor`), is refused (400 `over-quota`) with the month's
 * count. `now` is the clock (tests). Answers the saved
 * push and a Chinese message with the new send time. Errors: ApiError 403/404/400/409.
 */
export async function setSendDate(req: PayloadRequest, pushId: string, date: unknown, now = new Date()): Promise<{ push: PushDoc; message: string }> {
  const staff = requireStaff(req, PUSH_EDITOR_ROLES, { action: { zh: '修改本周发送日', en: "change the week's send day" } })
  const push = await readPush(req.payload, pushId)
  if (!push) throw new ApiError(404, 'not-found', '推送不存在')
  await assertMayActOnPush(req, push)
  if (!inStatusGroup(OPEN_PUSH_STATUSES, push.status)) throw new ApiError(409, 'not-open', '本周推送已开始发送或已结束，不能再改发送日')
  const cleared = date === null || date === undefined || date === ''
  const accountId = idOf(push.account) ?? ''
  const settings = await loadPushSettings(req.payload, accountId)
  if (!cleared) {
    if (typeof date !== 'string') throw new ApiError(400, 'bad-date', '发送日期应为 YYYY-MM-DD 格式的日期')
    const problem = sendDateProblem(push.week, date, now)
    if (problem) throw new ApiError(400, 'bad-date', problem)
    // The pick wins over the holiday rule, not over WeChat's monthly quota: a send there would be skipped.
    const quota = (await loadMonthQuota(req.payload, accountId, { fromWeek: isoWeekOf(now), settings, now }))(push.week)
    // Within the week's own month the pick adds no send (the month's ordinary quota skip still applies).
    const ownMonth = weekSlots(push.week, settings, chinaDays).regularSendDay.slice(0, 7)
    const count = quota.sendsIn(date.slice(0, 7))
    if (date.slice(0, 7) !== ownMonth && count >= quota.limit)
      throw new ApiError(
        400,
        'over-quota',
        `${Number(date.slice(5, 7))} 月已有 ${count} 次群发（已发出和已排期的周），服务号每月最多 ${quota.limit} 次：不能改在 ${dayLabel(chinaDays(date))} 发送，请选其他月份的日期`,
      )
  }
  const value = cleared ? null : (date as string)
  const saved = await savePush(
    req.payload,
    push,
    { sendDate: value },
    { step: 'send-date', ok: true, detail: `${staff.name ?? staff.email}：${value ? `改在 ${value} 发送` : '恢复按推送设置发送'}` },
  )
  if (!saved) throw new ApiError(409, 'conflict', '推送状态已变化，请刷新')
  const slots = weekSlots(saved.week, settings, chinaDays, saved.sendDate)
  const message = value
    ? `本周改在 ${dayLabel(chinaDays(value))} 发送：${formatShanghai(slots.sendAt)}（北京时间），组稿、补发随之调整`
    : `已恢复按推送设置发送：${formatShanghai(slots.sendAt)}（北京时间）`
  return { push: saved, message }
}
