import type { CollectionAfterChangeHook, CollectionBeforeDeleteHook } from 'payload'
import { ensureMenuRow, findMenuRow } from '../../src/services/menu/load'

/**
 * Each account has its own menu (`wechat-menus`): a new account gets its row with the defaults, in the
 * account's own transaction (`req`). A failure is logged, never the account's: the row is found first
 * (a second one is kept out by the unique index anyway), and an account without one answers clicks
 * from the defaults (services/menu/load.ts). A renamed account renames its menu's title.
 */
export const accountMenuRow: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  const accountId = String(doc.id)
  try {
    if (operation === 'create') await ensureMenuRow(req.payload, accountId, req)
    else if (previousDoc?.name !== doc.name) {
      const row = await findMenuRow(req.payload, accountId, req)
      if (row) {
        await req.payload.update({
          collection: 'wechat-menus',
          id: row.id,
          overrideAccess: true,
          depth: 0,
          data: {},
          req,
        })
      }
    }
  } catch (error) {
    req.payload.logger.error(
      { err: error, accountId },
      `公众号「${String(doc.name)}」的菜单未能${operation === 'create' ? '创建（将使用默认菜单）' : '更新标题'}`,
    )
  }
  return doc
}

/** A deleted account's menu goes with it (its row would name no account). */
export const deleteAccountMenu: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await req.payload.delete({ collection: 'wechat-menus', overrideAccess: true, where: { account: { equals: id } }, req })
}
