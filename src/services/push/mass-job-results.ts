/**
 * The results WeChat reports for mass sends we started (template messages' results:
 * src/services/notifications/template-results.ts).
 */
import type { Payload } from 'payload'
import { applyMassResult } from './result'
import { xmlText, type XmlRecord, type XmlValue } from '../../wechat/xml'

const count = (record: XmlRecord, key: string): number | undefined => {
  const text = xmlText(record, key)
  return /^\d+$/.test(text) ? Number(text) : undefined
}

const isRecord = (value: XmlValue | undefined): value is XmlRecord => typeof value === 'object' && value !== null && !Array.isArray(value)
const child = (record: XmlRecord, key: string): XmlValue | undefined => (Object.hasOwn(record, key) ? record[key] : undefined)

/** ArticleUrlResult/ResultList/item[] → { 1: url, 2: url }. */
export function articleUrlsOf(record: XmlRecord): Record<number, string> | undefined {
  const result = child(record, 'ArticleUrlResult')
  const list = isRecord(result) ? child(result, 'ResultList') : undefined
  const items = isRecord(list) ? child(list, 'item') : undefined
  if (!Array.isArray(items)) return undefined
  const urls: Record<number, string> = {}
  for (const item of items) {
    if (!isRecord(item)) continue
    const index = Number(xmlText(item, 'ArticleIdx'))
    const url = xmlText(item, 'ArticleUrl')
    if (Number.isInteger(index) && index > 0 && url) urls[index] = url
  }
  return Object.keys(urls).length > 0 ? urls : undefined
}

/**
 * A MASSSENDJOBFINISH event received by `accountId`'s callback: applied only to that account's push
 * with the msg_id (never another account's), kept for later when no push knows the msg_id yet.
 */
export async function applyMassFinished(payload: Payload, record: XmlRecord, accountId: string): Promise<void> {
  const msgId = xmlText(record, 'MsgID') || xmlText(record, 'MsgId')
  if (!msgId) {
    payload.logger.warn({ msg: 'MASSSENDJOBFINISH without a MsgID, ignored', accountId })
    return
  }
  const push = await applyMassResult(payload, {
    accountId,
    msgId,
    status: xmlText(record, 'Status'),
    totalCount: count(record, 'TotalCount'),
    filterCount: count(record, 'FilterCount'),
    sentCount: count(record, 'SentCount'),
    errorCount: count(record, 'ErrorCount'),
    articleUrls: articleUrlsOf(record),
  })
  if (!push) payload.logger.info({ msg: 'MASSSENDJOBFINISH for a msg_id no push of this account knows yet: kept', accountId, msgId })
}

/**
 * A job result that came in clear to an account set to 安全/兼容模式: plain mode's signature does not
 * cover the body, so it may be forged (a sent push's counts, an article address). Not applied; the
 * mass send's result still arrives through polling `mass/get` (jobs/poll-push-results.ts).
 */
export async function ignoreUntrustedResult(payload: Payload, accountId: string, event: string): Promise<void> {
  payload.logger.warn({
    event: 'wechat.callback.untrusted-job-result',
    accountId,
    eventName: event,
    hint: '明文请求中的群发/模板消息结果未采用：请在公众平台把消息加解密方式改为安全模式',
  })
}
