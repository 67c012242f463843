import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'
import type { WeeklyPush } from '../../src/payload-types'
import { idOf } from '../../src/access/roles'
import { publicError } from '../../src/shared/errors'
import { SIGN_OFF_VOIDED, changeVoidsSignOff, refusedChange } from '../../src/services/push/rules'
import { afterPersonSavedPush, holdForPersonSave } from '../../src/services/push/store'
import { PUSH_SYSTEM_CONTEXT } from '../../src/services/push/system-context'

/**
 * A person's save of a push through Payload (REST, GraphQL, the admin form, the Local API as a
 * person) follows the push rules (src/services/push/rules.ts): only an open bundle changes (409 otherwise),
 * and a change of a signed-off bundle voids the sign-off; the push is held as read first
 * (store.holdForPersonSave), so a claim that came meanwhile wins. The push store's own create
 * (PUSH_SYSTEM_CONTEXT) passes; its other writes run no hooks.
 */
export const guardBundleChanges: CollectionBeforeChangeHook<WeeklyPush> = async ({ data, originalDoc, operation, context, req }) => {
  data.key = `${idOf(data.account ?? originalDoc?.account)}:${data.week ?? originalDoc?.week}`
  if (operation === 'create' || context?.[PUSH_SYSTEM_CONTEXT]) return data
  const refusal = refusedChange(originalDoc?.status)
  if (refusal) throw publicError(refusal, 409)
  // Payload's write that follows is unconditional: hold the push as read, or tell the person it moved.
  if (originalDoc && !(await holdForPersonSave(req.payload, originalDoc, req)))
    throw publicError(
      `未保存：${refusedChange((await req.payload.findByID({ collection: 'weekly-pushes', id: originalDoc.id, depth: 0, req })).status) ?? '本周推送刚被他人修改'}，请刷新后重试`,
      409,
    )
  if (originalDoc && changeVoidsSignOff(originalDoc, data)) Object.assign(data, SIGN_OFF_VOIDED)
  return data
}

/**
 * Once a person's save is stored, the push store logs a voided sign-off and moves the items the
 * change added or removed (store.afterPersonSavedPush): one call, the store's rules.
 */
export const syncItemStates: CollectionAfterChangeHook<WeeklyPush> = async ({ doc, previousDoc, req, operation, context }) => {
  if (context?.[PUSH_SYSTEM_CONTEXT]) return doc
  await afterPersonSavedPush(req.payload, { doc, previousDoc, operation, by: req.user?.email ?? '系统' }, req)
  return doc
}
