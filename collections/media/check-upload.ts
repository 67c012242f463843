import sharp from 'sharp'
import { APIError, type CollectionAfterErrorHook, type CollectionBeforeOperationHook, type PayloadRequest } from 'payload'
import { languageOf, publicError } from '../../src/errors'

/** WeChat's limit for an image material (素材管理, image ≤ 10 MB); the demo's covers are far below it. */
export const MAX_UPLOAD_MB = 10
export const MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
/**
 * Payload's multipart parser stops at MAX_UPLOAD_BYTES with this message (payload.config `upload`);
 * `explainUploadError` then rewrites it with the file's size in the admin's language.
 */
export const UPLOAD_TOO_LARGE_MESSAGE = `文件过大：图片不能超过 ${MAX_UPLOAD_MB} MB`

/**
 * Images larger than this in pixels are refused before sharp decodes them: 50 megapixels is beyond any
 * cover (WeChat shows 900×383) and decoding one costs about 200 MB of memory; 16383 is the largest side
 * sharp's WebP and JPEG encoders write.
 */
export const MAX_IMAGE_PIXELS = 50_000_000
export const MAX_IMAGE_SIDE = 16_383

const SIGNATURES: { mime: string; matches: (data: Buffer) => boolean }[] = [
  { mime: 'image/jpeg', matches: (data) => data.length > 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff },
  {
    mime: 'image/png',
    matches: (data) => data.length > 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    mime: 'image/webp',
    matches: (data) => data.length > 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP',
  },
]

/** What the bytes are, not what the browser claimed: only JPEG, PNG and WebP are accepted. */
export function detectImageType(data: Buffer): string | null {
  return SIGNATURES.find((signature) => signature.matches(data))?.mime ?? null
}

/** `11.3 MB` / `850 KB`: a size as people read it (1 MB = 1024 × 1024 bytes, as the limit is counted). */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}

/** The refusal of a file over the limit, naming the limit and the file's size (when known). */
export function tooLargeMessage(lang: 'zh' | 'en', bytes: number | null, name?: string): string {
  const file = name ? (lang === 'en' ? `"${name}" ` : `“${name}”`) : ''
  if (lang === 'en') {
    return `File too large: images may be at most ${MAX_UPLOAD_MB} MB (WeChat's limit)${bytes ? `; ${file || 'this file '}is ${formatSize(bytes)}` : ''}`
  }
  return `文件过大：图片不能超过 ${MAX_UPLOAD_MB} MB（微信的图片上限）${bytes ? `，${file || '所选文件'}有 ${formatSize(bytes)}` : ''}`
}

/**
 * Checks an upload before Payload stores it or sharp resizes it: size, type by content, and pixel
 * dimensions. Every refusal is a 4xx with a message in the admin's language naming the limit and the
 * file's own figure.
 */
export const checkUpload: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const file = req.file
  if (!file) return args
  const lang = languageOf(req)
  const size = Math.max(file.size ?? 0, file.data?.length ?? 0)
  if (size > MAX_UPLOAD_BYTES) throw publicError(tooLargeMessage(lang, size, file.name), 413)
  if ((file as { truncated?: boolean }).truncated) {
    // The parser kept only the first MAX_UPLOAD_BYTES; the request's length tells the file's size
    // (it exceeds it by the few hundred bytes of the form's other parts).
    const length = Number(req.headers?.get?.('content-length') ?? 0)
    throw publicError(tooLargeMessage(lang, Number.isFinite(length) && length > MAX_UPLOAD_BYTES ? length : null, file.name), 413)
  }
  const detected = detectImageType(file.data)
  if (!detected) {
    throw publicError(
      lang === 'en'
        ? `Unsupported file type: only JPG, PNG or WebP images can be uploaded ("${file.name}" is ${file.mimetype || 'of an unknown type'})`
        : `文件类型不支持：只能上传 JPG、PNG 或 WebP 图片（“${file.name}”是 ${file.mimetype || '未知类型'}）`,
      400,
    )
  }
  let width = 0
  let height = 0
  try {
    // Reads the header only: the dimensions are known before any pixel is decoded.
    const metadata = await sharp(file.data, { limitInputPixels: false }).metadata()
    width = metadata.width ?? 0
    height = metadata.height ?? 0
  } catch {
    width = 0
  }
  if (!width || !height) {
    throw publicError(
      lang === 'en'
        ? `The image cannot be read: "${file.name}" is damaged or not a complete JPG, PNG or WebP image`
        : `图片无法读取：“${file.name}”已损坏或不是完整的 JPG、PNG 或 WebP 图片`,
      400,
    )
  }
  if (width * height > MAX_IMAGE_PIXELS || width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    throw publicError(
      lang === 'en'
        ? `Image too large in pixels: at most ${MAX_IMAGE_PIXELS / 1_000_000} megapixels and ${MAX_IMAGE_SIDE} pixels a side; "${file.name}" is ${width}×${height}`
        : `图片尺寸过大：最多 ${MAX_IMAGE_PIXELS / 10_000} 万像素、每边不超过 ${MAX_IMAGE_SIDE} 像素，“${file.name}”是 ${width}×${height}`,
      400,
    )
  }
  file.mimetype = detected
  return args
}

/**
 * Payload's multipart parser refuses a body over the limit before `checkUpload` runs, with one fixed
 * message. This `afterError` hook gives it the file's size (from Content-Length, which exceeds the
 * file by the few hundred bytes of the form's other parts) and the admin's language.
 */
export const explainUploadError: CollectionAfterErrorHook = ({ error, req, result }) => {
  if (!(error instanceof APIError) || error.status !== 413 || error.message !== UPLOAD_TOO_LARGE_MESSAGE) return
  const length = Number((req as PayloadRequest).headers?.get?.('content-length') ?? 0)
  const message = tooLargeMessage(languageOf(req), Number.isFinite(length) && length > 0 ? length : null)
  return { response: { ...(result as object), errors: [{ message }] }, status: 413 }
}
