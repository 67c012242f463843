/**
 * `审定` from a leader's bound openid signs off the account's push of the current week, through
 * the same decideOnPush as the admin button (same rules, same step log). Only a leader the week's
 * preview was sent to may do it: they sign off what they saw.
 */
import { createLocalReq, type Payload } from 'payload'
import { idOf } from '../../access/roles'
import { ApiError } from '../../http/api-error'
import { decideOnPush } from './sign-off'
import { findPush } from './store'
import { isoWeekOf } from './week'

/**
 * The answer to `绑定 123456` / `审定` that came in clear to an account set to 安全模式 (or 兼容模式):
 * a clear body is covered by no signature, so commands are not executed from it.
 */
export const COMMAND_NEEDS_SAFE_MODE =
  '未执行：公众号后台的消息加解密方式目前不是安全模式，为防止伪造，“绑定”“审定”等指令只在安全模式下执行。请管理员在微信公众平台 → 设置与开发 → 基本配置 → 服务器配置中将消息加解密方式改为“安全模式”，然后重新发送。'

export const SIGN_OFF_REFUSAL = '抱歉，只有绑定了微信的审核领导可以回复“审定”。如需帮助，请直接留言，工作人员会尽快回复您。'

export async function signOffFromWeChat(payload: Payload, accountId: string, openid: string, now = new Date()): Promise<string> {
  const found = await payload.find({
    collection: 'users',
    overrideAccess: true,
    depth: 0,
    limit: 1,
    where: { and: [{ wechatOpenid: { equals: openid } }, { role: { equals: 'leader' } }, { active: { not_equals: false } }] },
  })
  const leader = found.docs[0]
  if (!leader) return SIGN_OFF_REFUSAL
  const week = isoWeekOf(now)
  const push = await findPush(payload, accountId, week)
  if (!push) return `本周（${week}）还没有待审定的推送。`
  const previews = push.previews ?? []
  if (!previews.some((preview) => idOf(preview.user) === String(leader.id) && !preview.error)) {
    return `本周（${week}）推送的预览没有发给您，请在后台“本周推送”页面查看后审定。`
  }
  const req = await createLocalReq({ user: { ...leader, collection: 'users' } }, payload)
  try {
    const saved = await decideOnPush(req, push.id, 'sign-off')
    const count = Array.isArray(saved.items) ? saved.items.length : 0
    return `已审定本周（${week}）推送，共 ${count} 条，将按计划群发。`
  } catch (error) {
    // A refusal (not ready, already sent, a conflict): its Chinese message is the reply.
    if (error instanceof ApiError) return `未能审定本周（${week}）推送：${error.message}`
    throw error
  }
}
