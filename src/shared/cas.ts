import type { CollectionSlug, DataFromCollectionSlug, Payload, PayloadRequest, Where } from 'payload'

/**
 * Compare-and-set: writes `data` to the one document matching `where`, in a single atomic
 * statement (`UPDATE … WHERE … RETURNING` on SQLite, `findOneAndUpdate` on MongoDB), and answers
 * it — or null when nothing matched because someone else changed it first.
 *
 * Payload's Local API `update({ where })` finds the matching documents and then updates each by id
 * without the condition, so two instances can both "win"; claims and state transitions use this
 * instead. It takes top-level (main-table) fields only: no arrays, no hasMany relationships, and no
 * hooks run.
 */
export async function compareAndSet<Slug extends CollectionSlug>(
  payload: Payload,
  collection: Slug,
  where: Where,
  data: Partial<DataFromCollectionSlug<Slug>>,
  req?: PayloadRequest,
): Promise<DataFromCollectionSlug<Slug> | null> {
  const updated: unknown = await payload.db.updateOne({
    collection,
    where,
    data: { ...data, updatedAt: new Date().toISOString() },
    options: { atomic: true },
    req,
    returning: true,
  })
  // The database API answers the stored row (depth 0) as Payload's untyped `Document`.
  return (updated ?? null) as DataFromCollectionSlug<Slug> | null
}
