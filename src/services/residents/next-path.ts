/** Where a resident goes back to after WeChat's authorisation: a path on the residents' pages only. */

/** Where a resident lands when no (acceptable) target was given. */
export const DEFAULT_RESIDENT_PATH = '/m/guides'

/**
 * `value` when it is a same-site path under /m/ (with its query, without a fragment), else
 * DEFAULT_RESIDENT_PATH — never another host: `//evil.example`, `/\evil.example`, `https://…`,
 * `/m/../admin`, control characters and over-long values are all refused (no open redirect).
 */
export function safeResidentPath(value: string | null | undefined): string {
  if (!value || value.length > 512) return DEFAULT_RESIDENT_PATH
  // Browsers treat a backslash as a slash and drop tabs and newlines, so `/\evil` would leave the site.
  if (!value.startsWith('/') || value.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(value)) return DEFAULT_RESIDENT_PATH
  let parsed: URL
  try {
    parsed = new URL(value, 'http://residents.invalid')
  } catch {
    return DEFAULT_RESIDENT_PATH
  }
  if (parsed.origin !== 'http://residents.invalid') return DEFAULT_RESIDENT_PATH
  // After resolving dot segments: `/m/../admin` is `/admin` and is refused.
  if (parsed.pathname !== '/m' && !parsed.pathname.startsWith('/m/')) return DEFAULT_RESIDENT_PATH
  return `${parsed.pathname}${parsed.search}`
}
