import { parseBackfillArgs } from '../../src/cli/analytics/args'

// `npm run analytics:backfill` arguments: dates checked before anything starts.

const today = '2026-11-30'

test('from, to and account', () => {
  expect(parseBackfillArgs(['--', '--from', '2026-09-01', '--to=2026-11-29', '--account', 'wx123'], today)).toEqual({
    kind: 'run',
    options: { from: '2026-09-01', to: '2026-11-29', account: 'wx123' },
  })
  expect(parseBackfillArgs(['--help'], today)).toEqual({ kind: 'help' })
})

test.each([
  [[], '需要 --from 和 --to'],
  [['--from', '2026-09-01'], '需要 --from 和 --to'],
  [['--from', '2026/09/01', '--to', '2026-11-29'], '--from 的日期格式不对'],
  [['--from', '2026-11-29', '--to', '2026-09-01'], '早于 --from'],
  [['--from', '2026-11-01', '--to', '2026-11-30'], '最晚为昨天'],
  [['--from', '2024-11-01', '--to', '2026-11-29'], '一次最多补'],
  [['--from'], '--from 需要一个值'],
  [['--since', '2026-11-01'], '未知选项'],
])('%j is refused: %s', (argv, message) => {
  const parsed = parseBackfillArgs(argv, today)
  expect(parsed.kind).toBe('error')
  expect(parsed.kind === 'error' && parsed.error).toContain(message)
})
