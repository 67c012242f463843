/**
 * A multipart/form-data body for one file field. wechat-api's own upload methods only take a file
 * path (they `fs.stat` it and stream it through formstream); our images are in memory (re-encoded
 * by sharp), so the extension methods send a ready-made body through urllib's `content` option.
 */
import { randomBytes } from 'node:crypto'

export interface MultipartBody {
  body: Buffer
  contentType: string
}

export function multipartFile(field: string, filename: string, contentType: string, bytes: Buffer): MultipartBody {
  const boundary = `----wechat${randomBytes(12).toString('hex')}`
  // Quotes and line breaks in a filename would break the header; WeChat only needs the extension.
  const safeName = filename.replace(/["\r\n\\]/g, '_')
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${safeName}"\r\nContent-Type: ${contentType}\r\n\r\n`)
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  return { body: Buffer.concat([head, bytes, tail]), contentType: `multipart/form-data; boundary=${boundary}` }
}
