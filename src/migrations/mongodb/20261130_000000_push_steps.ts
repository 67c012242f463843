import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-mongodb'

interface LegacyStep {
  step?: string
  at?: string | Date
  ok?: boolean
  detail?: string
}

/**
 * The push's step log moves from an array on each `weekly-pushes` document to the append-only
 * `push-steps` collection (concurrent schedulers collided when they rewrote the array). Each old
 * entry becomes one `push-steps` document, in its array order, and the array is removed. The
 * config no longer knows the array, so it is read with the driver.
 */
export async function up({ payload, req }: MigrateUpArgs): Promise<void> {
  const pushes = payload.db.collections['weekly-pushes'].collection
  const legacy = await pushes.find({ 'steps.0': { $exists: true } }, { projection: { steps: 1, createdAt: 1 } }).toArray()
  for (const push of legacy) {
    const steps = (push.steps as LegacyStep[] | undefined) ?? []
    // Run again after being cut off (no transaction without a replica set): start this push over.
    await payload.delete({ collection: 'push-steps', where: { push: { equals: String(push._id) } }, overrideAccess: true, req })
    for (const [index, entry] of steps.entries()) {
      const at = new Date(entry.at ?? push.createdAt ?? Date.now())
      await payload.create({
        collection: 'push-steps',
        overrideAccess: true,
        req,
        data: {
          push: String(push._id),
          step: entry.step ?? '',
          ok: Boolean(entry.ok),
          detail: entry.detail ?? null,
          at: at.toISOString(),
          seq: at.getTime() * 1000 + index,
        },
      })
    }
    await pushes.updateOne({ _id: push._id }, { $unset: { steps: '' } })
  }
  payload.logger.info(`push step logs moved to push-steps: ${legacy.length} pushes`)
}

export async function down(_args: MigrateDownArgs): Promise<void> {}
