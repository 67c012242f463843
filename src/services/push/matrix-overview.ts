/**
 * 账号矩阵 (`/admin/matrix`): every account's week at a glance, for admins and leaders — this week's
 * push, its items and sign-off, the send time (holidays applied), the month's mass sends, the last
 * send's result and the followers: WeChat's latest cumulative count (统计分析's figure) and, beside it,
 * those on record.
 */
import type { Payload, PayloadRequest } from 'payload'
import { communityOf, idOf, roleOf } from '../../access/roles'
import { followersOnRecord, latestWeChatFollowerCount, type WeChatFollowerCount } from '../followers/counts'
import { isoWeekOf, shanghaiMonth } from '../../shared/time'
import { mayReadAccount } from './account-scope'
import { itemRefs } from './item-refs'
import { sendsByMonth } from './month-usage'
import { accountPushSettings, streetPushSettings } from './settings-load'
import { isPushStatus, type PushStatus } from './status'
import { placeWeek } from './calendar-view'
import { weekSendTime, type WeekSendTime } from './send-time'

export interface MatrixRow {
  accountId: string
  name: string
  appId: string
  /** The community's name; null for the street office's account. */
  community: string | null
  pushEnabled: boolean
  week: string
  /** This week's push, or null when it is not assembled yet. */
  push: { id: string; status: PushStatus; items: number; signedOffAt: string | null; signedOffBy: string | null } | null
  /** When this week's send is planned (Beijing instant) and why it moved, if it did. */
  sendAt: Date
  notes: string[]
  /** What to show for the week's send: when it went out, its retry after a failure, or the planned slot (send-time.ts). */
  sendTime: WeekSendTime
  quota: { month: string; used: number; limit: number }
  /** The latest push that went out or failed: its week, status and WeChat's figures. */
  lastSend: { week: string; status: PushStatus; sentAt: string | null; result: string | null; sentCount: number | null; errorCount: number | null } | null
  /** Subscribed followers this system has on record (`followers`: only follows that reached the callback). */
  followers: number
  /** WeChat's cumulative count on its latest day in `analytics-days` (as 统计分析 shows it); null before any sync. */
  wechatFollowers: WeChatFollowerCount | null
}

/**
 * The rows the signed-in user may see (`mayReadAccount`: admins and the street office's leaders all
 * accounts; a community's leader their community's and the street office's), default account first.
 */
export async function loadMatrixOverview(payload: Payload, req: Pick<PayloadRequest, 'user'>, now: Date): Promise<MatrixRow[]> {
  const week = isoWeekOf(now)
  // The street-wide settings once; each account's own (本号推送设置) come with its document.
  const [accounts, street] = await Promise.all([
    payload.find({ collection: 'wechat-accounts', overrideAccess: true, depth: 1, limit: 200, pagination: false, sort: 'name' }),
    streetPushSettings(payload),
  ])
  const role = roleOf(req.user)
  const community = communityOf(req.user)
  const visible = accounts.docs
    .filter((account) => mayReadAccount(role, community, idOf(account.community)))
    .sort((a, b) => Number(b.isDefault === true) - Number(a.isDefault === true))
  return Promise.all(
    visible.map(async (account): Promise<MatrixRow> => {
      const accountId = String(account.id)
      const settings = accountPushSettings(street, account)
      const [sent, pushes, followers, wechatFollowers] = await Promise.all([
        sendsByMonth(payload, accountId),
        payload.find({ collection: 'weekly-pushes', overrideAccess: true, depth: 1, limit: 12, sort: '-week', where: { account: { equals: accountId } } }),
        followersOnRecord(payload, accountId),
        latestWeChatFollowerCount(payload, accountId),
      ])
      const current = pushes.docs.find((doc) => doc.week === week) ?? null
      // A holiday move of a week still to go out is placed with the month's quota, as the scheduler places it.
      const slots = await placeWeek(payload, { accountId, week, push: current, settings, now })
      const last = pushes.docs.find((doc) => doc.status === 'sent' || doc.status === 'failed') ?? null
      const signer = current?.signedOffBy && typeof current.signedOffBy === 'object' ? (current.signedOffBy.name ?? current.signedOffBy.email) : null
      const month = shanghaiMonth(slots.sendAt)
      const communityDoc = account.community
      return {
        accountId,
        name: String(account.name),
        appId: String(account.appId),
        community: communityDoc && typeof communityDoc === 'object' ? String(communityDoc.name) : null,
        pushEnabled: account.pushEnabled !== false,
        week,
        push:
          current && isPushStatus(current.status)
            ? {
                id: String(current.id),
                status: current.status,
                items: itemRefs(current.items).length,
                signedOffAt: current.signedOffAt ?? null,
                signedOffBy: signer ?? null,
              }
            : null,
        sendAt: slots.sendAt,
        notes: slots.notes,
        sendTime: weekSendTime(current ? { status: String(current.status), sentAt: current.wechat?.sentAt ?? null } : null, slots, now),
        quota: { month, used: sent[month] ?? 0, limit: settings.monthlyQuota },
        lastSend:
          last && isPushStatus(last.status)
            ? {
                week: last.week,
                status: last.status,
                sentAt: last.wechat?.sentAt ?? null,
                result: last.result?.meaning ?? last.result?.statusText ?? last.statusReason ?? null,
                sentCount: last.result?.sentCount ?? null,
                errorCount: last.result?.errorCount ?? null,
              }
            : null,
        followers,
        wechatFollowers,
      }
    }),
  )
}
