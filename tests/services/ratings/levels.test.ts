import {
  BAD_RATING_LEVELS,
  DEFAULT_REASONS,
  isBadRating,
  RATING_LEVEL_INFO,
  RATING_LEVELS,
  validateRating,
  type ReasonsConfig,
} from '../../../src/services/ratings/levels'

/** The five levels of 国办发〔2019〕51号, restated: id, label, score. */
const LEVELS: Array<[string, string, number]> = [
  ['very_satisfied', '非常满意', 5],
  ['satisfied', '满意', 4],
  ['basic', '基本满意', 3],
  ['dissatisfied', '不满意', 2],
  ['very_dissatisfied', '非常不满意', 1],
]

describe('levels', () => {
  test('five levels, best first, labels and scores 5..1', () => {
    expect(RATING_LEVELS).toEqual(LEVELS.map(([id]) => id))
    for (const [id, zh, score] of LEVELS) expect(RATING_LEVEL_INFO[id as (typeof RATING_LEVELS)[number]]).toMatchObject({ zh, score })
    for (const level of RATING_LEVELS) expect(RATING_LEVEL_INFO[level].en).not.toBe('')
  })

  test('差评 is 不满意 and 非常不满意, nothing else', () => {
    expect([...BAD_RATING_LEVELS]).toEqual(['dissatisfied', 'very_dissatisfied'])
    expect(RATING_LEVELS.filter(isBadRating)).toEqual(['dissatisfied', 'very_dissatisfied'])
    expect(isBadRating('terrible')).toBe(false)
    expect(isBadRating(undefined)).toBe(false)
  })

  test('default reasons: a handful of Chinese reasons per level', () => {
    for (const level of RATING_LEVELS) {
      expect(DEFAULT_REASONS[level].length).toBeGreaterThanOrEqual(3)
      for (const reason of DEFAULT_REASONS[level]) expect(reason).toMatch(/^[\u4e00-\u9fff]+$/)
    }
    expect(DEFAULT_REASONS.dissatisfied).toEqual(expect.arrayContaining(['材料要求不清', '多次跑腿', '等候时间长', '态度生硬']))
    expect(DEFAULT_REASONS.very_satisfied).toEqual(expect.arrayContaining(['办事效率高', '服务态度好']))
  })
})

describe('validateRating', () => {
  test('a good rating: reasons deduplicated and trimmed, comment trimmed', () => {
    expect(validateRating({ level: 'satisfied', reasons: ['办事效率高', ' 办事效率高 ', '服务态度好'], comment: '  谢谢  ' })).toEqual({
      ok: true,
      value: { level: 'satisfied', reasons: ['办事效率高', '服务态度好'], comment: '谢谢' },
    })
    expect(validateRating({ level: 'basic' })).toEqual({ ok: true, value: { level: 'basic', reasons: [], comment: null } })
    expect(validateRating({ level: 'basic', comment: '   ' })).toEqual({ ok: true, value: { level: 'basic', reasons: [], comment: null } })
  })

  test('level required and one of the five', () => {
    expect(validateRating({})).toEqual({ ok: false, problems: { level: '请选择满意程度' } })
    expect(validateRating({ level: '' })).toMatchObject({ ok: false, problems: { level: '请选择满意程度' } })
    const bad = validateRating({ level: 'great' })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.problems.level).toContain('非常满意')
  })

  test("reasons must be among the level's configured ones", () => {
    const wrong = validateRating({ level: 'satisfied', reasons: ['态度生硬'] })
    expect(wrong).toEqual({ ok: false, problems: { reasons: '"态度生硬"不是"满意"可选的原因' } })
    expect(validateRating({ level: 'satisfied', reasons: '办事效率高' })).toEqual({ ok: false, problems: { reasons: '原因格式不正确' } })
    expect(validateRating({ level: 'satisfied', reasons: [1] })).toMatchObject({ ok: false, problems: { reasons: '原因格式不正确' } })
  })

  test('a configured list replaces the defaults', () => {
    const config: ReasonsConfig = { ...DEFAULT_REASONS, dissatisfied: ['窗口太少'] }
    expect(validateRating({ level: 'dissatisfied', reasons: ['窗口太少'] }, config)).toMatchObject({ ok: true })
    expect(validateRating({ level: 'dissatisfied', reasons: ['多次跑腿'] }, config)).toMatchObject({ ok: false })
  })

  test('at most N reasons (default 5)', () => {
    const six = [...DEFAULT_REASONS.very_dissatisfied].slice(0, 6)
    expect(validateRating({ level: 'very_dissatisfied', reasons: six })).toEqual({ ok: false, problems: { reasons: '最多选择 5 项原因' } })
    expect(validateRating({ level: 'very_dissatisfied', reasons: six.slice(0, 5) })).toMatchObject({ ok: true })
    expect(validateRating({ level: 'very_dissatisfied', reasons: six.slice(0, 3) }, DEFAULT_REASONS, { maxReasons: 2 })).toEqual({
      ok: false,
      problems: { reasons: '最多选择 2 项原因' },
    })
  })

  test('comment at most 500 characters after trimming, counted as characters', () => {
    const max = '办'.repeat(500)
    expect(validateRating({ level: 'satisfied', comment: `  ${max}  ` })).toMatchObject({ ok: true, value: { comment: max } })
    expect(validateRating({ level: 'satisfied', comment: '😀'.repeat(500) })).toMatchObject({ ok: true })
    expect(validateRating({ level: 'satisfied', comment: `${max}办` })).toEqual({ ok: false, problems: { comment: '意见不能超过 500 个字' } })
    expect(validateRating({ level: 'satisfied', comment: 5 })).toEqual({ ok: false, problems: { comment: '意见格式不正确' } })
  })

  test('every problem at once', () => {
    const result = validateRating({ level: 'x', reasons: 'y', comment: 'z'.repeat(501) })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(Object.keys(result.problems).sort()).toEqual(['comment', 'level', 'reasons'])
  })
})
