import type { CollectionSlug, Payload, PayloadRequest, Where } from 'payload'

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
export async function compareAndSet(
  payload: Payload,
  collection: string,
  where: Where,
  data: Record<string, unknown>,
  req?: PayloadRequest,
): Promise<Record<string, unknown> | null> {
  const updated = await payload.db.updateOne({
    collection: collection as CollectionSlug,
    where,
    data: { ...data, updatedAt: new Date().toISOString() },
    options: { atomic: true },
    req,
    returning: true,
  })
  return (updated as unknown as Record<string, unknown> | null) ?? null
}
