import { APIError, ValidationError, type AfterErrorHook } from 'payload'

/** An error whose message (in Chinese) reaches the client as it is, with its HTTP status. */
export const publicError = (message: string, status: number): APIError => new APIError(message, status, {}, true)

/** A message in both admin languages. */
export interface Bilingual {
  zh: string
  en: string
}

/** The admin language of a request (`req.i18n.language`): English only when the user chose it. */
export const languageOf = (req: { i18n?: { language?: string } } | null | undefined): 'zh' | 'en' =>
  req?.i18n?.language === 'en' ? 'en' : 'zh'

/** The text of `message` in the request's admin language. */
export const say = (req: { i18n?: { language?: string } } | null | undefined, message: Bilingual): string => message[languageOf(req)]

interface FieldError {
  path?: string
  message?: string
  label?: unknown
}

/** 「标签：原因」 unless the reason already names the field (our own validators do; Payload's 「该字段为必填项。」 does not). */
function reasonOf(entry: { message: string; label?: unknown }, lang: 'zh' | 'en'): string {
  const label = typeof entry.label === 'string' ? entry.label.trim() : ''
  const last = label.split(' > ').pop() ?? ''
  if (!label || entry.message.startsWith(last)) return entry.message
  return lang === 'en' ? `${label}: ${entry.message}` : `${label}：${entry.message}`
}

/**
 * Payload's own ValidationError message lists only the fields' labels (「下面的字段是无效的：内容 > 标题」),
 * which the admin shows as the save toast while the reason sits on the field, possibly on another tab.
 * This `afterError` hook (registered once on the config, so it covers every collection and global,
 * REST and the admin alike) rewrites that message into the reasons themselves, joined by 「；」, and
 * keeps `data.errors` (path + message) untouched so the admin still marks each field.
 *
 * The toast splits the message at its first ASCII colon and at ASCII commas, so the reasons are
 * written with full-width punctuation in Chinese and without commas in English.
 */
export const explainValidationErrors: AfterErrorHook = ({ error, req, result }) => {
  if (!(error instanceof ValidationError)) return
  const fieldErrors = ((error.data as { errors?: FieldError[] } | undefined)?.errors ?? []).filter(
    (entry): entry is Required<FieldError> => typeof entry?.message === 'string' && entry.message !== '',
  )
  if (fieldErrors.length === 0) return
  const intro = say(req, { zh: '无法保存：', en: 'Cannot save: ' })
  const lang = languageOf(req)
  const reasons = [...new Set(fieldErrors.map((entry) => reasonOf(entry, lang)))].join(lang === 'en' ? '; ' : '；')
  const response = (result ?? {}) as { errors?: Array<Record<string, unknown>> }
  const errors = Array.isArray(response.errors) && response.errors.length > 0 ? response.errors : [{}]
  return {
    response: { ...response, errors: [{ ...errors[0], message: `${intro}${reasons}` }, ...errors.slice(1)] },
    status: 400,
  }
}
