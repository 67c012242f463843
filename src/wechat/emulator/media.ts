/** Image uploads: `media/uploadimg` (images inside article content) and permanent material. */
import { randomBytes } from 'node:crypto'
import { wxError, wxOk } from './errors'
import type { ApiRequest, Route } from './context'
import type { AccountState, StoredMedia } from './state'

const UPLOADIMG_MAX_BYTES = 1024 * 1024
const THUMB_MAX_BYTES = 64 * 1024
const IMAGE_MAX_BYTES = 10 * 1024 * 1024
/** Host of WeChat's image CDN; article content may only reference images from there. */
export const WECHAT_IMAGE_HOST = 'mmbiz.qpic.cn'

type ImageFormat = 'jpeg' | 'png' | 'gif' | 'bmp'

/** Sniffs the real format from magic bytes: the declared content type and file name are not trusted. */
export function sniffImageFormat(bytes: Buffer): ImageFormat | null {
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
    if (!media || media.kind === 'uploadimg') return { body: wxError(40007) }
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

export const mediaRoutes: Route[] = [uploadImg, addMaterial, deleteMaterial, addNews]
