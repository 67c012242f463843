/** `绑定 12345678` from an openid: links it to the staff user whose code it is, and answers in Chinese. */
import type { Payload } from 'payload'
import { attemptSucceeded, takeBindingAttempt } from './attempt-limits'
import { claimBindingCode } from './codes'

/** What a refused attempt is told: the wait, rounded up to minutes. */
const tooMany = (waitMs: number): string =>
  `绑定尝试次数过多，请 ${Math.max(1, Math.ceil(waitMs / 60_000))} 分钟后再试。如果等待后绑定码已过期，请在后台“个人资料”页重新获取。`

/**
 * Binds `openid` to the staff user whose live code `code` is, on the account `accountId` (the one
 * whose callback received the message). Failed attempts are limited per account and per openid in
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
  // One openid, one staff account: a phone passed on to a colleague must not keep the old binding.
  await payload.update({
    collection: 'users',
    overrideAccess: true,
    where: { and: [{ wechatOpenid: { equals: openid } }, { id: { not_equals: user.id } }] },
    data: { wechatOpenid: null },
  })
  await payload.update({ collection: 'users', id: user.id, overrideAccess: true, depth: 0, data: { wechatOpenid: openid } })
  const tail = user.role === 'leader' ? '今后每周推送的预览会发到这里，确认无误后回复“审定”即可审定。' : '今后可以在这里接收后台的提醒。'
  return `绑定成功！${String(user.name ?? '')}，您的微信已与后台账号绑定。${tail}`
}
