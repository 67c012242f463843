import type { CollectionAfterChangeHook } from 'payload'
import { REVIEW_TRANSITION_CONTEXT } from '../review/hooks'
import { itemRefs, PUSH_SYSTEM_CONTEXT } from './refs'
import { savePush, type PushDoc } from './store'

/**
 * What the leader signed off is what goes out: editing an item of a signed-off bundle voids the
 * sign-off, and the leader signs off again.
 */
export const voidSignOffOnItemEdit: CollectionAfterChangeHook = async ({ doc, collection, req, context, operation }) => {
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
  for (const push of open.docs as unknown as PushDoc[]) {
    const contains = itemRefs(push.items).some((ref) => ref.relationTo === collection.slug && ref.value === String(doc.id))
    if (!contains) continue
    await savePush(
      req.payload,
      push,
      { status: 'proposed', signedOffBy: null, signedOffAt: null },
      { step: 'sign-off-voided', ok: true, detail: `《${String(doc.title)}》被 ${req.user?.email ?? '系统'} 修改，审定作废，需重新审定` },
      { status: { equals: 'signed_off' } },
    )
  }
  return doc
}
