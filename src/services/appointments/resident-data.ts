/**
 * A resident's personal data on an appointment: validation (with the Chinese message the booking form
 * shows) and the masks every list and export uses. Pure.
 *
 * Rules:
 * - mobile: a mainland mobile number, 11 digits `1[3-9]xxxxxxxxx` (the numbering plan of 工业和信息化部:
 *   mobile numbers begin 13–19). Spaces, hyphens and a leading +86 / 0086 are removed first.
 * - ID number: the 18-character citizen identity number of GB 11643-1999 《公民身份号码》: a 6-digit
 *   address code (its first two digits a province of GB/T 2260, or 71/81/82/83 as on the residence
 *   permits of residents of Taiwan, Hong Kong and Macao), an 8-digit birth date YYYYMMDD (a real date,
 *   not after today and not before 1900), a 3-digit sequence code and a check character computed with
 *   ISO 7064 MOD 11-2 (`X` standing for 10). A lower-case `x` is accepted and stored upper-case; the
 *   15-digit numbers of the first generation cards are refused (they are no longer valid).
 * - name: 2–20 characters, Chinese characters or Latin letters, parts separated by the middle dot `·`
 *   of minority and foreign names (• ・ ． . typed instead are turned into `·`) or, between Latin
 *   letters, single spaces (spaces next to a Chinese character are removed: 张 三 → 张三).
 *
 * Masks (the examples 张*、138****1234、6101**********1234):
 * - name: the first character kept, every other character (the middle dot too) a `*`: 张*, 欧**,
 *   阿****** — the length is kept so staff can tell 张* from 张** when calling a name;
 * - mobile: first 3 and last 4 digits kept: 138****1234;
 * - ID number: first 4 (the province and city) and last 4 kept, the 10 between (the rest of the address
 *   code and the birth date) hidden: 6101**********1234.
 * A value that does not have the expected shape is masked entirely (one `*` per character).
 */
import { isIsoDate, shanghaiDate } from '../../shared/time'

export type Checked = { ok: true; value: string } | { ok: false; message: string }

const ok = (value: string): Checked => ({ ok: true, value })
const fail = (message: string): Checked => ({ ok: false, message })

/** Mainland mobile numbers: 11 digits beginning 13–19. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/

/** `138 0013 8000`, `+86 138-0013-8000` → `13800138000` (not validated). */
export function normalizeMobile(input: string): string {
  const compact = input.trim().replace(/[\s\-()（）]/g, '')
  return compact.replace(/^(?:\+86|0086)(?=1\d{10}$)/, '')
}

/** The mobile number, normalized, or the Chinese reason it is refused. */
export function validateMobile(input: unknown): Checked {
  if (typeof input !== 'string' || input.trim() === '') return fail('请填写手机号码')
  const mobile = normalizeMobile(input)
  if (!/^\d+$/.test(mobile)) return fail('手机号码只能包含数字')
  if (mobile.length !== 11) return fail(`手机号码应为 11 位数字，现在是 ${mobile.length} 位`)
  if (!MOBILE_PATTERN.test(mobile)) return fail('手机号码应以 13–19 开头，请检查是否填错')
  return ok(mobile)
}

/** First two digits of the address code: the provinces of GB/T 2260, and 71/81/82/83 (Taiwan, Hong Kong, Macao). */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
])

/** The weights of GB 11643-1999 for positions 1–17: 2^(18−i) mod 11. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

/**
 * The check character of the first 17 digits of an ID number (ISO 7064 MOD 11-2, as GB 11643-1999
 * prescribes): `0`–`9` or `X`.
 * @throws RangeError when `first17` is not 17 digits.
 */
export function idCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('first17 must be 17 digits')
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!
  return CHECK_CHARS[sum % 11]!
}

/** `6101 0319 9001 0112 3x` → `61010319900101123X` (not validated). */
export function normalizeIdNumber(input: string): string {
  return input.trim().replace(/[\s-]/g, '').toUpperCase()
}

export interface IdOptions {
  /** Today in Beijing (`YYYY-MM-DD`), for the birth-date check; the real today when absent. */
  today?: string
}

/** The ID number, normalized, or the Chinese reason it is refused (GB 11643-1999; see the module's notes). */
export function validateIdNumber(input: unknown, options: IdOptions = {}): Checked {
  if (typeof input !== 'string' || input.trim() === '') return fail('请填写身份证号码')
  const id = normalizeIdNumber(input)
  if (/^\d{15}$/.test(id)) return fail('这是 15 位的旧身份证号码，请填写现行的 18 位身份证号码')
  if (id.length !== 18) return fail(`身份证号码应为 18 位，现在是 ${id.length} 位`)
  if (!/^\d{17}[\dX]$/.test(id)) return fail('身份证号码前 17 位应为数字，最后一位为数字或 X')
  if (!PROVINCES.has(id.slice(0, 2))) return fail('身份证号码的地址码（前 6 位）不存在，请检查是否填错')
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
  const today = options.today ?? shanghaiDate(Date.now())
  if (!isIsoDate(birth) || birth < '1900-01-01' || birth > today) return fail('身份证号码中的出生日期（第 7–14 位）不是有效日期，请检查是否填错')
  if (idCheckCharacter(id.slice(0, 17)) !== id[17]) return fail('身份证号码校验位不正确，请逐位核对')
  return ok(id)
}

const SEPARATORS = /[•・．.]/g
const NAME_PATTERN = /^[\p{Script=Han}A-Za-z]+(?:(?:·| (?=[A-Za-z]))[\p{Script=Han}A-Za-z]+)*$/u

/** Trims, collapses spaces and writes every middle dot as `·` (not validated). */
export function normalizeName(input: string): string {
  return input
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/(?<=\p{Script=Han}) | (?=\p{Script=Han})/gu, '')
    .replace(SEPARATORS, '·')
    .replace(/\s*·\s*/g, '·')
}

/** The name, normalized, or the Chinese reason it is refused. */
export function validateName(input: unknown): Checked {
  if (typeof input !== 'string' || input.trim() === '') return fail('请填写姓名')
  const name = normalizeName(input)
  const length = Array.from(name).length
  if (length < 2 || length > 20) return fail(`姓名应为 2–20 个字，现在是 ${length} 个字`)
  if (!NAME_PATTERN.test(name)) return fail('姓名只能包含汉字或字母，少数民族姓名可用间隔号「·」分隔')
  return ok(name)
}

const stars = (value: string): string => '*'.repeat(Array.from(value).length)

/** 张三 → 张*, 欧阳修 → 欧**; one `*` for a single character; '' for ''. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim())
  if (chars.length <= 1) return '*'.repeat(chars.length)
  return chars[0] + '*'.repeat(chars.length - 1)
}

/** 13812341234 → 138****1234. */
export function maskMobile(mobile: string): string {
  const value = mobile.trim()
  return /^\d{11}$/.test(value) ? `${value.slice(0, 3)}****${value.slice(7)}` : stars(value)
}

/** 610103199001011234 → 6101**********1234. */
export function maskIdNumber(id: string): string {
  const value = id.trim().toUpperCase()
  return /^\d{17}[\dX]$/.test(value) ? `${value.slice(0, 4)}${'*'.repeat(10)}${value.slice(14)}` : stars(value)
}
