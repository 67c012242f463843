/**
 * WeChat message signing and "safe mode" (安全模式) encryption.
 *
 * Layout (see shared/reference/wechat-official-account.md):
 *   AESKey    = base64(EncodingAESKey + '=')            43 chars -> 32 bytes
 *   plaintext = random(16) | len(4, big-endian, UTF-8 bytes) | msg | appid
 *   padded    = PKCS#7 to a 32-byte block (pad values 1..32)
 *   cipher    = AES-256-CBC, IV = AESKey[0..16], no automatic padding
 */
import { createCipheriv, createDecipheriv, createHash, hash, randomFillSync, timingSafeEqual, type Cipher, type Decipher } from 'node:crypto'

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
const MESSAGE_START = RANDOM_BYTES + LENGTH_BYTES
const AES_BLOCK = 16
const ENCODING_AES_KEY = /^[A-Za-z0-9+/]{43}$/

/**
 * Decodes canonical base64 only: exactly what encoding the bytes gives back — the standard
 * alphabet, '=' padding, zero unused bits. Node's decoder skips what it does not know (spaces,
 * stray characters, the URL-safe alphabet); encoding its result again and comparing finds every
 * such input, for less than a pattern scan of the text costs.
 */
function decodeCanonicalBase64(value: string): Buffer | null {
  if (value.length === 0 || value.length % 4 !== 0) return null
  const bytes = Buffer.from(value, 'base64')
  return bytes.toString('base64') === value ? bytes : null
}

/** sha1 of the parts sorted as strings and joined: the URL signature and the msg_signature. */
export function sha1Signature(...parts: string[]): string {
  // The one-shot hash: no Hash object per call (two calls per safe-mode message).
  return hash('sha1', parts.sort().join(''), 'hex')
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
function signatureEquals(received: string, computed: string): boolean {
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

/**
 * AES-256-CBC with WeChat's fixed IV (the key's first 16 bytes), one OpenSSL context per key and
 * direction instead of one per message: creating a context (key schedule, cipher lookup) was the
 * larger part of safe mode's crypto cost under a burst. A context is never finalised, so it chains
 * on from the last cipher block of the previous message; CBC lets the first block alone correct
 * that, the later blocks chain exactly as in a fresh context:
 *   encrypt  C1 = E(P1 ⊕ IV); the context computes E(X ⊕ Cprev), so it is fed X = P1 ⊕ IV ⊕ Cprev
 *   decrypt  P1 = D(C1) ⊕ IV; the context gives D(C1) ⊕ Cprev, so P1 = that ⊕ Cprev ⊕ IV
 * Tests hold every result equal to a fresh createCipheriv / createDecipheriv per message.
 */
class CbcContext {
  private readonly iv: Buffer
  /** The last cipher block this context processed: its chaining value. */
  private readonly chain: Buffer
  private readonly cipher: Cipher | Decipher

  constructor(
    key: Buffer,
    private readonly direction: 'encrypt' | 'decrypt',
  ) {
    // Own copies: the key buffer is shared through decodeAesKey's cache.
    this.iv = Buffer.from(key.subarray(0, 16))
    this.chain = Buffer.from(this.iv)
    this.cipher = direction === 'encrypt' ? createCipheriv('aes-256-cbc', key, this.iv) : createDecipheriv('aes-256-cbc', key, this.iv)
    // Node's PKCS#7 uses 16-byte blocks and rejects WeChat's pad values 17..32; and without
    // padding OpenSSL holds no block back, so every update returns all of its blocks.
    this.cipher.setAutoPadding(false)
  }

  /** Encrypts whole blocks; the first block of `plain` is overwritten. */
  encrypt(plain: Buffer): Buffer {
    this.correctFirstBlock(plain)
    const cipherText = this.update(plain)
    cipherText.copy(this.chain, 0, cipherText.length - AES_BLOCK)
    return cipherText
  }

  /** Decrypts whole blocks. */
  decrypt(cipherText: Buffer): Buffer {
    const plain = this.update(cipherText)
    this.correctFirstBlock(plain)
    cipherText.copy(this.chain, 0, cipherText.length - AES_BLOCK)
    return plain
  }

  private correctFirstBlock(block: Buffer): void {
    for (let i = 0; i < AES_BLOCK; i++) block[i] = block[i]! ^ this.iv[i]! ^ this.chain[i]!
  }

  private update(input: Buffer): Buffer {
    const output = this.cipher.update(input)
    if (output.length !== input.length) throw new Error(`AES-CBC ${this.direction}: ${output.length} bytes out for ${input.length} in`)
    return output
  }
}

const contexts = new Map<string, CbcContext>()

/**
 * Runs `run` with the key's context. A context that threw is dropped: its chaining value is then
 * unknown, and the next message gets a fresh one.
 */
function withCbcContext<T>(encodingAESKey: string, direction: 'encrypt' | 'decrypt', run: (context: CbcContext) => T): T {
  const name = `${direction}:${encodingAESKey}`
  let context = contexts.get(name)
  if (!context) {
    context = new CbcContext(decodeAesKey(encodingAESKey), direction)
    if (contexts.size >= 100) contexts.clear()
    contexts.set(name, context)
  }
  try {
    return run(context)
  } catch (error) {
    contexts.delete(name)
    throw error
  }
}

// One call into the CSPRNG per 256 replies instead of one per reply: under a burst it was 3 % of
// the callback's CPU.
const randomPool = Buffer.alloc(RANDOM_BYTES * 256)
let randomOffset = randomPool.length

function writeRandom16(target: Buffer, random16: string | Buffer | undefined): void {
  if (random16 !== undefined) {
    const bytes = typeof random16 === 'string' ? Buffer.from(random16, 'utf8') : random16
    if (bytes.length !== RANDOM_BYTES) throw new RangeError('random16 must be exactly 16 bytes')
    bytes.copy(target, 0)
    return
  }
  if (randomOffset + RANDOM_BYTES > randomPool.length) {
    randomFillSync(randomPool)
    randomOffset = 0
  }
  randomPool.copy(target, 0, randomOffset, randomOffset + RANDOM_BYTES)
  randomOffset += RANDOM_BYTES
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
  const messageBytes = Buffer.byteLength(xml, 'utf8')
  const unpadded = MESSAGE_START + messageBytes + Buffer.byteLength(appId, 'utf8')
  const padLength = PAD_BLOCK - (unpadded % PAD_BLOCK)
  // One buffer for the whole plaintext: random | length | message | appid | padding.
  const plain = Buffer.allocUnsafe(unpadded + padLength)
  writeRandom16(plain, random16)
  plain.writeUInt32BE(messageBytes, RANDOM_BYTES)
  // allocUnsafe: every byte is written below, which these checks make sure of.
  if (
    plain.write(xml, MESSAGE_START, 'utf8') !== messageBytes ||
    plain.write(appId, MESSAGE_START + messageBytes, 'utf8') !== unpadded - MESSAGE_START - messageBytes
  ) {
    throw new Error('encryptMessage: the UTF-8 encoding did not fill the measured length')
  }
  plain.fill(padLength, unpadded)
  return withCbcContext(encodingAESKey, 'encrypt', (context) => context.encrypt(plain)).toString('base64')
}

export interface DecryptMessageInput {
  encodingAESKey: string
  appId: string
  encrypted: string
}

/** Decrypts an `Encrypt` value; throws only WeChatCryptoError. */
export function decryptMessage(input: DecryptMessageInput): string {
  const { plain, messageEnd } = openMessage(input)
  return plain.toString('utf8', MESSAGE_START, messageEnd)
}

/** Decrypts and checks padding, length and appid; the message is plain[MESSAGE_START, messageEnd). */
function openMessage({ encodingAESKey, appId, encrypted }: DecryptMessageInput): { plain: Buffer; messageEnd: number } {
  decodeAesKey(encodingAESKey) // a bad key is reported as such, before the input is looked at
  const cipherText = typeof encrypted === 'string' ? decodeCanonicalBase64(encrypted) : null
  if (!cipherText) throw new WeChatCryptoError('bad-base64')
  // CBC needs whole 16-byte blocks; a valid message is padded to 32-byte blocks.
  if (cipherText.length % PAD_BLOCK !== 0) {
    throw new WeChatCryptoError('bad-length', 'cipher text is not a whole number of 32-byte blocks')
  }

  const plain = aesDecrypt(encodingAESKey, cipherText)
  const end = plain.length - paddingLength(plain)
  if (end < MESSAGE_START) throw new WeChatCryptoError('bad-length', 'message too short')

  const messageLength = plain.readUInt32BE(RANDOM_BYTES)
  if (messageLength > end - MESSAGE_START) {
    throw new WeChatCryptoError('bad-length', 'declared length exceeds the message')
  }
  const messageEnd = MESSAGE_START + messageLength
  const expectedTail = Buffer.from(typeof appId === 'string' ? appId : '', 'utf8')
  if (end - messageEnd !== expectedTail.length || !timingSafeEqual(plain.subarray(messageEnd, end), expectedTail)) {
    throw new WeChatCryptoError('appid-mismatch')
  }
  return { plain, messageEnd }
}

function aesDecrypt(encodingAESKey: string, cipherText: Buffer): Buffer {
  try {
    return withCbcContext(encodingAESKey, 'decrypt', (context) => context.decrypt(cipherText))
  } catch {
    // Unreachable with whole blocks and a 32-byte key, but the contract is "typed errors only".
    throw new WeChatCryptoError('bad-length', 'AES decryption failed')
  }
}

/** WeChat's PKCS#7 over 32-byte blocks: the last byte says how many bytes (1..32) of that value end the text. */
function paddingLength(plain: Buffer): number {
  const pad = plain[plain.length - 1] ?? 0
  if (pad < 1 || pad > PAD_BLOCK || pad > plain.length) throw new WeChatCryptoError('bad-padding')
  for (let i = plain.length - pad; i < plain.length; i++) {
    if (plain[i] !== pad) throw new WeChatCryptoError('bad-padding')
  }
  return pad
}
