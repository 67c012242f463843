import type { Payload } from 'payload'
import { accountCommunity, responsibleStaff } from './account-scope'
import { adminUrl } from '../../http/admin-url'
import { notify } from '../notifications/notify'
import { loadPool } from './candidates'
import { selectItems, type Selection } from './select'
import type { PushSettings } from './settings'
import { appendStep, createPush, findPush, type PushDoc } from './store'

export interface AssembleResult {
  push: PushDoc
  created: boolean
  selection?: Selection
}

const pushLink = (id: string) => adminUrl(`/collections/weekly-pushes/${id}`)

/**
 * Creates the week's proposal once: the unique (account, week) key makes a second assembler,
 * on this or another instance, find the first one's proposal instead of making another.
 */
export async function assembleWeek(payload: Payload, args: { accountId: string; week: string; now: Date; settings: PushSettings }): Promise<AssembleResult> {
  const existing = await findPush(payload, args.accountId, args.week)
  if (existing) return { push: existing, created: false }

  // A community's own account does not cap its own community's items (select.ts SelectScope).
  const [pool, ownCommunity] = await Promise.all([loadPool(payload, args.accountId), accountCommunity(payload, args.accountId)])
  const selection = selectItems(pool, args.settings, args.now, { ownCommunity })
  const autoSignOff = args.settings.approvalIsSignOff && selection.missing === 0
  const detail = [
    `选出 ${selection.items.length} 条：${selection.items.map((item) => `《${item.title}》`).join('')}`,
    selection.missing > 0 ? `还差 ${selection.missing} 条` : '',
    autoSignOff ? '设置为"逐条审核即审定"，已自动审定' : '',
  ]
    .filter(Boolean)
    .join('；')
  let push: PushDoc
  try {
    push = await createPush(payload, {
      week: args.week,
      account: args.accountId,
      audience: 'all',
      items: selection.items.map((item) => ({ relationTo: item.collection, value: item.id })),
      status: autoSignOff ? 'signed_off' : 'proposed',
      signedOffAt: autoSignOff ? args.now.toISOString() : null,
    })
  } catch (error) {
    const raced = await findPush(payload, args.accountId, args.week)
    if (raced) return { push: raced, created: false }
    throw error
  }
  // Only the creator logs the assembly (a second assembler found the first one's proposal above).
  await appendStep(payload, push.id, { step: 'assemble', at: args.now.toISOString(), ok: selection.missing === 0, detail })

  const recipients = await responsibleStaff(payload, args.accountId, ['leader', 'editor'])
  await notify(payload, {
    recipients,
    subject:
      selection.missing > 0
        ? `【本周推送】${args.week} 还差 ${selection.missing} 条内容`
        : `【本周推送】${args.week} 已生成 ${selection.items.length} 条，${autoSignOff ? '已自动审定' : '请领导审定'}`,
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
