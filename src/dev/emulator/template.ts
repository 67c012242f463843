/** Template messages (模板消息): send, then TEMPLATESENDJOBFINISH to the callback. */
import { buildXml } from '../../wechat/xml'
import { wxError, wxOk } from './errors'
import { asRecord, asString, type EmulatorContext, type Route } from './context'
import type { AccountState } from './state'

/**
 * How long a `client_msg_id` keeps a template send from repeating. WeChat's template/send reference
 * (发送模板消息, parameter `client_msg_id` 防重入id, as quoted in github.com/silenceper/wechat/pull/651; the
 * official page could not be opened from here): "对于同一个openid +
 * client_msg_id，只发送一条消息，10分钟有效，超过10分钟不保证效果". The emulator forgets the id after
 * 10 minutes of its clock, the least WeChat promises, so a client relying on more fails here too.
 */
export const TEMPLATE_CLIENT_MSG_ID_TTL_MS = 10 * 60_000

const clientMsgKey = (touser: string, clientMsgId: string): string => `${touser}\u0000${clientMsgId}`

function finishedEventXml(account: AccountState, touser: string, msgid: number, status: string, now: number): string {
  return buildXml({
    ToUserName: account.config.originalId,
    FromUserName: touser,
    CreateTime: Math.floor(now / 1000),
    MsgType: 'event',
    Event: 'TEMPLATESENDJOBFINISH',
    MsgID: msgid,
    Status: status,
  })
}

const sendTemplate: Route = {
  method: 'POST',
  path: '/cgi-bin/message/template/send',
  auth: 'access_token',
  body: 'json',
  handle(request, context: EmulatorContext) {
    const account = request.account!
    const now = context.now()
    const touser = asString(request.json.touser)
    const user = touser ? account.users.get(touser) : undefined
    if (!touser || !user) return { body: wxError(40003) }

    // A repeat of a send already made (same openid + client_msg_id, within the window): the first
    // send's msgid again, no second message and no second TEMPLATESENDJOBFINISH. WeChat documents
    // that it sends only one message; the answer to the repeat is not documented (unverified: the
    // same msgid with errcode 0, so a client retrying after a lost answer learns the msgid).
    const clientMsgId = request.json.client_msg_id === undefined ? null : String(request.json.client_msg_id)
    if (clientMsgId !== null) {
      const previous = account.templateClientMsgIds.get(clientMsgKey(touser, clientMsgId))
      if (previous && now - previous.at < TEMPLATE_CLIENT_MSG_ID_TTL_MS) return { body: wxOk({ msgid: previous.msgId }) }
    }

    if (!user.subscribed) return { body: wxError(43004) }
    if (!asString(request.json.template_id)) return { body: wxError(40037) }
    if (!asRecord(request.json.data)) return { body: wxError(47001) }

    const msgid = context.state.sequence.templateMsgId++
    account.templateMessages.push({ at: now, touser, body: structuredClone(request.json), msgid })
    if (clientMsgId !== null) account.templateClientMsgIds.set(clientMsgKey(touser, clientMsgId), { msgId: msgid, at: now })
    context.schedule(context.settings.templateJobDelayMs, () => {
      // A resident who unfollowed in the meantime blocks delivery.
      const status = user.subscribed ? 'success' : 'failed:user block'
      void context.callbacks.deliver(account, finishedEventXml(account, touser, msgid, status, context.now()))
    })
    return { body: wxOk({ msgid }) }
  },
}

export const templateRoutes: Route[] = [sendTemplate]
