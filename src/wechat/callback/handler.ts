/**
 * The WeChat callback, framework-free: GET answers the server verification, POST takes a message
 * or event. Within WeChat's 5 s it does only what the answer needs — check, decrypt, parse, one
 * durable insert, pick the passive reply — and leaves storing, notifying and follower bookkeeping
 * to the inbound queue (see README.md here and src/inbound/README.md).
 */
import { verifySignature, WeChatCryptoError } from '../crypto'
import { WeChatXmlError } from '../xml'
import { BodyTooLargeError, readCappedBody } from '../../http/capped-body'
import { CallbackRefusal, openEnvelope, readSignedQuery, sealReply, type MessageMode, type SignedQuery } from './envelope'
import { toInboundMessage } from './message'
import { buildPassiveReplyXml } from './passive-reply'
import type { CallbackDeps, CallbackRequest, CallbackResponse, InboundMessage } from './types'

/** The largest callback body read: WeChat's messages are a few KB of XML; anything far larger is refused (413) unread. */
export const MAX_CALLBACK_BODY_BYTES = 64 * 1024

export const DEFAULT_MAX_SKEW_SECONDS = 300
const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,64}$/
const TEXT = { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }
const XML = { 'content-type': 'application/xml; charset=utf-8' }

export function maxSkewFromEnv(): number {
  const value = Number(process.env.WECHAT_CALLBACK_MAX_SKEW_SECONDS)
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_MAX_SKEW_SECONDS
}

const answer = (status: number, body: string, outcome: string, headers: Record<string, string> = TEXT): CallbackResponse => ({ status, body, headers, outcome })
const refused = (status: number, outcome: string): CallbackResponse => answer(status, status === 413 ? 'payload too large' : 'bad request', outcome)

export async function handleCallback(accountId: string, request: CallbackRequest, deps: CallbackDeps): Promise<CallbackResponse> {
  let response: CallbackResponse
  try {
    response = await dispatch(accountId, request, deps)
  } catch (error) {
    response = toRefusal(error, deps)
  }
  if (response.status >= 400) {
    // Never the body or the query's signatures: residents' messages are personal data.
    deps.log('warn', {
      event: 'wechat.callback.refused',
      accountId: ACCOUNT_ID.test(accountId) ? accountId : '(invalid)',
      method: request.method,
      status: response.status,
      outcome: response.outcome,
    })
  }
  return response
}

function toRefusal(error: unknown, deps: CallbackDeps): CallbackResponse {
  if (error instanceof CallbackRefusal) return refused(error.status, error.outcome)
  if (error instanceof BodyTooLargeError) return refused(413, 'body-too-large')
  if (error instanceof WeChatXmlError) return refused(error.reason === 'too-large' ? 413 : 400, `xml-${error.reason}`)
  if (error instanceof WeChatCryptoError) return refused(400, `crypto-${error.reason}`)
  deps.log('error', { event: 'wechat.callback.error', error: error instanceof Error ? error.message : String(error) })
  // 500 makes WeChat retry, which is what we want when, say, the database is briefly unavailable.
  return answer(500, 'error', 'internal-error')
}

async function dispatch(accountId: string, request: CallbackRequest, deps: CallbackDeps): Promise<CallbackResponse> {
  const method = request.method.toUpperCase()
  if (method !== 'GET' && method !== 'POST') return { ...refused(405, 'method-not-allowed'), headers: { ...TEXT, allow: 'GET, POST' } }
  if (!ACCOUNT_ID.test(accountId)) return refused(404, 'unknown-account')
  // The query alone: a whole-URL parse cost more than the rest of the signature check.
  const params = new URLSearchParams(queryString(request.url))
  const query = readSignedQuery(params)
  const now = (deps.now ?? Date.now)()
  checkTimestamp(query, now, deps.maxSkewSeconds ?? maxSkewFromEnv())

  const account = await deps.loadAccount(accountId)
  if (!account || !account.token) return refused(404, 'unknown-account')

  if (method === 'GET') return verifyServer(params, query, account.token)

  const maxBytes = deps.maxBodyBytes ?? MAX_CALLBACK_BODY_BYTES
  if (Number(headerOf(request, 'content-length') ?? 0) > maxBytes) return refused(413, 'body-too-large')
  const body = await readCappedBody(request.body, maxBytes)
  const { message: record, encrypted, mode } = openEnvelope(account, query, body)
  const message = toInboundMessage(record)
  // Accepted on its signature, whatever the mode; every mode is noted, so staff see a mismatch on the
  // account (WeChat's console and this system disagree, or the mode was switched while messages were
  // in flight) and 运行状态 sees WeChat go back to the setting.
  deps.noteMessageMode?.(account, mode)
  if (!encrypted) markUnsignedBody(message, query, account.messageMode)

  // The reply is worked out while the message is written: the write waits for the disk, the reply
  // for the CPU. A reply that acts (a staff command) waits for `stored` itself.
  const stored = deps.enqueue(account, message)
  const pendingReply = deps.passiveReply(account, message, stored).catch((error: unknown) => {
    // The message is safely queued; a broken auto-reply rule must not lose it or trigger a retry.
    deps.log('error', { event: 'wechat.callback.auto-reply-failed', error: error instanceof Error ? error.message : String(error) })
    return null
  })
  if ((await stored) === 'duplicate') return answer(200, 'success', 'duplicate')
  deps.afterResponse?.()
  const reply = await pendingReply
  const replyXml = reply ? buildPassiveReplyXml(message, reply, now) : null
  if (!replyXml) return answer(200, 'success', 'stored')
  // In the mode the request came in: WeChat reads the reply as it sent the request.
  return answer(200, sealReply(account, replyXml, encrypted, now), 'stored-with-reply', XML)
}

/**
 * A body in clear is covered by no signature: plain mode signs only (token, timestamp, nonce). So
 * that a captured request cannot carry other bodies, the signature's timestamp and nonce go with
 * the message (`replayKey`, unique in `wechat-inbound`: one body per signature is stored and acted
 * on — checked where the journal is imported, off the request path; a staff command's direct
 * insert checks it before acting). On an account set to 安全/兼容模式 such a body is also
 * `untrustedBody`: stored for the inbox, never executed as a command or a job result, because
 * the account's console should be sending it encrypted (see mode-mismatch.ts).
 */
function markUnsignedBody(message: InboundMessage, query: SignedQuery, configured: MessageMode): void {
  message.replayKey = `${query.timestamp}:${query.nonce.slice(0, 64)}`
  if (configured !== 'plain') message.untrustedBody = true
}

/**
 * WeChat signs a fresh timestamp; an old one is a replay of a captured request. The window
 * (WECHAT_CALLBACK_MAX_SKEW_SECONDS, 300 s by default) covers WeChat's own retries — three tries, 5 s apart, so within ≈ 15 s — plus
 * clock skew between WeChat and this server; every request outside it is refused (401), plain or
 * encrypted. Inside it, a replay is stopped by the message's dedupeKey (encrypted: the body is the
 * signed one) or the replayKey (plain, above).
 */
function checkTimestamp(query: SignedQuery, nowMs: number, maxSkewSeconds: number): void {
  if (!/^\d{1,12}$/.test(query.timestamp) || !query.nonce) throw new CallbackRefusal(400, 'missing-timestamp-or-nonce')
  if (Math.abs(nowMs / 1000 - Number(query.timestamp)) > maxSkewSeconds) throw new CallbackRefusal(401, 'stale-timestamp')
}

function verifyServer(params: URLSearchParams, query: SignedQuery, token: string): CallbackResponse {
  const echostr = params.get('echostr') ?? ''
  if (!echostr || echostr.length > 256) return refused(400, 'missing-echostr')
  const valid = verifySignature(query.signature, token, query.timestamp, query.nonce)
  return valid ? answer(200, echostr, 'verified') : refused(401, 'bad-signature')
}

/** What follows the first '?' and precedes any '#' (a request target carries no fragment, but a test URL may). */
function queryString(url: string): string {
  const start = url.indexOf('?')
  if (start === -1) return ''
  const hash = url.indexOf('#', start)
  return url.slice(start + 1, hash === -1 ? undefined : hash)
}

function headerOf(request: CallbackRequest, name: string): string | undefined {
  const headers = request.headers
  if (!headers) return undefined
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined
  const record = headers as Record<string, string | undefined>
  return Object.hasOwn(record, name) ? record[name] : undefined
}
