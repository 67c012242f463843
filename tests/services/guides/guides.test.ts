import { compactPhone, isChinesePhone, phoneValidator } from '../../../src/services/guides/phone'
import { checkGuideReadiness } from '../../../src/services/guides/readiness'
import { searchTerms } from '../../../src/services/guides/search'

describe('Chinese phone numbers', () => {
  test.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['+86 138-1234-5678', '13812345678'],
    ['0086 13812345678', '13812345678'],
    ['029-88881234', '02988881234'],
    ['(029)88881234', '02988881234'],
    ['（029）8888 1234', '02988881234'],
    ['010 6512 3456', '01065123456'],
    ['029-8888-1234', '02988881234'],
    ['029-88881234-801', '02988881234-801'],
    ['029-88881234转801', '02988881234转801'],
    ['88881234', '88881234'],
    ['12345', '12345'],
    ['400-123-4567', '4001234567'],
  ])('%s is accepted', (phone, compact) => {
    expect(compactPhone(phone)).toBe(compact)
    expect(isChinesePhone(phone)).toBe(true)
  })

  test.each(['1234567', '0123456', '12345678901', '23812345678', '029-888', '029-0888123', '+1 415 555 0100', '1234', '123456', 'call me', ''])(
    '%s is refused',
    (phone) => {
      expect(isChinesePhone(phone)).toBe(false)
    },
  )

  test('the validator allows empty unless required, and names the field in the admin language', () => {
    const validate = phoneValidator({ zh: '咨询电话', en: 'Phone for questions' })
    expect(validate('')).toBe(true)
    expect(validate(null)).toBe(true)
    expect(validate('029-88881234')).toBe(true)
    expect(validate('123')).toMatch(/^咨询电话：电话号码格式不正确，例如 029-88881234/)
    expect(validate('123', { req: { i18n: { language: 'en' } } })).toMatch(/^Phone for questions: not a Chinese phone number/)
    expect(phoneValidator({ zh: '咨询电话', en: 'Phone' }, true)('  ')).toBe('咨询电话：不能为空')
  })
})

describe('search words', () => {
  test('split on ASCII and full-width spaces and Chinese punctuation; at most five, each at most 30 characters', () => {
    expect(searchTerms('居住证')).toEqual(['居住证'])
    expect(searchTerms(' 居住　半年，户口、身份证 ')).toEqual(['居住', '半年', '户口', '身份证'])
    expect(searchTerms('')).toEqual([])
    expect(searchTerms('a b c d e f g')).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(searchTerms('长'.repeat(40))[0]).toHaveLength(30)
  })
})

describe('readiness of a guide for review', () => {
  const complete = {
    title: '居住证申领',
    office: 'o1',
    conditions: '居住满半年',
    steps: [{ title: '受理' }],
    timeLimitDays: 0,
    fee: '不收费',
    consultPhone: '029-88881234',
  }

  test('a complete guide is ready (0 working days: on the spot)', () => {
    expect(checkGuideReadiness(complete)).toEqual([])
  })

  test('each missing piece is named by its field', () => {
    const problems = checkGuideReadiness({ title: ' ', fee: '' })
    expect(problems.map((problem) => problem.field)).toEqual(['title', 'office', 'conditions', 'steps', 'timeLimitDays', 'fee', 'consultPhone'])
    expect(checkGuideReadiness({ ...complete, timeLimitDays: 2.5 }).map((p) => p.field)).toEqual(['timeLimitDays'])
    expect(checkGuideReadiness({ ...complete, consultPhone: '123' })).toEqual([{ field: 'consultPhone', message: '咨询电话：电话号码格式不正确' }])
  })
})
