/** `/cgi-bin/token`, `/cgi-bin/stable_token` and access_token checks. */
import { randomBytes } from 'node:crypto'
import { safeEqual } from '../../wechat/crypto'
import { wxError } from './errors'
import { countRecent, type EmulatorContext, type Route } from './context'
import type { AccountState, IssuedToken } from './state'
import { DAY_MS, shanghaiDate } from '../../shared/time'

const TOKEN_TTL_MS = 7200_000
/** A replaced token keeps working this long (both old and new work for ~5 minutes). */
const TOKEN_GRACE_MS = 5 * 60_000
const STABLE_EARLY_REFRESH_MS = 5 * 60_000
const STABLE_FORCE_PER_DAY = 20
const STABLE_FORCE_MIN_INTERVAL_MS = 30_000
const TOKEN_FETCHES_PER_DAY = 2000
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32,512}$/

function issueToken(context: EmulatorContext, account: AccountState, chain: IssuedToken['chain']): IssuedToken {
  const now = context.now()
  // Real tokens are ~150 characters of [A-Za-z0-9_-]; clients must keep 512.
  const token: IssuedToken = {
    value: randomBytes(120).toString('base64url'),
    appId: account.config.appId,
    chain,
    issuedAt: now,
    expiresAt: now + TOKEN_TTL_MS,
    supersededAt: null,
    revoked: false,
  }
  account.tokens.push(token)
  context.state.tokenIndex.set(token.value, token)
  return token
}

function validUntil(token: IssuedToken): number {
  if (token.revoked) return -Infinity
  return token.supersededAt === null ? token.expiresAt : Math.min(token.expiresAt, token.supersededAt + TOKEN_GRACE_MS)
}

/** The errcode for a presented access_token, or 0 with the owning account. */
export function checkAccessToken(context: EmulatorContext, value: string | null): { errcode: number; account: AccountState | null } {
  if (!value) return { errcode: 41001, account: null }
  if (!TOKEN_SHAPE.test(value)) return { errcode: 40014, account: null }
  const token = context.state.tokenIndex.get(value)
  const account = token ? (context.state.accounts.get(token.appId) ?? null) : null
  if (!token || !account) return { errcode: 40001, account: null }
  const now = context.now()
  if (token.revoked || (token.supersededAt !== null && now >= token.supersededAt + TOKEN_GRACE_MS)) return { errcode: 40001, account: null }
  if (now >= token.expiresAt) return { errcode: 42001, account: null }
  return { errcode: 0, account }
}

export function revokeAllTokens(context: EmulatorContext): void {
  for (const token of context.state.tokenIndex.values()) token.revoked = true
}

/** Common appid/secret checks of both token endpoints. */
function authenticate(context: EmulatorContext, grantType: unknown, appId: unknown, secret: unknown): AccountState | number {
  if (grantType !== 'client_credential') return 40002
  const account = typeof appId === 'string' ? context.state.accounts.get(appId) : undefined
  if (!account) return 40013
  if (typeof secret !== 'string' || !safeEqual(secret, account.config.appSecret)) return 40125
  return account
}

const getToken: Route = {
  method: 'GET',
  path: '/cgi-bin/token',
  auth: 'none',
  handle(request, context) {
    const { query } = request
    const account = authenticate(context, query.get('grant_type'), query.get('appid'), query.get('secret'))
    if (typeof account === 'number') return { body: wxError(account) }
    const now = context.now()
    if (countRecent(account.tokenFetchTimes, now, DAY_MS) >= TOKEN_FETCHES_PER_DAY) return { body: wxError(45009) }
    account.tokenFetchTimes.push(now)
    // Each fetch replaces the previous /cgi-bin/token token; stable tokens are a separate chain.
    for (const token of account.tokens) {
      if (token.chain === 'token' && token.supersededAt === null) token.supersededAt = now
    }
    const token = issueToken(context, account, 'token')
    return { body: { access_token: token.value, expires_in: TOKEN_TTL_MS / 1000 } }
  },
}

const postStableToken: Route = {
  method: 'POST',
  path: '/cgi-bin/stable_token',
  auth: 'none',
  body: 'json',
  handle(request, context) {
    const { json } = request
    const account = authenticate(context, json.grant_type, json.appid, json.secret)
    if (typeof account === 'number') return { body: wxError(account) }
    const now = context.now()
    const current = account.tokens.filter((t) => t.chain === 'stable' && validUntil(t) > now).at(-1) ?? null
    const forceRefresh = json.force_refresh === true

    if (forceRefresh) {
      const today = shanghaiDate(now)
      const forcedToday = account.stableForceRefreshTimes.filter((t) => shanghaiDate(t) === today)
      if (forcedToday.length >= STABLE_FORCE_PER_DAY) return { body: wxError(45009) }
      const last = account.stableForceRefreshTimes.at(-1)
      // The docs: forced refreshes closer than 30 s apart "do not refresh" — the current token comes back.
      if (current && last !== undefined && now - last < STABLE_FORCE_MIN_INTERVAL_MS) return stableAnswer(current, now)
      account.stableForceRefreshTimes.push(now)
      for (const token of account.tokens) if (token.chain === 'stable') token.revoked = true
      return stableAnswer(issueToken(context, account, 'stable'), now)
    }

    // Normal mode: the same token while it has more than 5 minutes left; the old one still works to its end.
    if (current && current.expiresAt - now > STABLE_EARLY_REFRESH_MS) return stableAnswer(current, now)
    return stableAnswer(issueToken(context, account, 'stable'), now)
  },
}

function stableAnswer(token: IssuedToken, now: number) {
  return { body: { access_token: token.value, expires_in: Math.floor((token.expiresAt - now) / 1000) } }
}

export const tokenRoutes: Route[] = [getToken, postStableToken]
