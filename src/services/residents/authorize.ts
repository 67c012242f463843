/**
 * Who the resident is, asked silently of WeChat (web authorisation with `snsapi_base`: no consent
 * page, the openid only). A page that needs the resident sends them to WeChat's authorize URL with a
 * random `state` that is also kept in a short-lived cookie; WeChat sends them back to
 * OAUTH_CALLBACK_PATH with a `code` and the same `state`; the code is exchanged for the openid and a
 * signed session cookie is set (session.ts). The state cookie ties the return to the browser that
 * left (CSRF: nobody can make a resident's browser sign in as someone else with a code of theirs).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { Payload } from 'payload'
import { findDefaultAccount, AccountNotFoundError, AccountUnavailableError } from '../accounts/accounts'
import { clientForAccount } from '../accounts/account-client'
import { isRejectedOAuthCode, oauthAuthorizeUrl, WeChatApiError, type WeChatClient } from '../../wechat/client'
import { safeResidentPath } from './next-path'
import { residentCookie, RESIDENT_SESSION_COOKIE, RESIDENT_SESSION_TTL_MS, signResidentSession, type ResidentIdentity } from './session'

/** Where WeChat sends the resident back (on this server). */
export const OAUTH_CALLBACK_PATH = '/m/auth/callback'
/** The cookie that holds the `state` nonce while the resident is at WeChat's authorize page. */
export const OAUTH_STATE_COOKIE = 'm_oauth_state'
/** 10 minutes: longer than WeChat keeps a code (5 minutes), short enough to be useless later. */
export const OAUTH_STATE_TTL_SECONDS = 600

/** Where to send the resident, and the Set-Cookie header value that keeps the state nonce. */
export interface AuthorizationStart {
  location: string
  stateCookie: string
}

/**
 * The redirect to WeChat's authorize page for the default account. `origin` is this server's
 * public origin (e.g. https://wx.example.gov.cn: the host must be the account's 网页授权域名),
 * `next` where to come back to (only a /m/ path is kept: safeResidentPath). Throws
 * AccountNotFoundError when there is no default account.
 */
export async function beginResidentAuthorization(payload: Payload, options: { origin: string; next: string | null | undefined }): Promise<AuthorizationStart> {
  const account = await findDefaultAccount(payload)
  if (!account) throw new AccountNotFoundError()
  // Hex: WeChat accepts a-zA-Z0-9 only in state.
  const nonce = randomBytes(16).toString('hex')
  const redirectUri = `${options.origin.replace(/\/+$/, '')}${OAUTH_CALLBACK_PATH}?next=${encodeURIComponent(safeResidentPath(options.next))}`
  return {
    location: oauthAuthorizeUrl({ appId: String(account.appId), redirectUri, state: nonce }),
    stateCookie: residentCookie(OAUTH_STATE_COOKIE, nonce, OAUTH_STATE_TTL_SECONDS),
  }
}

/** How a return from WeChat ended. `next` is always a safe /m/ path; `clearState` deletes the state cookie. */
export type AuthorizationOutcome =
  | { kind: 'signed-in'; identity: ResidentIdentity; sessionCookie: string; next: string; clearState: string }
  /** WeChat refused the code: invalid or expired (40029) or already used (40163), e.g. a reload or a shared link. */
  | { kind: 'code-rejected'; errcode: number | null; next: string; clearState: string }
  /**
   * WeChat's snapshot mode (快照页: a page shared to Moments viewed before the resident chose 「使用完整服务」):
   * the openid is a virtual one, so no session is made.
   */
  | { kind: 'snapshot'; next: string; clearState: string }
  /** No code, or the state does not match the browser's cookie (expired, another browser, forged). */
  | { kind: 'state-mismatch'; next: string; clearState: string }
  /** No usable account, or WeChat could not be reached; `reason` is for the log. */
  | { kind: 'unavailable'; reason: string; next: string; clearState: string }

const sameNonce = (a: string, b: string): boolean => {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/**
 * The return from WeChat: checks `state` against the state cookie, exchanges `code` once for the
 * openid (`/sns/oauth2/access_token` of the default account) and signs the session. Never throws
 * for what a resident can cause; `client` is for tests (default: the default account's client;
 * only its `appId` and `oauth` are used).
 */
export async function completeResidentAuthorization(
  payload: Payload,
  input: { code: string | null; state: string | null; stateCookie: string | null; next: string | null },
  options: { client?: Pick<WeChatClient, 'appId' | 'oauth'>; now?: number } = {},
): Promise<AuthorizationOutcome> {
  const next = safeResidentPath(input.next)
  const clearState = residentCookie(OAUTH_STATE_COOKIE, '', 0)
  if (!input.code || !input.state || !input.stateCookie || !sameNonce(input.state, input.stateCookie)) return { kind: 'state-mismatch', next, clearState }
  let client: Pick<WeChatClient, 'appId' | 'oauth'>
  try {
    client = options.client ?? (await clientForAccount(payload))
  } catch (error) {
    if (error instanceof AccountUnavailableError) return { kind: 'unavailable', reason: error.message, next, clearState }
    throw error
  }
  try {
    const answer = await client.oauth.exchangeCode(input.code)
    if (answer.isSnapshotUser) return { kind: 'snapshot', next, clearState }
    const identity: ResidentIdentity = { openid: answer.openid, appId: client.appId }
    const sessionCookie = residentCookie(RESIDENT_SESSION_COOKIE, signResidentSession(identity, { now: options.now }), RESIDENT_SESSION_TTL_MS / 1000)
    return { kind: 'signed-in', identity, sessionCookie, next, clearState }
  } catch (error) {
    if (isRejectedOAuthCode(error)) return { kind: 'code-rejected', errcode: (error as WeChatApiError).errcode, next, clearState }
    if (error instanceof WeChatApiError) return { kind: 'unavailable', reason: error.message, next, clearState }
    throw error
  }
}

/** True for WeChat's built-in browser (its user agent carries `MicroMessenger`), where web authorisation works. */
export function isWeChatBrowser(userAgent: string | null | undefined): boolean {
  return /MicroMessenger/i.test(userAgent ?? '')
}
