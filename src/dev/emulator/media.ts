/** Image uploads: `media/uploadimg` (images inside article content) and permanent material. */
import { randomBytes } from 'node:crypto'
import { wxError, wxOk } from './errors'
import type { ApiRequest, Route } from './context'
import type { AccountState, StoredMedia, TemporaryMediaInput, TemporaryMediaType } from './state'

const UPLOADIMG_MAX_BYTES = 1024 * 1024
const THUMB_MAX_BYTES = 64 * 1024
const IMAGE_MAX_BYTES = 10 * 1024 * 1024
/** Host of WeChat's image CDN; article content may only reference images from there. */
export const WECHAT_IMAGE_HOST = 'mmbiz.qpic.cn'

type ImageFormat = 'jpeg' | 'png' | 'gif' | 'bmp'

/** Sniffs the real format from magic bytes: the declared content type and file name are not trusted. */
function sniffImageFormat(bytes: Buffer): ImageFormat | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png'
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(bytes.subarray(0, 6).toString('latin1'))) return 'gif'
  if (bytes.length >= 2 && bytes[0] === 0x42 && bytes[1] === 0x4d) return 'bmp'
  return null
}

function mediaPart(request: ApiRequest) {
  return request.parts.find((part) => part.name === 'media' && part.data.length > 0) ?? null
}

function storeMedia(account: AccountState, kind: StoredMedia['kind'], format: ImageFormat, bytes: Buffer, now: number): StoredMedia {
  const mediaId = randomBytes(48).toString('base64url')
  const folder = kind === 'uploadimg' ? `mmbiz_${format === 'jpeg' ? 'jpg' : format}` : 'mmbiz_jpg'
  const media: StoredMedia = {
    mediaId,
    kind,
    url: `http://${WECHAT_IMAGE_HOST}/${folder}/${mediaId.slice(0, 40)}/0?wx_fmt=${format}`,
    contentType: `image/${format}`,
    bytes,
    createdAt: now,
  }
  account.media.set(mediaId, media)
  return media
}

const uploadImg: Route = {
  method: 'POST',
  path: '/cgi-bin/media/uploadimg',
  auth: 'access_token',
  body: 'multipart',
  handle(request, context) {
    const account = request.account!
    const part = mediaPart(request)
    if (!part) return { body: wxError(41005) }
    const format = sniffImageFormat(part.data)
    if (format !== 'jpeg' && format !== 'png') return { body: wxError(40005) }
    if (part.data.length >= UPLOADIMG_MAX_BYTES) return { body: wxError(40009) }
    const media = storeMedia(account, 'uploadimg', format, part.data, context.now())
    return { body: { url: media.url } }
  },
}

const addMaterial: Route = {
  method: 'POST',
  path: '/cgi-bin/material/add_material',
  auth: 'access_token',
  body: 'multipart',
  handle(request, context) {
    const account = request.account!
    const type = request.query.get('type')
    if (type !== 'thumb' && type !== 'image') return { body: wxError(40004) }
    const part = mediaPart(request)
    if (!part) return { body: wxError(41005) }
    const format = sniffImageFormat(part.data)
    if (type === 'thumb') {
      if (format !== 'jpeg') return { body: wxError(40005) }
      if (part.data.length > THUMB_MAX_BYTES) return { body: wxError(40012) }
    } else {
      if (!format) return { body: wxError(40005) }
      if (part.data.length > IMAGE_MAX_BYTES) return { body: wxError(40009) }
    }
    const media = storeMedia(account, type, format, part.data, context.now())
    return { body: { media_id: media.mediaId, url: media.url } }
  },
}

const deleteMaterial: Route = {
  method: 'POST',
  path: '/cgi-bin/material/del_material',
  auth: 'access_token',
  body: 'json',
  handle(request) {
    const account = request.account!
    const mediaId = request.json.media_id
    const media = typeof mediaId === 'string' ? account.media.get(mediaId) : undefined
    if (!media || media.kind === 'uploadimg' || media.kind === 'temporary') return { body: wxError(40007) }
    account.media.delete(media.mediaId)
    return { body: wxOk() }
  },
}

/** The legacy news material API was retired in favour of the draft box. */
const addNews: Route = {
  method: 'POST',
  path: '/cgi-bin/material/add_news',
  auth: 'access_token',
  body: 'json',
  handle: () => ({ body: wxError(45103) }),
}

/** WeChat keeps temporary media (临时素材) for 3 days; after that media/get answers 40007. */
export const TEMPORARY_MEDIA_TTL_MS = 3 * 24 * 3600_000
const TEMPORARY_TYPES: ReadonlySet<string> = new Set(['image', 'voice', 'video', 'thumb'])
const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'audio/amr': 'amr',
  'audio/speex': 'speex',
  'audio/mpeg': 'mp3',
  'video/mp4': 'mp4',
}

function temporaryTypeOf(contentType: string): TemporaryMediaType {
  if (contentType.startsWith('audio/')) return 'voice'
  if (contentType.startsWith('video/')) return 'video'
  return 'image'
}

/**
 * Stores a temporary media file the way a resident's image or voice message leaves it on WeChat's
 * side; answers its media_id. Used by media/upload, by tests and by `/__emulator/temporary-media`.
 */
export function storeTemporaryMedia(account: AccountState, input: TemporaryMediaInput, now: number): StoredMedia {
  const mediaId = randomBytes(48).toString('base64url')
  const media: StoredMedia = {
    mediaId,
    kind: 'temporary',
    url: '',
    contentType: input.contentType,
    bytes: input.bytes,
    createdAt: now,
    mediaType: input.mediaType ?? temporaryTypeOf(input.contentType),
  }
  account.media.set(mediaId, media)
  return media
}

/** POST media/upload?type=image|voice|video|thumb → { type, media_id, created_at } (temporary, 3 days). */
const uploadTemporary: Route = {
  method: 'POST',
  path: '/cgi-bin/media/upload',
  auth: 'access_token',
  body: 'multipart',
  handle(request, context) {
    const type = request.query.get('type') ?? ''
    if (!TEMPORARY_TYPES.has(type)) return { body: wxError(40004) }
    const part = mediaPart(request)
    if (!part) return { body: wxError(41005) }
    const format = sniffImageFormat(part.data)
    if ((type === 'image' || type === 'thumb') && !format) return { body: wxError(40005) }
    const contentType = format ? `image/${format}` : part.contentType || 'application/octet-stream'
    const media = storeTemporaryMedia(request.account!, { bytes: part.data, contentType, mediaType: type as TemporaryMediaType }, context.now())
    return { body: { type, media_id: media.mediaId, created_at: Math.floor(media.createdAt / 1000) } }
  },
}

/**
 * GET media/get?media_id= — the file itself with its Content-Type and a Content-disposition file
 * name; a video answers `{ video_url }`; an unknown or expired (older than 3 days) id answers
 * `{errcode: 40007}` as JSON.
 */
const getTemporary: Route = {
  method: 'GET',
  path: '/cgi-bin/media/get',
  auth: 'access_token',
  body: 'none',
  handle(request, context) {
    const mediaId = request.query.get('media_id')
    if (!mediaId) return { body: wxError(41006) }
    const media = request.account!.media.get(mediaId)
    if (!media || media.kind !== 'temporary' || context.now() - media.createdAt > TEMPORARY_MEDIA_TTL_MS) return { body: wxError(40007) }
    if (media.mediaType === 'video') return { body: { video_url: `http://emulator.local/video/${mediaId.slice(0, 40)}.mp4` } }
    const extension = EXTENSIONS[media.contentType] ?? 'bin'
    return {
      body: media.bytes,
      headers: {
        'content-type': media.contentType,
        'content-disposition': `attachment; filename="${mediaId.slice(0, 40)}.${extension}"`,
        'cache-control': 'no-cache, must-revalidate',
      },
    }
  },
}

export const mediaRoutes: Route[] = [uploadImg, addMaterial, deleteMaterial, addNews, uploadTemporary, getTemporary]
