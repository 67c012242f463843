/**
 * A resident's suggestion (建议) on a consultation topic: validation with a Chinese problem per field,
 * the masks for staff outside the handling office, and the fingerprint that makes every submission
 * stored once. Pure: the photos arrive already sniffed (the format name read from the file's bytes, not
 * its name or its declared type) and measured; converting HEIC/WebP and stripping EXIF happen elsewhere
 * (src/shared/clean-image.ts).
 *
 * Rules (issue 14, deliverable 2):
 * - text: 1–1000 characters after trimming, counted as people count them (`Array.from`: one per code
 *   point, so 𠀀 or an emoji is one, not two UTF-16 units);
 * - photos: at most 6, each at most 10 MB (10 × 1024 × 1024 bytes) and sniffed as jpeg, png, heic, heif
 *   or webp; gif (often animated, not a photo) and anything else refused;
 * - name: optional; when given, `validateName` of the appointments (2–20 characters, Han or Latin, `·`);
 * - phone: optional; when given, a **mainland mobile number** (`validateMobile`). Landlines are refused
 *   on purpose: the masks and the retention rules of the project are written for mobile numbers, a
 *   landline with or without area code and extension has no single shape to check or mask, and the
 *   office answers mostly through WeChat anyway (the phone is only for a call back).
 */
import { createHash } from 'node:crypto'
import { maskMobile, maskName, validateMobile, validateName } from '../appointments/resident-data'

export const MAX_TEXT_LENGTH = 1000
export const MAX_PHOTOS = 6
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024
/** Sniffed format names accepted (lower case). */
export const ACCEPTED_PHOTO_FORMATS = ['jpeg', 'png', 'heic', 'heif', 'webp'] as const

/** A photo as the upload step describes it: the format sniffed from its bytes and its size in bytes. */
export interface PhotoInput {
  format: string
  bytes: number
}

export interface SubmissionInput {
  text?: unknown
  photos?: readonly PhotoInput[] | null
  name?: unknown
  phone?: unknown
}

export interface ValidSubmission {
  /** Trimmed. */
  text: string
  photos: PhotoInput[]
  /** Normalized, or null when not given. */
  name: string | null
  /** 11 digits, or null when not given. */
  phone: string | null
}

export type SubmissionField = 'text' | 'photos' | 'name' | 'phone'
export type SubmissionCheck = { ok: true; value: ValidSubmission } | { ok: false; problems: Partial<Record<SubmissionField, string>> }

const blank = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '')

/** Characters as people count them (code points). */
export const characterCount = (text: string): number => Array.from(text).length

/**
 * A Payload field `validate` limiting a text to `max` characters counted as `characterCount` counts
 * them (code points), where the field's own `maxLength` counts UTF-16 units: 𠮷 or an emoji is one
 * character but two units, so a text the rules accept (validateSubmission, decideModeration,
 * validateOutcome) would be refused by `maxLength` when stored — a thrown ValidationError after the
 * resident's text was taken. It replaces Payload's default check, so it also answers `required`.
 * Answers true, or the Chinese problem (shown in the admin next to the field).
 */
export const characterLimit =
  (max: number) =>
  (value: unknown, options: { required?: boolean }): true | string => {
    const text = typeof value === 'string' ? value : ''
    if (text.trim() === '') return options.required ? '必填' : true
    const length = characterCount(text)
    return length <= max ? true : `不能超过 ${max} 个字，现在是 ${length} 个字`
  }

/**
 * Checks a suggestion; the answer is the cleaned values or the Chinese problem of each bad field (the
 * form shows them next to the fields). For photos the message names the first bad photo (第 n 张).
 */
export function validateSubmission(input: SubmissionInput): SubmissionCheck {
  const problems: Partial<Record<SubmissionField, string>> = {}
  const text = typeof input.text === 'string' ? input.text.trim() : ''
  const length = characterCount(text)
  if (length === 0) problems.text = '请填写您的建议'
  else if (length > MAX_TEXT_LENGTH) problems.text = `建议不能超过 ${MAX_TEXT_LENGTH} 个字，现在是 ${length} 个字`

  const photos = [...(input.photos ?? [])]
  if (photos.length > MAX_PHOTOS) problems.photos = `最多上传 ${MAX_PHOTOS} 张照片，现在是 ${photos.length} 张`
  else {
    const bad = photos.findIndex((photo) => !(ACCEPTED_PHOTO_FORMATS as readonly string[]).includes(photo.format.toLowerCase()))
    const big = photos.findIndex((photo) => !(photo.bytes > 0 && photo.bytes <= MAX_PHOTO_BYTES))
    if (bad >= 0) {
      const format = photos[bad]!.format.toLowerCase()
      problems.photos =
        format === 'gif'
          ? `第 ${bad + 1} 张是 GIF 动图，请上传照片（JPG、PNG、HEIC 或 WebP）`
          : `第 ${bad + 1} 张不是支持的图片格式，请上传 JPG、PNG、HEIC 或 WebP 照片`
    } else if (big >= 0) {
      problems.photos = photos[big]!.bytes > 0 ? `第 ${big + 1} 张照片超过 10 MB，请压缩后再上传` : `第 ${big + 1} 张照片是空文件，请重新选择`
    }
  }

  let name: string | null = null
  if (!blank(input.name)) {
    const checked = validateName(input.name)
    if (checked.ok) name = checked.value
    else problems.name = checked.message
  }
  let phone: string | null = null
  if (!blank(input.phone)) {
    const checked = validateMobile(input.phone)
    if (checked.ok) phone = checked.value
    else problems.phone = `${checked.message}（只接受手机号码，不接受固定电话）`
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems }
  return { ok: true, value: { text, photos: photos.map((photo) => ({ format: photo.format.toLowerCase(), bytes: photo.bytes })), name, phone } }
}

/**
 * The name and phone of a submission as a member of staff sees them: full for the handling office (and
 * admins), masked otherwise (张*, 138****1234 — the masks of the appointments). Null stays null.
 */
export function contactFor(contact: { name: string | null; phone: string | null }, fullAccess: boolean): { name: string | null; phone: string | null } {
  if (fullAccess) return { name: contact.name, phone: contact.phone }
  return { name: contact.name === null ? null : maskName(contact.name), phone: contact.phone === null ? null : maskMobile(contact.phone) }
}

/** The text as compared for "the same text": NFC, trimmed, every run of white space one space. */
export function normalizeForFingerprint(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/gu, ' ')
}

/**
 * A stable identity of a submission (hex sha256 of openid, topic id and the normalized text): the same
 * text posted again by the same resident on the same topic (twice from the page, or once from the page
 * and once from the chat) has the same fingerprint, so a unique index on it keeps one submission.
 * @throws RangeError when openid or topicId is empty.
 */
export function submissionFingerprint(openid: string, topicId: string | number, text: string): string {
  if (openid === '' || String(topicId) === '') throw new RangeError('openid and topicId must not be empty')
  // NUL separates the parts so ("ab","c") and ("a","bc") differ.
  return createHash('sha256')
    .update(`${openid}\u0000${String(topicId)}\u0000${normalizeForFingerprint(text)}`)
    .digest('hex')
}
