/**
 * The transport: one wechat-api instance per account, pointed at `baseUrl`, whose `request` is
 * wrapped (on the instance, not the shared prototype) to enforce our timeout on every call and to
 * log each request. Calls go to the unwrapped `_name` methods with a per-call `this` that carries
 * the token (`Object.create(api)`), because wechat-api's own `preRequest` keeps the token on the
 * shared instance and, on 40001, retries with the same stored token instead of refreshing it.
 */
import type WeChatAPI from 'wechat-api'
import type { RequestOptions, WeChatCallback } from 'wechat-api'
import { WeChatApiError } from './errors'
import { installExtensions } from './extensions'
import type { SecretScrubber, WeChatLogger } from './log'

const DEFAULT_API_BASE = 'https://api.weixin.qq.com'

export interface TransportOptions {
  appId: string
  appSecret: string
  /** e.g. http://127.0.0.1:3100 for the emulator; defaults to WECHAT_API_BASE or api.weixin.qq.com. */
  baseUrl?: string
  /** Per request (JSON calls). */
  timeoutMs: number
  /** Per upload request (multipart). */
  uploadTimeoutMs: number
  logger: WeChatLogger
  scrubber: SecretScrubber
}

/** wechat-api with its methods callable by name (`_createMenu`, …), which its typing leaves out. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the untyped library's methods are called by name with their own arguments
type CallableWeChatAPI = WeChatAPI & Record<string, any>

/** An unwrapped wechat-api call: `(api, done) => api._createMenu(menu, done)`. */
export type Invocation = (api: CallableWeChatAPI, done: WeChatCallback) => void

export interface Transport {
  readonly api: WeChatAPI
  invoke<T>(endpoint: string, accessToken: string | null, invocation: Invocation): Promise<T>
}

type UrllibError = Error & { code?: number | string; status?: number }

function resolveBaseUrl(explicit?: string): string {
  return (explicit ?? process.env.WECHAT_API_BASE ?? DEFAULT_API_BASE).replace(/\/+$/, '')
}

export function createTransport(options: TransportOptions): Transport {
  const API = installExtensions()
  const api = new API(options.appId, options.appSecret)
  const base = resolveBaseUrl(options.baseUrl)
  // Every URL wechat-api builds starts with one of these three.
  api.endpoint = base
  api.mpPrefix = `${base}/cgi-bin/`
  api.fileServerPrefix = `${base}/cgi-bin/`
  const originalRequest = api.request.bind(api)
  api.request = (url: string, requestOptions: RequestOptions, callback: WeChatCallback) => {
    const upload = requestOptions.stream !== undefined || requestOptions.content !== undefined
    // wechat-api hard-codes 60 s on uploads; ours wins.
    const timeout = upload ? options.uploadTimeoutMs : options.timeoutMs
    const started = Date.now()
    originalRequest(url, { ...requestOptions, timeout }, (error, data, response) => {
      const errcode =
        data && typeof data === 'object' && typeof (data as { errcode?: unknown }).errcode === 'number' ? (data as { errcode: number }).errcode : null
      options.logger.log(error && errcode === null ? 'warn' : 'debug', {
        event: 'wechat.http',
        path: pathOf(url),
        httpStatus: response?.status ?? null,
        errcode,
        durationMs: Date.now() - started,
        ...(error && errcode === null ? { failure: error.name, detail: error.message } : {}),
      })
      callback(error, data, response)
    })
  }

  return {
    api,
    invoke<T>(endpoint: string, accessToken: string | null, invocation: Invocation): Promise<T> {
      // A per-call `this`: concurrent calls never see each other's token.
      const bound = Object.create(api) as CallableWeChatAPI
      bound.token = accessToken === null ? undefined : { accessToken }
      return new Promise<T>((resolve, reject) => {
        try {
          invocation(bound, (error, data, response) => {
            if (!error) return resolve(data as T)
            reject(toWeChatApiError(endpoint, error as UrllibError, data, response?.status ?? null, options.scrubber))
          })
        } catch (error) {
          reject(error)
        }
      })
    },
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname
  } catch {
    return '(invalid url)'
  }
}

function toWeChatApiError(endpoint: string, error: UrllibError, data: unknown, httpStatus: number | null, scrubber: SecretScrubber): WeChatApiError {
  const body = data && typeof data === 'object' && !Buffer.isBuffer(data) ? (data as Record<string, unknown>) : null
  if (body && typeof body.errcode === 'number') {
    // WeChat's errmsg may quote the request (with its access_token) — and a proxy may echo the URL:
    // the error goes to callers that store and show it, so it carries no secret either.
    const scrubbed = JSON.parse(scrubber.text(JSON.stringify(body))) as Record<string, unknown>
    return new WeChatApiError({ kind: 'wechat', errcode: body.errcode, errmsg: String(scrubbed.errmsg ?? ''), endpoint, httpStatus, data: scrubbed })
  }
  const errmsg = scrubber.text(error.message.split('\n')[0] ?? error.name)
  if (/Timeout/i.test(error.name)) return new WeChatApiError({ kind: 'timeout', errcode: null, errmsg, endpoint, httpStatus: null })
  if (httpStatus !== null && httpStatus >= 400) return new WeChatApiError({ kind: 'http', errcode: null, errmsg, endpoint, httpStatus })
  if (httpStatus !== null && httpStatus > 0 && /JSONResponseFormat/.test(error.name)) {
    return new WeChatApiError({ kind: 'http', errcode: null, errmsg, endpoint, httpStatus })
  }
  return new WeChatApiError({ kind: 'network', errcode: null, errmsg, endpoint, httpStatus: null })
}
