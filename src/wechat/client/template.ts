/** Template messages (模板消息). */
import type { WeChatCaller } from './caller'

export interface TemplateMessage {
  touser: string
  templateId: string
  url?: string
  data: Record<string, { value: string; color?: string }>
  /** Makes a repeat harmless; without it the send is never retried after a timeout. */
  clientMsgId?: string
}

export function templateApi(caller: WeChatCaller) {
  return {
    /**
     * POST /cgi-bin/message/template/send. Answers WeChat's `msgid` as a string of digits (real ids
     * exceed 2^53; TEMPLATESENDJOBFINISH's MsgID is matched against it). Throws WeChatApiError
     * (43004 the resident does not follow, 40037 bad template id, …). With `clientMsgId` a timeout or
     * network failure is retried: WeChat sends one message per openid + client_msg_id within 10 minutes.
     */
    async send(message: TemplateMessage): Promise<{ msgId: string }> {
      const body: Record<string, unknown> = { touser: message.touser, template_id: message.templateId, data: message.data }
      if (message.url) body.url = message.url
      if (message.clientMsgId) body.client_msg_id = message.clientMsgId
      const answer = await caller.call<{ msgid: string }>('/cgi-bin/message/template/send', (api, done) => api._sendTemplateMessage(body, done), {
        idempotent: message.clientMsgId !== undefined,
      })
      return { msgId: String(answer.msgid) }
    },
  }
}
