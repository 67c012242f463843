import { weekSlots } from '../../src/services/push/holiday-slots'
import { chinaDays } from '../../src/services/push/holiday-days'
import { bundleMessage } from '../../src/services/push/bundle-edit'
import { generatedMessage } from '../../src/services/push/generate-now'
import { BIND_HINT, previewMessage } from '../../src/services/push/previews'
import type { Candidate } from '../../src/services/push/select'
import { DEFAULT_PUSH_SETTINGS } from '../../src/services/push/settings'
import { plannedSendAt } from '../../src/services/push/sign-off'

// What a leader reads after each push action says what actually happened.

test('a preview answer names who got it and who did not, with the reason; nobody bound is never "sent"', () => {
  expect(previewMessage({ outcome: 'no-recipient', recipients: [] })).toBe(BIND_HINT)
  expect(BIND_HINT).toContain('获取绑定码')
  expect(BIND_HINT).not.toContain('已发送')
  expect(previewMessage({ outcome: 'draft-failed', recipients: [], error: '预览草稿生成失败：图片上传失败' })).toBe(
    '预览未发送：预览草稿生成失败：图片上传失败',
  )
  const mixed = previewMessage({
    outcome: 'partial',
    recipients: [
      { userId: '1', name: '王领导', ok: true, msgId: '1' },
      { userId: '2', name: '李领导', ok: false, error: '用户未关注公众号（43004）' },
    ],
  })
  expect(mixed).toBe('预览已发送给 王领导；未能发送给 李领导（用户未关注公众号（43004））')
  expect(previewMessage({ outcome: 'failed', recipients: [{ userId: '2', name: '李领导', ok: false, error: '系统繁忙' }] })).toBe(
    '未能发送给 李领导（系统繁忙）',
  )
})

test('a bundle answer lists what changed, that removed items are back in the pool, and a voided sign-off', () => {
  expect(bundleMessage({ count: 5, added: [], removed: ['供暖通知'], moved: false, voided: true })).toBe(
    '已保存：本周推送共 5 条；已移除 《供暖通知》（已回到待推送池）；原审定已作废，需重新审定',
  )
  expect(bundleMessage({ count: 6, added: ['新文'], removed: [], moved: false, voided: false })).toBe('已保存：本周推送共 6 条；已添加 《新文》')
  expect(bundleMessage({ count: 6, added: [], removed: [], moved: true, voided: false })).toBe('已保存：本周推送共 6 条；顺序已调整')
  expect(bundleMessage({ count: 6, added: [], removed: [], moved: false, voided: false })).toContain('没有变化')
})

test('立即生成 answers how many items, what is missing and what the preview did', () => {
  const items = [{ title: 'a' }, { title: 'b' }] as Candidate[]
  const text = generatedMessage(
    '2026-W48',
    { selection: { items, missing: 3, excluded: [] }, preview: { outcome: 'no-recipient', recipients: [] }, autoSignedOff: false },
    DEFAULT_PUSH_SETTINGS,
  )
  expect(text).toContain('已生成 2026-W48 的推送：2 条')
  expect(text).toContain(`至少需要 ${DEFAULT_PUSH_SETTINGS.minItems} 条，还差 3 条`)
  expect(text).toContain(BIND_HINT)
})

test('the planned send time: the send slot, the retry slot once it passed, none after both', () => {
  const slots = weekSlots('2026-W48', DEFAULT_PUSH_SETTINGS, chinaDays)
  // 2026-W48: Thursday 2026-11-26 18:00 Beijing = 10:00 UTC.
  expect(plannedSendAt(slots, new Date('2026-11-25T02:00:00Z'))?.toISOString()).toBe('2026-11-26T10:00:00.000Z')
  expect(plannedSendAt(slots, new Date('2026-11-26T11:00:00Z'))?.toISOString()).toBe('2026-11-27T10:00:00.000Z')
  expect(plannedSendAt(slots, new Date('2026-11-27T11:00:00Z'))).toBeNull()
  // 2026-W40: National Day (Thursday 2026-10-01): the send is on Wednesday 09-30 18:00, the retry two hours later.
  const national = weekSlots('2026-W40', DEFAULT_PUSH_SETTINGS, chinaDays)
  expect(plannedSendAt(national, new Date('2026-09-29T02:00:00Z'))?.toISOString()).toBe('2026-09-30T10:00:00.000Z')
  expect(plannedSendAt(national, new Date('2026-09-30T11:00:00Z'))?.toISOString()).toBe('2026-09-30T12:00:00.000Z')
})
