/** Web OAuth (网页授权): authorize redirect, code -> sns access_token, userinfo. */
import { randomBytes } from 'node:crypto'
import { safeEqual } from '../../wechat/crypto'
import { wxError } from './errors'
import type { EmulatorContext, Route } from './context'
import { newFollower } from './state'

const CODE_TTL_MS = 5 * 60_000
const SNS_TOKEN_TTL_MS = 7200_000

/** Issues a one-time code for `openid`, as if the resident had approved the authorization page. */
export function issueOAuthCode(context: EmulatorContext, appId: string, openid: string, scope = 'snsapi_base'): string {
  const code = randomBytes(16).toString('hex')
  context.state.oauthCodes.set(code, { code, appId, openid, scope, expiresAt: context.now() + CODE_TTL_MS, used: false })
  return code
}

/**
 * The page WeChat shows inside its browser. The emulator approves at once and redirects with a
 * code; the resident is `openid` from the query (an emulator extension) or the first follower.
 */
const authorize: Route = {
  method: 'GET',
  path: '/connect/oauth2/authorize',
  auth: 'none',
  handle(request, context) {
    const { query } = request
    const account = context.state.accounts.get(query.get('appid') ?? '')
    if (!account) return { body: wxError(40013) }
    const redirect = query.get('redirect_uri')
    let target: URL
    try {
      target = new URL(redirect ?? '')
    } catch {
      return { body: wxError(40066) }
    }
    const scope = query.get('scope') === 'snsapi_userinfo' ? 'snsapi_userinfo' : 'snsapi_base'
    const openid = query.get('openid') ?? account.users.keys().next().value ?? 'oEmulatorResident000000000000'
    target.searchParams.set('code', issueOAuthCode(context, account.config.appId, openid, scope))
    target.searchParams.set('state', query.get('state') ?? '')
    return { status: 302, body: '', headers: { location: target.toString() } }
  },
}

const exchangeCode: Route = {
  method: 'GET',
  path: '/sns/oauth2/access_token',
  auth: 'none',
  handle(request, context) {
    const { query } = request
    if (query.get('grant_type') !== 'authorization_code') return { body: wxError(40002) }
    const account = context.state.accounts.get(query.get('appid') ?? '')
    if (!account) return { body: wxError(40013) }
    if (!safeEqual(query.get('secret') ?? '', account.config.appSecret)) return { body: wxError(40125) }
    const code = context.state.oauthCodes.get(query.get('code') ?? '')
    const now = context.now()
    if (!code || code.appId !== account.config.appId || code.expiresAt <= now) return { body: wxError(40029) }
    if (code.used) return { body: wxError(40163) }
    code.used = true
    const value = randomBytes(60).toString('base64url')
    context.state.snsTokens.set(value, { value, appId: code.appId, openid: code.openid, scope: code.scope, expiresAt: now + SNS_TOKEN_TTL_MS })
    return {
      body: {
        access_token: value,
        expires_in: SNS_TOKEN_TTL_MS / 1000,
        refresh_token: randomBytes(60).toString('base64url'),
        openid: code.openid,
        scope: code.scope,
      },
    }
  },
}

const userInfo: Route = {
  method: 'GET',
  path: '/sns/userinfo',
  auth: 'none',
  handle(request, context: EmulatorContext) {
    const value = request.query.get('access_token')
    if (!value) return { body: wxError(41001) }
    const token = context.state.snsTokens.get(value)
    if (!token) return { body: wxError(40001) }
    if (token.expiresAt <= context.now()) return { body: wxError(42001) }
    if (token.openid !== request.query.get('openid')) return { body: wxError(40003) }
    if (token.scope !== 'snsapi_userinfo') return { body: wxError(48001) }
    const account = context.state.accounts.get(token.appId)!
    const user = account.users.get(token.openid) ?? newFollower(token.openid, context.now(), '微信用户')
    return {
      body: { openid: user.openid, nickname: user.nickname, sex: 0, province: '', city: '', country: '', headimgurl: '', privilege: [] },
    }
  },
}

export const oauthRoutes: Route[] = [authorize, exchangeCode, userInfo]
