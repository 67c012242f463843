import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { PUSH_STEP_LABELS, SEND_OUTCOME_LABELS, stepDetail, stepEntryLabel } from '../../src/services/push/labels'

// The step log's one home of labels (labels.ts): every kind the code writes has a Chinese label, and
// entries written before the details were Chinese read in Chinese too.

const ROOT = process.cwd()
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return sources(full)
    return /\.tsx?$/.test(name) ? [full] : []
  })
}

test('every step kind written by the code (store callers, the scheduler, the CLI) has a label', () => {
  const written = new Set<string>()
  for (const file of [...sources(path.join(ROOT, 'src')), ...sources(path.join(ROOT, 'jobs'))]) {
    // Not the scheduler's tick report (`{ week, slot: …, step: 'idle' }`), which is no log entry.
    for (const match of readFileSync(file, 'utf8').matchAll(/(?<!slot: [^,]{1,40}, )step: '([a-z-]+)'/g)) written.add(match[1]!)
  }
  // The send's claim and the scheduler's slots are written through expressions.
  for (const step of ['claim', 'resume', 'slot-send', 'slot-retry']) written.add(step)
  expect(written.size).toBeGreaterThan(20)
  expect([...written].filter((step) => !PUSH_STEP_LABELS[step])).toEqual([])
  for (const label of Object.values(PUSH_STEP_LABELS)) expect(label.zh).not.toMatch(/[a-z]/i)
})

test('labels by outcome and language; old English details read in Chinese', () => {
  expect(stepEntryLabel({ step: 'assemble', ok: true }, 'zh')).toBe('生成')
  expect(stepEntryLabel({ step: 'sendall', ok: false }, 'zh')).toBe('群发被拒')
  expect(stepEntryLabel({ step: 'items-marked-sent', ok: true }, 'en')).toBe('Items marked sent')
  expect(stepEntryLabel({ step: 'concurrent-1', ok: true }, 'zh')).toBe('concurrent-1')
  expect(stepDetail({ step: 'slot-send', detail: '2026-12-03：sent' })).toBe('2026-12-03：已群发')
  expect(stepDetail({ step: 'result', detail: 'send success：群发成功' })).toBe('群发成功')
  expect(stepDetail({ step: 'result', detail: 'err(20013)：群发失败：版权检查未通过（涉嫌转载）' })).toBe('群发失败：版权检查未通过（涉嫌转载）')
  expect(Object.values(SEND_OUTCOME_LABELS).every((label) => !/[a-z]/i.test(label))).toBe(true)
})
