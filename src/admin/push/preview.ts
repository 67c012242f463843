import type { Payload } from 'payload'
import { idOf } from '../../access/roles'
import type { ItemRef } from '../../services/push/item-refs'
import { renderLexicalToWeChatHtml, type ImageReference, type ResolvedImage } from '../../wechat/convert/render'

export interface ItemPreview {
  key: string
  collection: ItemRef['relationTo']
  id: string
  title: string
  author: string
  digest: string
  coverUrl: string | null
  thumbUrl: string | null
  /** The body as WeChat will get it, with images pointing at this admin's own files. */
  html: string
  error: string | null
}

interface MediaFile {
  url: string
  thumbUrl: string
  alt: string
}

const fileUrl = (filename: string) => `/api/media/file/${encodeURIComponent(filename)}`

/** A media document, stored (`Media`) or as populated inside a rich-text upload node. */
interface MediaFields {
  filename?: unknown
  sizes?: unknown
  alt?: unknown
}

function mediaFile(doc: MediaFields | null | undefined): MediaFile | null {
  if (!doc || typeof doc.filename !== 'string') return null
  const thumb = (doc.sizes as { thumbnail?: { filename?: unknown } } | undefined)?.thumbnail?.filename
  return { url: fileUrl(doc.filename), thumbUrl: typeof thumb === 'string' && thumb ? fileUrl(thumb) : fileUrl(doc.filename), alt: String(doc.alt ?? '') }
}

/** Looks each media document up once per page. */
function mediaLookup(payload: Payload) {
  const cache = new Map<string, Promise<MediaFile | null>>()
  return (id: string | null): Promise<MediaFile | null> => {
    if (!id) return Promise.resolve(null)
    if (!cache.has(id)) {
      cache.set(
        id,
        payload
          .findByID({ collection: 'media', id, overrideAccess: true, depth: 0, disableErrors: true })
          .then((doc) => mediaFile(doc))
          .catch(() => null),
      )
    }
    return cache.get(id)!
  }
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '')

/**
 * The bundle's items as WeChat will render them: the same converter the send uses, but images
 * resolve to their local `/api/media/file/…` address instead of being uploaded to WeChat.
 */
export async function loadItemPreviews(payload: Payload, refs: ItemRef[]): Promise<ItemPreview[]> {
  const media = mediaLookup(payload)
  const resolveImage = async (image: ImageReference): Promise<ResolvedImage | null> => {
    if (image.relationTo !== 'media') return null
    const file = mediaFile(image.doc) ?? (await media(image.id))
    return file ? { src: file.url, alt: file.alt } : null
  }
  return Promise.all(
    refs.map(async (ref) => {
      const base = { key: `${ref.relationTo}:${ref.value}`, collection: ref.relationTo, id: ref.value }
      const doc = await payload.findByID({ collection: ref.relationTo, id: ref.value, overrideAccess: true, depth: 0, disableErrors: true })
      if (!doc) return { ...base, title: '（已删除）', author: '', digest: '', coverUrl: null, thumbUrl: null, html: '', error: '内容已被删除' }
      const cover = await media(idOf(doc.cover))
      const fields = {
        title: text(doc.title),
        author: text(doc.author),
        digest: text(doc.digest),
        coverUrl: cover?.url ?? null,
        thumbUrl: cover?.thumbUrl ?? null,
      }
      try {
        const rendered = await renderLexicalToWeChatHtml(doc.body, { resolveImage })
        return { ...base, ...fields, html: rendered.html, error: null }
      } catch (error) {
        return { ...base, ...fields, html: '', error: `正文转换失败：${(error as Error).message}` }
      }
    }),
  )
}
