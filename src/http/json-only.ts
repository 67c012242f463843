/**
 * The project's own endpoints take JSON only.
 *
 * Why: a page on another site can make a signed-in browser send a form — `multipart/form-data`
 * (which Payload reads through its `_payload` field), `application/x-www-form-urlencoded` or
 * `text/plain` — with the staff member's cookie and no CORS preflight. A request whose
 * Content-Type is `application/json` cannot be sent across origins without a preflight that the
 * server does not grant (Payload's `cors` lists only the admin's own origin), so requiring it
 * closes cross-site request forgery on these endpoints whatever the Origin check decides.
 * Requests that change nothing (GET, HEAD, OPTIONS) are let through as they are; a bodyless POST
 * must still say `Content-Type: application/json` (the admin's buttons send `{}`).
 */
import type { Endpoint, PayloadRequest } from 'payload'
import { ApiError, errorResponse } from './api-error'

const SAFE_METHODS = new Set(['get', 'head', 'options'])

/** The media type of a Content-Type header, lower-cased, without parameters such as charset. */
function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase()
}

/**
 * Null when `req` may go on: a safe method, or a body declared `application/json`. Otherwise a
 * 415 response with the reason in the admin's language (Chinese unless the user chose English).
 */
function refuseUnlessJson(req: PayloadRequest): Response | null {
  if (SAFE_METHODS.has((req.method ?? 'get').toLowerCase())) return null
  if (mediaType(req.headers.get('content-type')) === 'application/json') return null
  const message = { zh: '此接口只接受 JSON 请求（Content-Type: application/json）', en: 'This endpoint accepts JSON only (Content-Type: application/json).' }
  return errorResponse(new ApiError(415, 'json-required', message), req)
}

/**
 * Wraps each endpoint's handler so that a request with a body that is not JSON is answered 415
 * before the handler runs (see refuseUnlessJson). Collections use it through apiEndpoints (./api-endpoints.ts).
 */
export function jsonOnly(endpoints: Endpoint[]): Endpoint[] {
  return endpoints.map((endpoint) => {
    if (SAFE_METHODS.has(endpoint.method)) return endpoint
    return { ...endpoint, handler: async (req) => refuseUnlessJson(req) ?? endpoint.handler(req) }
  })
}
