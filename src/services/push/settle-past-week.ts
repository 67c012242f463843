import type { Payload, Where } from 'payload'
import { responsibleStaff } from './account-scope'
import { idOf } from '../../access/roles'
import { notify } from '../notifications/notify'
import type { GatewayFactory } from './gateway'
import { itemRefs } from './item-refs'
import { sendWeeklyPush } from './send'
import type { PushSettings } from './settings'
import { skipPush } from './skip'
import { pushMovesItems, savePush, setItemStates, type PushDoc } from './store'

/**
 * A push whose week is over: never sent late. An open proposal is skipped; a send cut off mid-way is
 * finished if WeChat already took it (msg_id saved), flagged for a person if it may have gone out,
 * and skipped if it never reached WeChat.
 */
export async function settlePastWeek(
  payload: Payload,
  push: PushDoc,
  args: { now: Date; owner: string; settings: PushSettings; gatewayFor: GatewayFactory },
): Promise<'skipped' | 'finished' | 'needs-attention' | 'busy'> {
  if (push.status !== 'sending') {
    await skipPush(payload, push, '发送时段已过（周五之前未能发出）')
    return 'skipped'
  }
  if (push.claimedUntil && new Date(push.claimedUntil) > args.now) return 'busy'
  const wechat = push.wechat ?? {}
  if (wechat.msgId) {
    const gateway = await args.gatewayFor(payload, idOf(push.account) ?? '')
    await sendWeeklyPush({ payload, pushId: push.id, gateway, settings: args.settings, owner: args.owner, finalAttempt: true, now: () => args.now })
    return 'finished'
  }
  const expired: Where = {
    and: [{ status: { equals: 'sending' } }, { or: [{ claimedUntil: { exists: false } }, { claimedUntil: { less_than: args.now.toISOString() } }] }],
  }
  if (wechat.sendRequestedAt) {
    const reason = '群发请求已发出但结果未知，且本周已过：请在公众平台"已群发"中核实，系统不会补发'
    const saved = await savePush(
      payload,
      push,
      { status: 'failed', needsAttention: true, statusReason: reason, claimedBy: null, claimedUntil: null },
      { step: 'needs-attention', ok: false, detail: reason },
      expired,
    )
    if (saved) {
      await notify(payload, {
        recipients: await responsibleStaff(payload, idOf(push.account), ['leader']),
        subject: `【需要人工处理】${push.week} 推送结果未知`,
        body: reason,
        relatedCollection: 'weekly-pushes',
        relatedId: push.id,
      })
    }
    return 'needs-attention'
  }
  const reason = '发送中断且本周已过，未发出'
  const saved = await savePush(
    payload,
    push,
    { status: 'skipped', statusReason: reason, claimedBy: null, claimedUntil: null },
    { step: 'skip', ok: false, detail: reason },
    expired,
  )
  if (saved && (await pushMovesItems(payload, saved))) await setItemStates(payload, itemRefs(saved.items), 'scheduled', { reviewStatus: 'approved' })
  return 'skipped'
}
