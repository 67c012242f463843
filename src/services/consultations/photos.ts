/**
 * A resident's suggestion photo made safe to store (issue 14, deliverable 2): judged by its bytes, not
 * its name or declared type; re-encoded from the decoded pixels so no EXIF (GPS position, time, device),
 * XMP or IPTC survives; HEIC/HEIF (iPhones' default) and WebP converted to formats every browser and
 * WeChat show (JPEG, or PNG for a WebP with transparency).
 *
 * Why a separate HEIC decoder: sharp's prebuilt libvips carries libheif for AVIF only (no HEVC decoder,
 * `sharp.format.heif.input.fileSuffix` is `['.avif']`), so HEIC/HEIF is decoded by `heic-decode`
 * (libheif compiled to WebAssembly), then encoded by sharp. libheif applies the HEIF's own rotation
 * and mirror boxes while decoding, which is how HEIF stores orientation.
 */
import decodeHeic from 'heic-decode'
import type { Payload } from 'payload'
import sharp from 'sharp'
import { createLimiter } from '../../shared/concurrency-limit'
import { perPayload } from '../../shared/per-payload'
import { cleanImage, detectFileType, exceedsImageLimits, MAX_IMAGE_PIXELS, readImageHeader, withExtension } from '../../shared/clean-image'
import { MAX_PHOTO_BYTES, validateSubmission } from './submission'
import type { CleanPhoto } from './submit'

/** The photo submitSuggestion takes (submit.ts): JPEG or PNG bytes without metadata but the colour profile. */
export type { CleanPhoto }

export type CleanPhotoResult = { ok: true; photo: CleanPhoto } | { ok: false; message: string }

/** The format names of submission.ts, from file-type's MIME types. */
const FORMAT_OF_MIME: Record<string, string> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heic-sequence': 'heic',
  'image/heif': 'heif',
  'image/heif-sequence': 'heif',
  'image/gif': 'gif',
}

/** JPEG quality of converted photos: the shared cleaner's (90), visually lossless for a phone photo. */
const JPEG_QUALITY = 90

/**
 * validateSubmission's message for one photo, moved to its place in the form (第 n 张): the form and
 * the chat say the same thing for the same photo.
 */
function photoProblem(format: string, bytes: number, position: number): string | null {
  const check = validateSubmission({ text: '-', photos: [{ format, bytes }] })
  if (check.ok) return null
  const message = check.problems.photos
  return message ? message.replace('第 1 张', `第 ${position} 张`) : null
}

const damaged = (position: number): CleanPhotoResult => ({
  ok: false,
  message: `第 ${position} 张照片无法读取（文件可能已损坏或不完整），请重新选择`,
})

const tooManyPixels = (position: number, width: number, height: number): CleanPhotoResult => ({
  ok: false,
  message: `第 ${position} 张照片尺寸过大（${width}×${height} 像素），请缩小后再上传`,
})

/**
 * The most pixels of a HEIC/HEIF photo: 24 megapixels (an iPhone's 48 MP mode is the one refused; its
 * default 12 MP and 24 MP pass), lower than the shared 50 MP. heic-decode is libheif compiled to
 * WebAssembly and decodes **synchronously on the main thread**: 24 MP already holds the event loop about
 * a second and takes ~100 MB of RGBA, and during that nothing else of the process answers.
 */
export const MAX_HEIC_PIXELS = 24_000_000

const heicTooLarge = (position: number, width: number, height: number): CleanPhotoResult => ({
  ok: false,
  message: `第 ${position} 张 HEIC 照片像素过多（${width}×${height}，约 ${Math.round((width * height) / 1_000_000)} 百万像素，最多 2400 万像素），请在手机相机设置中改用较低分辨率或“兼容性最佳”格式，或截图后再上传`,
})

/** Photos decoded at once in one process (each may take a few hundred MB and, for HEIC, the main thread). */
export const MAX_CONCURRENT_DECODES = 2

const decodingOf = perPayload('consultation-photo-decoding', () => createLimiter(MAX_CONCURRENT_DECODES))
const uploadsOf = perPayload('consultation-uploads-in-progress', () => new Set<string>())

/**
 * `cleanSuggestionPhoto` under the process's limit of MAX_CONCURRENT_DECODES decodes at once (the rest
 * wait their turn in order): a burst of uploads cannot take all the memory or hold the event loop.
 */
export function cleanSuggestionPhotoLimited(payload: Payload, bytes: Buffer, filename: string, options: { position?: number } = {}): Promise<CleanPhotoResult> {
  return decodingOf(payload)(() => cleanSuggestionPhoto(bytes, filename, options))
}

/**
 * Marks the upload of a suggestion by `openid` as in progress: a function that ends it (call once, in
 * a `finally`), or null when one of theirs is already in progress on this process — one upload per
 * resident at a time, so one resident cannot fill the decode queue.
 */
export function beginSuggestionUpload(payload: Payload, openid: string): (() => void) | null {
  const uploads = uploadsOf(payload)
  if (uploads.has(openid)) return null
  uploads.add(openid)
  return () => {
    uploads.delete(openid)
  }
}

/** The resident's file name without folders, control characters or a length that helps nobody. */
function safeBaseName(filename: string): string {
  const base = filename
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .trim()
  return Array.from(base).slice(-80).join('') || 'photo'
}

/**
 * Cleans one suggestion photo. `bytes`: the file as uploaded (at most 10 MB, MAX_PHOTO_BYTES, checked
 * before anything is decoded); `filename`: its name as the browser sent it (only the base is kept, the
 * extension follows the output). `options.position`: its place in the form (1-based) for the messages.
 *
 * - JPEG, PNG: re-encoded in their format by the shared cleaner (upright, ICC kept, nothing else);
 * - WebP: to JPEG, or PNG when it has an alpha channel (a sticker or screenshot with transparency
 *   would turn black in JPEG); an animated WebP keeps its first frame;
 * - HEIC/HEIF: the primary image decoded by heic-decode, to JPEG;
 * - GIF and anything else: refused with validateSubmission's Chinese message.
 * Images over the shared limits (50 megapixels, 16383 px a side) — HEIC/HEIF over MAX_HEIC_PIXELS
 * (24 megapixels) — are refused before decoding.
 * Never throws for a bad file: `{ ok: false, message }` in Chinese.
 */
export async function cleanSuggestionPhoto(bytes: Buffer, filename: string, options: { position?: number } = {}): Promise<CleanPhotoResult> {
  const position = options.position ?? 1
  const detected = bytes.length > 0 ? await detectFileType(bytes) : null
  const format = (detected && FORMAT_OF_MIME[detected.mime]) ?? detected?.ext ?? 'unknown'
  // Size first (an empty or oversized file is refused whatever it holds), then the format.
  const refused = photoProblem(bytes.length === 0 || bytes.length > MAX_PHOTO_BYTES ? 'jpeg' : format, bytes.length, position)
  if (refused) return { ok: false, message: refused }
  const base = safeBaseName(filename)
  const result = (data: Buffer, mimetype: CleanPhoto['mimetype']): CleanPhotoResult => ({
    ok: true,
    photo: {
      data,
      mimetype,
      filename: withExtension(base, mimetype === 'image/png' ? 'png' : 'jpg'),
      originalFormat: format as CleanPhoto['originalFormat'],
      originalBytes: bytes.length,
    },
  })

  if (format === 'heic' || format === 'heif') return cleanHeic(bytes, position, result)

  const header = await readImageHeader(bytes)
  if (!header || header.format !== format) return damaged(position)
  if (exceedsImageLimits(header)) return tooManyPixels(position, header.width, header.height)
  try {
    if (format === 'jpeg') return result(await cleanImage(bytes, header), 'image/jpeg')
    if (format === 'png') return result(await cleanImage(bytes, { ...header, pages: 1 }), 'image/png')
    return await cleanWebp(bytes, result)
  } catch {
    return damaged(position)
  }
}

/** WebP → JPEG, or PNG when it has transparency; first frame only, upright, no metadata. */
async function cleanWebp(bytes: Buffer, result: (data: Buffer, mimetype: CleanPhoto['mimetype']) => CleanPhotoResult) {
  const image = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS }).rotate().keepIccProfile()
  const { hasAlpha } = await sharp(bytes, { limitInputPixels: false }).metadata()
  if (hasAlpha) return result(await image.png().toBuffer(), 'image/png')
  return result(await image.jpeg({ quality: JPEG_QUALITY }).toBuffer(), 'image/jpeg')
}

/**
 * The decoder's list of images as heic-decode 2.1 returns it: each with its size (read without decoding)
 * and `dispose` to free the WebAssembly memory — @types/heic-decode 2.0 omits both.
 */
type HeicImages = Array<{ width: number; height: number; decode: () => Promise<{ width: number; height: number; data: Uint8ClampedArray }> }> & {
  dispose?: () => void
}

/**
 * HEIC/HEIF → JPEG: the primary image's size read before its pixels are decoded (the shared limits
 * apply), then its RGBA pixels encoded by sharp, flattened on white (a JPEG has no alpha).
 */
async function cleanHeic(bytes: Buffer, position: number, result: (data: Buffer, mimetype: CleanPhoto['mimetype']) => CleanPhotoResult) {
  let images: HeicImages
  try {
    images = (await decodeHeic.all({ buffer: bytes })) as unknown as HeicImages
  } catch {
    return damaged(position)
  }
  try {
    const first = images[0]
    if (!first) return damaged(position)
    if (exceedsImageLimits({ format: 'jpeg', width: first.width, height: first.height, pages: 1 })) {
      return tooManyPixels(position, first.width, first.height)
    }
    // The size is read from the header; the pixels are not decoded yet.
    if (first.width * first.height > MAX_HEIC_PIXELS) return heicTooLarge(position, first.width, first.height)
    const decoded = await first.decode()
    const pixels = Buffer.from(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength)
    const jpeg = await sharp(pixels, { raw: { width: decoded.width, height: decoded.height, channels: 4 }, limitInputPixels: MAX_IMAGE_PIXELS })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: JPEG_QUALITY })
      .toBuffer()
    return result(jpeg, 'image/jpeg')
  } catch {
    return damaged(position)
  } finally {
    images.dispose?.()
  }
}
