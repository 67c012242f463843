import {
  idCheckCharacter,
  maskIdNumber,
  maskMobile,
  maskName,
  validateIdNumber,
  validateMobile,
  validateName,
} from '../../../src/services/appointments/resident-data'

/**
 * The check character computed independently of the module, with the iterative form of ISO 7064
 * MOD 11-2 (p ← (p + digit) × 2 mod 11 over the 17 digits; check = (12 − p) mod 11, 10 written X)
 * rather than the weighted sum GB 11643-1999 prints and the module uses.
 */
function check(first17: string): string {
  let p = 0
  for (const digit of first17) p = ((p + Number(digit)) * 2) % 11
  const value = (12 - p) % 11
  return value === 10 ? 'X' : String(value)
}
const withCheck = (first17: string): string => first17 + check(first17)

const TODAY = { today: '2026-11-30' }

describe('ID numbers (GB 11643-1999)', () => {
  test("the standard's examples: 11010519491231002X is valid; 440524188001010014 has the right check digit", () => {
    expect(validateIdNumber('11010519491231002X', TODAY)).toEqual({ ok: true, value: '11010519491231002X' })
    expect(idCheckCharacter('44052418800101001')).toBe('4')
    // born 1880: refused by our birth-date floor of 1900, not by its check digit
    const old = validateIdNumber('440524188001010014', TODAY)
    expect(old.ok).toBe(false)
    if (!old.ok) expect(old.message).toContain('出生日期')
  })

  test('the two ways of computing the check character agree on many numbers', () => {
    for (let i = 0; i < 2000; i++) {
      const first17 = String(610103199001010000n + BigInt(i * 7919))
        .padStart(17, '0')
        .slice(0, 17)
      expect(idCheckCharacter(first17)).toBe(check(first17))
    }
  })

  const xian = withCheck('61010319900101123') // 西安市碑林区, born 1990-01-01
  // the first sequence code of a Xi'an woman born 1985-06-15 whose check character is X
  const withX = (() => {
    for (let seq = 0; seq < 1000; seq++) {
      const first17 = `61011319850615${String(seq).padStart(3, '0')}`
      if (check(first17) === 'X') return first17 + 'X'
    }
    throw new Error('no X found')
  })()

  test('valid Xi’an numbers, one ending in X (lower-case x, spaces accepted)', () => {
    expect(validateIdNumber(xian, TODAY)).toEqual({ ok: true, value: xian })
    expect(withX.endsWith('X')).toBe(true)
    expect(validateIdNumber(withX, TODAY)).toEqual({ ok: true, value: withX })
    expect(validateIdNumber(` ${withX.slice(0, 6)} ${withX.slice(6, 14)} ${withX.slice(14).toLowerCase()} `, TODAY)).toEqual({ ok: true, value: withX })
  })

  test.each([
    ['a wrong check digit', () => xian.slice(0, 17) + ((Number(xian[17] === 'X' ? 0 : xian[17]) + 1) % 10), '校验位'],
    ['an X where a digit belongs', () => (check('61010319900101123') === 'X' ? xian.slice(0, 17) + '0' : xian.slice(0, 17) + 'X'), '校验位'],
    ['two digits swapped', () => withCheck('61010319900101123').slice(0, 14) + '213' + xian[17], '校验位'],
    ['30 February', () => withCheck('61010319900230123'), '出生日期'],
    ['month 13', () => withCheck('61010319901301123'), '出生日期'],
    ['born tomorrow', () => withCheck('61010320261201123'), '出生日期'],
    ['born 1899', () => withCheck('61010318991231123'), '出生日期'],
    ['province 00', () => withCheck('00010319900101123'), '地址码'],
    ['province 99', () => withCheck('99010319900101123'), '地址码'],
    ['17 characters', () => xian.slice(0, 17), '18 位'],
    ['19 characters', () => xian + '1', '18 位'],
    ['a letter inside', () => xian.slice(0, 5) + 'A' + xian.slice(6), '前 17 位'],
    ['an old 15-digit number', () => '610103900101123', '15 位'],
    ['nothing', () => '  ', '请填写'],
  ])('refused: %s', (_label, make, words) => {
    const result = validateIdNumber(make(), TODAY)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toContain(words)
  })

  test('born today is accepted; today defaults to the real Beijing day', () => {
    expect(validateIdNumber(withCheck('61010320261130123'), TODAY).ok).toBe(true)
    expect(validateIdNumber(withCheck('61010320991130123')).ok).toBe(false)
  })

  test('a value that is not a string is refused, not thrown', () => {
    expect(validateIdNumber(610103199001011234)).toMatchObject({ ok: false, message: '请填写身份证号码' })
  })
})

describe('mobile numbers', () => {
  test.each([
    ['13812341234', '13812341234'],
    ['19912341234', '19912341234'],
    ['+86 138-1234-1234', '13812341234'],
    ['0086 13812341234', '13812341234'],
    [' 138 1234 1234 ', '13812341234'],
  ])('accepted: %s → %s', (input, value) => {
    expect(validateMobile(input)).toEqual({ ok: true, value })
  })

  test.each([
    ['12812341234', '13–19'],
    ['10012341234', '13–19'],
    ['1381234123', '11 位'],
    ['138123412345', '11 位'],
    ['02988881234', '13–19'],
    ['138abcd1234', '只能包含数字'],
    ['', '请填写'],
  ])('refused: %s', (input, words) => {
    const result = validateMobile(input)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toContain(words)
  })
})

describe('names', () => {
  test.each([
    ['张三', '张三'],
    ['欧阳修', '欧阳修'],
    [' 张 三 ', '张三'],
    ['阿卜杜•热合曼', '阿卜杜·热合曼'],
    ['阿卜杜 · 热合曼', '阿卜杜·热合曼'],
    ['John Smith', 'John Smith'],
    ['李'.repeat(20), '李'.repeat(20)],
  ])('accepted: %s → %s', (input, value) => {
    expect(validateName(input)).toEqual({ ok: true, value })
  })

  test.each([
    ['张', '2–20'],
    ['李'.repeat(21), '2–20'],
    ['张3', '汉字或字母'],
    ['·张三', '汉字或字母'],
    ['张三·', '汉字或字母'],
    ['张三!', '汉字或字母'],
    ['', '请填写'],
  ])('refused: %s', (input, words) => {
    const result = validateName(input)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toContain(words)
  })
})

describe('masks', () => {
  test.each([
    ['张三', '张*'],
    ['张三丰', '张**'],
    ['欧阳修', '欧**'],
    ['阿卜杜·热合曼', '阿******'],
    ['张', '*'],
    ['', ''],
  ])('name %s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked)
  })

  test('mobile and ID number as the issue shows them', () => {
    expect(maskMobile('13812341234')).toBe('138****1234')
    expect(maskIdNumber(withCheck('61010319900101123').slice(0, 14) + '1234')).toBe('6101**********1234')
    expect(maskIdNumber('11010519491231002x')).toBe('1101**********002X')
  })

  test('a value of an unexpected shape is hidden entirely', () => {
    expect(maskMobile('02988881234x')).toBe('************')
    expect(maskIdNumber('610103900101123')).toBe('***************')
  })
})
