/**
 * Who may do what with the `wechat-menus` rows (REST, GraphQL, the admin and the Local API with
 * `overrideAccess: false`): every staff member reads; leaders and admins create and update, a
 * community's leader only the menu of its community's account (services/push/account-scope.ts, the
 * rule of the pushes); admins delete.
 */
import type { Access, CollectionConfig } from 'payload'
import { idOf, isAdmin, isStaff, roleOf } from '../../access/roles'
import { accountActScope, mayActOnAccountId } from '../push/account-scope'

const leaderOrAdmin = (req: Parameters<Access>[0]['req']) => {
  const role = roleOf(req.user)
  return role === 'leader' || role === 'admin'
}

/** Create: a leader or admin, for an account they may act on (without data — the admin asking whether to offer 新建 — the role alone). */
const create: Access = async ({ req, data }) => {
  if (!leaderOrAdmin(req)) return false
  const account = idOf((data as { account?: unknown } | undefined)?.account)
  return account === null ? true : mayActOnAccountId(req, account)
}

/** Update: a leader or admin, of the rows of the accounts they may act on. */
const update: Access = ({ req }) => (leaderOrAdmin(req) ? accountActScope(req) : false)

export const menuAccess: NonNullable<CollectionConfig['access']> = { read: isStaff, create, update, delete: isAdmin }
