import { NextResponse, type NextRequest } from 'next/server'
import { contentSecurityPolicy, securityHeaders } from './http/security-headers'

const LANGUAGE_COOKIE = 'payload-lng'

/**
 * Runs before every request (admin, API, static files):
 * - every response gets the security headers of src/http/security-headers.ts (CSP, framing,
 *   nosniff, referrer, HSTS under an https PUBLIC_URL), with a fresh script nonce per request. The
 *   same policy goes on the request's own headers because that is where Next looks for the nonce
 *   to put on the scripts it renders;
 * - the admin speaks Chinese unless the user picked English: Payload would otherwise follow the
 *   browser's Accept-Language, and many office machines run English browsers.
 */
export function proxy(request: NextRequest) {
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))))
  const headers = new Headers(request.headers)
  headers.set('content-security-policy', contentSecurityPolicy(process.env.NODE_ENV === 'development', nonce))
  let setLanguage = false
  if (request.nextUrl.pathname.startsWith('/admin') && !request.cookies.has(LANGUAGE_COOKIE)) {
    const cookie = headers.get('cookie')
    headers.set('cookie', cookie ? `${cookie}; ${LANGUAGE_COOKIE}=zh` : `${LANGUAGE_COOKIE}=zh`)
    setLanguage = true
  }
  const response = NextResponse.next({ request: { headers } })
  if (setLanguage) response.cookies.set(LANGUAGE_COOKIE, 'zh', { path: '/', sameSite: 'lax', maxAge: 60 * 60 * 24 * 365 })
  for (const [name, value] of securityHeaders(process.env, nonce)) response.headers.set(name, value)
  return response
}

// Every path: the headers belong on the API and the static files too.
export const config = { matcher: '/:path*' }
