import type { Payload } from 'payload'
import { responsibleStaff } from './account-scope'
import { idOf } from '../../access/roles'
import { notify } from '../notifications/notify'
import { itemRefs } from './item-refs'
import { SKIPPABLE_PUSH_STATUSES } from './status'
import { pushMovesItems, savePush, setItemStates, type PushDoc } from './store'

/** Closes a week that will not be sent, always with its reason; its items go back to the pool. */
export async function skipPush(payload: Payload, push: PushDoc, reason: string): Promise<PushDoc | null> {
  const saved = await savePush(
    payload,
    push,
    { status: 'skipped', statusReason: reason },
    { step: 'skip', ok: false, detail: reason },
    {
      status: { in: [...SKIPPABLE_PUSH_STATUSES] },
    },
  )
  if (!saved) return null
  if (await pushMovesItems(payload, saved)) await setItemStates(payload, itemRefs(saved.items), 'scheduled', { reviewStatus: 'approved' })
  const recipients = await responsibleStaff(payload, idOf(push.account), ['leader', 'editor'])
  await notify(payload, {
    recipients,
    subject: `【本周推送已跳过】${push.week}`,
    body: `本周推送（${push.week}）不会发送：${reason}\n其中的内容已退回待推送池，下周可再选用。`,
    relatedCollection: 'weekly-pushes',
    relatedId: push.id,
  })
  return saved
}
