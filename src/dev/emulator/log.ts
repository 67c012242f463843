/** The request log tests read: one entry per API call, with secrets and tokens kept out. */
import type { MultipartPart } from './multipart'

export interface RequestLogEntry {
  seq: number
  /** Emulator clock (ms) when the request arrived. */
  time: number
  method: string
  path: string
  /** Query parameters without access_token; secrets masked. */
  query: Record<string, string>
  appId: string | null
  body: unknown
  /** errcode of the answer; null for HTTP-level answers (500, dropped before writing, redirects). */
  errcode: number | null
  httpStatus: number
  fault: 'system-error' | 'http-500' | 'dropped' | `errcode-${number}` | null
  durationMs: number
}

const SECRET_KEYS = new Set(['secret', 'access_token', 'refresh_token'])
const MAX_STRING = 200
const MAX_ARRAY = 20

export function summarizeQuery(query: URLSearchParams): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [key, value] of query) {
    if (key === 'access_token') continue
    result[key] = SECRET_KEYS.has(key) ? '***' : value
  }
  return result
}

/** A readable, bounded copy of a request body. */
export function summarizeBody(json: unknown, parts: MultipartPart[] | null, rawLength: number): unknown {
  if (parts) {
    return { files: parts.map((part) => ({ field: part.name, filename: part.filename, contentType: part.contentType, bytes: part.data.length })) }
  }
  if (json !== undefined) return summarizeValue(json, 0)
  return rawLength > 0 ? { bytes: rawLength } : null
}

function summarizeValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') {
    return value.length > MAX_STRING ? `${value.slice(0, 80)}… (${value.length} chars)` : value
  }
  if (Array.isArray(value)) {
    const head = value.slice(0, MAX_ARRAY).map((entry) => summarizeValue(entry, depth + 1))
    return value.length > MAX_ARRAY ? [...head, `… (${value.length} items)`] : head
  }
  if (typeof value === 'object' && value !== null) {
    if (depth > 6) return '…'
    const result: Record<string, unknown> = {}
    for (const [key, entry] of Object.entries(value)) result[key] = SECRET_KEYS.has(key) ? '***' : summarizeValue(entry, depth + 1)
    return result
  }
  return value
}
