/**
 * The profile's 绑定微信 endpoints, all for the signed-in staff member:
 * - `POST /api/binding-codes/issue`: a fresh code, valid 10 minutes;
 * - `GET /api/binding-codes/mine`: one line per account: `{ accounts: [{ id, name, community, bound, boundAt }] }`
 *   (the openid itself is not shown: the user needs only 已绑定 / 未绑定);
 * - `POST /api/binding-codes/unbind` with `{"account": "<id>"}`: removes the binding on that account
 *   (404 `account-not-found` for an unknown account, 409 `not-bound` when there is none).
 */
import type { Endpoint } from 'payload'
import { idOf, requireStaff } from '../../access/roles'
import { ApiError } from '../../http/api-error'
import { jsonBody } from '../../http/json-body'
import { removeBinding } from './bind'
import { issueBindingCode } from './codes'
import { bindingAccount, staffOpenidFor, type StaffBindingSource } from './openids'

export const issueBindingCodeEndpoint: Endpoint = {
  path: '/issue',
  method: 'post',
  handler: async (req) => {
    const staff = requireStaff(req)
    const issued = await issueBindingCode(req.payload, String(staff.id))
    return Response.json(
      { ...issued, message: `请在 10 分钟内向公众号发送：绑定 ${issued.code}` },
      // The code is a credential for 10 minutes: keep it out of caches.
      { headers: { 'cache-control': 'no-store' } },
    )
  },
}

/** One line of the profile's list: an account and whether the user bound WeChat on it. */
export interface AccountBindingLine {
  id: string
  name: string
  /** The community's name; null for the street office's account. */
  community: string | null
  isDefault: boolean
  bound: boolean
  /** When it was bound (ISO), when known. */
  boundAt: string | null
}

export const myBindingsEndpoint: Endpoint = {
  path: '/mine',
  method: 'get',
  handler: async (req) => {
    const staff = requireStaff(req)
    const user = (await req.payload.findByID({ collection: 'users', id: staff.id, overrideAccess: true, depth: 0 })) as StaffBindingSource
    const accounts = await req.payload.find({ collection: 'wechat-accounts', overrideAccess: true, depth: 1, limit: 200, sort: 'name' })
    const lines: AccountBindingLine[] = accounts.docs
      .map((account) => {
        const target = { id: String(account.id), isDefault: account.isDefault === true }
        const row = (user.wechatBindings ?? []).find((entry) => idOf(entry.account) === target.id)
        const community = account.community && typeof account.community === 'object' ? String(account.community.name ?? '') : null
        return {
          id: target.id,
          name: String(account.name ?? ''),
          community,
          isDefault: target.isDefault,
          bound: staffOpenidFor(user, target) !== null,
          boundAt: row?.boundAt ?? null,
        }
      })
      // The default account (the street office's) first.
      .sort((a, b) => Number(b.isDefault) - Number(a.isDefault))
    return Response.json({ accounts: lines }, { headers: { 'cache-control': 'no-store' } })
  },
}

export const unbindEndpoint: Endpoint = {
  path: '/unbind',
  method: 'post',
  handler: async (req) => {
    const staff = requireStaff(req)
    const body = await jsonBody(req)
    const account = typeof body.account === 'string' || typeof body.account === 'number' ? await bindingAccount(req.payload, String(body.account)) : null
    if (!account) throw new ApiError(404, 'account-not-found', { zh: '公众号不存在', en: 'No such account' })
    if (!(await removeBinding(req.payload, String(staff.id), account))) {
      throw new ApiError(409, 'not-bound', { zh: '您尚未在该公众号绑定微信', en: 'You have not bound WeChat on this account' })
    }
    return Response.json({ message: '已解除该公众号的微信绑定。' })
  },
}
