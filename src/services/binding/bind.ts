/** `绑定 12345678` from an openid: links it to the staff user whose code it is, and answers in Chinese. */
import type { Payload } from 'payload'
import { attemptSucceeded, takeBindingAttempt } from './attempt-limits'
import { claimBindingCode } from './codes'
import { bindingAccount, type BindingAccount, type StaffBindingSource } from './openids'

/** What a refused attempt is told: the wait, rounded up to minutes. */
const tooMany = (waitMs: number): string =>
  `绑定尝试次数过多，请 ${Math.max(1, Math.ceil(waitMs / 60_000))} 分钟后再试。如果等待后绑定码已过期，请在后台“个人资料”页重新获取。`

/**
 * Binds `openid` to the staff user whose live code `code` is, on the account `accountId` (the one
 * whose callback received the message): the binding is written for that account only (openids are
 * per account, openids.ts), and on the default account also as `wechatOpenid`. Failed attempts are limited per account and per openid in
 * the database (attempt-limits.ts); a refused attempt is not checked at all. Answers the Chinese
 * reply for the chat.
 */
export async function bindOpenid(payload: Payload, accountId: string, openid: string, code: string, nowMs = Date.now()): Promise<string> {
  const waitMs = await takeBindingAttempt(payload, accountId, openid, nowMs)
  if (waitMs !== null) {
    payload.logger.warn({ msg: '微信绑定尝试过多：已暂停该公众号的绑定', accountId, waitMs })
    return tooMany(waitMs)
  }
  const userId = await claimBindingCode(payload, code, openid, nowMs)
  const user = userId ? await payload.findByID({ collection: 'users', id: userId, overrideAccess: true, depth: 0 }).catch(() => null) : null
  if (!user || user.active === false) {
    return '绑定码无效或已过期。请在后台“个人资料”页重新获取绑定码，10 分钟内发送“绑定 八位数字”。'
  }
  await attemptSucceeded(payload, accountId, openid, nowMs)
  const account = (await bindingAccount(payload, accountId)) ?? { id: accountId, isDefault: false }
  await writeBinding(payload, String(user.id), account, openid, new Date(nowMs))
  const tail = user.role === 'leader' ? '今后每周推送的预览会发到这里，确认无误后回复“审定”即可审定。' : '今后可以在这里接收后台的提醒。'
  return `绑定成功！${String(user.name ?? '')}，您的微信已与后台账号绑定。${tail}`
}

type BindingRow = { account: string; openid: string; boundAt?: string | null }

/** The user's rows as they are written back (relationship ids, not documents). */
const rowsOf = (user: StaffBindingSource): BindingRow[] =>
  (user.wechatBindings ?? []).flatMap((row) => {
    const account = typeof row.account === 'object' && row.account !== null ? (row.account as { id?: unknown }).id : row.account
    return account != null && row.openid ? [{ account: String(account), openid: String(row.openid), boundAt: row.boundAt ?? null }] : []
  })

/**
 * Makes `openid` the binding of user `userId` on `account` (one row per account, replaced), after
 * taking it from any other staff member on that account: one phone, one staff account, and a phone
 * passed on to a colleague must not keep the old binding. On the default account `wechatOpenid` is
 * written too (it stays the default account's binding for everything that reads it).
 */
export async function writeBinding(payload: Payload, userId: string, account: BindingAccount, openid: string, at: Date): Promise<void> {
  const holders = await payload.find({
    collection: 'users',
    overrideAccess: true,
    depth: 0,
    limit: 50,
    where: { and: [{ id: { not_equals: userId } }, { or: [{ 'wechatBindings.openid': { equals: openid } }, { wechatOpenid: { equals: openid } }] }] },
  })
  for (const holder of holders.docs) {
    const source = holder as StaffBindingSource
    const rows = rowsOf(source)
    const kept = rows.filter((row) => !(row.account === account.id && row.openid === openid))
    const data: Record<string, unknown> = {}
    if (kept.length !== rows.length) data.wechatBindings = kept
    if (account.isDefault && source.wechatOpenid === openid) data.wechatOpenid = null
    if (Object.keys(data).length) await payload.update({ collection: 'users', id: holder.id, overrideAccess: true, depth: 0, data })
  }
  const user = (await payload.findByID({ collection: 'users', id: userId, overrideAccess: true, depth: 0 })) as StaffBindingSource
  const rows = [...rowsOf(user).filter((row) => row.account !== account.id), { account: account.id, openid, boundAt: at.toISOString() }]
  await payload.update({
    collection: 'users',
    id: userId,
    overrideAccess: true,
    depth: 0,
    data: { wechatBindings: rows, ...(account.isDefault ? { wechatOpenid: openid } : {}) },
  })
}

/**
 * Removes user `userId`'s binding on `account` (the profile's 解除绑定); on the default account
 * `wechatOpenid` too. Answers true when there was one.
 */
export async function removeBinding(payload: Payload, userId: string, account: BindingAccount): Promise<boolean> {
  const user = (await payload.findByID({ collection: 'users', id: userId, overrideAccess: true, depth: 0 })) as StaffBindingSource
  const rows = rowsOf(user)
  const kept = rows.filter((row) => row.account !== account.id)
  const clearDefault = account.isDefault === true && typeof user.wechatOpenid === 'string' && user.wechatOpenid !== ''
  if (kept.length === rows.length && !clearDefault) return false
  await payload.update({
    collection: 'users',
    id: userId,
    overrideAccess: true,
    depth: 0,
    data: { wechatBindings: kept, ...(clearDefault ? { wechatOpenid: null } : {}) },
  })
  return true
}
