/**
 * Just enough typing for the parts of `wechat-api` (1.35.1, untyped CommonJS) that this client uses.
 * Methods are called in their unwrapped `_name` form; see http.ts for why.
 */
declare module 'wechat-api' {
  export type WeChatCallback = (error: (Error & { code?: number; status?: number }) | null, data: unknown, response?: { status?: number } | null) => void

  export interface RequestOptions {
    dataType?: string
    type?: string
    method?: string
    data?: unknown
    headers?: Record<string, string>
    stream?: unknown
    timeout?: number | [number, number]
    [option: string]: unknown
  }

  class WeChatAPI {
    constructor(
      appid: string,
      appsecret: string,
      getToken?: (callback: (error: Error | null, token?: unknown) => void) => void,
      saveToken?: (token: unknown, callback: (error: Error | null) => void) => void,
    )
    appid: string
    appsecret: string
    endpoint: string
    mpPrefix: string
    fileServerPrefix: string
    token: { accessToken: string; expireTime?: number } | undefined
    defaults: Record<string, unknown>
    request(url: string, options: RequestOptions, callback: WeChatCallback): void
    getAccessToken(callback: (error: Error | null, token?: { accessToken: string; expireTime: number }) => void): this
    [method: string]: unknown
    static mixin(methods: Record<string, unknown>): void
    static AccessToken: unknown
  }
  export default WeChatAPI
}

declare module 'wechat-api/lib/util.js' {
  import type { RequestOptions, WeChatCallback } from 'wechat-api'
  export function wrapper(callback: WeChatCallback): WeChatCallback
  export function postJSON(data: unknown): RequestOptions
  export function make(host: Record<string, unknown>, name: string, fn: (...args: never[]) => void): void
}
