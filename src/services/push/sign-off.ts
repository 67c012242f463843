import type { PayloadRequest } from 'payload'
import { idOf, requireStaff } from '../../access/roles'
import { ApiError } from '../../http/api-error'
import { bundleProblems, loadBundle } from './candidates'
import { itemRefs } from './item-refs'
import { loadPushSettings } from './settings-load'
import { PUSH_STATUS_LABELS, isPushStatus } from './status'
import { PUSH_EDITOR_ROLES, decisionRefusal, type LeaderDecision } from './rules'
import type { WeekSlots } from './holiday-slots'
import { pushMovesItems, readPush, savePush, setItemStates, type PushDoc } from './store'
import { assertMayActOnPush } from './account-scope'

/** The 409 of a decision the push's status does not allow (rules.decisionRefusal). */
function refuseIfNot(decision: LeaderDecision, status: unknown): void {
  const refusal = decisionRefusal(decision, status)
  if (refusal) throw new ApiError(409, refusal.code, refusal.message)
}

const statusZh = (status: string | null | undefined) => (isPushStatus(status) ? PUSH_STATUS_LABELS[status].zh : String(status))

/**
 * The leader's decision on the week's bundle. Sign-off needs every item valid and at least the
 * minimum count; rejecting closes the week with the leader's reason and returns the items to the pool;
 * `revoke` (撤销审定) takes a sign-off back to `proposed` with an atomic compare-and-set on the status,
 * so it loses to a send that already claimed the week (`sending`): 409 then. Every decision is in
 * the step log with who and when. Errors are ApiError (401/403/404/400/409) with a Chinese message and a code.
 */
export async function decideOnPush(req: PayloadRequest, pushId: string, action: unknown, reason?: unknown): Promise<PushDoc> {
  const staff = requireStaff(req, PUSH_EDITOR_ROLES, { action: { zh: '审定本周推送', en: "decide on the week's push" } })
  const push = await readPush(req.payload, pushId)
  if (!push) throw new ApiError(404, 'not-found', '推送不存在')
  await assertMayActOnPush(req, push)
  const now = new Date()

  if (action === 'sign-off') {
    refuseIfNot('sign-off', push.status)
    const settings = await loadPushSettings(req.payload, idOf(push.account))
    const items = await loadBundle(req.payload, itemRefs(push.items), idOf(push.account), String(push.id))
    const problems = items.flatMap((item) => bundleProblems(item, push.id, now).map((problem) => `《${item.title}》${problem}`))
    if (items.length < settings.minItems) problems.unshift(`只有 ${items.length} 条，至少需要 ${settings.minItems} 条`)
    if (items.length > settings.maxItems) problems.unshift(`有 ${items.length} 条，最多 ${settings.maxItems} 条`)
    if (problems.length) throw new ApiError(400, 'not-ready', `不能审定：${problems.join('；')}`)
    const saved = await savePush(
      req.payload,
      push,
      { status: 'signed_off', signedOffBy: staff.id, signedOffAt: now.toISOString(), statusReason: null },
      { step: 'sign-off', ok: true, detail: `${staff.name ?? staff.email} 审定` },
      { and: [{ status: { equals: 'proposed' } }, { updatedAt: { equals: push.updatedAt } }] },
    )
    if (!saved) throw new ApiError(409, 'conflict', '推送内容刚被修改，请刷新后重新审定')
    return saved
  }

  if (action === 'reject') {
    if (typeof reason !== 'string' || reason.trim() === '') throw new ApiError(400, 'reason-required', '不发送本周推送必须填写原因')
    refuseIfNot('reject', push.status)
    const saved = await savePush(
      req.payload,
      push,
      { status: 'skipped', statusReason: `领导决定本周不发送：${reason.trim()}`, signedOffBy: null, signedOffAt: null },
      { step: 'reject', ok: true, detail: `${staff.name ?? staff.email}：${reason.trim()}` },
    )
    if (!saved) throw new ApiError(409, 'conflict', '推送状态已变化，请刷新')
    if (await pushMovesItems(req.payload, saved)) await setItemStates(req.payload, itemRefs(saved.items), 'scheduled', { reviewStatus: 'approved' })
    return saved
  }
  if (action === 'revoke') {
    refuseIfNot('revoke', push.status)
    const saved = await savePush(
      req.payload,
      push,
      { status: 'proposed', signedOffBy: null, signedOffAt: null, statusReason: null },
      { step: 'revoke-sign-off', ok: true, detail: `${staff.name ?? staff.email} 撤销审定` },
      { status: { equals: 'signed_off' } },
    )
    if (!saved) {
      const current = await readPush(req.payload, pushId)
      throw new ApiError(409, 'send-started', `推送状态已变为「${statusZh(String(current?.status ?? '未知'))}」，不能撤销审定`)
    }
    return saved
  }
  throw new ApiError(400, 'unknown-action', '未知操作：可用 sign-off、revoke、reject、preview、bundle')
}

/**
 * When a push signed off now would go out: the week's send slot (holidays and the leader's pick
 * applied: pass `weekSlots`' answer), or the retry slot once the send slot has passed; null when both
 * have passed (the week will not be sent). A Date instant; show it with formatShanghai (Beijing time).
 */
export function plannedSendAt(slots: Pick<WeekSlots, 'sendAt' | 'retryAt'>, now: Date): Date | null {
  if (slots.sendAt > now) return slots.sendAt
  return slots.retryAt > now ? slots.retryAt : null
}
