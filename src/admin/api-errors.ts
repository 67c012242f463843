/**
 * The text of an error answer of the project's endpoints (`{ errors: [{ message, code, data? }] }`,
 * src/http/api-error.ts), for the admin's components: the messages, already in the admin's language,
 * joined by `separator`; null when the body carries none.
 */
export function errorsText(body: unknown, separator = '\n'): string | null {
  const errors = (body as { errors?: unknown } | null)?.errors
  if (!Array.isArray(errors)) return null
  const messages = errors
    .map((entry) => (entry as { message?: unknown } | null)?.message)
    .filter((message): message is string => typeof message === 'string' && message !== '')
  return messages.length > 0 ? messages.join(separator) : null
}
