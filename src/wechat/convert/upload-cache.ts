/**
 * Uploads to WeChat, remembered in `wechat-uploads` by sha256 of the source image bytes, per account
 * and kind: an unchanged image is never uploaded twice, across builds and across instances.
 */
import { createHash } from 'node:crypto'
import type { Payload } from 'payload'

/** The part of the WeChat client that uploads images. */
export interface ImageUploader {
  media: {
    uploadImage(bytes: Buffer, filename?: string): Promise<{ url: string }>
    addThumb(bytes: Buffer, filename?: string): Promise<{ mediaId: string; url: string }>
  }
}

type Kind = 'inline' | 'thumb'

interface UploadDoc {
  url?: string | null
  mediaId?: string | null
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/**
 * Bumped when images are prepared differently (size, quality), so cached uploads are redone.
 * v2: every image is re-encoded without EXIF (v1 sent small JPEG/PNG as stored, GPS included).
 */
const PREPARATION_VERSION = 'v2'

export class UploadCache {
  /** Two articles of one push sharing an image upload it once even when built at the same time. */
  private readonly inflight = new Map<string, Promise<UploadDoc>>()

  constructor(
    private readonly payload: Payload,
    private readonly account: string,
    private readonly client: ImageUploader,
  ) {}

  /**
   * The uploadimg URL for an image. The cache is keyed on the source bytes (and the preparation's
   * version), so an unchanged image is neither re-encoded nor uploaded again.
   */
  async inline(source: Buffer, prepare: (source: Buffer) => Promise<Buffer> = async (bytes) => bytes): Promise<string> {
    const doc = await this.once('inline', source, async () => ({ url: (await this.client.media.uploadImage(await prepare(source))).url }))
    return doc.url!
  }

  /** The permanent thumb media_id for an image, prepared (JPEG ≤ 64 KB) only when not cached. */
  async thumb(source: Buffer, prepare: (source: Buffer) => Promise<Buffer> = async (bytes) => bytes): Promise<string> {
    const doc = await this.once('thumb', source, async () => {
      const material = await this.client.media.addThumb(await prepare(source))
      return { url: material.url, mediaId: material.mediaId }
    })
    return doc.mediaId!
  }

  private once(kind: Kind, bytes: Buffer, upload: () => Promise<UploadDoc>): Promise<UploadDoc> {
    const hash = sha256(Buffer.concat([Buffer.from(`${PREPARATION_VERSION}:`), bytes]))
    const key = `${kind}:${hash}`
    let pending = this.inflight.get(key)
    if (!pending) {
      pending = this.lookupOrUpload(kind, hash, bytes.length, upload).finally(() => this.inflight.delete(key))
      this.inflight.set(key, pending)
    }
    return pending
  }

  private async lookupOrUpload(kind: Kind, hash: string, size: number, upload: () => Promise<UploadDoc>): Promise<UploadDoc> {
    const cached = await this.find(kind, hash)
    if (cached) return cached
    const uploaded = await upload()
    try {
      await this.payload.create({
        collection: 'wechat-uploads',
        data: { account: this.account, kind, hash, url: uploaded.url ?? null, mediaId: uploaded.mediaId ?? null, bytes: size },
        overrideAccess: true,
        depth: 0,
      })
    } catch (error) {
      // Another instance recorded the same bytes first (unique account+kind+hash): use theirs.
      const theirs = await this.find(kind, hash)
      if (!theirs) throw error
      return theirs
    }
    return uploaded
  }

  private async find(kind: Kind, hash: string): Promise<UploadDoc | null> {
    const { docs } = await this.payload.find({
      collection: 'wechat-uploads',
      where: { and: [{ account: { equals: this.account } }, { kind: { equals: kind } }, { hash: { equals: hash } }] },
      limit: 1,
      depth: 0,
      overrideAccess: true,
      pagination: false,
    })
    return docs[0] ?? null
  }
}
