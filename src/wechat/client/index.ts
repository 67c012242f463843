/**
 * The WeChat client: one typed promise facade over wechat-api, with the token store, the retry
 * policy, the timeout and the scrubbed structured log applied to every call.
 *
 *   const wechat = createWeChatClient({ appId, appSecret, store: new PayloadTokenStore(payload) })
 *   const { mediaId } = await wechat.draft.add([article])
 *   await wechat.mass.sendAll({ mediaId, clientMsgId: 'weekly-2026-10' })
 */
import type { CallOptions, WeChatCaller } from './caller'
import { datacubeApi } from './datacube'
import { draftApi } from './draft'
import { WeChatApiError } from './errors'
import { createTransport, type Invocation } from './http'
import { consoleJsonLogger, scrubbingLogger, SecretScrubber, type WeChatLogger } from './log'
import { massApi } from './mass'
import { mediaApi } from './media'
import { menuApi } from './menu'
import { messageApi } from './message'
import { oauthApi } from './oauth'
import { DEFAULT_RETRY_POLICY, withRetry, type RetryPolicy } from './retry'
import { tagsApi } from './tags'
import { templateApi } from './template'
import { MemoryTokenStore, TokenManager, type FetchedToken, type TokenStore } from './token'

export interface WeChatClientOptions {
  appId: string
  appSecret: string
  /** Shared token holder; defaults to an in-process store (fine for one process only). */
  store?: TokenStore
  /** Defaults to WECHAT_API_BASE, then https://api.weixin.qq.com. */
  baseUrl?: string
  /** 'stable' (default): POST /cgi-bin/stable_token. 'classic': GET /cgi-bin/token (each fetch replaces the previous token). */
  tokenEndpoint?: 'stable' | 'classic'
  timeoutMs?: number
  uploadTimeoutMs?: number
  retry?: Partial<RetryPolicy>
  logger?: WeChatLogger
  now?: () => number
}

export function createWeChatClient(options: WeChatClientOptions) {
  const scrubber = new SecretScrubber([options.appSecret])
  const logger = scrubbingLogger(options.logger ?? consoleJsonLogger, scrubber)
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry }
  const transport = createTransport({
    appId: options.appId,
    appSecret: options.appSecret,
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs ?? 10_000,
    uploadTimeoutMs: options.uploadTimeoutMs ?? 60_000,
    logger,
    scrubber,
  })
  const store = options.store ?? new MemoryTokenStore()

  const fetchToken = (force: boolean): Promise<FetchedToken> => {
    const endpoint = options.tokenEndpoint === 'classic' ? '/cgi-bin/token' : '/cgi-bin/stable_token'
    const invocation: Invocation =
      options.tokenEndpoint === 'classic'
        ? (api, done) =>
            api.getAccessToken((error, token) =>
              done(error, token ? { access_token: token.accessToken, expires_in: Math.floor((token.expireTime - Date.now()) / 1000) } : null),
            )
        : (api, done) => api.fetchStableToken(force, done)
    const noRefresh = async () => {
      throw new WeChatApiError({ kind: 'wechat', errcode: 40001, errmsg: 'token endpoint refused', endpoint })
    }
    return withRetry(policy, { endpoint, idempotent: true, refreshToken: noRefresh, logger }, () => transport.invoke<FetchedToken>(endpoint, null, invocation))
  }

  const tokens = new TokenManager({
    appId: options.appId,
    store,
    fetchToken,
    now: options.now,
    logger,
    onToken: (token) => scrubber.remember(token),
  })

  const caller: WeChatCaller = {
    async call<T>(endpoint: string, invocation: Invocation, callOptions: CallOptions = {}): Promise<T> {
      const started = Date.now()
      // Outside the retry loop: fetching the token has its own retries.
      let token = await tokens.current()
      const hooks = {
        endpoint,
        idempotent: callOptions.idempotent ?? true,
        refreshToken: async () => {
          token = await tokens.replaceRejected(token)
        },
        logger,
      }
      const result = await withRetry(policy, hooks, () => transport.invoke<T>(endpoint, token, invocation))
      logger.log('info', { event: 'wechat.call', endpoint, durationMs: Date.now() - started })
      return result
    },
  }

  return {
    appId: options.appId,
    /** The underlying wechat-api instance (pointed at the same base URL), for calls not wrapped here. */
    api: transport.api,
    call: caller.call,
    tokens,
    media: mediaApi(caller),
    draft: draftApi(caller),
    mass: massApi(caller),
    menu: menuApi(caller),
    message: messageApi(caller),
    template: templateApi(caller),
    tags: tagsApi(caller),
    datacube: datacubeApi(caller),
    /** Web authorisation: the code → openid exchange (no access_token, no retry). */
    oauth: oauthApi(transport),
  }
}

export type WeChatClient = ReturnType<typeof createWeChatClient>

export { WeChatApiError } from './errors'
export { MemoryTokenStore, type TokenStore } from './token'
export { PayloadTokenStore } from './payload-token-store'
export { memoryLogger } from './log'
export { isRejectedOAuthCode, oauthAuthorizeUrl, OAUTH_CODE_INVALID, OAUTH_CODE_USED, type OAuthAccessToken } from './oauth'
