/**
 * Which openid reaches a staff member on which account. WeChat gives the same person a different
 * openid in each official account (「OpenID 是用户在某个公众号下的唯一标识」, 微信开放文档 · 网页授权 /
 * 获取用户基本信息): an openid bound on one account is unknown to another, which answers 40003
 * (invalid openid). So a staff member binds per account (`users.wechatBindings`), and everything
 * that sends to staff asks `staffOpenidFor` for the account it sends through — the one home of the rule.
 *
 * `users.wechatOpenid` stays the default account's binding (older installs, admins typing it in):
 * for the default account it wins over a `wechatBindings` row.
 */
import type { Payload } from 'payload'
import { idOf } from '../../access/roles'

/** The binding fields of a user as read from the database (depth 0 or 1). */
export interface StaffBindingSource {
  wechatOpenid?: string | null
  wechatBindings?: Array<{ account?: unknown; openid?: string | null; boundAt?: string | null }> | null
}

/** An account as the rule needs it: its id, and whether it is the default account. */
export interface BindingAccount {
  id: string
  isDefault?: boolean | null
}

const present = (value: unknown): value is string => typeof value === 'string' && value.trim() !== ''

/**
 * The openid under which `user` bound WeChat on `account`, or null when they have not bound there.
 * Default account: `wechatOpenid` when set, else its `wechatBindings` row. Any other account: its
 * `wechatBindings` row only (an openid of another account would be refused by WeChat). Pure.
 */
export function staffOpenidFor(user: StaffBindingSource, account: BindingAccount): string | null {
  if (account.isDefault && present(user.wechatOpenid)) return user.wechatOpenid
  const row = (user.wechatBindings ?? []).find((entry) => idOf(entry.account) === String(account.id) && present(entry.openid))
  return row ? String(row.openid) : null
}

/** True when `user` has bound WeChat on any account (to tell 「未在本公众号绑定微信」 from never bound). Pure. */
export function hasAnyBinding(user: StaffBindingSource): boolean {
  return present(user.wechatOpenid) || (user.wechatBindings ?? []).some((entry) => present(entry.openid))
}

/** The account `accountId` as `staffOpenidFor` takes it; null when it does not exist. */
export async function bindingAccount(payload: Payload, accountId: string | null | undefined): Promise<BindingAccount | null> {
  if (!accountId) return null
  const doc = await payload.findByID({ collection: 'wechat-accounts', id: accountId, overrideAccess: true, depth: 0, disableErrors: true }).catch(() => null)
  return doc ? { id: String(doc.id), isDefault: doc.isDefault === true } : null
}

/**
 * The active staff whose binding on `account` is `openid` (the sender of a chat command). Usually
 * one: binding takes the openid from anyone else on the same account (bind.ts).
 */
export async function staffByOpenid(payload: Payload, account: BindingAccount, openid: string) {
  const found = await payload.find({
    collection: 'users',
    overrideAccess: true,
    depth: 0,
    limit: 20,
    where: {
      and: [{ active: { not_equals: false } }, { or: [{ 'wechatBindings.openid': { equals: openid } }, { wechatOpenid: { equals: openid } }] }],
    },
  })
  return found.docs.filter((user) => staffOpenidFor(user as StaffBindingSource, account) === openid)
}
