import type { Payload } from 'payload'
import { errcodeMeaning } from '../wechat/client/errors'
import { activeUsersWithRole, notify } from '../notifications/notify'
import { REVIEW_TRANSITION_CONTEXT } from '../review/hooks'
import { PUSH_SYSTEM_CONTEXT } from './refs'
import { appendStep, type PushDoc } from './store'

export interface MassResult {
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
 * Records the final result of a mass send, from the MASSSENDJOBFINISH event or from polling
 * mass/get; the event's figures win. A failure tells the leaders WeChat's reason.
 */
export async function applyMassResult(payload: Payload, result: MassResult): Promise<PushDoc | null> {
  const found = await payload.find({
    collection: 'weekly-pushes',
    overrideAccess: true,
    depth: 0,
    limit: 1,
    where: { 'wechat.msgId': { equals: result.msgId } },
  })
  const push = found.docs[0] as unknown as PushDoc | undefined
  if (!push) return null
  const previous = (push.result ?? {}) as Record<string, unknown>
  const { ok, meaning } = massStatusMeaning(result.status)
  if (previous.finishedAt && previous.statusText === result.status && result.totalCount === undefined) return push
  if (result.status.toUpperCase() === 'SENDING') return push

  await payload.update({
    collection: 'weekly-pushes',
    id: push.id,
    overrideAccess: true,
    depth: 0,
    context: { [PUSH_SYSTEM_CONTEXT]: true },
    data: {
      result: {
        statusText: result.status,
        meaning,
        totalCount: result.totalCount ?? previous.totalCount ?? null,
        filterCount: result.filterCount ?? previous.filterCount ?? null,
        sentCount: result.sentCount ?? previous.sentCount ?? null,
        errorCount: result.errorCount ?? previous.errorCount ?? null,
        finishedAt: new Date().toISOString(),
      },
    },
  })
  if (result.articleUrls) await recordArticleUrls(payload, push, result.articleUrls)
  const saved = await appendStep(payload, push.id, { step: 'result', ok, detail: `${result.status}：${meaning}` })
  if (!ok && !previous.finishedAt) {
    await notify(payload, {
      recipients: await activeUsersWithRole(payload, 'leader'),
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
    const ref = items[Number(index) - 1] as { relationTo?: string; value?: unknown } | undefined
    if (!ref?.relationTo || !ref.value) continue
    await payload.update({
      collection: ref.relationTo as 'articles',
      id: String(typeof ref.value === 'object' ? (ref.value as { id: string }).id : ref.value),
      overrideAccess: true,
      context: { [REVIEW_TRANSITION_CONTEXT]: true, [PUSH_SYSTEM_CONTEXT]: true },
      data: { articleUrl: url },
    })
  }
}
