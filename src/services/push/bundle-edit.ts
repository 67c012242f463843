import type { PayloadRequest } from 'payload'
import { idOf, requireStaff } from '../../access/roles'
import { ApiError } from '../../http/api-error'
import { CONTENT_COLLECTIONS, isContentCollection } from '../content/types'
import { loadAccountPushes, loadBundle } from './candidates'
import { itemRefs, type ItemRef } from './item-refs'
import { loadPushSettings } from './settings-load'
import { PUSH_EDITOR_ROLES, bundleItemMoves, mayChangePush, refusedChange } from './rules'
import { changeBundle, readPush, type PushDoc } from './store'
import { assertMayActOnPush } from './account-scope'
import { reviewStateName } from './labels'

/** What a bundle edit did, for the answer a person reads (see bundleMessage). */
export interface BundleEdit {
  push: PushDoc
  count: number
  added: string[]
  removed: string[]
  moved: boolean
  /** The edit voided the sign-off (it was signed off and the bundle changed). */
  voided: boolean
}

/** Reads `[{ relationTo, value }]` from a request body; a clear Chinese 400 for anything else. */
export function parseRefs(input: unknown): ItemRef[] {
  if (!Array.isArray(input)) throw new ApiError(400, 'bad-items', '请求体需要 items：[{"relationTo": "articles", "value": "…"}, …]')
  const refs = input.map((entry) => {
    const ref = entry as { relationTo?: unknown; value?: unknown }
    if (!isContentCollection(ref?.relationTo) || typeof ref.value !== 'string' || ref.value === '') {
      throw new ApiError(400, 'bad-items', `items 中每一项需要 relationTo（${CONTENT_COLLECTIONS.join(' / ')}）和 value（内容 ID）`)
    }
    return { relationTo: ref.relationTo, value: ref.value }
  })
  const keys = refs.map((ref) => `${ref.relationTo}:${ref.value}`)
  if (new Set(keys).size !== keys.length) throw new ApiError(400, 'duplicate-item', '同一条内容不能在本周推送中出现两次')
  return refs
}

/**
 * The leader's reorder / add / remove on 本周推送, saved by the push store (store.changeBundle) under
 * the push rules (./rules.ts): leaders and admins only, only while the bundle is open; a change of a
 * signed-off bundle voids the sign-off; added items become `scheduled`, removed ones go back to the
 * pool as `approved`. Checked first, with the item named: added items must be approved and in no
 * other push, every item must still be pushable (approved or in this bundle), at most the settings'
 * maximum. The save is conditional on the push as read here: when the scheduler claimed it for
 * sending (or someone else changed it) in between, the edit is refused with a 409 and nothing of
 * either is lost. Errors: ApiError 400/401/403/404/409 in Chinese, with a code.
 */
export async function editBundle(req: PayloadRequest, pushId: string, refs: ItemRef[]): Promise<BundleEdit> {
  const staff = requireStaff(req, PUSH_EDITOR_ROLES, { action: { zh: '调整本周推送', en: "change the week's push" } })
  const push = await readPush(req.payload, pushId)
  if (!push) throw new ApiError(404, 'not-found', '推送不存在')
  await assertMayActOnPush(req, push)
  if (!mayChangePush(staff.role, push.status)) throw new ApiError(409, 'closed', refusedChange(push.status) ?? '本周推送不能再修改')
  const settings = await loadPushSettings(req.payload, idOf(push.account))
  if (refs.length > settings.maxItems)
    throw new ApiError(400, 'too-many', `本周推送最多 ${settings.maxItems} 条（推送设置），现有 ${refs.length} 条：请先移除一条`)
  const key = (ref: ItemRef) => `${ref.relationTo}:${ref.value}`
  const before = itemRefs(push.items)
  const { added: addedRefs, removed: removedRefs } = bundleItemMoves(before, refs)
  const keptRefs = refs.filter((ref) => !addedRefs.includes(ref))
  // The account's pushes are read once for the three lists.
  const accountPushes = await loadAccountPushes(req.payload, idOf(push.account))
  const [added, removed, kept] = await Promise.all([
    loadBundle(req.payload, addedRefs, accountPushes, String(push.id)),
    loadBundle(req.payload, removedRefs, accountPushes, String(push.id)),
    loadBundle(req.payload, keptRefs, accountPushes, String(push.id)),
  ])
  for (const item of added) {
    if (item.reviewStatus === 'deleted') throw new ApiError(400, 'not-found', `要添加的内容不存在（${item.collection} ${item.id}）`)
    if (item.reviewStatus !== 'approved' || item.pushedIn)
      throw new ApiError(400, 'not-in-pool', `《${item.title}》不在待推送池中（只能添加已通过审核、尚未推送的内容）`)
  }
  // What the collection's own field rule (items: approved or scheduled) refuses on a person's save.
  for (const item of kept) {
    if (item.reviewStatus !== 'approved' && item.reviewStatus !== 'scheduled')
      throw new ApiError(
        400,
        'not-pushable',
        `《${item.title}》当前不能推送（${item.problems[0] ?? `状态为「${reviewStateName(item.reviewStatus)}」`}），请先将其移除`,
      )
  }
  const moved = addedRefs.length === 0 && removedRefs.length === 0 && before.map(key).join() !== refs.map(key).join()
  const saved = await changeBundle(req.payload, push, { items: refs }, staff.email ?? staff.name ?? '系统')
  if (!saved) {
    const current = await readPush(req.payload, pushId)
    const reason = refusedChange(current?.status) ?? '本周推送刚被他人修改'
    throw new ApiError(409, 'conflict', `未保存：${reason}，请刷新后重试`)
  }
  return {
    push: saved.push,
    count: refs.length,
    added: added.map((item) => item.title),
    removed: removed.map((item) => item.title),
    moved,
    voided: saved.voided,
  }
}

/** The answer to a bundle edit: what changed, that removed items are back in the pool, a voided sign-off. */
export function bundleMessage(edit: Omit<BundleEdit, 'push'>): string {
  const parts = [`已保存：本周推送共 ${edit.count} 条`]
  if (edit.added.length) parts.push(`已添加 ${edit.added.map((title) => `《${title}》`).join('')}`)
  if (edit.removed.length) parts.push(`已移除 ${edit.removed.map((title) => `《${title}》`).join('')}（已回到待推送池）`)
  if (edit.moved) parts.push('顺序已调整')
  if (!edit.added.length && !edit.removed.length && !edit.moved) parts.push('没有变化')
  if (edit.voided) parts.push('原审定已作废，需重新审定')
  return parts.join('；')
}
