/** The draft box (草稿箱): what a mass send takes as its `mpnews.media_id`. */
import { randomBytes } from 'node:crypto'
import { wxError, wxOk } from './errors'
import { asNumber, asRecord, asString, byteLength, type Route } from './context'
import { WECHAT_IMAGE_HOST } from './media'
import type { AccountState, Draft, DraftArticle } from './state'

const MAX_ARTICLES = 8
const TITLE_MAX_CHARS = 32
const AUTHOR_MAX_CHARS = 16
const DIGEST_MAX_CHARS = 128
const CONTENT_MAX_CHARS = 20_000
const CONTENT_MAX_BYTES = 1024 * 1024
const SOURCE_URL_MAX_BYTES = 1024
const DEFAULT_DIGEST_CHARS = 54

/** Counts characters the way a person does (code points), not UTF-16 units. */
const charCount = (value: string) => [...value].length

/** WeChat strips scripts and images that were not uploaded through uploadimg. */
function sanitizeContent(html: string): string {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<script\b[^>]*\/?>/gi, '')
    .replace(/<img\b[^>]*>/gi, (tag) => {
      const src = /\bsrc\s*=\s*["']([^"']*)["']/i.exec(tag)?.[1] ?? ''
      return isWeChatImage(src) ? tag : ''
    })
}

function isWeChatImage(src: string): boolean {
  try {
    return new URL(src).hostname === WECHAT_IMAGE_HOST
  } catch {
    return false
  }
}

function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Validates one article; returns the errcode or the stored form. */
function readArticle(raw: unknown, single: boolean, account: AccountState, draftUrl: string): DraftArticle | number {
  const article = asRecord(raw)
  if (!article) return 44003
  const title = asString(article.title) ?? ''
  const content = asString(article.content) ?? ''
  const author = asString(article.author) ?? ''
  const digest = asString(article.digest)
  const sourceUrl = asString(article.content_source_url) ?? ''
  const thumbMediaId = asString(article.thumb_media_id) ?? ''
  if (title === '' || content === '') return 44003
  if (charCount(title) > TITLE_MAX_CHARS) return 45003
  if (charCount(author) > AUTHOR_MAX_CHARS) return 45110
  if (digest !== null && charCount(digest) > DIGEST_MAX_CHARS) return 45004
  if (charCount(content) >= CONTENT_MAX_CHARS || byteLength(content) >= CONTENT_MAX_BYTES) return 45002
  if (byteLength(sourceUrl) > SOURCE_URL_MAX_BYTES) return 45005
  const thumb = account.media.get(thumbMediaId)
  if (!thumb || thumb.kind === 'uploadimg' || thumb.kind === 'temporary') return 40007
  const cleanContent = sanitizeContent(content)
  return {
    title,
    author,
    // The digest exists for single-article messages only; it defaults to the start of the text.
    digest: single ? (digest ?? [...plainText(cleanContent)].slice(0, DEFAULT_DIGEST_CHARS).join('')) : '',
    content: cleanContent,
    content_source_url: sourceUrl,
    thumb_media_id: thumbMediaId,
    thumb_url: thumb.url,
    need_open_comment: article.need_open_comment === 1 ? 1 : 0,
    only_fans_can_comment: article.only_fans_can_comment === 1 ? 1 : 0,
    url: draftUrl,
  }
}

function readArticles(raw: unknown, account: AccountState, draftUrl: string): DraftArticle[] | number {
  if (!Array.isArray(raw) || raw.length === 0) return 44003
  if (raw.length > MAX_ARTICLES) return 45008
  const articles: DraftArticle[] = []
  for (const entry of raw) {
    const article = readArticle(entry, raw.length === 1, account, draftUrl)
    if (typeof article === 'number') return article
    articles.push(article)
  }
  return articles
}

function draftView(draft: Draft) {
  return {
    news_item: draft.articles.map((article) => ({ ...article })),
    create_time: Math.floor(draft.createdAt / 1000),
    update_time: Math.floor(draft.updatedAt / 1000),
  }
}

function findDraft(account: AccountState, mediaId: unknown): Draft | null {
  return typeof mediaId === 'string' ? (account.drafts.get(mediaId) ?? null) : null
}

const addDraft: Route = {
  method: 'POST',
  path: '/cgi-bin/draft/add',
  auth: 'access_token',
  body: 'json',
  handle(request, context) {
    const account = request.account!
    const mediaId = randomBytes(48).toString('base64url')
    const url = `http://mp.weixin.qq.com/s?__biz=${account.config.originalId}&tempkey=${mediaId.slice(0, 24)}`
    const articles = readArticles(request.json.articles, account, url)
    if (typeof articles === 'number') return { body: wxError(articles) }
    const now = context.now()
    account.drafts.set(mediaId, { mediaId, articles, createdAt: now, updatedAt: now })
    return { body: { media_id: mediaId } }
  },
}

const getDraft: Route = {
  method: 'POST',
  path: '/cgi-bin/draft/get',
  auth: 'access_token',
  body: 'json',
  handle(request) {
    const draft = findDraft(request.account!, request.json.media_id)
    return { body: draft ? draftView(draft) : wxError(40007) }
  },
}

const updateDraft: Route = {
  method: 'POST',
  path: '/cgi-bin/draft/update',
  auth: 'access_token',
  body: 'json',
  handle(request, context) {
    const account = request.account!
    const draft = findDraft(account, request.json.media_id)
    if (!draft) return { body: wxError(40007) }
    const index = asNumber(request.json.index)
    if (index === null || index < 0 || index >= draft.articles.length) return { body: wxError(40007) }
    const article = readArticle(request.json.articles, draft.articles.length === 1, account, draft.articles[index]!.url)
    if (typeof article === 'number') return { body: wxError(article) }
    draft.articles[index] = article
    draft.updatedAt = context.now()
    return { body: wxOk() }
  },
}

const deleteDraft: Route = {
  method: 'POST',
  path: '/cgi-bin/draft/delete',
  auth: 'access_token',
  body: 'json',
  handle(request) {
    const account = request.account!
    const draft = findDraft(account, request.json.media_id)
    if (!draft) return { body: wxError(40007) }
    account.drafts.delete(draft.mediaId)
    return { body: wxOk() }
  },
}

const countDrafts: Route = {
  method: 'GET',
  path: '/cgi-bin/draft/count',
  auth: 'access_token',
  handle: (request) => ({ body: { total_count: request.account!.drafts.size } }),
}

const batchGetDrafts: Route = {
  method: 'POST',
  path: '/cgi-bin/draft/batchget',
  auth: 'access_token',
  body: 'json',
  handle(request) {
    const account = request.account!
    const offset = asNumber(request.json.offset) ?? 0
    const count = asNumber(request.json.count) ?? 0
    if (offset < 0 || count < 1 || count > 20) return { body: wxError(47001) }
    const drafts = [...account.drafts.values()].sort((a, b) => b.updatedAt - a.updatedAt).slice(offset, offset + count)
    const noContent = request.json.no_content === 1
    return {
      body: {
        total_count: account.drafts.size,
        item_count: drafts.length,
        item: drafts.map((draft) => {
          const view = draftView(draft)
          if (noContent) for (const article of view.news_item) article.content = ''
          return { media_id: draft.mediaId, content: view, update_time: view.update_time }
        }),
      },
    }
  },
}

export const draftRoutes: Route[] = [addDraft, getDraft, updateDraft, deleteDraft, countDrafts, batchGetDrafts]
