/**
 * Which staff work on which account's pushes. Every community may run its own account
 * (`wechat-accounts.community`); the street office's account has none. Rules:
 * - admins, and leaders without a community (the street office's leaders), see and act on every push;
 * - a community's leader acts on its account's pushes, and reads those and the street office's;
 * - editors read their community's account's pushes and the street office's (their items go there too);
 * - notices and previews of a push go to the staff responsible for its account (`responsibleStaff`).
 */
import type { Payload, PayloadRequest, Where } from 'payload'
import { communityOf, idOf, roleOf, staffOf, type Role } from '../../access/roles'
import { ApiError } from '../../http/api-error'
import type { Recipient } from '../notifications/notify'
import { findAccount, type AccountSummary } from '../accounts/find-account'
import { bindingAccount, hasAnyBinding, staffOpenidFor, type StaffBindingSource } from '../binding/openids'

/** The community an account belongs to; null for the street office's account (or an unknown one). */
export async function accountCommunity(payload: Payload, accountId: string | null | undefined): Promise<string | null> {
  if (!accountId) return null
  const account = await payload.findByID({ collection: 'wechat-accounts', id: accountId, overrideAccess: true, depth: 0, disableErrors: true })
  return idOf(account?.community)
}

/** Sees every account's pushes: admins and the street office's leaders (no community). */
const seesAll = (role: Role | null, community: string | null) => role === 'admin' || (role === 'leader' && community === null)

/** True when a staff member with `role` and `community` may act on a push of an account of `pushCommunity`. Pure. */
export function mayActOnAccount(role: Role | null, community: string | null, pushCommunity: string | null): boolean {
  if (role !== 'leader' && role !== 'admin') return false
  return seesAll(role, community) || community === pushCommunity
}

/** True when a staff member may read the pushes of an account of `pushCommunity` (the same rule as `pushReadScope`). Pure. */
export function mayReadAccount(role: Role | null, community: string | null, pushCommunity: string | null): boolean {
  if (role === null) return false
  return seesAll(role, community) || pushCommunity === null || pushCommunity === community
}

/**
 * The account 本周推送 opens for a staff member: the one asked for (`?account=` id or app id) when
 * they may read its pushes, else their community's account when there is one, else the default account.
 */
export async function accountForStaff(payload: Payload, user: PayloadRequest['user'], asked?: string | null): Promise<AccountSummary | null> {
  const role = roleOf(user)
  const community = communityOf(user)
  if (asked) {
    const account = await findAccount(payload, asked)
    if (account && mayReadAccount(role, community, await accountCommunity(payload, account.id))) return account
  }
  if (community) {
    const own = await payload.find({ collection: 'wechat-accounts', overrideAccess: true, depth: 0, limit: 1, where: { community: { equals: community } } })
    if (own.docs[0]) return findAccount(payload, String(own.docs[0].id))
  }
  return findAccount(payload)
}

/** The read access of `weekly-pushes`: everything, or the pushes of the user's community's account and the street office's. */
export function pushReadScope(req: Pick<PayloadRequest, 'user'>): boolean | Where {
  const staff = staffOf(req.user)
  if (!staff) return false
  const community = communityOf(req.user)
  if (seesAll(staff.role, community)) return true
  const street: Where = { 'account.community': { exists: false } }
  return community ? { or: [{ 'account.community': { equals: community } }, street] } : street
}

/**
 * What a leader of a community may change of the documents belonging to an account (a push, a menu:
 * a relationship field `account`): those of their community's account. `true` for everyone else it
 * concerns (the role check is the caller's).
 */
export function accountActScope(req: Pick<PayloadRequest, 'user'>): true | Where {
  const community = communityOf(req.user)
  return seesAll(roleOf(req.user), community) || !community ? true : { 'account.community': { equals: community } }
}

/** The pushes a leader of a community may change: those of their community's account (`accountActScope`). */
export const pushActScope = accountActScope

/** True when the signed-in staff member may act on the account `accountId` (its community's leaders, the street office's leaders, admins). */
export async function mayActOnAccountId(req: Pick<PayloadRequest, 'user' | 'payload'>, accountId: string | null): Promise<boolean> {
  return mayActOnAccount(roleOf(req.user), communityOf(req.user), await accountCommunity(req.payload, accountId))
}

/**
 * For the push actions (sign-off, 撤销审定, reject, the bundle, the send day, the preview): the
 * signed-in leader's community must be the push's account's, unless they see all. ApiError 403 otherwise.
 */
export async function assertMayActOnPush(req: PayloadRequest, push: { account?: unknown }): Promise<void> {
  const pushCommunity = await accountCommunity(req.payload, idOf(push.account))
  if (!mayActOnAccount(roleOf(req.user), communityOf(req.user), pushCommunity)) {
    throw new ApiError(403, 'other-account', {
      zh: '这是其他社区公众号的推送，只能由该社区或街道的审核领导处理',
      en: "This push is another community's account's: only its community's or the street office's leaders may act on it",
    })
  }
}

/**
 * The active staff responsible for an account's pushes, for its notices and previews:
 * - leaders: for a community's account, that community's leaders (the street office's leaders when
 *   the community has none, so someone can sign off); for the street office's account, the leaders
 *   without a community (all leaders when there is none);
 * - editors: that community's editors, or all editors for the street office's account.
 * Each comes with `openid`, their binding ON THIS ACCOUNT (null when they have none: an openid of
 * another account would be refused by WeChat, services/binding/openids.ts), and `boundElsewhere`
 * (bound on some other account only), for the previews. Answers users as notify() takes them.
 */
export async function responsibleStaff(
  payload: Payload,
  accountId: string | null | undefined,
  roles: ('leader' | 'editor')[],
): Promise<(Recipient & { openid: string | null; boundElsewhere: boolean })[]> {
  const community = await accountCommunity(payload, accountId)
  const account = await bindingAccount(payload, accountId)
  const found = await payload.find({
    collection: 'users',
    overrideAccess: true,
    depth: 0,
    limit: 500,
    pagination: false,
    where: { and: [{ role: { in: roles } }, { active: { not_equals: false } }] },
  })
  const users = found.docs.map((user) => {
    const openid = account ? staffOpenidFor(user as StaffBindingSource, account) : null
    return {
      id: String(user.id),
      email: user.email,
      name: user.name,
      role: user.role,
      community: idOf(user.community),
      openid,
      boundElsewhere: openid === null && hasAnyBinding(user as StaffBindingSource),
    }
  })
  const leaders = users.filter((user) => user.role === 'leader')
  const own = leaders.filter((user) => user.community === community)
  const street = leaders.filter((user) => user.community === null)
  const chosenLeaders = own.length > 0 ? own : community ? street : leaders
  const editors = users.filter((user) => user.role === 'editor' && (community === null || user.community === community))
  const chosen = [...(roles.includes('leader') ? chosenLeaders : []), ...(roles.includes('editor') ? editors : [])]
  return chosen.map(({ id, email, name, openid, boundElsewhere }) => ({ id, email, name, openid, boundElsewhere }))
}
