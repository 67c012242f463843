/** Builds WeChat's passive reply XML: the sender and recipient swap places. */
import { buildXml, cdata } from '../xml'
import type { InboundMessage, PassiveReply } from './types'

export function buildPassiveReplyXml(message: InboundMessage, reply: PassiveReply, nowMs: number): string | null {
  const head = { ToUserName: message.fromUser, FromUserName: message.toUser, CreateTime: Math.floor(nowMs / 1000) }
  if (reply.kind === 'text' && reply.text) return textReplyXml(head, reply.text)
  if (reply.kind === 'image' && reply.mediaId) return buildXml({ ...head, MsgType: 'image', Image: { MediaId: reply.mediaId } })
  if (reply.kind === 'news' && reply.article?.url) {
    const { title, description, url, picUrl } = reply.article
    return buildXml({
      ...head,
      MsgType: 'news',
      ArticleCount: 1,
      Articles: { item: [{ Title: title, Description: description ?? '', PicUrl: picUrl ?? '', Url: url }] },
    })
  }
  return null
}

/**
 * The text reply, the one every burst sends, written out instead of built field by field: what
 * buildXml would produce for { ...head, MsgType: 'text', Content } (a test holds them equal).
 */
export function textReplyXml(head: { ToUserName: string; FromUserName: string; CreateTime: number }, text: string): string {
  return `<xml><ToUserName>${cdata(head.ToUserName)}</ToUserName><FromUserName>${cdata(head.FromUserName)}</FromUserName><CreateTime>${head.CreateTime}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>${cdata(text)}</Content></xml>`
}
