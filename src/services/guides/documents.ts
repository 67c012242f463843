import type { CollectionBeforeOperationHook } from 'payload'
import { languageOf } from '../../shared/bilingual'
import { detectFileType, replaceWithCleanImage, withExtension } from '../../shared/clean-image'
import { publicError } from '../../shared/errors'
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_MB, explainTooLargeUpload, formatSize } from '../media/check-upload'

/**
 * The files a guide offers residents (空白表格, 填写样表): PDF, Word, Excel, JPG or PNG, at most
 * MAX_DOCUMENT_MB (the request parser's limit for every upload, payload.config `upload`).
 */
export const MAX_DOCUMENT_MB = MAX_UPLOAD_MB
export const MAX_DOCUMENT_BYTES = MAX_UPLOAD_BYTES
export const DOCUMENT_KINDS_LABEL = 'PDF、DOC、DOCX、XLS、XLSX、JPG、PNG'

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** Old Word and Excel files are both OLE compound files: file-type says `application/x-cfb`, the name tells which. */
const CFB = 'application/x-cfb'

/** The stored types, by the MIME type detected from the bytes: the extension and MIME type the file is stored under. */
const STORED: Record<string, { ext: string; mime: string }> = {
  'application/pdf': { ext: 'pdf', mime: 'application/pdf' },
  [DOCX]: { ext: 'docx', mime: DOCX },
  [XLSX]: { ext: 'xlsx', mime: XLSX },
  'image/jpeg': { ext: 'jpg', mime: 'image/jpeg' },
  'image/png': { ext: 'png', mime: 'image/png' },
}
const OLD_OFFICE: Record<string, { ext: string; mime: string }> = {
  doc: { ext: 'doc', mime: 'application/msword' },
  xls: { ext: 'xls', mime: 'application/vnd.ms-excel' },
}

/** Payload's own type check (`upload.mimeTypes`) sees the detected type, so the compound file's type is listed too. */
export const DOCUMENT_MIME_TYPES = [...Object.keys(STORED), CFB, ...Object.values(OLD_OFFICE).map((type) => type.mime)]

const extensionOf = (name: string) => /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? ''

function tooLarge(lang: 'zh' | 'en', bytes: number | null, name?: string): string {
  if (lang === 'en')
    return `File too large: forms and samples may be at most ${MAX_DOCUMENT_MB} MB${bytes ? `; ${name ? `"${name}"` : 'this file'} is ${formatSize(bytes)}` : ''}`
  return `文件过大：表格和样表不能超过 ${MAX_DOCUMENT_MB} MB${bytes ? `，${name ? `“${name}”` : '所选文件'}有 ${formatSize(bytes)}` : ''}`
}

/**
 * Checks a form or sample before Payload stores it: its size, and its type by content (whatever the
 * name or the browser say): PDF, DOCX, XLSX, JPG or PNG by their bytes; DOC and XLS (both compound
 * files) by their bytes and the name's extension. The stored name's extension and the MIME type
 * follow what the bytes are (`form.exe` holding a PDF is stored as `form.pdf`); images are
 * re-encoded without EXIF (a sample photographed on a phone carries its location), as media's are.
 * A create without a file is refused.
 */
export const checkDocumentUpload: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const file = req.file
  const lang = languageOf(req)
  if (!file) {
    if (operation === 'create' && (args as { duplicateFromID?: unknown }).duplicateFromID == null) {
      throw publicError(lang === 'en' ? 'Choose the file to upload' : '请选择要上传的文件', 400)
    }
    return args
  }
  const size = Math.max(file.size ?? 0, file.data?.length ?? 0)
  if (size > MAX_DOCUMENT_BYTES || (file as { truncated?: boolean }).truncated)
    throw publicError(tooLarge(lang, size > MAX_DOCUMENT_BYTES ? size : null, file.name), 413)
  const detected = (await detectFileType(file.data))?.mime
  const stored = detected === CFB ? OLD_OFFICE[extensionOf(file.name)] : detected ? STORED[detected] : undefined
  if (!stored) {
    throw publicError(
      lang === 'en'
        ? `Unsupported file type: forms and samples must be ${DOCUMENT_KINDS_LABEL} ("${file.name}" is ${detected ?? 'of an unknown type'})`
        : `文件类型不支持：表格和样表只能是 ${DOCUMENT_KINDS_LABEL}（“${file.name}”是 ${detected ?? '未知类型'}）`,
      400,
    )
  }
  if (stored.ext === 'jpg' || stored.ext === 'png') {
    const damaged = () => publicError(lang === 'en' ? `The image cannot be read: "${file.name}" is damaged` : `图片无法读取：“${file.name}”已损坏`, 400)
    await replaceWithCleanImage(file, stored.ext === 'jpg' ? 'jpeg' : 'png', { damaged, tooLarge: damaged })
  }
  file.mimetype = stored.mime
  file.name = withExtension(file.name, stored.ext)
  return args
}

/** The request parser's refusal of a body over the limit, reworded for forms and samples in the admin's language. */
export const explainDocumentUploadError = explainTooLargeUpload((lang, bytes) => tooLarge(lang, bytes))
