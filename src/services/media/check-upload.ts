import { APIError, type CollectionAfterErrorHook, type CollectionBeforeOperationHook, type PayloadRequest } from 'payload'
import { publicError } from '../../shared/errors'
import { languageOf } from '../../shared/bilingual'
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, detectFileType, imageFormatOf, replaceWithCleanImage } from '../../shared/clean-image'

/** WeChat's limit for an image material (素材管理, image ≤ 10 MB); the demo's covers are far below it. */
export const MAX_UPLOAD_MB = 10
export const MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
/**
 * Payload's multipart parser stops at MAX_UPLOAD_BYTES with this message (payload.config `upload`);
 * `explainUploadError` then rewrites it with the file's size in the admin's language.
 */
export const UPLOAD_TOO_LARGE_MESSAGE = `文件过大：图片不能超过 ${MAX_UPLOAD_MB} MB`

export { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from '../../shared/clean-image'

/** `11.3 MB` / `850 KB`: a size as people read it (1 MB = 1024 × 1024 bytes, as the limit is counted). */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}

/** The refusal of a file over the limit, naming the limit and the file's size (when known). */
function tooLargeMessage(lang: 'zh' | 'en', bytes: number | null, name?: string): string {
  const file = name ? (lang === 'en' ? `"${name}" ` : `“${name}”`) : ''
  if (lang === 'en') {
    return `File too large: images may be at most ${MAX_UPLOAD_MB} MB (WeChat's limit)${bytes ? `; ${file || 'this file '}is ${formatSize(bytes)}` : ''}`
  }
  return `文件过大：图片不能超过 ${MAX_UPLOAD_MB} MB（微信的图片上限）${bytes ? `，${file || '所选文件'}有 ${formatSize(bytes)}` : ''}`
}

/** The refusal of an image over MAX_IMAGE_PIXELS or MAX_IMAGE_SIDE, naming the limits and the image's size. */
function tooManyPixelsMessage(lang: 'zh' | 'en', name: string, width: number, height: number): string {
  return lang === 'en'
    ? `Image too large in pixels: at most ${MAX_IMAGE_PIXELS / 1_000_000} megapixels and ${MAX_IMAGE_SIDE} pixels a side; "${name}" is ${width}×${height}`
    : `图片尺寸过大：最多 ${MAX_IMAGE_PIXELS / 10_000} 万像素、每边不超过 ${MAX_IMAGE_SIDE} 像素，“${name}”是 ${width}×${height}`
}

/**
 * Checks an upload before Payload stores it or sharp resizes it, then replaces it with a clean copy:
 * - size, type by content (JPEG, PNG or WebP, whatever the name or the browser's MIME type say), pixel
 *   dimensions (MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE); every refusal is a 4xx with a message in the admin's
 *   language naming the limit and the file's own figure;
 * - the image re-encoded without EXIF/XMP/IPTC (GPS included), upright (src/shared/clean-image.ts); Payload stores
 *   these bytes and makes its sizes from them, so no stored file keeps the original's metadata;
 * - the name's extension and the MIME type follow the detected type (`polyglot.html` holding a JPEG
 *   is stored as `polyglot.jpg`, `image/jpeg`), so no file is ever served under a name a browser
 *   would open as a page.
 * A create without a file is refused: Payload would otherwise fetch `data.url` from the web and store
 * it unchecked (only duplicating a stored image, already clean, needs no file).
 */
export const checkUpload: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const file = req.file
  const lang = languageOf(req)
  if (!file) {
    if (operation === 'create' && (args as { duplicateFromID?: unknown }).duplicateFromID == null) {
      throw publicError(
        lang === 'en'
          ? 'Choose the image file to upload (images are not fetched from web addresses)'
          : '请选择要上传的图片文件（不支持从网址导入图片）',
        400,
      )
    }
    return args
  }
  const size = Math.max(file.size ?? 0, file.data?.length ?? 0)
  if (size > MAX_UPLOAD_BYTES) throw publicError(tooLargeMessage(lang, size, file.name), 413)
  if ((file as { truncated?: boolean }).truncated) {
    // The parser kept only the first MAX_UPLOAD_BYTES; the request's length tells the file's size
    // (it exceeds it by the few hundred bytes of the form's other parts).
    const length = Number(req.headers?.get?.('content-length') ?? 0)
    throw publicError(tooLargeMessage(lang, Number.isFinite(length) && length > MAX_UPLOAD_BYTES ? length : null, file.name), 413)
  }
  const format = imageFormatOf((await detectFileType(file.data))?.mime)
  if (format !== 'jpeg' && format !== 'png' && format !== 'webp') {
    throw publicError(
      lang === 'en'
        ? `Unsupported file type: only JPG, PNG or WebP images can be uploaded ("${file.name}" is ${file.mimetype || 'of an unknown type'})`
        : `文件类型不支持：只能上传 JPG、PNG 或 WebP 图片（“${file.name}”是 ${file.mimetype || '未知类型'}）`,
      400,
    )
  }
  await replaceWithCleanImage(file, format, {
    damaged: () =>
      publicError(
        lang === 'en'
          ? `The image cannot be read: "${file.name}" is damaged or not a complete JPG, PNG or WebP image`
          : `图片无法读取：“${file.name}”已损坏或不是完整的 JPG、PNG 或 WebP 图片`,
        400,
      ),
    tooLarge: ({ width, height }) => publicError(tooManyPixelsMessage(lang, file.name, width, height), 400),
  })
  return args
}

/**
 * Payload's multipart parser refuses a body over the limit before a collection's upload check runs,
 * with one fixed message (UPLOAD_TOO_LARGE_MESSAGE). The `afterError` hook this makes rewrites it with
 * `message(lang, bytes)`: the collection's own wording, the file's size (from Content-Length, which
 * exceeds the file by the few hundred bytes of the form's other parts; null when unknown) and the
 * admin's language.
 */
export const explainTooLargeUpload =
  (message: (lang: 'zh' | 'en', bytes: number | null) => string): CollectionAfterErrorHook =>
  ({ error, req, result }) => {
    if (!(error instanceof APIError) || error.status !== 413 || error.message !== UPLOAD_TOO_LARGE_MESSAGE) return
    const length = Number((req as PayloadRequest).headers?.get?.('content-length') ?? 0)
    return { response: { ...(result as object), errors: [{ message: message(languageOf(req), Number.isFinite(length) && length > 0 ? length : null) }] }, status: 413 }
  }

/** The parser's refusal of an image over the limit, with the file's size, in the admin's language. */
export const explainUploadError = explainTooLargeUpload((lang, bytes) => tooLargeMessage(lang, bytes))
