import type { Payload } from 'payload'
import { accountCommunity, responsibleStaff } from './account-scope'
import { adminUrl } from '../../http/admin-url'
import { notify } from '../notifications/notify'
import { loadPool } from './candidates'
import type { ItemRef } from './item-refs'
import { selectItems, type Selection } from './select'
import type { PushSettings } from './settings'
import { appendStep, createPush, findPush, savePush, type PushDoc } from './store'

export interface AssembleResult {
  push: PushDoc
  created: boolean
  selection?: Selection
}

const pushLink = (id: string) => adminUrl(`/collections/weekly-pushes/${id}`)

/**
 * Creates the week's proposal once: the unique (account, week) key makes a second assembler,
 * on this or another instance, find the first one's proposal instead of making another. An item
 * another street-level account's proposal claimed in the same moment (createPush: two scheduler
 * processes), or one no longer approved by then, is left out, and the selection counts as short by it (还差 n 条; no automatic sign-off).
 */
export async function assembleWeek(payload: Payload, args: { accountId: string; week: string; now: Date; settings: PushSettings }): Promise<AssembleResult> {
  const existing = await findPush(payload, args.accountId, args.week)
  if (existing) return { push: existing, created: false }

  // A community's own account does not cap its own community's items (select.ts SelectScope).
  const [pool, ownCommunity] = await Promise.all([loadPool(payload, args.accountId), accountCommunity(payload, args.accountId)])
  const chosen = selectItems(pool, args.settings, args.now, { ownCommunity })
  const autoSignOff = args.settings.approvalIsSignOff && chosen.missing === 0
  let created: { push: PushDoc; lost: ItemRef[] }
  try {
    created = await createPush(payload, {
      week: args.week,
      account: args.accountId,
      audience: 'all',
      items: chosen.items.map((item) => ({ relationTo: item.collection, value: item.id })),
      status: autoSignOff ? 'signed_off' : 'proposed',
      signedOffAt: autoSignOff ? args.now.toISOString() : null,
    })
  } catch (error) {
    const raced = await findPush(payload, args.accountId, args.week)
    if (raced) return { push: raced, created: false }
    throw error
  }
  let push = created.push
  const lost = created.lost
  const selection = withoutLost(chosen, lost, args.settings.minItems)
  const signedOff = autoSignOff && selection.missing === 0
  if (autoSignOff && !signedOff) {
    const reopened = await savePush(
      payload,
      push,
      { status: 'proposed', signedOffAt: null },
      { step: 'sign-off-voided', ok: false, detail: '部分内容刚被另一推送选中或已不在待推送池，条数不足，未自动审定' },
    )
    if (reopened) push = reopened
  }
  const detail = [
    `选出 ${selection.items.length} 条：${selection.items.map((item) => `《${item.title}》`).join('')}`,
    lost.length > 0 ? `${lost.length} 条刚被另一推送选中或已不在待推送池，已移出` : '',
    selection.missing > 0 ? `还差 ${selection.missing} 条` : '',
    signedOff ? '设置为"逐条审核即审定"，已自动审定' : '',
  ]
    .filter(Boolean)
    .join('；')
  // Only the creator logs the assembly (a second assembler found the first one's proposal above).
  await appendStep(payload, push.id, { step: 'assemble', at: args.now.toISOString(), ok: selection.missing === 0, detail })

  const recipients = await responsibleStaff(payload, args.accountId, ['leader', 'editor'])
  await notify(payload, {
    recipients,
    subject:
      selection.missing > 0
        ? `【本周推送】${args.week} 还差 ${selection.missing} 条内容`
        : `【本周推送】${args.week} 已生成 ${selection.items.length} 条，${signedOff ? '已自动审定' : '请领导审定'}`,
    body: [
      `本周推送（${args.week}）已生成，共 ${selection.items.length} 条：`,
      ...selection.items.map((item, index) => `${index + 1}. ${item.title}`),
      selection.missing > 0 ? `至少需要 ${args.settings.minItems} 条，还差 ${selection.missing} 条。请编辑提交、领导审核；周四发送前会再次检查。` : '',
      pushLink(push.id),
    ]
      .filter(Boolean)
      .join('\n'),
    relatedCollection: 'weekly-pushes',
    relatedId: push.id,
  })
  return { push, created: true, selection }
}

/** The selection without the items another push claimed first (`lost`), and how many it is short of `minItems` then. */
function withoutLost(selection: Selection, lost: ItemRef[], minItems: number): Selection {
  if (lost.length === 0) return selection
  const gone = new Set(lost.map((ref) => `${ref.relationTo}:${ref.value}`))
  const items = selection.items.filter((item) => !gone.has(`${item.collection}:${item.id}`))
  return { ...selection, items, missing: Math.max(0, minItems - items.length) }
}
