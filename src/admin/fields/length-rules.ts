import { ARTICLE_TEXT_RULES, checkMaxChars } from '../../wechat/limits'
import { validateButtonName } from '../../services/menu/validate'

/** Which WeChat rule a counted field follows: an article text (characters) or a menu button name (bytes). */
export type LengthRule = keyof typeof ARTICLE_TEXT_RULES | 'menuName'

/**
 * The reason the server gives for `value` at `path` (the very words of the field validators), or null
 * when it is within WeChat's limit. Lets the admin keep a field marked with its reason (see LengthCounter).
 */
export function lengthReason(rule: LengthRule, value: unknown, path: string, lang: 'zh' | 'en'): string | null {
  const req = { i18n: { language: lang } }
  const result =
    rule === 'menuName'
      ? validateButtonName(value, { path: path.split('.'), req })
      : checkMaxChars(ARTICLE_TEXT_RULES[rule].label, value, ARTICLE_TEXT_RULES[rule].max, ARTICLE_TEXT_RULES[rule].why, lang)
  return result === true ? null : result
}
