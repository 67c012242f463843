/** The framework-free shapes of the callback: what comes in, what goes out, what it depends on. */
import type { RequestBody } from '../../http/capped-body'
import type { AccountCredentials } from '../account-credentials'
import type { XmlRecord } from '../xml'

/** What the callback reads its body from (the Next route's web stream, the callback server's Node stream, a test's text). */
export type CallbackBody = RequestBody

export interface CallbackRequest {
  method: string
  /** Absolute or path-only URL; only the query string is read. */
  url: string
  headers?: Headers | Record<string, string | undefined>
  body?: CallbackBody
}

export interface CallbackResponse {
  status: number
  body: string
  headers: Record<string, string>
  /** Why a request was refused or how it was handled, for logs and tests; never sent. */
  outcome: string
}

/** One message or event from a resident or from WeChat, decrypted and parsed. */
export interface InboundMessage {
  toUser: string
  fromUser: string
  createTime: number
  msgType: string
  /** '' unless msgType is `event`. */
  event: string
  msgId: string
  /** The whole parsed message, for processing later. */
  record: XmlRecord
  dedupeKey: string
  /**
   * `<timestamp>:<nonce>` of a request whose body no signature covers (plain, or compatible mode
   * read in clear): one body per signature is acted on (see src/inbound/queue.ts). Unset when encrypted.
   */
  replayKey?: string
  /**
   * The body came in clear to an account set to 安全/兼容模式 (handler.ts): stored for the inbox, but
   * commands and job results in it are not acted on.
   */
  untrustedBody?: boolean
}

export interface PassiveReply {
  kind: 'text' | 'news' | 'image'
  text?: string
  article?: { title: string; description?: string; url: string; picUrl?: string }
  mediaId?: string
}

export type EnqueueResult = 'stored' | 'duplicate'

export interface CallbackDeps {
  loadAccount: (accountId: string) => Promise<AccountCredentials | null>
  /**
   * One durable write. 'duplicate' only where a retry must not act twice (staff commands, inserted
   * with their unique key); other retries are written again and imported once.
   */
  enqueue: (account: AccountCredentials, message: InboundMessage) => Promise<EnqueueResult>
  /**
   * The passive reply, or null for `success`; called while `stored` is still being written. A reply
   * with side effects must await `stored` and act only on 'stored' (a retry must not act twice).
   */
  passiveReply: (account: AccountCredentials, message: InboundMessage, stored: Promise<EnqueueResult>) => Promise<PassiveReply | null>
  /**
   * Every correctly signed POST's mode, matching the account's setting or not (a request in another
   * mode is accepted; the record also tells when WeChat went back to the setting); must not wait or
   * write per request (see mode-mismatch.ts).
   */
  noteMessageMode?: (account: AccountCredentials, seen: AccountCredentials['messageMode']) => void
  /** Called after the answer is decided, to process the queue outside the request's time budget. */
  afterResponse?: () => void
  log: (level: 'info' | 'warn' | 'error', entry: Record<string, unknown>) => void
  now?: () => number
  maxSkewSeconds?: number
  maxBodyBytes?: number
}
