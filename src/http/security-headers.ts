/**
 * Response headers that keep the admin, the API and the static files from being framed, sniffed,
 * or made to load anything from outside the server. Set on every response by src/proxy.ts, at
 * request time, so HSTS follows the PUBLIC_URL the server runs with (not the one it was built with).
 *
 * The Content-Security-Policy is what Payload's admin needs and no more: scripts only when they carry
 * the request's nonce (Next reads it from the request's own CSP header and puts it on its bootstrap
 * and chunk scripts; the admin's pages render per request anyway, so no page loses static caching),
 * and whatever those scripts load themselves ('strict-dynamic': Next's chunks, the code editor's
 * loader) — an injected inline script or `<script src>` runs nowhere. Inline styles stay allowed
 * (the admin sets style attributes; a style cannot run code), images and
 * fonts from the server or `data:`/`blob:` (upload previews), workers and media from `blob:`
 * (image crops, voice playback), nothing from another host (the project's rule: nothing in the
 * admin loads from outside the server), no plugins, no framing by anyone (`frame-ancestors
 * 'none'`, and X-Frame-Options for older browsers), forms posting only to the server.
 * `next dev` also needs 'unsafe-eval' for React's debugging; production does not get it.
 */

/**
 * The Content-Security-Policy header value (production unless `development`). `nonce` is the
 * request's base64 nonce; without one (a caller that only needs the other directives) scripts are
 * limited to the server's own files.
 */
export function contentSecurityPolicy(development = process.env.NODE_ENV === 'development', nonce?: string): string {
  const scripts = nonce ? `'self' 'nonce-${nonce}' 'strict-dynamic'` : "'self'"
  return [
    "default-src 'self'",
    `script-src ${scripts}${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/**
 * All security headers for a response, as [name, value] pairs. Strict-Transport-Security only when
 * PUBLIC_URL is https:// (browsers ignore it over http, and a demo on http must stay reachable).
 * `nonce`: as for contentSecurityPolicy.
 */
export function securityHeaders(env: Partial<Record<'PUBLIC_URL' | 'NODE_ENV', string>> = process.env, nonce?: string): Array<[string, string]> {
  const headers: Array<[string, string]> = [
    ['Content-Security-Policy', contentSecurityPolicy(env.NODE_ENV === 'development', nonce)],
    ['X-Frame-Options', 'DENY'],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'same-origin'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
  ]
  if (/^https:\/\//i.test(env.PUBLIC_URL?.trim() ?? '')) headers.push(['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'])
  return headers
}
