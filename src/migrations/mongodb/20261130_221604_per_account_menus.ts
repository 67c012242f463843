import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-mongodb'

type OldMenu = { account?: unknown; buttons?: unknown[] }

/**
 * The custom menu was one global (`globals` document of `globalType: 'wechat-menu'`) with an account
 * selector; each account now has its own `wechat-menus` row. The old saved menu becomes the row of its
 * account (the default account when it named none), unless that account already has one. A menu never
 * saved (no buttons) copies nothing: the start gives every account without a row the defaults. Safe to
 * run again.
 */
export async function up({ payload, req }: MigrateUpArgs): Promise<void> {
  const globals = payload.db.connection.collection('globals')
  const old = (await globals.findOne({ globalType: 'wechat-menu' })) as OldMenu | null
  if (!old || !Array.isArray(old.buttons) || old.buttons.length === 0) return
  let account = old.account ? String(old.account) : null
  if (!account) {
    const found = await payload.find({ collection: 'wechat-accounts', where: { isDefault: { equals: true } }, limit: 1, depth: 0, overrideAccess: true, req })
    account = found.docs[0] ? String(found.docs[0].id) : null
  }
  if (!account) return
  const existing = await payload.count({ collection: 'wechat-menus', where: { account: { equals: account } }, overrideAccess: true, req })
  if (existing.totalDocs === 0) {
    // Array rows keep their fields; their ids are Payload's to give.
    const strip = (rows: unknown[]): unknown[] =>
      rows.map((row) => {
        const { _id, id, subButtons, ...rest } = row as Record<string, unknown>
        void _id
        void id
        return Array.isArray(subButtons) ? { ...rest, subButtons: strip(subButtons) } : rest
      })
    await payload.create({ collection: 'wechat-menus', data: { account, buttons: strip(old.buttons) } as never, overrideAccess: true, depth: 0, req })
    payload.logger.info('the saved custom menu now belongs to its account (wechat-menus)')
  }
  await globals.deleteOne({ globalType: 'wechat-menu' })
}

export async function down(_args: MigrateDownArgs): Promise<void> {}
