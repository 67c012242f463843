import { randomUUID } from 'node:crypto'
import { responsibleStaff } from './account-scope'
import { idOf } from '../../access/roles'
import type { Payload } from 'payload'
import { WeChatApiError } from '../../wechat/client/errors'
import type { PushGateway } from './gateway'
import { itemRefs } from './item-refs'
import { appendStep, readPush, savePreviews, type PushWithSteps } from './store'

/** One leader's preview: sent (WeChat's msg_id) or failed with the reason in Chinese. */
export interface PreviewRecipient {
  userId: string
  name: string
  ok: boolean
  msgId?: string
  error?: string
}

/**
 * What a preview request actually did. `outcome`:
 * - `sent`: every bound leader got it; `partial`: some did, `recipients` says who did not and why
 *   (among them leaders bound on another account only: 「未在本公众号绑定微信」);
 * - `no-recipient`: no responsible leader has bound WeChat on this account, nothing was sent
 *   (`recipients` names those bound on another account only);
 * - `draft-failed`: the draft could not be made (`error`), nothing was sent;
 * - `failed`: the draft was made but WeChat refused every preview.
 */
export interface PreviewReport {
  push: PushWithSteps | null
  outcome: 'sent' | 'partial' | 'no-recipient' | 'draft-failed' | 'failed'
  recipients: PreviewRecipient[]
  error?: string
}

/** WeChat's reason in Chinese when the failure came from WeChat, else the error's own message. */
export const failureText = (error: unknown): string =>
  error instanceof WeChatApiError ? `${error.meaning}（${error.errcode ?? error.kind}）` : (error as Error).message

/** The instruction shown when no leader can receive a preview (the binding flow: src/services/binding). */
export const BIND_HINT =
  '没有审核领导绑定微信，预览未发送（每个公众号需分别绑定）。请审核领导登录后台，在「账户」页（/admin/account）的「绑定微信」中点「获取绑定码」，再用自己的微信关注本公众号，10 分钟内发送「绑定 八位数字」；管理员也可以在 用户 中填写领导在默认公众号的微信 OpenID。'

/**
 * Why a responsible leader who bound WeChat on another account only gets no preview: their openid
 * there is unknown to this account (WeChat would answer 40003), so nothing is sent to them.
 */
export const NOT_BOUND_HERE = '未在本公众号绑定微信'

/**
 * Sends the bundle as WeChat will show it to every active leader responsible for the push's account
 * who bound WeChat ON THAT ACCOUNT (services/binding/openids.ts), records each attempt on the push
 * (`previews`) and one step, and answers what happened to each of them. A responsible leader bound
 * on another account only is reported 「未在本公众号绑定微信」 instead of being sent to.
 */
export async function previewBundle(payload: Payload, pushId: string, gateway: PushGateway): Promise<PreviewReport> {
  const push = await readPush(payload, pushId)
  if (!push) return { push: null, outcome: 'failed', recipients: [], error: '推送不存在' }
  // The leaders responsible for the push's account (its community's, or the street office's).
  const leaders = await responsibleStaff(payload, idOf(push.account), ['leader'])
  const bound = leaders.filter((leader) => leader.openid !== null)
  const elsewhere: PreviewRecipient[] = leaders
    .filter((leader) => leader.boundElsewhere)
    .map((leader) => ({ userId: String(leader.id), name: String(leader.name || leader.email), ok: false, error: NOT_BOUND_HERE }))
  if (bound.length === 0) {
    // The step's detail is what `npm run push -- preview` prints: it says how to bind, not only that nobody did.
    const detail = previewMessage({ outcome: 'no-recipient', recipients: elsewhere })
    const saved = await appendStep(payload, push.id, { step: 'preview', ok: false, detail })
    return { push: saved, outcome: 'no-recipient', recipients: elsewhere }
  }
  let mediaId: string
  try {
    mediaId = (await gateway.createDraft(itemRefs(push.items))).mediaId
  } catch (error) {
    const text = `预览草稿生成失败：${failureText(error)}`
    const saved = await appendStep(payload, push.id, { step: 'preview', ok: false, detail: text })
    return { push: saved, outcome: 'draft-failed', recipients: [], error: text }
  }
  const previews = [...(Array.isArray(push.previews) ? push.previews : [])]
  const recipients: PreviewRecipient[] = [...elsewhere]
  for (const leader of bound) {
    const at = new Date().toISOString()
    const name = String(leader.name || leader.email)
    try {
      const { msgId } = await gateway.preview({ mediaId, openid: String(leader.openid) })
      previews.push({ id: randomUUID(), user: leader.id, at, msgId })
      recipients.push({ userId: String(leader.id), name, ok: true, msgId })
    } catch (error) {
      const text = failureText(error)
      previews.push({ id: randomUUID(), user: leader.id, at, error: text })
      recipients.push({ userId: String(leader.id), name, ok: false, error: text })
    }
  }
  // Only the previews are written (store.savePreviews): a full `payload.update` would write back every
  // field as read here, so a preview sent while a scheduler holds the send claim could put back a
  // stale status, claim or msg_id.
  await savePreviews(payload, push.id, previews)
  const sent = recipients.filter((entry) => entry.ok).length
  const outcome = sent === recipients.length ? 'sent' : sent === 0 ? 'failed' : 'partial'
  const saved = await appendStep(payload, push.id, { step: 'preview', ok: sent > 0, detail: previewMessage({ outcome, recipients }) })
  return { push: saved, outcome, recipients }
}

/** Sends the previews (see previewBundle) and answers the saved push, as the scheduler and the CLI use it. */
export async function sendPreviews(payload: Payload, pushId: string, gateway: PushGateway): Promise<PushWithSteps | null> {
  return (await previewBundle(payload, pushId, gateway)).push
}

/** The answer a person reads after asking for a preview: who got it, who did not and why. */
export function previewMessage(report: Pick<PreviewReport, 'outcome' | 'recipients' | 'error'>): string {
  if (report.outcome === 'no-recipient') {
    const named = report.recipients.filter((entry) => !entry.ok)
    return named.length ? `${BIND_HINT}（${named.map((entry) => `${entry.name}：${entry.error}`).join('、')}）` : BIND_HINT
  }
  if (report.outcome === 'draft-failed') return `预览未发送：${report.error ?? '草稿生成失败'}`
  const sent = report.recipients.filter((entry) => entry.ok)
  const failed = report.recipients.filter((entry) => !entry.ok)
  const parts: string[] = []
  if (sent.length) parts.push(`预览已发送给 ${sent.map((entry) => entry.name).join('、')}`)
  if (failed.length) parts.push(`未能发送给 ${failed.map((entry) => `${entry.name}（${entry.error}）`).join('、')}`)
  return parts.join('；')
}
