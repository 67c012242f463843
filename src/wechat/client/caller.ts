/** What each API-area module needs: one way to make a call with the token and retry policy applied. */
import type { Invocation } from './http'

export interface CallOptions {
  /**
   * False for calls that must not run twice (a mass send without clientmsgid, a customer message):
   * they are not repeated after a network error or timeout, when WeChat may have done the work.
   */
  idempotent?: boolean
}

export interface WeChatCaller {
  call<T>(endpoint: string, invocation: Invocation, options?: CallOptions): Promise<T>
}
