import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-mongodb'

/**
 * MongoDB needs no schema: collections and indexes are created by the adapter (`ensureIndexes`).
 * This first migration marks the baseline so later data migrations have a starting point.
 */
export async function up({ payload }: MigrateUpArgs): Promise<void> {
  payload.logger.info('MongoDB baseline: collections and indexes are managed by the adapter')
}

export async function down(_args: MigrateDownArgs): Promise<void> {}
