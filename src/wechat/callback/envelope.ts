/**
 * Opens and seals the callback envelope in the three message modes: plain (signature over the
 * query only), compatible (plaintext fields plus Encrypt) and safe (Encrypt only). In both AES
 * modes only the decrypted, msg_signature-checked copy is trusted.
 */
import { randomInt } from 'node:crypto'
import type { AccountCredentials } from '../accounts'
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

export interface OpenedEnvelope {
  message: XmlRecord
  encrypted: boolean
}

/** Verifies and, in the AES modes, decrypts a POST body; throws CallbackRefusal. */
export function openEnvelope(account: AccountCredentials, query: SignedQuery, body: Uint8Array): OpenedEnvelope {
  if (!query.encrypted) {
    // An account in safe mode never receives plaintext from WeChat: a plain request is forged or misrouted.
    if (account.messageMode === 'safe') throw new CallbackRefusal(400, 'plain-request-to-safe-account')
    if (!verifySignature(query.signature, account.token, query.timestamp, query.nonce)) throw new CallbackRefusal(401, 'bad-signature')
    return { message: parseXml(body), encrypted: false }
  }
  const encrypt = xmlText(parseXml(body), 'Encrypt')
  if (!encrypt) throw new CallbackRefusal(400, 'missing-encrypt')
  if (!verifySignature(query.msgSignature, account.token, query.timestamp, query.nonce, encrypt)) {
    throw new CallbackRefusal(401, 'bad-msg-signature')
  }
  return { message: parseXml(decryptWithRotation(account, encrypt)), encrypted: true }
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
