/**
 * Image bytes for WeChat: the media file from disk, always re-encoded with sharp before it leaves,
 * so no EXIF/XMP/IPTC (a photo's GPS position) reaches WeChat — also from files stored before
 * uploads were cleaned (src/shared/clean-image.ts). uploadimg takes JPEG/PNG under 1 MB; the
 * cover thumb must be a JPEG of at most 64 KB.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Payload } from 'payload'
import sharp, { type Sharp } from 'sharp'
import { MAX_IMAGE_PIXELS } from '../../shared/clean-image'
import { imageContentType } from '../client/media'
import type { ImageReference } from './render'

const INLINE_MAX_BYTES = 1024 * 1024 - 1
const THUMB_MAX_BYTES = 64 * 1024
/** Wider than any phone shows; larger images only cost upload time. */
const INLINE_MAX_WIDTH = 1280
const THUMB_WIDTHS = [900, 720, 600, 480, 360, 240]
const THUMB_QUALITIES = [82, 72, 62, 52, 42]

export interface MediaImage {
  id: string | null
  alt: string
  filename: string
  bytes: Buffer
}

interface MediaDoc {
  id?: unknown
  alt?: unknown
  filename?: unknown
}

/** Loads a media document's original file from the upload directory (MEDIA_DIR). */
export async function loadMediaImage(payload: Payload, reference: ImageReference): Promise<MediaImage> {
  // The rich text names the collection as a string: one of ours, else it holds no file.
  const collection = payload.config.collections.find((candidate) => candidate.slug === reference.relationTo)
  const notUpload = new Error(`${reference.relationTo} 不是上传集合`)
  let doc: MediaDoc | null = reference.doc
  if (!doc?.filename && reference.id) {
    if (!collection) throw notUpload
    doc = await payload.findByID({ collection: collection.slug, id: reference.id, depth: 0, overrideAccess: true })
  }
  if (!doc || typeof doc.filename !== 'string') throw new Error(`图片不存在（${reference.relationTo} ${reference.id ?? ''}）`)
  const staticDir = collection?.upload?.staticDir
  if (!staticDir) throw notUpload
  // filename comes from Payload, but never let it leave the upload directory.
  const file = path.join(path.resolve(staticDir), path.basename(doc.filename))
  return { id: reference.id, alt: typeof doc.alt === 'string' ? doc.alt : '', filename: path.basename(doc.filename), bytes: await fs.readFile(file) }
}

/**
 * A body image for uploadimg: a JPEG or PNG re-encoded in its own format (upright, at most 1280
 * wide, no metadata) when that is under 1 MB; otherwise, and for WebP, JPEG at falling sizes and
 * qualities until it fits. Never the stored bytes themselves. Throws when even 640 wide is over 1 MB.
 */
export async function inlineImageBytes(bytes: Buffer): Promise<Buffer> {
  const type = imageContentType(bytes)
  if (type) {
    const resized = decode(bytes).resize({ width: INLINE_MAX_WIDTH, withoutEnlargement: true })
    const same = await (type === 'image/png' ? resized.png() : resized.jpeg({ quality: 90, mozjpeg: true })).toBuffer()
    if (same.length <= INLINE_MAX_BYTES) return same
  }
  for (const [width, quality] of [
    [INLINE_MAX_WIDTH, 85],
    [INLINE_MAX_WIDTH, 70],
    [1080, 70],
    [800, 65],
    [640, 60],
  ] as const) {
    const encoded = await toJpeg(bytes, width, quality)
    if (encoded.length <= INLINE_MAX_BYTES) return encoded
  }
  throw new Error('图片无法压缩到 1 MB 以内')
}

/** The cover as a JPEG of at most 64 KB: lower quality first, then a smaller size. */
export async function thumbBytes(bytes: Buffer): Promise<Buffer> {
  for (const width of THUMB_WIDTHS) {
    for (const quality of THUMB_QUALITIES) {
      const encoded = await toJpeg(bytes, width, quality)
      if (encoded.length <= THUMB_MAX_BYTES) return encoded
    }
  }
  throw new Error('封面图片无法压缩到 64 KB 以内')
}

/**
 * The image decoded upright (EXIF orientation applied before sharp's output drops all metadata),
 * never more than the pixels an upload may have.
 */
function decode(bytes: Buffer): Sharp {
  return sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS }).rotate()
}

function toJpeg(bytes: Buffer, maxWidth: number, quality: number): Promise<Buffer> {
  return decode(bytes)
    .flatten({ background: '#ffffff' }) // transparent PNG areas would turn black in JPEG
    .resize({ width: maxWidth, withoutEnlargement: true })
    .jpeg({ quality, mozjpeg: true })
    .toBuffer()
}
