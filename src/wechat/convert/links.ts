/**
 * WeChat articles may only link to other WeChat articles (mp.weixin.qq.com). Any other address is
 * shown as text in brackets, and the first one can become the "阅读原文" link (content_source_url).
 */
export type LinkKind = 'wechat' | 'external' | 'unusable'

const WECHAT_ARTICLE_HOST = 'mp.weixin.qq.com'

export function classifyLink(url: string | null | undefined): LinkKind {
  if (!url) return 'unusable'
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'unusable'
  }
  // javascript:, data:, mailto: … never become links or visible addresses.
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'unusable'
  return parsed.hostname.toLowerCase() === WECHAT_ARTICLE_HOST ? 'wechat' : 'external'
}
