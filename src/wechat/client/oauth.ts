/**
 * Web authorisation (网页授权) for pages opened inside WeChat's browser: the authorize URL a page
 * redirects the resident to, and the exchange of the code WeChat sends back for the resident's
 * openid (`/sns/oauth2/access_token`). Rules from WeChat's reference
 * (https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html):
 * the code is single-use and expires after 5 minutes (40029 invalid or expired, 40163 already used);
 * `snsapi_base` is silent and yields the openid only; `state` is at most 128 bytes of a-zA-Z0-9.
 */
import { WeChatApiError } from './errors'
import type { Transport } from './http'

/** Where WeChat's authorize page lives (not api.weixin.qq.com). */
export const OAUTH_AUTHORIZE_BASE = 'https://open.weixin.qq.com'

/** 40029: the code is invalid or expired (after 5 minutes). */
export const OAUTH_CODE_INVALID = 40029
/** 40163: the code was already exchanged once. */
export const OAUTH_CODE_USED = 40163

/** What `/sns/oauth2/access_token` answers (the web token is not the account's access_token). */
export interface OAuthAccessToken {
  /** The web authorisation token (only `/sns/userinfo` takes it; unused with snsapi_base). */
  accessToken: string
  /** Seconds (WeChat: 7200). */
  expiresIn: number
  refreshToken: string
  /** The resident, as this account knows them. */
  openid: string
  /** `snsapi_base` or `snsapi_userinfo`. */
  scope: string
  /** Only when the account is bound to an open platform account. */
  unionid?: string
  /** 1 when the resident is in WeChat's "snapshot" mode (a shared page viewed before authorising). */
  isSnapshotUser?: boolean
}

interface RawOAuthAccessToken {
  access_token: string
  expires_in: number
  refresh_token: string
  openid: string
  scope: string
  unionid?: string
  is_snapshotuser?: number
}

/**
 * The authorize URL (`…/connect/oauth2/authorize?appid&redirect_uri&response_type=code&scope&state#wechat_redirect`,
 * parameters in WeChat's documented order). The host is `baseUrl`, else `WECHAT_API_BASE` (the
 * emulator answers the authorize page too), else open.weixin.qq.com — the same choice the client
 * makes for its API base. Throws when `state` is not 1–128 characters of a-zA-Z0-9.
 */
export function oauthAuthorizeUrl(options: {
  appId: string
  redirectUri: string
  state: string
  scope?: 'snsapi_base' | 'snsapi_userinfo'
  baseUrl?: string
}): string {
  if (!/^[A-Za-z0-9]{1,128}$/.test(options.state)) throw new Error('state must be 1–128 characters of a-zA-Z0-9')
  const base = (options.baseUrl || process.env.WECHAT_API_BASE || OAUTH_AUTHORIZE_BASE).replace(/\/+$/, '')
  const query = [
    `appid=${encodeURIComponent(options.appId)}`,
    `redirect_uri=${encodeURIComponent(options.redirectUri)}`,
    'response_type=code',
    `scope=${options.scope ?? 'snsapi_base'}`,
    `state=${options.state}`,
  ].join('&')
  return `${base}/connect/oauth2/authorize?${query}#wechat_redirect`
}

/** True when WeChat refused the code itself (invalid, expired or used): the resident should start again. */
export function isRejectedOAuthCode(error: unknown): boolean {
  return error instanceof WeChatApiError && (error.errcode === OAUTH_CODE_INVALID || error.errcode === OAUTH_CODE_USED)
}

export function oauthApi(transport: Transport) {
  return {
    /**
     * Exchanges a web authorisation `code` for the resident's openid. Called once, never retried:
     * the code is single-use, so a retry after a lost answer would only meet 40163. Throws
     * WeChatApiError (errcode 40029 / 40163 for a rejected code: see isRejectedOAuthCode; 40125 a
     * wrong AppSecret; kind network / timeout / http when WeChat did not answer).
     */
    async exchangeCode(code: string): Promise<OAuthAccessToken> {
      const raw = await transport.invoke<RawOAuthAccessToken>('/sns/oauth2/access_token', null, (api, done) => api._exchangeOAuthCode(code, done))
      if (!raw || typeof raw.openid !== 'string' || raw.openid === '') {
        throw new WeChatApiError({ kind: 'http', errcode: null, errmsg: 'no openid in the answer', endpoint: '/sns/oauth2/access_token', httpStatus: 200 })
      }
      return {
        accessToken: raw.access_token,
        expiresIn: raw.expires_in,
        refreshToken: raw.refresh_token,
        openid: raw.openid,
        scope: raw.scope,
        ...(raw.unionid ? { unionid: raw.unionid } : {}),
        ...(raw.is_snapshotuser === 1 ? { isSnapshotUser: true } : {}),
      }
    },
  }
}
