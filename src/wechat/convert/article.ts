/**
 * One content item (article, policy explainer, community news) → one article of a WeChat draft:
 * body rendered to WeChat HTML with its images uploaded (at most `concurrency` uploads at a time,
 * cover included), the cover turned into a permanent thumb, and WeChat's limits checked with
 * messages that name the item.
 */
import type { Payload } from 'payload'
import { errcodeMeaning, isAccountError, WeChatApiError } from '../client/errors'
import { byteCount, charCount, checkMaxChars, WECHAT_LIMITS } from '../limits'
import { WeChatConversionError } from './errors'
import { inlineImageBytes, loadMediaImage, thumbBytes } from './images'
import { createLimiter } from '../../shared/concurrency-limit'
import { imageReference, renderLexicalToWeChatHtml, type ImageReference, type LexicalNode } from './render'
import { UploadCache, type ImageUploader } from './upload-cache'

export interface ArticleSource {
  title?: unknown
  author?: unknown
  digest?: unknown
  /** Media id or populated media document. */
  cover?: unknown
  body?: unknown
  originalLink?: unknown
  needOpenComment?: unknown
  onlyFansCanComment?: unknown
}

export interface WeChatArticle {
  title: string
  author: string
  digest: string
  content: string
  content_source_url: string
  thumb_media_id: string
  need_open_comment: 0 | 1
  only_fans_can_comment: 0 | 1
}

export interface BuildArticleOptions {
  /** The WeChat app id the uploads belong to. */
  account: string
  /** Uploads at once (inline images and the cover). */
  concurrency?: number
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '')

export async function buildWeChatArticle(payload: Payload, client: ImageUploader, item: ArticleSource, options: BuildArticleOptions): Promise<WeChatArticle> {
  const title = text(item.title)
  const fail = (field: string, message: string, cause?: unknown) => new WeChatConversionError(`《${title || '无标题'}》${message}`, title, field, { cause })
  checkFields(item, title, fail)

  const cache = new UploadCache(payload, options.account, client)
  const limit = createLimiter(options.concurrency ?? 4)
  const coverReference = imageReference({ type: 'upload', relationTo: 'media', value: item.cover } as LexicalNode)
  if (!coverReference) throw fail('cover', '没有封面图片：微信图文必须有封面')

  // A failure about the account (unknown AppID, wrong AppSecret, IP whitelist) goes through as it
  // is: every upload fails alike, and blaming this item's cover would send people to the wrong fix.
  const thumb = limit(async () => cache.thumb((await loadMediaImage(payload, coverReference)).bytes, thumbBytes)).catch((error: unknown) => {
    if (isAccountError(error)) throw error
    throw fail('cover', `封面图片处理失败：${reason(error)}`, error)
  })
  const resolveImage = (image: ImageReference) =>
    limit(async () => {
      if (image.relationTo !== 'media') return null
      const media = await loadMediaImage(payload, image)
      return { src: await cache.inline(media.bytes, inlineImageBytes), alt: media.alt }
    }).catch((error: unknown) => {
      if (isAccountError(error)) throw error
      throw fail('body', `正文图片上传微信失败：${reason(error)}`, error)
    })

  // Both run at once; whichever fails first is reported, the other is awaited so nothing dangles.
  const [rendered, thumbMediaId] = await settleBoth(renderLexicalToWeChatHtml(item.body, { resolveImage }), thumb)
  checkContentSize(rendered.html, fail)

  return {
    title,
    author: text(item.author),
    digest: text(item.digest),
    content: rendered.html,
    content_source_url: sourceUrl(item.originalLink, rendered.externalLinks),
    thumb_media_id: thumbMediaId,
    need_open_comment: item.needOpenComment === true ? 1 : 0,
    only_fans_can_comment: item.onlyFansCanComment === true ? 1 : 0,
  }
}

type Fail = (field: string, message: string, cause?: unknown) => WeChatConversionError

function checkFields(item: ArticleSource, title: string, fail: Fail): void {
  if (title === '') throw fail('title', '标题不能为空')
  const checks: Array<[string, true | string]> = [
    ['title', checkMaxChars('标题', title, WECHAT_LIMITS.titleChars, '微信图文标题上限')],
    ['author', checkMaxChars('作者', text(item.author), WECHAT_LIMITS.authorChars, '微信作者名上限')],
    ['digest', checkMaxChars('摘要', text(item.digest), WECHAT_LIMITS.digestChars, '微信摘要上限')],
  ]
  for (const [field, result] of checks) if (result !== true) throw fail(field, result)
}

/** WeChat takes content under 20,000 characters and 1 MB, counting the markup. */
function checkContentSize(html: string, fail: Fail): void {
  if (html === '') throw fail('body', '正文为空')
  const chars = charCount(html)
  if (chars >= WECHAT_LIMITS.contentChars) {
    throw fail('body', `正文转换后超过 ${WECHAT_LIMITS.contentChars} 字（当前 ${chars} 字，含排版代码），微信不接受。请删减正文或拆成两篇。`)
  }
  if (byteCount(html) >= WECHAT_LIMITS.contentBytes) {
    throw fail('body', `正文转换后超过 1 MB（当前 ${Math.ceil(byteCount(html) / 1024)} KB），微信不接受。请删减正文或拆成两篇。`)
  }
}

/** The item's own "original link", else the first outside link of the body (it was shown as text). */
function sourceUrl(originalLink: unknown, externalLinks: string[]): string {
  const own = text(originalLink)
  if (own) return own
  return externalLinks.find((url) => byteCount(url) <= WECHAT_LIMITS.sourceUrlBytes) ?? ''
}

function reason(error: unknown): string {
  if (error instanceof WeChatApiError) return error.meaning ?? errcodeMeaning(error.errcode)
  return error instanceof Error ? error.message : String(error)
}

async function settleBoth<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [first, second] = await Promise.allSettled([a, b])
  if (first.status === 'rejected') throw first.reason
  if (second.status === 'rejected') throw second.reason
  return [first.value, second.value]
}
