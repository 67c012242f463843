import type { Payload } from 'payload'
import { responsibleStaff } from './account-scope'
import { idOf } from '../../access/roles'
import { notify } from '../notifications/notify'
import { itemRefs } from './item-refs'
import { SKIPPABLE_PUSH_STATUSES } from './status'
import { appendStep, createPush, findPush, pushMovesItems, savePush, setItemStates, type PushDoc } from './store'

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

/**
 * Closes a week that has no push yet and will not be sent on its own (a holiday move over the month's
 * quota, `WeekSlots.merge`): a push without items is created as `skipped` with `reason`, so the week has
 * its record and the note is told once (a second scheduler finds the row and does nothing); the pool is
 * untouched, so the next week's assemble takes its items. When the week got a push meanwhile, that push is
 * skipped instead (skipPush). Answers the closed push, or null when another writer settled it first.
 */
export async function closeMergedWeek(payload: Payload, args: { accountId: string; week: string; reason: string }): Promise<PushDoc | null> {
  let push: PushDoc
  try {
    // No items: nothing to claim, nothing lost.
    push = (await createPush(payload, { week: args.week, account: args.accountId, items: [], status: 'skipped', statusReason: args.reason })).push
  } catch (error) {
    const raced = await findPush(payload, args.accountId, args.week)
    if (!raced) throw error
    return raced.status === 'skipped' || raced.status === 'sent' ? null : skipPush(payload, raced, args.reason)
  }
  const saved = await appendStep(payload, push.id, { step: 'skip', ok: false, detail: args.reason })
  const recipients = await responsibleStaff(payload, args.accountId, ['leader', 'editor'])
  await notify(payload, {
    recipients,
    subject: `【本周不单独推送】${args.week}`,
    body: `本周（${args.week}）不单独推送：${args.reason}\n待推送池中的内容留给下周的推送。`,
    relatedCollection: 'weekly-pushes',
    relatedId: push.id,
  })
  return saved ?? push
}
