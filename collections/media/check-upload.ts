import type { CollectionBeforeOperationHook } from 'payload'
import { publicError } from '../../src/errors'

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024
export const UPLOAD_TOO_LARGE_MESSAGE = '文件过大：图片不能超过 10 MB'

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

export const checkUpload: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const file = req.file
  if (!file) return args
  if (file.size > MAX_UPLOAD_BYTES || file.data.length > MAX_UPLOAD_BYTES) {
    throw publicError(UPLOAD_TOO_LARGE_MESSAGE, 413)
  }
  const detected = detectImageType(file.data)
  if (!detected) {
    throw publicError(`文件类型不支持：只能上传 JPG、PNG 或 WebP 图片（"${file.name}" 是 ${file.mimetype || '未知类型'}）`, 400)
  }
  file.mimetype = detected
  return args
}
