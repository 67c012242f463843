import type { PayloadRequest } from 'payload'
import { requireStaff } from '../access/roles'
import { ApiError } from '../http/api-error'
import { CONTENT_COLLECTIONS, isContentCollection } from '../content/types'
import { loadBundle } from './candidates'
import { itemRefs, type ItemRef } from './item-refs'
import { loadPushSettings } from './settings-load'
import { OPEN_PUSH_STATUSES, inStatusGroup } from './status'
import { readPush, type PushDoc } from './store'

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
 * The leader's reorder / add / remove on 本周推送: saves the new item order as the person
 * (`overrideAccess: false`), so the collection's own rules apply unchanged — update access (leaders
 * and admins, only while `proposed`/`signed_off`), `guardBundleChanges` (voids the sign-off) and
 * `syncItemStates` (added items become `scheduled`, removed ones go back to the pool as `approved`).
 * Checked first, with the item named: added items must be approved and in no other push; at most
 * the settings' maximum. Errors: ApiError 400/401/403/404/409 in Chinese, with a code.
 */
export async function editBundle(req: PayloadRequest, pushId: string, refs: ItemRef[]): Promise<BundleEdit> {
  const staff = requireStaff(req, ['leader', 'admin'], { action: { zh: '调整本周推送', en: "change the week's push" } })
  const push = await readPush(req.payload, pushId)
  if (!push) throw new ApiError(404, 'not-found', '推送不存在')
  if (!inStatusGroup(OPEN_PUSH_STATUSES, push.status)) throw new ApiError(409, 'closed', '本周推送已在发送或已结束，不能再修改')
  const settings = await loadPushSettings(req.payload)
  if (refs.length > settings.maxItems) throw new ApiError(400, 'too-many', `本周推送最多 ${settings.maxItems} 条（推送设置），现有 ${refs.length} 条：请先移除一条`)
  const key = (ref: ItemRef) => `${ref.relationTo}:${ref.value}`
  const before = itemRefs(push.items)
  const beforeKeys = new Set(before.map(key))
  const afterKeys = new Set(refs.map(key))
  const addedRefs = refs.filter((ref) => !beforeKeys.has(key(ref)))
  const removedRefs = before.filter((ref) => !afterKeys.has(key(ref)))
  const [added, removed] = await Promise.all([loadBundle(req.payload, addedRefs), loadBundle(req.payload, removedRefs)])
  for (const item of added) {
    if (item.reviewStatus === 'deleted') throw new ApiError(400, 'not-found', `要添加的内容不存在（${item.collection} ${item.id}）`)
    if (item.reviewStatus !== 'approved' || item.pushedIn) throw new ApiError(400, 'not-in-pool', `《${item.title}》不在待推送池中（只能添加已通过审核、尚未推送的内容）`)
  }
  const moved = addedRefs.length === 0 && removedRefs.length === 0 && before.map(key).join() !== refs.map(key).join()
  const saved = await req.payload.update({
    collection: 'weekly-pushes',
    id: push.id,
    data: { items: refs },
    req,
    overrideAccess: false,
    depth: 0,
  })
  return {
    push: saved,
    count: refs.length,
    added: added.map((item) => item.title),
    removed: removed.map((item) => item.title),
    moved,
    voided: push.status === 'signed_off' && saved.status === 'proposed',
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
