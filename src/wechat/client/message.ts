/**
 * Customer-service messages (客服消息): replies to a resident within 48 h of their message.
 * Never repeated after a timeout: the resident would get the reply twice.
 */
import type { WeChatCaller } from './caller'

export function messageApi(caller: WeChatCaller) {
  const send = (invoke: Parameters<WeChatCaller['call']>[1]) => caller.call('/cgi-bin/message/custom/send', invoke, { idempotent: false })
  return {
    async sendText(openid: string, text: string): Promise<void> {
      await send((api, done) => api._sendText(openid, text, done))
    },
    async sendImage(openid: string, mediaId: string): Promise<void> {
      await send((api, done) => api._sendImage(openid, mediaId, done))
    },
    /** A published article (mpnews) by media_id. */
    async sendMpNews(openid: string, mediaId: string): Promise<void> {
      await send((api, done) => api._sendMpNews(openid, mediaId, done))
    },
  }
}
