import type { CollectionAfterChangeHook, CollectionBeforeDeleteHook } from 'payload'
import type { ContentDoc } from '../content/types'
import { REVIEW_TRANSITION_CONTEXT } from '../review/hooks'
import { compareAndSet } from '../cas'
import { itemRefs } from './item-refs'
import { PUSH_SYSTEM_CONTEXT } from './system-context'
import { OPEN_PUSH_STATUSES } from './status'
import { appendStep, savePush, type StepEntry } from './store'

/** What voids a sign-off, wherever it happens: back to `proposed`, nobody's sign-off. */
export const SIGN_OFF_VOIDED = { status: 'proposed', signedOffBy: null, signedOffAt: null } as const

/** The step-log entry that tells the leader why they must sign off again. */
export const signOffVoidedStep = (why: string): StepEntry => ({ step: 'sign-off-voided', ok: true, detail: `${why}，审定作废，需重新审定` })

/**
 * What the leader signed off is what goes out: editing an item of a signed-off bundle voids the
 * sign-off, and the leader signs off again.
 */
export const voidSignOffOnItemEdit: CollectionAfterChangeHook<ContentDoc> = async ({ doc, collection, req, context, operation }) => {
  if (operation !== 'update' || context?.[PUSH_SYSTEM_CONTEXT] || context?.[REVIEW_TRANSITION_CONTEXT]) return doc
  if (doc.reviewStatus !== 'scheduled') return doc
  const open = await req.payload.find({
    collection: 'weekly-pushes',
    overrideAccess: true,
    depth: 0,
    limit: 20,
    where: { status: { equals: 'signed_off' } },
    req,
  })
  for (const push of open.docs) {
    const contains = itemRefs(push.items).some((ref) => ref.relationTo === collection.slug && ref.value === String(doc.id))
    if (!contains) continue
    await savePush(
      req.payload,
      push,
      SIGN_OFF_VOIDED,
      signOffVoidedStep(`《${String(doc.title)}》被 ${req.user?.email ?? '系统'} 修改`),
      { status: { equals: 'signed_off' } },
    )
  }
  return doc
}

/**
 * An item about to be deleted leaves every open bundle it is in (before the database drops the
 * reference on its own); a signed-off bundle then needs signing off again. The sign-off is voided
 * first, by compare-and-set (a scheduler cannot claim a `proposed` push), and only the bundle's
 * item list is then written, only while the push is still open: never a full rewrite of the push
 * that could put back a status or claim a scheduler saved in between.
 */
export const removeDeletedItemFromBundles: CollectionBeforeDeleteHook = async ({ id, collection, req }) => {
  const open = await req.payload.find({
    collection: 'weekly-pushes',
    overrideAccess: true,
    depth: 0,
    limit: 20,
    joins: false,
    where: { status: { in: [...OPEN_PUSH_STATUSES] } },
    req,
  })
  for (const push of open.docs) {
    const refs = itemRefs(push.items)
    const kept = refs.filter((ref) => !(ref.relationTo === collection.slug && ref.value === String(id)))
    if (kept.length === refs.length) continue
    const voided =
      push.status === 'signed_off' &&
      (await compareAndSet(req.payload, 'weekly-pushes', { and: [{ id: { equals: push.id } }, { status: { equals: 'signed_off' } }] }, { ...SIGN_OFF_VOIDED }, req)) !== null
    const written = await req.payload.db.updateOne({
      collection: 'weekly-pushes',
      where: { and: [{ id: { equals: push.id } }, { status: { in: [...OPEN_PUSH_STATUSES] } }] },
      data: { items: kept, updatedAt: new Date().toISOString() },
      req,
      returning: true,
    })
    if (!written) continue
    await appendStep(req.payload, push.id, { step: 'item-removed', ok: true, detail: '一条内容已被删除，已从本周推送中移除' }, req)
    if (voided) await appendStep(req.payload, push.id, signOffVoidedStep('一条内容被删除'), req)
  }
}
