/**
 * `审定` from a leader's bound openid signs off the account's push of the current week, through
 * the same decideOnPush as the admin button (same rules, same step log). Only a leader the week's
 * preview was sent to may do it: they sign off what they saw.
 */
import { createLocalReq, type Payload } from 'payload'
import { idOf } from '../../access/roles'
import { bindingAccount, staffByOpenid } from '../binding/openids'
import { accountCommunity, mayActOnAccount } from './account-scope'
import { ApiError } from '../../http/api-error'
import { decideOnPush } from './sign-off'
import { findPush } from './store'
import { isoWeekOf } from '../../shared/time'

/**
 * The answer to `绑定 123456` / `审定` that came in clear to an account set to 安全模式 (or 兼容模式):
 * a clear body is covered by no signature, so commands are not executed from it.
 */
export const COMMAND_NEEDS_SAFE_MODE =
  '未执行：公众号后台的消息加解密方式目前不是安全模式，为防止伪造，“绑定”“审定”等指令只在安全模式下执行。请管理员在微信公众平台 → 设置与开发 → 基本配置 → 服务器配置中将消息加解密方式改为“安全模式”，然后重新发送。'

export const SIGN_OFF_REFUSAL = '抱歉，只有绑定了微信的审核领导可以回复“审定”。如需帮助，请直接留言，工作人员会尽快回复您。'

/** The answer to `审定` from a leader bound on the account who does not work on its pushes. */
export const SIGN_OFF_OTHER_ACCOUNT = '抱歉，本公众号的推送由其社区或街道的审核领导审定，您不负责本公众号的推送。请在您负责的公众号中回复“审定”。'

/**
 * `审定` from `openid` on account `accountId`: the sender must be an active leader bound on THAT
 * account (openids are per account: services/binding/openids.ts) and responsible for its pushes
 * (account-scope.ts mayActOnAccount), and the week's preview must have reached them. Answers the
 * Chinese reply for the chat.
 */
export async function signOffFromWeChat(payload: Payload, accountId: string, openid: string, now = new Date()): Promise<string> {
  const account = await bindingAccount(payload, accountId)
  const leader = account ? (await staffByOpenid(payload, account, openid)).find((user) => user.role === 'leader') : undefined
  if (!leader) return SIGN_OFF_REFUSAL
  if (!mayActOnAccount('leader', idOf(leader.community), await accountCommunity(payload, accountId))) return SIGN_OFF_OTHER_ACCOUNT
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
