/**
 * Opens and seals the callback envelope in the three message modes: plain (signature over the
 * query only), compatible (plaintext fields plus Encrypt) and safe (Encrypt only). In both AES
 * modes only the decrypted, msg_signature-checked copy is trusted.
 *
 * The envelope is read as it came, whatever mode the account is set to: WeChat's console and this
 * system's setting can disagree (a console left on 明文模式, or switched while messages are in
 * flight), and a refusal makes WeChat retry, give up and lose the resident's message. What makes a
 * request authentic is its signature (`signature` for plain, `msg_signature` for encrypted), never
 * its mode; the mismatch is reported (`mode` ≠ the account's `messageMode`) so staff can fix it.
 */
import { randomInt } from 'node:crypto'
import type { AccountCredentials } from '../account-credentials'
import { decryptMessage, encryptMessage, sha1Signature, verifySignature, WeChatCryptoError } from '../crypto'
import { parseXml, xmlText, type XmlRecord } from '../xml'

export class CallbackRefusal extends Error {
  constructor(
    readonly status: number,
    readonly outcome: string,
  ) {
    super(outcome)
    this.name = 'CallbackRefusal'
  }
}

export interface SignedQuery {
  signature: string
  msgSignature: string
  timestamp: string
  nonce: string
  encrypted: boolean
}

export function readSignedQuery(params: URLSearchParams): SignedQuery {
  return {
    signature: params.get('signature') ?? '',
    msgSignature: params.get('msg_signature') ?? '',
    timestamp: params.get('timestamp') ?? '',
    nonce: params.get('nonce') ?? '',
    encrypted: params.get('encrypt_type') === 'aes',
  }
}

export type MessageMode = AccountCredentials['messageMode']

export interface OpenedEnvelope {
  message: XmlRecord
  encrypted: boolean
  /**
   * The mode the request came in: plain (no encrypt_type), compatible (encrypted, with the
   * plaintext fields beside Encrypt) or safe (Encrypt only, beside ToUserName).
   */
  mode: MessageMode
}

/**
 * Verifies and, in the AES modes, decrypts a POST body, in whichever mode it came (see above);
 * throws CallbackRefusal (401 for a missing or wrong signature, 400 for an encrypted request
 * without Encrypt) and the crypto / XML errors of a body that cannot be read.
 */
export function openEnvelope(account: AccountCredentials, query: SignedQuery, body: Uint8Array): OpenedEnvelope {
  if (!query.encrypted) {
    // A plain request is trusted on its signature alone, as WeChat signs it (token, timestamp, nonce).
    if (!verifySignature(query.signature, account.token, query.timestamp, query.nonce)) throw new CallbackRefusal(401, 'bad-signature')
    return { message: parseXml(body), encrypted: false, mode: 'plain' }
  }
  const outer = parseXml(body)
  const encrypt = xmlText(outer, 'Encrypt')
  if (!encrypt) throw new CallbackRefusal(400, 'missing-encrypt')
  if (!verifySignature(query.msgSignature, account.token, query.timestamp, query.nonce, encrypt)) {
    throw new CallbackRefusal(401, 'bad-msg-signature')
  }
  // Compatible mode repeats the message's fields in clear beside Encrypt; safe mode sends only ToUserName.
  const mode: MessageMode = xmlText(outer, 'MsgType') ? 'compatible' : 'safe'
  if (!account.encodingAESKey) {
    // An account set to 明文模式 without an EncodingAESKey while the console sends 兼容模式: the clear
    // copy is what plain mode would trust, on the same `signature`; the reply goes back in clear,
    // which compatible mode accepts. Safe mode without the key cannot be read at all.
    if (mode !== 'compatible') throw new CallbackRefusal(400, 'no-encoding-aes-key')
    if (!verifySignature(query.signature, account.token, query.timestamp, query.nonce)) throw new CallbackRefusal(401, 'bad-signature')
    return { message: withoutEncrypt(outer), encrypted: false, mode }
  }
  return { message: parseXml(decryptWithRotation(account, encrypt)), encrypted: true, mode }
}

/** The record as parsed (keys off Object.prototype, like parseXml's), minus the cipher text. */
function withoutEncrypt(record: XmlRecord): XmlRecord {
  const clear = Object.create(Object.getPrototypeOf(record)) as XmlRecord
  for (const key of Object.keys(record)) if (key !== 'Encrypt') clear[key] = record[key]!
  return clear
}

/** During a key rotation WeChat may still encrypt with the previous EncodingAESKey for a while. */
function decryptWithRotation(account: AccountCredentials, encrypted: string): string {
  try {
    return decryptMessage({ encodingAESKey: account.encodingAESKey, appId: account.appId, encrypted })
  } catch (error) {
    const previous = account.previousEncodingAESKey
    if (!(error instanceof WeChatCryptoError) || error.reason === 'bad-base64' || !previous) throw error
    return decryptMessage({ encodingAESKey: previous, appId: account.appId, encrypted })
  }
}

/** The reply body: the plain XML, or in the AES modes the encrypted and signed wrapper. */
export function sealReply(account: AccountCredentials, replyXml: string, encrypted: boolean, nowMs: number): string {
  if (!encrypted) return replyXml
  const encrypt = encryptMessage({ encodingAESKey: account.encodingAESKey, appId: account.appId, xml: replyXml })
  const timestamp = String(Math.floor(nowMs / 1000))
  const nonce = String(randomInt(100_000_000, 2_000_000_000))
  const signature = sha1Signature(account.token, timestamp, nonce, encrypt)
  // Written out (what buildXml gives for these four fields): every encrypted reply of a burst passes
  // here. Base64, hex and digits cannot contain `]]>`, so the values go into CDATA as they are.
  return `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt><MsgSignature><![CDATA[${signature}]]></MsgSignature><TimeStamp><![CDATA[${timestamp}]]></TimeStamp><Nonce><![CDATA[${nonce}]]></Nonce></xml>`
}
