/**
 * Posts event and message XML to an account's callback URL the way WeChat does: signed query
 * (signature, timestamp, nonce), encrypted body in safe/compatible mode, 5 s timeout, 3 tries.
 */
import { randomInt } from 'node:crypto'
import { decryptMessage, encryptMessage, sha1Signature } from '../../wechat/crypto'
import { buildXml, parseXml, xmlText } from '../../wechat/xml'
import type { EmulatorSettings } from './context'
import type { AccountState } from './state'

interface CallbackAttempt {
  status: number | null
  error: string | null
  body: string
}

export interface CallbackDelivery {
  appId: string
  url: string
  /** MsgType, or `event:<Event>` for events. */
  kind: string
  plainXml: string
  requestBody: string
  query: Record<string, string>
  attempts: CallbackAttempt[]
  ok: boolean
  /** The passive reply, decrypted when the account uses safe mode; null for '', 'success' or failures. */
  reply: string | null
  at: number
}

export interface DeliverOptions {
  /** WeChat adds the sender's openid to the query of user messages. */
  openid?: string
}

export class CallbackSender {
  readonly deliveries: CallbackDelivery[] = []
  private readonly inFlight = new Set<Promise<CallbackDelivery>>()
  /** Aborted when the emulator closes, so no delivery outlives it. */
  private readonly closing = new AbortController()

  constructor(
    private readonly settings: EmulatorSettings,
    private readonly now: () => number,
  ) {}

  /** Resolves with null when the account has no callback URL configured. */
  deliver(account: AccountState, plainXml: string, options: DeliverOptions = {}): Promise<CallbackDelivery> | null {
    if (!account.config.callbackUrl) return null
    const delivery = this.send(account, account.config.callbackUrl, plainXml, options)
    this.inFlight.add(delivery)
    void delivery.finally(() => this.inFlight.delete(delivery))
    return delivery
  }

  abortAll(): void {
    this.closing.abort()
  }

  /** Waits for every delivery under way (tests call this before asserting). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight])
  }

  private async send(account: AccountState, url: string, plainXml: string, options: DeliverOptions): Promise<CallbackDelivery> {
    const { token, encodingAESKey, appId, originalId, messageMode } = account.config
    const timestamp = String(Math.floor(this.now() / 1000))
    const nonce = String(randomInt(100_000_000, 2_000_000_000))
    const query: Record<string, string> = { signature: sha1Signature(token, timestamp, nonce), timestamp, nonce }
    if (options.openid) query.openid = options.openid

    let requestBody = plainXml
    if (messageMode !== 'plain') {
      const encrypted = encryptMessage({ encodingAESKey, appId, xml: plainXml })
      query.encrypt_type = 'aes'
      query.msg_signature = sha1Signature(token, timestamp, nonce, encrypted)
      requestBody =
        messageMode === 'safe'
          ? buildXml({ ToUserName: originalId, Encrypt: encrypted })
          : // Compatible mode: the plaintext fields and Encrypt side by side (base64 never contains "]]>").
            plainXml.replace(/<\/xml>\s*$/, `<Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`)
    }

    const delivery: CallbackDelivery = {
      appId,
      url,
      kind: describeKind(plainXml),
      plainXml,
      requestBody,
      query,
      attempts: [],
      ok: false,
      reply: null,
      at: this.now(),
    }
    this.deliveries.push(delivery)

    const target = new URL(url)
    for (const [key, value] of Object.entries(query)) target.searchParams.set(key, value)
    for (let attempt = 0; attempt < this.settings.callbackAttempts && !delivery.ok && !this.closing.signal.aborted; attempt++) {
      const signal = AbortSignal.any([AbortSignal.timeout(this.settings.callbackTimeoutMs), this.closing.signal])
      const result = await postOnce(target, requestBody, signal)
      delivery.attempts.push(result)
      delivery.ok = result.status === 200
      if (delivery.ok) delivery.reply = readReply(result.body, account)
    }
    return delivery
  }
}

async function postOnce(target: URL, body: string, signal: AbortSignal): Promise<CallbackAttempt> {
  try {
    const response = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8' },
      body,
      signal,
    })
    return { status: response.status, error: null, body: await response.text() }
  } catch (error) {
    return { status: null, error: error instanceof Error ? error.message : String(error), body: '' }
  }
}

function describeKind(plainXml: string): string {
  try {
    const record = parseXml(plainXml)
    const msgType = xmlText(record, 'MsgType')
    return msgType === 'event' ? `event:${xmlText(record, 'Event')}` : msgType
  } catch {
    return 'unknown'
  }
}

/** '' and 'success' mean "no reply"; an encrypted reply is opened with the account's key. */
function readReply(body: string, account: AccountState): string | null {
  const trimmed = body.trim()
  if (trimmed === '' || trimmed === 'success') return null
  try {
    const record = parseXml(trimmed)
    const encrypted = xmlText(record, 'Encrypt')
    if (!encrypted) return trimmed
    return decryptMessage({ encodingAESKey: account.config.encodingAESKey, appId: account.config.appId, encrypted })
  } catch {
    return trimmed
  }
}
