/** WeChat's limits for one article of a news message (see the WeChat reference, draft/add). */
export const WECHAT_LIMITS = {
  titleChars: 32,
  authorChars: 16,
  digestChars: 128,
  contentChars: 20_000,
  contentBytes: 1_000_000,
  sourceUrlBytes: 1024,
} as const

/** WeChat counts characters, not UTF-16 units: one Chinese character or emoji is one. */
export const charCount = (text: string): number => Array.from(text).length
export const byteCount = (text: string): number => Buffer.byteLength(text, 'utf8')

export function checkMaxChars(label: string, value: unknown, max: number, why: string): true | string {
  if (value == null || value === '') return true
  if (typeof value !== 'string') return `${label}：必须是文字`
  const count = charCount(value)
  return count <= max ? true : `${label}：最多 ${max} 个字（${why}），当前 ${count} 个字`
}

export function checkUrl(label: string, value: unknown, maxBytes: number = WECHAT_LIMITS.sourceUrlBytes): true | string {
  if (value == null || value === '') return true
  if (typeof value !== 'string') return `${label}：必须是网址`
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return `${label}：不是有效的网址（应以 http:// 或 https:// 开头）`
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${label}：只支持 http:// 或 https:// 网址`
  if (byteCount(value) > maxBytes) return `${label}：网址过长，最多 ${maxBytes} 字节（微信限制）`
  return true
}
