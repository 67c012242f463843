/** Turns a parsed callback XML record into an InboundMessage with its dedupe key. */
import { xmlText, type XmlRecord } from '../xml'
import { CallbackRefusal } from './envelope'
import type { InboundMessage } from './types'

const DIGITS = /^\d{1,20}$/

export function toInboundMessage(record: XmlRecord): InboundMessage {
  const fromUser = xmlText(record, 'FromUserName')
  const msgType = xmlText(record, 'MsgType')
  const createTimeText = xmlText(record, 'CreateTime')
  if (!fromUser || !msgType || !DIGITS.test(createTimeText)) throw new CallbackRefusal(400, 'incomplete-message')
  const event = msgType === 'event' ? xmlText(record, 'Event') : ''
  // Events carry MsgID (mass and template results) or nothing; messages carry MsgId.
  const msgId = xmlText(record, 'MsgId') || xmlText(record, 'MsgID')
  return {
    toUser: xmlText(record, 'ToUserName'),
    fromUser,
    createTime: Number(createTimeText),
    msgType,
    event,
    msgId,
    record,
    dedupeKey: dedupeKeyOf(msgType, fromUser, createTimeText, event, msgId),
  }
}

/**
 * WeChat retries a message up to three times with the same content: MsgId identifies a message,
 * FromUserName + CreateTime (+ Event) an event. MASSSENDJOBFINISH / TEMPLATESENDJOBFINISH carry
 * the job's MsgID, which is part of the key so two jobs finishing in the same second stay apart.
 */
export function dedupeKeyOf(msgType: string, fromUser: string, createTime: string, event: string, msgId: string): string {
  if (msgType !== 'event' && msgId) return `msg:${msgId}`
  return ['event', fromUser, createTime, event, msgId].join(':')
}
