/** Template messages (模板消息): send, then TEMPLATESENDJOBFINISH to the callback. */
import { buildXml } from '../../wechat/xml'
import { wxError, wxOk } from './errors'
import { asRecord, asString, type EmulatorContext, type Route } from './context'
import type { AccountState } from './state'

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
    const touser = asString(request.json.touser)
    const user = touser ? account.users.get(touser) : undefined
    if (!touser || !user) return { body: wxError(40003) }
    if (!user.subscribed) return { body: wxError(43004) }
    if (!asString(request.json.template_id)) return { body: wxError(40037) }
    if (!asRecord(request.json.data)) return { body: wxError(47001) }

    const msgid = context.state.sequence.templateMsgId++
    account.templateMessages.push({ at: context.now(), touser, body: structuredClone(request.json), msgid })
    context.schedule(context.settings.templateJobDelayMs, () => {
      // A resident who unfollowed in the meantime blocks delivery.
      const status = user.subscribed ? 'success' : 'failed:user block'
      void context.callbacks.deliver(account, finishedEventXml(account, touser, msgid, status, context.now()))
    })
    return { body: wxOk({ msgid }) }
  },
}

export const templateRoutes: Route[] = [sendTemplate]
