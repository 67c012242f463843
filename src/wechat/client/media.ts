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

    async deleteMaterial(mediaId: string): Promise<void> {
      await caller.call('/cgi-bin/material/del_material', (api, done) => api._removeMaterial(mediaId, done))
    },
  }
}
