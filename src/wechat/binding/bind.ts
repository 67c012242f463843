/** `绑定 123456` from an openid: links it to the staff user whose code it is, and answers in Chinese. */
import type { Payload } from 'payload'
import { loose } from '../callback/loose-payload'
import { claimBindingCode } from './codes'

/** Per openid: a resident cannot walk the million codes (each try costs one message). */
const MAX_FAILURES = 5
const WINDOW_MS = 10 * 60_000
const failures = new Map<string, { count: number; until: number }>()

export function clearBindingAttempts(): void {
  failures.clear()
}

export async function bindOpenid(payload: Payload, openid: string, code: string, nowMs = Date.now()): Promise<string> {
  const seen = failures.get(openid)
  if (seen && seen.until > nowMs && seen.count >= MAX_FAILURES) return '尝试次数过多，请 10 分钟后再试。'
  const userId = await claimBindingCode(payload, code, openid, nowMs)
  const user = userId ? await loose(payload).findByID({ collection: 'users', id: userId, overrideAccess: true, depth: 0 }).catch(() => null) : null
  if (!user || user.active === false) {
    const current = seen && seen.until > nowMs ? seen : { count: 0, until: nowMs + WINDOW_MS }
    failures.set(openid, { ...current, count: current.count + 1 })
    return '绑定码无效或已过期。请在后台“个人资料”页重新获取绑定码，10 分钟内发送“绑定 六位数字”。'
  }
  // One openid, one staff account: a phone passed on to a colleague must not keep the old binding.
  await loose(payload).update({
    collection: 'users',
    overrideAccess: true,
    where: { and: [{ wechatOpenid: { equals: openid } }, { id: { not_equals: user.id } }] },
    data: { wechatOpenid: null },
  })
  await loose(payload).update({ collection: 'users', id: user.id, overrideAccess: true, depth: 0, data: { wechatOpenid: openid } })
  failures.delete(openid)
  const tail = user.role === 'leader' ? '今后每周推送的预览会发到这里，确认无误后回复“审定”即可审定。' : '今后可以在这里接收后台的提醒。'
  return `绑定成功！${String(user.name ?? '')}，您的微信已与后台账号绑定。${tail}`
}
