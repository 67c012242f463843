/**
 * The content items' hooks into the push (wired in collections/content/create-content-collection.ts): each
 * asks the rules (./rules.ts) and hands the write to the push store (./store.ts), one call each.
 */
import type { CollectionAfterChangeHook, CollectionBeforeDeleteHook } from 'payload'
import type { ContentDoc } from '../content/types'
import { isContentCollection } from '../content/types'
import { itemEditVoidsSignOff } from './rules'
import { removeFromOpenBundles, voidSignOffsHolding } from './store'

/**
 * What the leader signed off is what goes out: a person's edit of an item of a signed-off bundle
 * voids the sign-off, and the leader signs off again.
 */
export const voidSignOffOnItemEdit: CollectionAfterChangeHook<ContentDoc> = async ({ doc, collection, req, operation }) => {
  if (!itemEditVoidsSignOff(operation, doc) || !isContentCollection(collection.slug)) return doc
  await voidSignOffsHolding(
    req.payload,
    { relationTo: collection.slug, value: String(doc.id) },
    `《${String(doc.title)}》被 ${req.user?.email ?? '系统'} 修改`,
    req,
  )
  return doc
}

/** An item about to be deleted leaves every open bundle it is in (see store.removeFromOpenBundles). */
export const removeDeletedItemFromBundles: CollectionBeforeDeleteHook = async ({ id, collection, req }) => {
  if (!isContentCollection(collection.slug)) return
  await removeFromOpenBundles(req.payload, { relationTo: collection.slug, value: String(id) }, req)
}
