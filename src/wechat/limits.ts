import type { Bilingual } from '../shared/bilingual'

/** WeChat's limits for one article of a news message (see the WeChat reference, draft/add). */
export const WECHAT_LIMITS = {
  titleChars: 32,
  authorChars: 16,
  digestChars: 128,
  contentChars: 20_000,
  contentBytes: 1_000_000,
  sourceUrlBytes: 1024,
} as const

/**
 * The article texts WeChat limits in characters, with the words of their messages: used by the field
 * validators (server) and the live counters (admin), so both say the same thing.
 */
export const ARTICLE_TEXT_RULES = {
  title: { label: { zh: '标题', en: 'Title' }, max: WECHAT_LIMITS.titleChars, why: { zh: '微信图文标题上限', en: "WeChat's title limit" } },
  author: { label: { zh: '作者', en: 'Author' }, max: WECHAT_LIMITS.authorChars, why: { zh: '微信作者名上限', en: "WeChat's author limit" } },
  digest: { label: { zh: '摘要', en: 'Digest' }, max: WECHAT_LIMITS.digestChars, why: { zh: '微信摘要上限', en: "WeChat's digest limit" } },
} as const

/** The admin language a message is written in. */
export type Lang = 'zh' | 'en'

/** WeChat counts characters, not UTF-16 units: one Chinese character or emoji is one. */
export const charCount = (text: string): number => Array.from(text).length
export const byteCount = (text: string): number => new TextEncoder().encode(text).length

const text = (value: string | Bilingual, lang: Lang): string => (typeof value === 'string' ? value : value[lang])

/**
 * `true`, or the message for a text over `max` characters (WeChat's way of counting): it names the
 * field, the limit, why, and the current count — 「标题：最多 32 个字（微信图文标题上限），当前 40 个字」.
 * Written without ASCII colons and commas in Chinese (the admin's save toast splits on them).
 */
export function checkMaxChars(label: string | Bilingual, value: unknown, max: number, why: string | Bilingual, lang: Lang = 'zh'): true | string {
  if (value == null || value === '') return true
  if (typeof value !== 'string') return lang === 'en' ? `${text(label, lang)}: must be text` : `${text(label, lang)}：必须是文字`
  const count = charCount(value)
  if (count <= max) return true
  return lang === 'en'
    ? `${text(label, lang)}: at most ${max} characters (${text(why, lang)}); now ${count}`
    : `${text(label, lang)}：最多 ${max} 个字（${text(why, lang)}），当前 ${count} 个字`
}

/** `true`, or why `value` is not a web address WeChat accepts (http/https, at most `maxBytes` bytes). */
export function checkUrl(label: string | Bilingual, value: unknown, maxBytes: number = WECHAT_LIMITS.sourceUrlBytes, lang: Lang = 'zh'): true | string {
  const name = text(label, lang)
  const en = lang === 'en'
  if (value == null || value === '') return true
  if (typeof value !== 'string') return en ? `${name}: must be a web address` : `${name}：必须是网址`
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return en ? `${name}: not a valid web address (it should start with http or https)` : `${name}：不是有效的网址（应以 http 或 https 开头）`
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return en ? `${name}: only http or https addresses` : `${name}：只支持以 http 或 https 开头的网址`
  if (byteCount(value) > maxBytes)
    return en ? `${name}: too long (at most ${maxBytes} bytes; WeChat's limit)` : `${name}：网址过长，最多 ${maxBytes} 字节（微信限制）`
  return true
}
