import { orderMilestones, participantsToTell, validateOutcome } from '../../../src/services/consultations/outcome'

const today = '2026-11-30'

describe('validateOutcome', () => {
  test('a statement and at least one milestone are required', () => {
    expect(validateOutcome({}, today)).toEqual({ ok: false, problems: { statement: '请填写结果说明', milestones: '请至少填写一项已采取的措施' } })
  })
  test('valid: trimmed, ordered oldest first, same date in the order entered', () => {
    const result = validateOutcome(
      {
        statement: ' 感谢参与 ',
        milestones: [
          { date: '2026-11-20', text: ' 安装隔音屏 ', before: ['b1'], after: ['a1'] },
          { date: '2026-11-02', text: '约谈广场舞队' },
          { date: '2026-11-20', text: '调整活动时间' },
        ],
      },
      today,
    )
    expect(result).toEqual({
      ok: true,
      value: {
        statement: '感谢参与',
        milestones: [
          { date: '2026-11-02', text: '约谈广场舞队', before: [], after: [] },
          { date: '2026-11-20', text: '安装隔音屏', before: ['b1'], after: ['a1'] },
          { date: '2026-11-20', text: '调整活动时间', before: [], after: [] },
        ],
      },
    })
  })
  test('per milestone: a real date not after today, text 1–500, 6 photos before and after', () => {
    const seven = Array.from({ length: 7 }, (_, i) => `p${i}`)
    const result = validateOutcome(
      {
        statement: '好',
        milestones: [
          { date: '2026-11-30', text: '今天完成' },
          { date: '2026-12-01', text: '明天' },
          { date: '2026-02-30', text: '' },
          { date: '2026-11-01', text: '字'.repeat(501), before: seven, after: seven },
        ],
      },
      today,
    )
    expect(result).toEqual({
      ok: false,
      problems: {
        milestone: {
          1: ['日期不能晚于今天：结果公开只写已经完成的措施'],
          2: ['请填写日期（年-月-日）', '请填写措施内容'],
          3: ['措施内容不能超过 500 个字', '整改前照片最多 6 张', '整改后照片最多 6 张'],
        },
      },
    })
  })
  test('statement at most 2000 characters', () => {
    expect(validateOutcome({ statement: '字'.repeat(2001), milestones: [{ date: today, text: 'x' }] }, today)).toMatchObject({
      ok: false,
      problems: { statement: '结果说明不能超过 2000 个字，现在是 2001 个字' },
    })
  })
})

test('orderMilestones does not change its input', () => {
  const input = [{ date: '2026-02-01' }, { date: '2026-01-01' }]
  expect(orderMilestones(input).map((m) => m.date)).toEqual(['2026-01-01', '2026-02-01'])
  expect(input[0]!.date).toBe('2026-02-01')
})

describe('participantsToTell', () => {
  const submissions = [
    { openid: 'a', state: 'approved' as const },
    { openid: 'b', state: 'rejected' as const },
    { openid: 'a', state: 'answered' as const },
    { openid: 'c', state: 'withdrawn' as const },
    { openid: 'd', state: 'pending' as const },
    { openid: 'c', state: 'withdrawn' as const },
    { openid: 'e', state: 'withdrawn' as const },
    { openid: 'e', state: 'answered' as const },
    { openid: '', state: 'approved' as const },
  ]
  test('every state but withdrawn, each resident once, in order', () => {
    expect(participantsToTell(submissions, [])).toEqual(['a', 'b', 'd', 'e'])
  })
  test('those already told are not told again (a retry tells nobody twice)', () => {
    expect(participantsToTell(submissions, new Set(['a', 'd']))).toEqual(['b', 'e'])
    expect(participantsToTell(submissions, ['a', 'b', 'd', 'e'])).toEqual([])
  })
})
