import type { Payload } from 'payload'
import { assembleWeek } from './assemble'
import type { PushGateway } from './gateway'
import { previewBundle, previewMessage, type PreviewReport } from './previews'
import type { Selection } from './select'
import type { PushSettings } from './settings'
import type { PushDoc } from './store'
import { isoWeekOf } from '../../shared/time'

export interface GeneratedWeek {
  push: PushDoc
  selection: Selection
  preview: Pick<PreviewReport, 'outcome' | 'recipients' | 'error'>
  autoSignedOff: boolean
}

/**
 * 立即生成本周推送: the scheduled Wednesday assemble, run now for the current ISO week (Beijing) —
 * the same `assembleWeek` (same selection, notifications, unique (account, week) key), then the
 * previews as the scheduler sends them. Null when the week already has a push (nothing is changed).
 */
export async function generateWeekNow(
  payload: Payload,
  args: { accountId: string; now: Date; settings: PushSettings; gateway: () => Promise<PushGateway> },
): Promise<GeneratedWeek | null> {
  const assembled = await assembleWeek(payload, { accountId: args.accountId, week: isoWeekOf(args.now), now: args.now, settings: args.settings })
  if (!assembled.created || !assembled.selection) return null
  let preview: GeneratedWeek['preview']
  try {
    const report = await previewBundle(payload, assembled.push.id, await args.gateway())
    preview = report
  } catch (error) {
    preview = { outcome: 'draft-failed', recipients: [], error: (error as Error).message }
  }
  return { push: assembled.push, selection: assembled.selection, preview, autoSignedOff: assembled.push.status === 'signed_off' }
}

/** The answer to 立即生成: how many items, what is missing, and what the preview did. */
export function generatedMessage(
  week: string,
  result: Pick<GeneratedWeek, 'selection' | 'preview' | 'autoSignedOff'>,
  settings: Pick<PushSettings, 'minItems'>,
): string {
  const { selection } = result
  const parts = [`已生成 ${week} 的推送：${selection.items.length} 条`]
  if (selection.missing > 0) {
    parts.push(`至少需要 ${settings.minItems} 条，还差 ${selection.missing} 条（未选入的内容及原因见「待推送池」）`)
  }
  parts.push(result.autoSignedOff ? '按设置"逐条审核即审定"，已自动审定' : '请检查后审定')
  parts.push(previewMessage(result.preview))
  return parts.join('；')
}
