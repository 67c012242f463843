/**
 * WeChat message signing and "safe mode" (安全模式) encryption.
 *
 * Layout (see shared/reference/wechat-official-account.md):
 *   AESKey    = base64(EncodingAESKey + '=')            43 chars -> 32 bytes
 *   plaintext = random(16) | len(4, big-endian, UTF-8 bytes) | msg | appid
 *   padded    = PKCS#7 to a 32-byte block (pad values 1..32)
 *   cipher    = AES-256-CBC, IV = AESKey[0..16], no automatic padding
 */
import { createCipheriv, createDecipheriv, createHash, randomFillSync, timingSafeEqual } from 'node:crypto'

export type WeChatCryptoErrorReason = 'bad-base64' | 'bad-padding' | 'bad-length' | 'appid-mismatch' | 'bad-key'

/** The only error the decrypt path throws, so callers can answer 400 without guessing. */
export class WeChatCryptoError extends Error {
  readonly reason: WeChatCryptoErrorReason

  constructor(reason: WeChatCryptoErrorReason, message?: string) {
    super(message ?? `WeChat message crypto failed: ${reason}`)
    this.name = 'WeChatCryptoError'
    this.reason = reason
  }
}

const PAD_BLOCK = 32
const RANDOM_BYTES = 16
const LENGTH_BYTES = 4
const ENCODING_AES_KEY = /^[A-Za-z0-9+/]{43}$/
// Strict base64 is this alphabet, at most two '=' at the end, and a length that is a multiple of 4;
// one character class scanned once instead of a group repeated per quartet (a hot path in safe mode).
const BASE64_CHARS = /^[A-Za-z0-9+/]*={0,2}$/
const isStrictBase64 = (value: string): boolean => value.length % 4 === 0 && BASE64_CHARS.test(value)

/** sha1 of the parts sorted as strings and joined: the URL signature and the msg_signature. */
export function sha1Signature(...parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex')
}

/**
 * Compares two strings without leaking where they differ. Both sides are hashed first so that
 * differing lengths neither throw nor return early (for secrets, whose length is secret too).
 */
export function safeEqual(a: string, b: string): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false
  const left = createHash('sha256').update(a).digest()
  const right = createHash('sha256').update(b).digest()
  return timingSafeEqual(left, right) && a.length === b.length
}

/**
 * Compares a received signature with the computed one in constant time. A length mismatch
 * returns at once: a signature is 40 hex characters, its length is no secret — and this runs for
 * every callback, where two extra sha256 per request showed in the profile.
 */
export function signatureEquals(received: string, computed: string): boolean {
  if (typeof received !== 'string' || received.length !== computed.length) return false
  return timingSafeEqual(Buffer.from(received, 'latin1'), Buffer.from(computed, 'latin1'))
}

/** Checks `signature` (plain mode) or `msg_signature` (safe mode, with the Encrypt field). */
export function verifySignature(expected: string, token: string, timestamp: string, nonce: string, encrypt?: string): boolean {
  const parts = encrypt === undefined ? [token, timestamp, nonce] : [token, timestamp, nonce, encrypt]
  return signatureEquals(expected, sha1Signature(...parts))
}

// An account has one or two keys: decoding them once, not twice per message, matters under a burst.
const decodedKeys = new Map<string, Buffer>()

/** Turns the 43-character EncodingAESKey into the 32-byte AES key. */
export function decodeAesKey(encodingAESKey: string): Buffer {
  const known = decodedKeys.get(encodingAESKey)
  if (known) return known
  const key = decodeAesKeyOnce(encodingAESKey)
  if (decodedKeys.size >= 100) decodedKeys.clear()
  decodedKeys.set(encodingAESKey, key)
  return key
}

function decodeAesKeyOnce(encodingAESKey: string): Buffer {
  if (typeof encodingAESKey !== 'string' || !ENCODING_AES_KEY.test(encodingAESKey)) {
    throw new WeChatCryptoError('bad-key', 'EncodingAESKey must be 43 base64 characters')
  }
  const key = Buffer.from(`${encodingAESKey}=`, 'base64')
  if (key.length !== 32) throw new WeChatCryptoError('bad-key', 'EncodingAESKey does not decode to 32 bytes')
  return key
}

// One call into the CSPRNG per 256 replies instead of one per reply: under a burst it was 3 % of
// the callback's CPU.
const randomPool = Buffer.alloc(RANDOM_BYTES * 256)
let randomOffset = randomPool.length

function freshRandom16(): Buffer {
  if (randomOffset + RANDOM_BYTES > randomPool.length) {
    randomFillSync(randomPool)
    randomOffset = 0
  }
  const bytes = Buffer.from(randomPool.subarray(randomOffset, randomOffset + RANDOM_BYTES))
  randomOffset += RANDOM_BYTES
  return bytes
}

function toRandom16(random16: string | Buffer | undefined): Buffer {
  if (random16 === undefined) return freshRandom16()
  const bytes = typeof random16 === 'string' ? Buffer.from(random16, 'utf8') : random16
  if (bytes.length !== RANDOM_BYTES) throw new RangeError('random16 must be exactly 16 bytes')
  return bytes
}

export interface EncryptMessageInput {
  encodingAESKey: string
  appId: string
  xml: string
  /** Fixed random prefix, for test vectors; random bytes otherwise. */
  random16?: string | Buffer
}

/** Encrypts a message (usually an XML document) and returns the base64 `Encrypt` value. */
export function encryptMessage({ encodingAESKey, appId, xml, random16 }: EncryptMessageInput): string {
  const key = decodeAesKey(encodingAESKey)
  const message = Buffer.from(xml, 'utf8')
  const length = Buffer.alloc(LENGTH_BYTES)
  length.writeUInt32BE(message.length, 0)
  const body = Buffer.concat([toRandom16(random16), length, message, Buffer.from(appId, 'utf8')])
  const padLength = PAD_BLOCK - (body.length % PAD_BLOCK)
  const padded = Buffer.concat([body, Buffer.alloc(padLength, padLength)])

  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16))
  cipher.setAutoPadding(false)
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64')
}

export interface DecryptMessageInput {
  encodingAESKey: string
  appId: string
  encrypted: string
}

export interface DecryptedMessage {
  xml: string
  appId: string
  random16: Buffer
}

/** Decrypts an `Encrypt` value; throws only WeChatCryptoError. */
export function decryptMessage(input: DecryptMessageInput): string {
  return decryptMessageDetailed(input).xml
}

/** Like decryptMessage, but also returns the random prefix and appid tail (for diagnostics). */
export function decryptMessageDetailed({ encodingAESKey, appId, encrypted }: DecryptMessageInput): DecryptedMessage {
  const key = decodeAesKey(encodingAESKey)
  if (typeof encrypted !== 'string' || encrypted.length === 0 || !isStrictBase64(encrypted)) {
    throw new WeChatCryptoError('bad-base64')
  }
  const cipherText = Buffer.from(encrypted, 'base64')
  // CBC needs whole 16-byte blocks; a valid message is padded to 32-byte blocks.
  if (cipherText.length === 0 || cipherText.length % PAD_BLOCK !== 0) {
    throw new WeChatCryptoError('bad-length', 'cipher text is not a whole number of 32-byte blocks')
  }

  const plain = aesDecrypt(key, cipherText)
  const body = removePadding(plain)
  if (body.length < RANDOM_BYTES + LENGTH_BYTES) throw new WeChatCryptoError('bad-length', 'message too short')

  const messageLength = body.readUInt32BE(RANDOM_BYTES)
  const messageStart = RANDOM_BYTES + LENGTH_BYTES
  if (messageLength > body.length - messageStart) {
    throw new WeChatCryptoError('bad-length', 'declared length exceeds the message')
  }
  const messageEnd = messageStart + messageLength
  const tail = body.subarray(messageEnd)
  const expectedTail = Buffer.from(typeof appId === 'string' ? appId : '', 'utf8')
  if (tail.length !== expectedTail.length || !timingSafeEqual(tail, expectedTail)) {
    throw new WeChatCryptoError('appid-mismatch')
  }
  return {
    xml: body.subarray(messageStart, messageEnd).toString('utf8'),
    appId: tail.toString('utf8'),
    random16: Buffer.from(body.subarray(0, RANDOM_BYTES)),
  }
}

function aesDecrypt(key: Buffer, cipherText: Buffer): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16))
    // Node's PKCS#7 uses 16-byte blocks and rejects WeChat's pad values 17..32.
    decipher.setAutoPadding(false)
    return Buffer.concat([decipher.update(cipherText), decipher.final()])
  } catch {
    // Unreachable with whole blocks and a 32-byte key, but the contract is "typed errors only".
    throw new WeChatCryptoError('bad-length', 'AES decryption failed')
  }
}

function removePadding(plain: Buffer): Buffer {
  const pad = plain[plain.length - 1] ?? 0
  if (pad < 1 || pad > PAD_BLOCK || pad > plain.length) throw new WeChatCryptoError('bad-padding')
  for (let i = plain.length - pad; i < plain.length; i++) {
    if (plain[i] !== pad) throw new WeChatCryptoError('bad-padding')
  }
  return plain.subarray(0, plain.length - pad)
}
