import { parseArgs } from '../../src/cli/push/args'
import { resolveWeek } from '../../src/services/push/week-param'

describe('parseArgs', () => {
  test('a command with its options, in any order, with or without =', () => {
    expect(parseArgs(['send', '--week', '2026-W48', '--account=wx123', '--dry-run', '--yes'])).toEqual({
      kind: 'run',
      options: { command: 'send', week: '2026-W48', account: 'wx123', dryRun: true, yes: true },
    })
    expect(parseArgs(['--', '--dry-run', 'preview'])).toEqual({ kind: 'run', options: { command: 'preview', dryRun: true, yes: false } })
  })
  test('numbers from the argument parser are taken as text', () => {
    expect(parseArgs(['plan', '--account', 42])).toMatchObject({ kind: 'run', options: { account: '42' } })
  })
  test('usage errors name the problem in Chinese', () => {
    expect(parseArgs([])).toMatchObject({ kind: 'error', error: expect.stringContaining('缺少命令') })
    expect(parseArgs(['launch'])).toMatchObject({ kind: 'error', error: expect.stringContaining('未知命令') })
    expect(parseArgs(['send', '--force'])).toMatchObject({ kind: 'error', error: expect.stringContaining('未知选项') })
    expect(parseArgs(['send', '--week'])).toMatchObject({ kind: 'error', error: expect.stringContaining('--week 需要一个值') })
    expect(parseArgs(['send', '--week', '--yes'])).toMatchObject({ kind: 'error' })
    expect(parseArgs(['send', 'status'])).toMatchObject({ kind: 'error', error: expect.stringContaining('只能给一个命令') })
  })
  test('help', () => {
    expect(parseArgs(['--help'])).toEqual({ kind: 'help' })
    expect(parseArgs(['status', '-h'])).toEqual({ kind: 'help' })
  })
})

describe('resolveWeek', () => {
  const sundayNightBeijing = new Date('2026-11-29T15:59:00Z') // Sunday 2026-11-29 23:59 Beijing
  test('nothing given → the current ISO week in Beijing time, whatever the machine zone', () => {
    expect(resolveWeek(undefined, sundayNightBeijing)).toEqual({ ok: true, week: '2026-W48' })
    expect(resolveWeek('', new Date('2026-11-29T16:00:00Z'))).toEqual({ ok: true, week: '2026-W49' })
  })
  test('a given week, also as ?week=[...] and in lower case', () => {
    expect(resolveWeek('2026-W48', sundayNightBeijing)).toEqual({ ok: true, week: '2026-W48' })
    expect(resolveWeek(['2026-w53'], sundayNightBeijing)).toEqual({ ok: true, week: '2026-W53' })
  })
  test('a malformed or missing week is an error', () => {
    expect(resolveWeek('2026-48', sundayNightBeijing)).toMatchObject({ ok: false, error: expect.stringContaining('2026-W48') })
    expect(resolveWeek('2025-W53', sundayNightBeijing)).toMatchObject({ ok: false, error: expect.stringContaining('没有第 53 周') })
  })
})
