import type { Payload } from 'payload'
import { responsibleStaff } from './account-scope'
import { idOf } from '../../access/roles'
import { errcodeMeaning } from '../../wechat/client/errors'
import { notify } from '../notifications/notify'
import { itemRefs } from './item-refs'
import { appendStep, findPushWhere, pushMovesItems, saveArticleUrl, savePushResult, type PushDoc } from './store'

export interface MassResult {
  /** The account whose callback received the result (or whose mass/get answered): only its pushes match. */
  accountId: string
  msgId: string
  /** WeChat's status text: "send success", "send fail", "err(20013)", or mass/get's SEND_SUCCESS / SEND_FAIL. */
  status: string
  totalCount?: number
  filterCount?: number
  sentCount?: number
  errorCount?: number
  /** Article URLs by 1-based index, from the MASSSENDJOBFINISH event. */
  articleUrls?: Record<number, string>
}

/** WeChat's result status in plain Chinese. */
export function massStatusMeaning(status: string): { ok: boolean; meaning: string } {
  const normalized = status.trim().toLowerCase()
  if (normalized === 'send success' || normalized === 'send_success') return { ok: true, meaning: '群发成功' }
  if (normalized === 'sending') return { ok: true, meaning: '发送中' }
  const code = /^err\((\d+)\)$/.exec(normalized)
  if (code) return { ok: false, meaning: `群发失败：${errcodeMeaning(Number(code[1]))}` }
  if (normalized === 'send fail' || normalized === 'send_fail') return { ok: false, meaning: '群发失败' }
  if (normalized === 'delete') return { ok: false, meaning: '群发已被删除' }
  return { ok: false, meaning: `未知状态：${status}` }
}

/**
 * Whether `url` may be stored as an item's WeChat article address: only `https://mp.weixin.qq.com/…`
 * (WeChat's article host; the address is shown to staff as a link, so `javascript:` or another host
 * from a forged callback must never be kept).
 */
export function isWeChatArticleUrl(url: unknown): url is string {
  if (typeof url !== 'string' || url.length > 2048) return false
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' && parsed.hostname === 'mp.weixin.qq.com' && parsed.port === '' && !parsed.username && !parsed.password
  } catch {
    return false
  }
}

const pendingKey = (accountId: string, msgId: string) => `${accountId}:${msgId}`

/**
 * Records the final result of a mass send, from the MASSSENDJOBFINISH event or from polling
 * mass/get; the event's figures win. Only a push of `result.accountId` with that msg_id matches. A
 * result no push knows yet (the `sendall` answer was lost and WeChat finished first) is kept in
 * `pending-mass-results` and applied when the send records the msg_id (applyPendingMassResult).
 * A failure tells the leaders WeChat's reason. Answers the push, or null when none matched.
 */
export async function applyMassResult(payload: Payload, result: MassResult): Promise<PushDoc | null> {
  if (!result.accountId || !result.msgId) return null
  const push = await findPushWhere(payload, { and: [{ account: { equals: result.accountId } }, { 'wechat.msgId': { equals: result.msgId } }] })
  if (!push) {
    if (result.status.toUpperCase() !== 'SENDING') await keepPendingResult(payload, result)
    return null
  }
  return recordResult(payload, push, result)
}

/**
 * Applies a result that arrived before the push knew its msg_id, once the send has recorded it
 * (after the 45065 settle, or any other path that saves the msg_id). Idempotent: the kept result is
 * removed once applied. Answers the push when a kept result was applied, else null.
 */
export async function applyPendingMassResult(payload: Payload, push: PushDoc): Promise<PushDoc | null> {
  const accountId = idOf(push.account)
  const msgId = push.wechat?.msgId
  if (!accountId || !msgId) return null
  const found = await payload.find({
    collection: 'pending-mass-results',
    overrideAccess: true,
    depth: 0,
    limit: 1,
    where: { key: { equals: pendingKey(accountId, msgId) } },
  })
  const pending = found.docs[0]
  if (!pending) return null
  // A JSON field, typed as any JSON value: keepPendingResult wrote it from a MassResult.
  const kept = pending.result as Omit<MassResult, 'accountId' | 'msgId'>
  const applied = await recordResult(payload, push, { ...kept, accountId, msgId })
  await payload.delete({ collection: 'pending-mass-results', id: pending.id, overrideAccess: true })
  return applied
}

async function keepPendingResult(payload: Payload, result: MassResult) {
  const { accountId, msgId, ...rest } = result
  const articleUrls = rest.articleUrls ? acceptedArticleUrls(payload, msgId, rest.articleUrls) : undefined
  try {
    await payload.create({
      collection: 'pending-mass-results',
      overrideAccess: true,
      depth: 0,
      data: { key: pendingKey(accountId, msgId), account: accountId, msgId, result: { ...rest, articleUrls }, receivedAt: new Date().toISOString() },
    })
    payload.logger.info({ msg: 'MASSSENDJOBFINISH before its push knows the msg_id: kept until the send records it', accountId, msgId })
  } catch (error) {
    // WeChat repeats an event it thinks was lost: the first copy is kept already.
    const kept = await payload.count({ collection: 'pending-mass-results', overrideAccess: true, where: { key: { equals: pendingKey(accountId, msgId) } } })
    if (kept.totalDocs === 0) throw error
  }
}

/** The article URLs WeChat may send us; anything else is dropped and logged. */
function acceptedArticleUrls(payload: Payload, msgId: string, urls: Record<number, string>): Record<number, string> | undefined {
  const accepted: Record<number, string> = {}
  for (const [index, url] of Object.entries(urls)) {
    if (isWeChatArticleUrl(url)) accepted[Number(index)] = url
    else
      payload.logger.warn({ msg: 'mass-send result: article address not on https://mp.weixin.qq.com/, dropped', msgId, index, url: String(url).slice(0, 200) })
  }
  return Object.keys(accepted).length > 0 ? accepted : undefined
}

async function recordResult(payload: Payload, push: PushDoc, result: MassResult): Promise<PushDoc | null> {
  const previous = push.result ?? {}
  const { ok, meaning } = massStatusMeaning(result.status)
  if (previous.finishedAt && previous.statusText === result.status && result.totalCount === undefined) return push
  if (result.status.toUpperCase() === 'SENDING') return push

  // Only the result's own columns: a full update of the push would write back every field as read
  // here, over a status or claim a scheduler saved meanwhile.
  await savePushResult(payload, push.id, {
    statusText: result.status,
    meaning,
    totalCount: result.totalCount ?? previous.totalCount ?? null,
    filterCount: result.filterCount ?? previous.filterCount ?? null,
    sentCount: result.sentCount ?? previous.sentCount ?? null,
    errorCount: result.errorCount ?? previous.errorCount ?? null,
    finishedAt: new Date().toISOString(),
  })
  const urls = result.articleUrls ? acceptedArticleUrls(payload, result.msgId, result.articleUrls) : undefined
  // The item keeps the street office's article address; a community account's copy is on its push's result only.
  if (urls && (await pushMovesItems(payload, push))) await recordArticleUrls(payload, push, urls)
  // The detail in Chinese (WeChat's own status text stays on the push's result, 微信返回); the figures as 本周推送 shows them.
  const figures = [
    result.sentCount !== undefined ? `送达 ${result.sentCount} 人` : '',
    result.errorCount !== undefined ? `失败 ${result.errorCount} 人` : '',
  ].filter(Boolean)
  const saved = await appendStep(payload, push.id, { step: 'result', ok, detail: figures.length ? `${meaning}：${figures.join('，')}` : meaning })
  if (!ok && !previous.finishedAt) {
    await notify(payload, {
      recipients: await responsibleStaff(payload, idOf(push.account), ['leader']),
      subject: `【群发失败】${push.week}：${meaning}`,
      body: `本周推送（${push.week}）微信返回：${result.status}\n${meaning}`,
      relatedCollection: 'weekly-pushes',
      relatedId: push.id,
    })
  }
  return saved
}

async function recordArticleUrls(payload: Payload, push: PushDoc, urls: Record<number, string>) {
  const items = Array.isArray(push.items) ? push.items : []
  for (const [index, url] of Object.entries(urls)) {
    // WeChat numbers the articles from 1, in the bundle's order.
    const [ref] = itemRefs([items[Number(index) - 1]])
    if (ref) await saveArticleUrl(payload, ref, url)
  }
}
