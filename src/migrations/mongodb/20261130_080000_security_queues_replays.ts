import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-mongodb'
import { cleanStoredImages } from '../../services/media/clean-stored-files'

/**
 * Residents' messages get a community queue (`community`). Messages stored before it: an assigned
 * one joins its assignee's community's queue, so the community's editors keep seeing what their
 * colleague handles; the rest stay in the street office's general queue (no `community`). Safe to
 * run again: only messages without a community are touched.
 * Images stored before uploads were re-encoded still carry EXIF (GPS): cleaned in place once.
 */
export async function up({ payload, req }: MigrateUpArgs): Promise<void> {
  const messages = payload.db.collections['resident-messages'].collection
  const users = payload.db.collections.users.collection
  const assigned = await messages.find({ assignee: { $exists: true, $ne: null }, community: { $exists: false } }, { projection: { assignee: 1 } }).toArray()
  let moved = 0
  for (const message of assigned) {
    const user = await users.findOne({ _id: message.assignee }, { projection: { community: 1 } })
    if (!user?.community) continue
    await messages.updateOne({ _id: message._id }, { $set: { community: user.community } })
    moved++
  }
  payload.logger.info(`resident messages placed in their assignee's community queue: ${moved}`)
  await cleanStoredImages(payload, req)
}

export async function down(_args: MigrateDownArgs): Promise<void> {}
