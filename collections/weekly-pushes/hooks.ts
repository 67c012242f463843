import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'
import type { WeeklyPush } from '../../src/payload-types'
import { idOf } from '../../src/access/roles'
import { publicError } from '../../src/errors'
import { moveItems } from '../../src/push/item-states'
import { itemRefs, sameRefs, type ItemRef } from '../../src/push/item-refs'
import { PUSH_SYSTEM_CONTEXT } from '../../src/push/system-context'
import { appendStep } from '../../src/push/store'
import { OPEN_PUSH_STATUSES, inStatusGroup } from '../../src/push/status'
import { SIGN_OFF_VOIDED, signOffVoidedStep } from '../../src/push/void-sign-off'

/**
 * People change the bundle only before it is sent, and any change voids the leader's sign-off:
 * what was signed off is what goes out.
 */
export const guardBundleChanges: CollectionBeforeChangeHook<WeeklyPush> = ({ data, originalDoc, operation, req, context }) => {
  data.key = `${idOf(data.account ?? originalDoc?.account)}:${data.week ?? originalDoc?.week}`
  if (operation === 'create' || context?.[PUSH_SYSTEM_CONTEXT]) return data
  if (!inStatusGroup(OPEN_PUSH_STATUSES, originalDoc?.status)) throw publicError('本周推送已在发送或已结束，不能再修改', 409)
  const bundleChanged =
    !sameRefs(itemRefs(data.items), itemRefs(originalDoc?.items)) ||
    (data.audience !== undefined && data.audience !== originalDoc?.audience) ||
    (data.audienceCommunity !== undefined && idOf(data.audienceCommunity) !== idOf(originalDoc?.audienceCommunity))
  if (bundleChanged && originalDoc?.status === 'signed_off') Object.assign(data, SIGN_OFF_VOIDED)
  return data
}

/**
 * Items in an open bundle are `scheduled`; an item taken out goes back to the pool as `approved`.
 * A sign-off voided by a person's change (guardBundleChanges) is logged here, once the change is
 * saved: one new step-log entry, never a rewrite of the push.
 */
export const syncItemStates: CollectionAfterChangeHook<WeeklyPush> = async ({ doc, previousDoc, req, operation, context }) => {
  if (operation === 'update' && !context?.[PUSH_SYSTEM_CONTEXT] && previousDoc?.status === 'signed_off' && doc.status === 'proposed') {
    await appendStep(req.payload, String(doc.id), signOffVoidedStep(`内容被 ${req.user?.email ?? '系统'} 修改`), req)
  }
  if (!inStatusGroup(OPEN_PUSH_STATUSES, doc.status)) return doc
  const now = itemRefs(doc.items)
  const before = itemRefs(previousDoc?.items)
  const key = (ref: ItemRef) => `${ref.relationTo}:${ref.value}`
  const removed = before.filter((ref) => !now.some((other) => key(other) === key(ref)))
  const added = now.filter((ref) => !before.some((other) => key(other) === key(ref)))
  await moveItems(req.payload, removed, 'scheduled', { reviewStatus: 'approved' }, req)
  await moveItems(req.payload, added, 'approved', { reviewStatus: 'scheduled' }, req)
  return doc
}
