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
    async send(message: TemplateMessage): Promise<{ msgId: number }> {
      const body: Record<string, unknown> = { touser: message.touser, template_id: message.templateId, data: message.data }
      if (message.url) body.url = message.url
      if (message.clientMsgId) body.client_msg_id = message.clientMsgId
      const answer = await caller.call<{ msgid: number }>('/cgi-bin/message/template/send', (api, done) => api._sendTemplateMessage(body, done), {
        idempotent: message.clientMsgId !== undefined,
      })
      return { msgId: answer.msgid }
    },
  }
}
