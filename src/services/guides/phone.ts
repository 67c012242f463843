import type { Bilingual } from '../../shared/bilingual'
import { languageOf } from '../../shared/bilingual'

/**
 * Chinese telephone numbers as a guide prints them for residents to call:
 * - a mobile: 11 digits `1[3-9]…` (13812345678, 138 1234 5678, +86 138-1234-5678);
 * - a landline with its area code: `0` + 2–3 digits, then 7–8 digits (029-88881234, (029)88881234,
 *   010 6512 3456), optionally an extension (029-88881234-801, 029-88881234转801);
 * - a landline without the area code: 7–8 digits not starting with 0 or 1 (88881234);
 * - a public service hotline: `12` + 3 digits (12345 政务服务便民热线, 12315, 12348);
 * - a 400 / 800 number: 400-123-4567.
 * Spaces, hyphens and the parentheses around an area code are ignored when checking.
 */
const PATTERNS = [/^1[3-9]\d{9}$/, /^0\d{2,3}[2-9]\d{6,7}((转|-|ext)\d{1,6})?$/, /^[2-9]\d{6,7}$/, /^12\d{3}$/, /^[48]00\d{7}$/]

/** The digits to check: spaces, the area code's parentheses, hyphens between groups and a +86 / 0086 prefix removed. */
export function compactPhone(value: string): string {
  let compact = value.trim().replace(/[\s()（）]/g, '')
  // Keep one hyphen before an extension (the last group of 1–6 digits after 7–8 digits of a landline).
  const extension = /^(0\d{2,3}-?[2-9]\d{6,7})-(\d{1,6})$/.exec(compact.replace(/-(?=\d{3,4}-\d{4}$)/, ''))
  if (extension) compact = `${extension[1].replace(/-/g, '')}-${extension[2]}`
  else compact = compact.replace(/-/g, '')
  return compact.replace(/^(\+86|0086)(?=1[3-9]\d{9}$)/, '')
}

export const isChinesePhone = (value: string): boolean => {
  const compact = compactPhone(value)
  return PATTERNS.some((pattern) => pattern.test(compact))
}

/**
 * A field validator for a phone number (empty allowed unless `required`), with a message in the
 * admin's language naming the field and the accepted forms.
 */
export const phoneValidator =
  (label: Bilingual, required = false) =>
  (value: unknown, options?: { req?: { i18n?: { language?: string } } }): true | string => {
    const lang = languageOf(options?.req)
    if (value == null || (typeof value === 'string' && value.trim() === '')) {
      if (!required) return true
      return lang === 'en' ? `${label.en}: required` : `${label.zh}：不能为空`
    }
    if (typeof value === 'string' && isChinesePhone(value)) return true
    return lang === 'en'
      ? `${label.en}: not a Chinese phone number; e.g. 029-88881234, 13812345678, 12345 or 400-123-4567`
      : `${label.zh}：电话号码格式不正确，例如 029-88881234、13812345678、12345 或 400-123-4567`
  }
