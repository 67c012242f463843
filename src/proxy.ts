import { NextResponse, type NextRequest } from 'next/server'
import { securityHeaders } from './http/security-headers'

const LANGUAGE_COOKIE = 'payload-lng'

/**
 * Runs before every request (admin, API, static files):
 * - every response gets the security headers of src/http/security-headers.ts (CSP, framing,
 *   nosniff, referrer, HSTS under an https PUBLIC_URL);
 * - the admin speaks Chinese unless the user picked English: Payload would otherwise follow the
 *   browser's Accept-Language, and many office machines run English browsers.
 */
export function proxy(request: NextRequest) {
  const response = request.nextUrl.pathname.startsWith('/admin') && !request.cookies.has(LANGUAGE_COOKIE) ? chineseByDefault(request) : NextResponse.next()
  for (const [name, value] of securityHeaders()) response.headers.set(name, value)
  return response
}

function chineseByDefault(request: NextRequest): NextResponse {
  const headers = new Headers(request.headers)
  const cookie = headers.get('cookie')
  headers.set('cookie', cookie ? `${cookie}; ${LANGUAGE_COOKIE}=zh` : `${LANGUAGE_COOKIE}=zh`)
  const response = NextResponse.next({ request: { headers } })
  response.cookies.set(LANGUAGE_COOKIE, 'zh', { path: '/', sameSite: 'lax', maxAge: 60 * 60 * 24 * 365 })
  return response
}

// Every path: the headers belong on the API and the static files too.
export const config = { matcher: '/:path*' }
