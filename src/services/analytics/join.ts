/**
 * The join of WeChat's article figures to the CMS: each `analytics-articles` row gets the weekly push
 * whose `wechat.msgDataId` is its msg_data_id (the account's pushes), the push's item at its index
 * (items in order; index 1 = the first item, the headline), that item's collection as `contentType`
 * and its community. Rows whose push did not know its msgDataId yet (or whose push is not found)
 * stay unjoined and are tried again by the next run.
 */
import type { Payload } from 'payload'
import { idOf } from '../../access/roles'
import { itemRefs } from '../push/item-refs'
import { readArticles } from './store'

export interface JoinReport {
  /** Rows that were unjoined before this run. */
  checked: number
  joined: number
  /** msgDataIds with no push of the account (e.g. sent from WeChat's own web page, or before the CMS). */
  unmatched: string[]
}

/** Joins the account's unjoined article rows; rows already joined are left alone. */
export async function joinArticles(payload: Payload, accountId: string): Promise<JoinReport> {
  const rows = await readArticles(payload, accountId, { unjoinedOnly: true })
  const report: JoinReport = { checked: rows.length, joined: 0, unmatched: [] }
  if (rows.length === 0) return report
  const msgDataIds = [...new Set(rows.map((row) => row.msgDataId))]
  const pushes = await payload.find({
    collection: 'weekly-pushes',
    where: { and: [{ account: { equals: accountId } }, { 'wechat.msgDataId': { in: msgDataIds } }] },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const pushByMsgDataId = new Map(pushes.docs.map((push) => [String(push.wechat?.msgDataId ?? ''), push]))
  const unmatched = new Set<string>()
  for (const row of rows) {
    const push = pushByMsgDataId.get(row.msgDataId)
    if (!push) {
      unmatched.add(row.msgDataId)
      continue
    }
    const ref = itemRefs(push.items)[(row.index ?? 0) - 1]
    const data: Record<string, unknown> = { weeklyPush: push.id }
    if (ref) {
      const item = await payload.findByID({ collection: ref.relationTo, id: ref.value, depth: 0, overrideAccess: true, disableErrors: true })
      data.item = { relationTo: ref.relationTo, value: ref.value }
      data.contentType = ref.relationTo
      data.community = item ? (idOf((item as { community?: unknown }).community) ?? null) : null
    }
    await payload.update({ collection: 'analytics-articles', id: row.id, data, depth: 0, overrideAccess: true })
    if (ref) report.joined++
  }
  report.unmatched = [...unmatched]
  return report
}
