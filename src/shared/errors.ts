import { APIError, ValidationError, type AfterErrorHook } from 'payload'
import { formatShanghai } from './time'
import { languageOf, say } from './bilingual'

/** An error whose message (in Chinese) reaches the client as it is, with its HTTP status. */
export const publicError = (message: string, status: number): APIError => new APIError(message, status, {}, true)

/** Payload's English catch-all messages (routeError / formatErrors), which reach the admin's toast as they are. */
const GENERIC_MESSAGES = new Set(['Something went wrong.', 'An unknown error occurred.'])

/**
 * An unexpected failure is hidden behind Payload's English 「Something went wrong.」; staff get it in
 * their language with what to do, and the time to quote to whoever reads the server log.
 */
function genericMessage(req: Parameters<AfterErrorHook>[0]['req']): string {
  const at = formatShanghai(new Date())
  return say(req, {
    zh: `服务器出错，操作没有完成（北京时间 ${at}）。请稍后重试；一再出现请把这个时间告诉管理员。`,
    en: `A server error stopped this action (Beijing time ${at}). Try again later; if it keeps happening, tell an administrator this time.`,
  })
}

interface FieldError {
  path?: string
  message?: string
  label?: unknown
}

interface AnyField {
  name?: string
  type?: string
  label?: unknown
  fields?: AnyField[]
  tabs?: Array<{ name?: string; fields?: AnyField[] }>
}

const labelText = (label: unknown, lang: 'zh' | 'en'): string | null => {
  if (typeof label === 'string') return label
  if (label && typeof label === 'object') {
    const byLang = label as Record<string, unknown>
    const text = byLang[lang] ?? byLang.zh ?? byLang.en
    return typeof text === 'string' ? text : null
  }
  return null
}

/** The label of the field at `path` (`buttons.0.name`), looking through rows, tabs and collapsibles. */
export function fieldLabelAt(fields: AnyField[] | undefined, path: string[], lang: 'zh' | 'en'): string | null {
  const [head, ...rest] = path
  if (!fields || head === undefined) return null
  for (const field of fields) {
    if (!field.name) {
      const nested = field.type === 'tabs' ? (field.tabs ?? []) : [{ fields: field.fields }]
      for (const group of nested) {
        const found =
          'name' in group && group.name ? (group.name === head ? fieldLabelAt(group.fields, rest, lang) : null) : fieldLabelAt(group.fields, path, lang)
        if (found) return found
      }
      continue
    }
    if (field.name !== head) continue
    const inner = /^\d+$/.test(rest[0] ?? '') ? rest.slice(1) : rest
    if (inner.length === 0) return labelText(field.label, lang) ?? field.name
    return fieldLabelAt(field.fields, inner, lang)
  }
  return null
}

/** 「标签：原因」 unless the reason already names the field (our own validators do; Payload's 「该字段为必填项。」 does not). */
function reasonOf(entry: { message: string; label?: unknown }, lang: 'zh' | 'en'): string {
  const label = typeof entry.label === 'string' ? entry.label.trim() : ''
  // 「最多条数（微信上限 8）」 is named by 「最多条数」: a parenthesised note is not part of the name.
  const last = (label.split(' > ').pop() ?? '').replace(/（[^）]*）|\([^)]*\)/g, '').trim()
  if (!label || entry.message.includes(last)) return entry.message
  return lang === 'en' ? `${label}: ${entry.message}` : `${label}：${entry.message}`
}

/**
 * Payload's own ValidationError message lists only the fields' labels (「下面的字段是无效的：内容 > 标题」),
 * which the admin shows as the save toast while the reason sits on the field, possibly on another tab.
 * This `afterError` hook (registered once on the config, so it covers every collection and global,
 * REST and the admin alike) rewrites that message into the reasons themselves, joined by 「；」, and
 * keeps `data.errors` (path + message) untouched so the admin still marks each field. GraphQL answers get
 * the same message; Payload's English catch-all (「Something went wrong.」) is put in the admin's language.
 *
 * The toast splits the message at its first ASCII colon and at ASCII commas, so the reasons are
 * written with full-width punctuation in Chinese and without commas in English.
 */
export const explainValidationErrors: AfterErrorHook = ({ error, req, result, graphqlResult }) => {
  // GraphQL wraps the thrown error; REST passes it as it is.
  const original = ((error as { originalError?: unknown }).originalError ?? error) as unknown
  const rest = (result ?? {}) as { errors?: Array<Record<string, unknown> & { message?: string }> }
  const current = graphqlResult ? graphqlResult.message : rest.errors?.[0]?.message
  let message: string | null = null
  let status: number | undefined
  if (typeof current === 'string' && GENERIC_MESSAGES.has(current)) message = genericMessage(req)
  else if (original instanceof ValidationError) {
    message = validationMessage(original, req)
    status = 400
  }
  if (!message) return
  if (graphqlResult) return { graphqlResult: { ...graphqlResult, message } }
  const errors = Array.isArray(rest.errors) && rest.errors.length > 0 ? rest.errors : [{}]
  return { response: { ...rest, errors: [{ ...errors[0], message }, ...errors.slice(1)] }, ...(status ? { status } : {}) }
}

/** 「无法保存：」 and each field's reason, or null when the error carries none. */
function validationMessage(error: ValidationError, req: Parameters<AfterErrorHook>[0]['req']): string | null {
  const data = error.data as { errors?: FieldError[]; collection?: string; global?: string } | undefined
  const lang = languageOf(req)
  const config = req?.payload?.config
  const owner = (
    data?.global ? config?.globals?.find((entry) => entry.slug === data.global) : config?.collections?.find((entry) => entry.slug === data?.collection)
  ) as { fields?: AnyField[] } | undefined
  const fieldErrors = (data?.errors ?? [])
    .filter((entry): entry is FieldError & { message: string } => typeof entry?.message === 'string' && entry.message !== '')
    // The database's unique-value error comes without a label: find it from the field's path.
    .map((entry) => (entry.label || !entry.path ? entry : { ...entry, label: fieldLabelAt(owner?.fields, entry.path.split('.'), lang) ?? undefined }))
  if (fieldErrors.length === 0) return null
  const intro = say(req, { zh: '无法保存：', en: 'Cannot save: ' })
  return `${intro}${[...new Set(fieldErrors.map((entry) => reasonOf(entry, lang)))].join(lang === 'en' ? '; ' : '；')}`
}
