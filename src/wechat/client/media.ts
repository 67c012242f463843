/** Images: media/uploadimg (inside article content) and permanent material (covers). */
import type { WeChatCaller } from './caller'

/** Only JPEG and PNG are accepted by uploadimg; the content type follows the bytes, not the name. */
export function imageContentType(bytes: Buffer): 'image/jpeg' | 'image/png' | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.readUInt32BE(4) === 0x0d0a1a0a) return 'image/png'
  return null
}

const extensionOf = (contentType: string | null) => (contentType === 'image/png' ? 'png' : 'jpg')

export interface PermanentMaterial {
  mediaId: string
  url: string
}

/** A temporary media file (临时素材) as `media/get` answers it. */
export type TemporaryMedia =
  | { kind: 'file'; bytes: Buffer; contentType: string; filename: string | null }
  /** Video material is not sent as bytes: WeChat answers a download address instead. */
  | { kind: 'video-url'; videoUrl: string }

export function mediaApi(caller: WeChatCaller) {
  return {
    /** POST media/uploadimg → the mmbiz.qpic.cn URL to use in article HTML (JPEG/PNG, < 1 MB). */
    async uploadImage(bytes: Buffer, filename?: string): Promise<{ url: string }> {
      const type = imageContentType(bytes)
      const name = filename ?? `image.${extensionOf(type)}`
      const answer = await caller.call<{ url: string }>('/cgi-bin/media/uploadimg', (api, done) =>
        api._uploadImageBuffer(bytes, name, type ?? 'application/octet-stream', done),
      )
      return { url: answer.url }
    },

    /** POST material/add_material?type=thumb → a permanent thumb_media_id (JPEG ≤ 64 KB). */
    async addThumb(bytes: Buffer, filename = 'thumb.jpg'): Promise<PermanentMaterial> {
      const answer = await caller.call<{ media_id: string; url: string }>('/cgi-bin/material/add_material', (api, done) =>
        api._uploadMaterialBuffer(bytes, 'thumb', filename, 'image/jpeg', done),
      )
      return { mediaId: answer.media_id, url: answer.url }
    },

    /** POST material/add_material?type=image → permanent image material. */
    async addImage(bytes: Buffer, filename?: string): Promise<PermanentMaterial> {
      const type = imageContentType(bytes)
      const answer = await caller.call<{ media_id: string; url: string }>('/cgi-bin/material/add_material', (api, done) =>
        api._uploadMaterialBuffer(bytes, 'image', filename ?? `image.${extensionOf(type)}`, type ?? 'application/octet-stream', done),
      )
      return { mediaId: answer.media_id, url: answer.url }
    },

    /**
     * GET media/get?media_id= — a temporary media file, such as the MediaId of a resident's image or
     * voice message (voice is AMR or Speex, per the message's `Format`). WeChat keeps temporary media
     * for 3 days, then answers 40007 (invalid media_id). The body is the file with its Content-Type
     * (and a Content-disposition file name), or JSON: `{errcode, errmsg}` (thrown as
     * WeChatApiError) or, for video, `{video_url}`.
     */
    async getTemporary(mediaId: string): Promise<TemporaryMedia> {
      const answer = await caller.call<{ bytes?: Buffer; contentType?: string; filename?: string | null; video_url?: string }>(
        '/cgi-bin/media/get',
        (api, done) => api._getTemporaryMedia(mediaId, done),
      )
      if (typeof answer.video_url === 'string') return { kind: 'video-url', videoUrl: answer.video_url }
      if (!answer.bytes) throw new Error('media/get answered neither a file nor an error')
      return { kind: 'file', bytes: answer.bytes, contentType: answer.contentType ?? 'application/octet-stream', filename: answer.filename ?? null }
    },

    async deleteMaterial(mediaId: string): Promise<void> {
      await caller.call('/cgi-bin/material/del_material', (api, done) => api._removeMaterial(mediaId, done))
    },
  }
}
