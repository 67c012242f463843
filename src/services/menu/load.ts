/**
 * Reads and creates the saved menus: one `wechat-menus` row per WeChat account, the defaults for an
 * account that has none yet (services/menu/defaults.ts).
 */
import type { Payload, PayloadRequest } from 'payload'
import { idOf } from '../../access/roles'
import { findDefaultAccount } from '../accounts/accounts'
import { defaultMenuButtons, communityMenuButtons } from './defaults'
import type { SavedMenu, SavedMenuButton } from './types'

/** One account's saved row, as stored (depth 0): `null` when the account has none. */
export interface MenuRow {
  id: string
  account: string
  buttons: SavedMenuButton[]
  updatedAt: string | null
}

const toRow = (doc: Record<string, unknown>): MenuRow => ({
  id: String(doc.id),
  account: String(idOf(doc.account)),
  buttons: Array.isArray(doc.buttons) ? (doc.buttons as SavedMenuButton[]) : [],
  updatedAt: typeof doc.updatedAt === 'string' ? doc.updatedAt : null,
})

/** The row of the account `accountId`, or null when it has none. `req` keeps the read in the caller's transaction. */
export async function findMenuRow(payload: Payload, accountId: string, req?: Partial<PayloadRequest>): Promise<MenuRow | null> {
  const found = await payload.find({
    collection: 'wechat-menus',
    overrideAccess: true,
    depth: 0,
    limit: 1,
    pagination: false,
    where: { account: { equals: accountId } },
    ...(req ? { req } : {}),
  })
  return found.docs[0] ? toRow(found.docs[0] as unknown as Record<string, unknown>) : null
}

/** The row with this id, or null. */
export async function findMenuRowById(payload: Payload, id: string): Promise<MenuRow | null> {
  const doc = await payload.findByID({ collection: 'wechat-menus', id, overrideAccess: true, depth: 0, disableErrors: true })
  return doc ? toRow(doc as unknown as Record<string, unknown>) : null
}

/**
 * The menu an account starts with: the street office's (`defaultMenuButtons`) or, for an account of a
 * community, `communityMenuButtons` linking back to the street office's account (its 关注链接 when set).
 */
export async function defaultButtonsFor(payload: Payload, accountId: string | null, req?: Partial<PayloadRequest>): Promise<SavedMenuButton[]> {
  if (!accountId) return defaultMenuButtons()
  const account = await payload
    .findByID({ collection: 'wechat-accounts', id: accountId, overrideAccess: true, depth: 0, disableErrors: true, ...(req ? { req } : {}) })
    .catch(() => null)
  if (!idOf(account?.community)) return defaultMenuButtons()
  const street = await findDefaultAccount(payload)
  const followUrl = street && !idOf(street.community) ? street.followUrl?.trim() : null
  return communityMenuButtons(followUrl || null)
}

/**
 * The saved menu of the account `accountId` (null: the default account): its row's buttons, or its
 * defaults (`defaultButtonsFor`) when it has no row or an empty one. `account` is the account's id
 * (null when there is no account at all).
 */
export async function loadSavedMenu(payload: Payload, accountId: string | null): Promise<SavedMenu> {
  const account = accountId ?? (await findDefaultAccount(payload).then((found) => (found ? String(found.id) : null)))
  const row = account ? await findMenuRow(payload, account) : null
  return { account, buttons: row ? await rowButtons(payload, row) : await defaultButtonsFor(payload, account) }
}

/** A row's buttons, or its account's defaults (`defaultButtonsFor`) while it has none saved. */
export async function rowButtons(payload: Payload, row: Pick<MenuRow, 'account' | 'buttons'>): Promise<SavedMenuButton[]> {
  return row.buttons.length > 0 ? row.buttons : defaultButtonsFor(payload, row.account)
}

/** The row's title: the account's name (its id when the account cannot be read). */
export async function menuTitle(payload: Payload, account: unknown, req?: Partial<PayloadRequest>): Promise<string> {
  const id = idOf(account)
  if (!id) return ''
  const doc = await payload
    .findByID({ collection: 'wechat-accounts', id, overrideAccess: true, depth: 0, disableErrors: true, ...(req ? { req } : {}) })
    .catch(() => null)
  return String(doc?.name ?? id)
}

/**
 * Gives the account its menu row with its defaults unless it has one (a new account; the demo seed).
 * Idempotent: the unique `account` index keeps a second row out, and a row found first is kept as
 * it is. `req` keeps both in the caller's transaction (the account's creation). Answers the row's id.
 */
export async function ensureMenuRow(payload: Payload, accountId: string, req?: Partial<PayloadRequest>): Promise<string> {
  const existing = await findMenuRow(payload, accountId, req)
  if (existing) return existing.id
  const buttons = await defaultButtonsFor(payload, accountId, req)
  const created = await payload.create({
    collection: 'wechat-menus',
    overrideAccess: true,
    depth: 0,
    // The cast: SavedMenuButton is this service's shape (`type` a plain string, validated on save).
    data: { account: accountId, buttons } as never,
    ...(req ? { req } : {}),
  })
  return String(created.id)
}

/** The menu row id of each account that has one (the matrix's and the account page's links). */
export async function menuIdsByAccount(payload: Payload, accountIds: string[]): Promise<Map<string, string>> {
  if (accountIds.length === 0) return new Map()
  const found = await payload.find({
    collection: 'wechat-menus',
    overrideAccess: true,
    depth: 0,
    limit: accountIds.length,
    pagination: false,
    where: { account: { in: accountIds } },
    select: { account: true },
  })
  return new Map(found.docs.map((doc) => [String(idOf(doc.account)), String(doc.id)]))
}

/**
 * Writes `buttons` as the account's saved menu (its row, created when it has none), with every
 * field's validation. Answers the row's id. Throws Payload's ValidationError when a field breaks a rule.
 */
export async function saveMenuButtons(payload: Payload, accountId: string, buttons: SavedMenuButton[]): Promise<string> {
  const row = await findMenuRow(payload, accountId)
  // The cast: SavedMenuButton is this service's shape (`type` a plain string, validated on save).
  const data = { buttons } as never
  if (row) {
    await payload.update({ collection: 'wechat-menus', id: row.id, overrideAccess: true, depth: 0, data })
    return row.id
  }
  const created = await payload.create({
    collection: 'wechat-menus',
    overrideAccess: true,
    depth: 0,
    data: { ...(data as object), account: accountId } as never,
  })
  return String(created.id)
}

/**
 * The account whose menu carries what concerns a community (微问政's pinned topic): that community's
 * account with a saved menu (the first by name), else the street office's default account. Null when
 * there is no account at all.
 */
export async function menuAccountFor(payload: Payload, communityId: string | null): Promise<{ id: string; name: string } | null> {
  if (communityId) {
    const own = await payload.find({
      collection: 'wechat-accounts',
      overrideAccess: true,
      depth: 0,
      limit: 100,
      pagination: false,
      sort: 'name',
      where: { community: { equals: communityId } },
    })
    const withMenu = await menuIdsByAccount(
      payload,
      own.docs.map((doc) => String(doc.id)),
    )
    const chosen = own.docs.find((doc) => withMenu.has(String(doc.id)))
    if (chosen) return { id: String(chosen.id), name: String(chosen.name ?? '') }
  }
  const street = await findDefaultAccount(payload)
  return street ? { id: String(street.id), name: String(street.name ?? '') } : null
}
