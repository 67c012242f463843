/**
 * TEMPLATESENDJOBFINISH: WeChat's report on a template message it accepted, applied to the record of
 * that message — a notice to a resident (`resident-notices`), or a staff notification sent on the
 * `wechat` channel (`notifications`, msgid in `relatedId`). The one home of template results; the
 * inbound worker calls it (src/inbound/process-inbound.ts).
 */
import type { Payload } from 'payload'
import { xmlText, type XmlRecord } from '../../wechat/xml'
import { CLIENT_MSG_ID_WINDOW_MS, RESIDENT_NOTICES, type ResidentNoticeRecord } from './resident-notices'

/**
 * WeChat's statuses (the API reference lists `success`, `failed:user block`, `failed: system failed`)
 * in Chinese for staff; another status is shown as it came.
 */
export function templateResultReason(status: string): string | null {
  if (status === 'success') return null
  if (/user\s*block/i.test(status)) return '居民拒收了公众号的消息（已屏蔽或取消关注），未送达'
  if (/system\s*failed/i.test(status)) return '微信系统原因未能送达'
  return `微信模板消息发送失败：${status || '未知结果'}`
}

/**
 * Thrown when the result names a msgid no record knows yet while a notice to that resident on this
 * account is still being sent (its msgid not written yet): the inbound worker retries the row later
 * (30 s, 1 min, …) instead of losing the result.
 */
export class TemplateResultTooEarlyError extends Error {
  override name = 'TemplateResultTooEarlyError'
}

/**
 * Applies a TEMPLATESENDJOBFINISH event received by `accountId`'s callback: the resident notice of that
 * account with this msgid becomes `delivered` (`success`) or `failed` with the Chinese reason;
 * otherwise a staff notification with channel `wechat` and `relatedId` = msgid becomes `sent` or
 * `failed`. Applying it twice changes nothing. Without a record the result is logged; throws
 * TemplateResultTooEarlyError when the record may still be getting its msgid.
 */
export async function applyTemplateFinished(payload: Payload, record: XmlRecord, accountId: string): Promise<void> {
  const msgId = xmlText(record, 'MsgID') || xmlText(record, 'MsgId')
  const status = xmlText(record, 'Status')
  if (!msgId) {
    payload.logger.warn({ msg: 'TEMPLATESENDJOBFINISH without a MsgID, ignored', accountId, status })
    return
  }
  const reason = templateResultReason(status)
  const at = new Date().toISOString()

  const notices = await payload.find({
    collection: RESIDENT_NOTICES,
    overrideAccess: true,
    depth: 0,
    limit: 1,
    where: { and: [{ account: { equals: accountId } }, { msgid: { equals: msgId } }] },
  })
  const notice = notices.docs[0] as unknown as ResidentNoticeRecord | undefined
  if (notice) {
    await payload.update({
      collection: RESIDENT_NOTICES,
      id: notice.id,
      overrideAccess: true,
      depth: 0,
      data: { status: reason ? 'failed' : 'delivered', reason, resultStatus: status, resultAt: at },
    })
    return
  }

  const found = await payload.find({
    collection: 'notifications',
    overrideAccess: true,
    depth: 0,
    limit: 1,
    where: { and: [{ channel: { equals: 'wechat' } }, { relatedId: { equals: msgId } }] },
  })
  const notification = found.docs[0]
  if (notification) {
    await payload.update({
      collection: 'notifications',
      id: notification.id,
      overrideAccess: true,
      depth: 0,
      data: { status: reason ? 'failed' : 'sent', error: reason ? `微信模板消息发送失败：${status}` : null, sentAt: at },
    })
    return
  }

  // The send may have been answered but its msgid not yet written (the event can outrun that write).
  const openid = xmlText(record, 'FromUserName')
  if (openid) {
    const sending = await payload.count({
      collection: RESIDENT_NOTICES,
      overrideAccess: true,
      where: {
        and: [
          { account: { equals: accountId } },
          { openid: { equals: openid } },
          { status: { equals: 'pending' } },
          { createdAt: { greater_than: new Date(Date.now() - CLIENT_MSG_ID_WINDOW_MS).toISOString() } },
        ],
      },
    })
    if (sending.totalDocs > 0) throw new TemplateResultTooEarlyError(`TEMPLATESENDJOBFINISH ${msgId} came before its notice recorded the msgid; retried later`)
  }
  payload.logger.info({ msg: 'TEMPLATESENDJOBFINISH without a matching notice', accountId, msgId, status })
}
