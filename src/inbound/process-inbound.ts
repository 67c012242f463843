/** What each queued message or event does, run by the inbound worker after WeChat has its answer. */
import type { Payload } from 'payload'
import type { WechatInbound } from '../payload-types'
import { idOf } from '../access/roles'
import { countMenuEvent } from '../services/menu/click-count'
import { xmlText, type XmlRecord } from '../wechat/xml'
import { applyFollowEvent } from '../services/followers/follower-events'
import { isStaffCommand } from './interactive-reply'
import { applyMassFinished, ignoreUntrustedResult } from '../services/push/mass-job-results'
import { applyTemplateFinished } from '../services/notifications/template-results'
import { storeResidentMessage } from '../services/inbox/store-message'
import { submitFromChat } from '../services/consultations/chat'

/**
 * A queued callback message (`wechat-inbound`): `payload` holds the parsed XML fields, and
 * `untrustedBody` marks a body that came in clear to an account set to 安全/兼容模式 (src/wechat/callback/handler.ts):
 * stored, never acted on.
 */
export type InboundRow = WechatInbound

export async function processInbound(payload: Payload, row: InboundRow): Promise<void> {
  const accountId = idOf(row.account)
  if (!accountId) throw new Error('inbound row without an account')
  const record = Object.assign(Object.create(null) as XmlRecord, row.payload)
  if (row.type !== 'event') {
    if (row.type === 'text' && isStaffCommand(xmlText(record, 'Content'))) {
      // `绑定 123456` and `审定` were answered by the callback; a live code must not sit in the inbox.
      if (!row.untrustedBody) return
      // Not executed (its body was not signed): kept for staff, who answer it, with the code hidden.
      record.Content = xmlText(record, 'Content').replace(/\d/g, '*')
    }
    if (row.type === 'text' && !row.untrustedBody) {
      // A text to an open 微问政 topic (its keyword first) is a suggestion, not an inbox message;
      // one the topic refuses (closed meanwhile, too many) goes to the inbox so staff still see it.
      // At the time the resident sent it (CreateTime, seconds), not when the worker gets to it.
      const sentAt = Number(xmlText(record, 'CreateTime')) * 1000
      // Anything but a stored suggestion — refused, or a failure of the store itself — leaves the
      // message to the inbox: the resident was told 「已收到」, so it is never lost nor left to fail
      // the row (the worker would retry it 5 times and give up).
      const submitted = await submitFromChat(payload, {
        accountId,
        openid: xmlText(record, 'FromUserName'),
        text: xmlText(record, 'Content'),
        now: Number.isFinite(sentAt) && sentAt > 0 ? sentAt : Date.now(),
      }).catch((error: unknown) => {
        payload.logger.error({ err: error, dedupeKey: row.dedupeKey }, 'consultations: a chat suggestion could not be stored; kept in the inbox')
        return null
      })
      if (submitted?.ok) return
    }
    return storeResidentMessage(payload, accountId, row.dedupeKey, record)
  }
  switch (row.event) {
    case 'subscribe':
    case 'unsubscribe':
      return applyFollowEvent(payload, accountId, record)
    case 'MASSSENDJOBFINISH':
    case 'TEMPLATESENDJOBFINISH':
      // A result in a body nothing signed is not believed; jobs/poll-push-results.ts asks WeChat (mass/get).
      if (row.untrustedBody) return ignoreUntrustedResult(payload, accountId, row.event)
      return row.event === 'MASSSENDJOBFINISH' ? applyMassFinished(payload, record, accountId) : applyTemplateFinished(payload, record, accountId)
    case 'CLICK':
    case 'VIEW':
      return countMenuEvent(payload, accountId, row.dedupeKey, record)
    default:
      // Scans and events we do not use yet: the queue row is their record.
      return
  }
}
