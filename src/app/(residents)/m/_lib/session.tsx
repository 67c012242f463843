/**
 * The Next side of the resident's identity (the rules are in src/services/residents): reading the
 * session cookie from a request or from Next's cookies(), and the gate of every page that needs the
 * resident — signed in, or sent silently through WeChat's authorisation, or, outside WeChat, told
 * to open the page there.
 */
import type { Payload } from 'payload'
import { AccountNotFoundError, findDefaultAccount } from '../../../../services/accounts/accounts'
import { beginResidentAuthorization, isWeChatBrowser } from '../../../../services/residents/authorize'
import { cookieFromHeader, RESIDENT_SESSION_COOKIE, verifyResidentSession, type ResidentIdentity } from '../../../../services/residents/session'
import { htmlResponse } from './render'
import { OpenInWeChatPage, UnavailablePage } from './shell'

/** What Next's `cookies()` (or a NextRequest's `.cookies`) offers. */
export interface CookieSource {
  get(name: string): { value: string } | undefined
}

/**
 * The signed-in resident (`{ openid, appId }`) of a request or a cookie store, or null when there is
 * no valid session (none, tampered, signed under another PAYLOAD_SECRET, or older than 7 days).
 * Does not check that `appId` is still the default account: requireResident does.
 */
export function residentSession(source: Request | CookieSource, options: { now?: number } = {}): ResidentIdentity | null {
  const value =
    source instanceof Request ? cookieFromHeader(source.headers.get('cookie'), RESIDENT_SESSION_COOKIE) : (source.get(RESIDENT_SESSION_COOKIE)?.value ?? null)
  return verifyResidentSession(value, { now: options.now })
}

/**
 * This server's origin as residents reach it: PUBLIC_URL's when set (WeChat only redirects to the
 * account's 网页授权域名, which is that host), else the request's Host header (Next's request.url
 * names the host Next was started on, e.g. localhost for a browser on 127.0.0.1, and the state
 * cookie would not come back to another host), else request.url's.
 */
export function publicOrigin(request: Request, publicUrl: string | undefined = process.env.PUBLIC_URL): string {
  const configured = publicUrl?.trim()
  if (configured) {
    try {
      return new URL(configured).origin
    } catch {
      // An invalid PUBLIC_URL is reported at start (src/http/origins.ts); fall back to the request.
    }
  }
  const url = new URL(request.url)
  const host = request.headers.get('host')
  // A host name or address with an optional port; anything else is ignored rather than echoed into a redirect.
  if (host && /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(host)) return `${url.protocol}//${host}`
  return url.origin
}

/**
 * The resident of a page that needs one: `{ identity, accountId }` (the default account's document
 * id) when the session is valid for that account; otherwise `{ response }` to return as it is — the redirect to WeChat's silent
 * authorisation (with the state cookie) inside WeChat, 「请在微信中打开」 elsewhere, or 503 when no
 * account is configured. `options.next`: the /m path to return to instead of the request's own.
 */
export async function requireResident(
  payload: Payload,
  request: Request,
  options: { next?: string } = {},
): Promise<{ identity: ResidentIdentity; accountId: string; response?: undefined } | { identity?: undefined; response: Response }> {
  const url = new URL(request.url)
  // Where to come back after signing in: this page, or (for a form's POST, which a redirect cannot
  // repeat) the page the form was on.
  const here = options.next ?? `${url.pathname}${url.search}`
  const account = await findDefaultAccount(payload)
  if (!account) return { response: htmlResponse(<UnavailablePage retryHref={here} />, { status: 503, cache: 'personal' }) }
  const identity = residentSession(request)
  // A session of another account (the default account was changed) says nothing about this one.
  if (identity && identity.appId === account.appId) return { identity, accountId: String(account.id) }
  if (!isWeChatBrowser(request.headers.get('user-agent'))) return { response: htmlResponse(<OpenInWeChatPage />, { cache: 'personal' }) }
  try {
    const start = await beginResidentAuthorization(payload, { origin: publicOrigin(request), next: here })
    return {
      response: new Response(null, { status: 302, headers: { Location: start.location, 'Set-Cookie': start.stateCookie, 'Cache-Control': 'no-store' } }),
    }
  } catch (error) {
    if (error instanceof AccountNotFoundError) return { response: htmlResponse(<UnavailablePage retryHref={here} />, { status: 503, cache: 'personal' }) }
    throw error
  }
}
