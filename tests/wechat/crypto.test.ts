import { createCipheriv, createDecipheriv } from 'node:crypto'
import fc from 'fast-check'
import {
  decodeAesKey,
  decryptMessage,
  encryptMessage,
  safeEqual,
  sha1Signature,
  verifySignature,
  WeChatCryptoError,
  type WeChatCryptoErrorReason,
} from '../../src/wechat/crypto'
import { VECTOR_A, VECTOR_E, VECTOR_G } from './vectors'

/** Encrypts raw plaintext bytes (already padded) with the emulated key, to forge malformed messages. */
function encryptRaw(encodingAESKey: string, plain: Buffer): string {
  const key = decodeAesKey(encodingAESKey)
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16))
  cipher.setAutoPadding(false)
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64')
}

/** Decrypts with a fresh OpenSSL context, nothing checked: random16 | length | message | appid | padding. */
function decryptRaw(encodingAESKey: string, encrypted: string): Buffer {
  const key = decodeAesKey(encodingAESKey)
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16))
  decipher.setAutoPadding(false)
  return Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()])
}

function expectReason(run: () => unknown, reason: WeChatCryptoErrorReason): void {
  let caught: unknown
  try {
    run()
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(WeChatCryptoError)
  expect((caught as WeChatCryptoError).reason).toBe(reason)
}

describe('signatures', () => {
  test('vector A: URL signature and msg_signature', () => {
    expect(sha1Signature(VECTOR_A.token, VECTOR_A.timestamp, VECTOR_A.nonce)).toBe(VECTOR_A.urlSignature)
    expect(sha1Signature(VECTOR_A.token, VECTOR_A.timestamp, VECTOR_A.nonce, VECTOR_A.encrypted)).toBe(VECTOR_A.msgSignature)
  })

  test('vector E: plain-mode signature and safe-mode msg_signature', () => {
    const { plain, safe } = VECTOR_E
    expect(sha1Signature(VECTOR_E.token, plain.timestamp, plain.nonce)).toBe(plain.signature)
    expect(sha1Signature(VECTOR_E.token, safe.timestamp, safe.nonce, safe.encrypted)).toBe(safe.msgSignature)
  })

  test('vector G: four-part signature', () => {
    expect(sha1Signature(VECTOR_G.token, 'timestamp', 'nonce', 'encrypt')).toBe(VECTOR_G.signature)
  })

  test('the order of the parts does not matter (they are sorted)', () => {
    expect(sha1Signature(VECTOR_A.nonce, VECTOR_A.token, VECTOR_A.timestamp)).toBe(VECTOR_A.urlSignature)
  })

  test('verifySignature accepts the right signature and refuses others', () => {
    expect(verifySignature(VECTOR_A.urlSignature, VECTOR_A.token, VECTOR_A.timestamp, VECTOR_A.nonce)).toBe(true)
    expect(verifySignature(VECTOR_A.msgSignature, VECTOR_A.token, VECTOR_A.timestamp, VECTOR_A.nonce, VECTOR_A.encrypted)).toBe(true)
    expect(verifySignature(VECTOR_A.urlSignature, VECTOR_A.token, VECTOR_A.timestamp, 'yyyyyy')).toBe(false)
    expect(verifySignature('', VECTOR_A.token, VECTOR_A.timestamp, VECTOR_A.nonce)).toBe(false)
  })

  test('safeEqual: equal, different, different lengths, non-strings', () => {
    expect(safeEqual('abc', 'abc')).toBe(true)
    expect(safeEqual('abc', 'abd')).toBe(false)
    expect(safeEqual('abc', 'abcd')).toBe(false)
    expect(safeEqual('', '')).toBe(true)
    expect(safeEqual(undefined as unknown as string, 'abc')).toBe(false)
  })
})

describe('encryptMessage / decryptMessage', () => {
  test('vector A: encrypts to the official cipher text and back', () => {
    const encrypted = encryptMessage({ encodingAESKey: VECTOR_A.encodingAESKey, appId: VECTOR_A.appId, xml: VECTOR_A.plaintext, random16: VECTOR_A.random16 })
    expect(encrypted).toBe(VECTOR_A.encrypted)
    expect(decryptMessage({ encodingAESKey: VECTOR_A.encodingAESKey, appId: VECTOR_A.appId, encrypted })).toBe(VECTOR_A.plaintext)
  })

  test('vector E: decrypts the official sample (UTF-8 length 292, padding 22) and re-encrypts identically', () => {
    const { safe } = VECTOR_E
    const xml = decryptMessage({ encodingAESKey: VECTOR_E.encodingAESKey, appId: VECTOR_E.appId, encrypted: safe.encrypted })
    expect(xml).toBe(safe.xml)
    expect(Buffer.byteLength(xml)).toBe(safe.length)
    // The layout around it, read independently of the code under test.
    const plain = decryptRaw(VECTOR_E.encodingAESKey, safe.encrypted)
    expect(plain.subarray(0, 16).toString('utf8')).toBe(safe.random16)
    expect(plain.readUInt32BE(16)).toBe(safe.length)
    // 16 + 4 + 292 + 18 = 330 bytes -> 352 after padding: 22 bytes of 22.
    expect(plain.length - (16 + 4 + safe.length + VECTOR_E.appId.length)).toBe(safe.padding)
    expect(plain.subarray(plain.length - safe.padding).every((byte) => byte === safe.padding)).toBe(true)
    expect(plain.toString('utf8', 20 + safe.length, plain.length - safe.padding)).toBe(VECTOR_E.appId)
    const again = encryptMessage({ encodingAESKey: VECTOR_E.encodingAESKey, appId: VECTOR_E.appId, xml: safe.xml, random16: safe.random16 })
    expect(again).toBe(safe.encrypted)
  })

  test.each([
    ['empty', ''],
    ['ASCII', '<xml><Content><![CDATA[hello]]></Content></xml>'],
    ['Chinese (length is in UTF-8 bytes)', '<xml><Content><![CDATA[街道办通知：明天停水]]></Content></xml>'],
    ['emoji', '😀👍🏽'],
    ['exactly fills blocks so padding is a full 32', 'x'.repeat(32 - ((16 + 4 + 18) % 32))],
  ])('round-trips %s', (_name, xml) => {
    const encodingAESKey = VECTOR_E.encodingAESKey
    const encrypted = encryptMessage({ encodingAESKey, appId: VECTOR_E.appId, xml })
    expect(Buffer.from(encrypted, 'base64').length % 32).toBe(0)
    expect(decryptMessage({ encodingAESKey, appId: VECTOR_E.appId, encrypted })).toBe(xml)
  })

  test('a full 32-byte pad block (value 32) decrypts: Node auto-padding would reject it', () => {
    const appId = VECTOR_E.appId
    const xml = 'x'.repeat(32 - ((16 + 4 + appId.length) % 32))
    const encrypted = encryptMessage({ encodingAESKey: VECTOR_E.encodingAESKey, appId, xml, random16: '0123456789abcdef' })
    const plainLength = 16 + 4 + xml.length + appId.length
    expect(plainLength % 32).toBe(0)
    expect(Buffer.from(encrypted, 'base64').length).toBe(plainLength + 32)
    expect(decryptMessage({ encodingAESKey: VECTOR_E.encodingAESKey, appId, encrypted })).toBe(xml)
  })

  test('random16 defaults to fresh random bytes', () => {
    const input = { encodingAESKey: VECTOR_A.encodingAESKey, appId: VECTOR_A.appId, xml: 'same' }
    expect(encryptMessage(input)).not.toBe(encryptMessage(input))
  })

  test('random16 must be 16 bytes', () => {
    expect(() => encryptMessage({ encodingAESKey: VECTOR_A.encodingAESKey, appId: VECTOR_A.appId, xml: 'x', random16: 'short' })).toThrow(RangeError)
  })
})

describe('malformed input: every reason', () => {
  const { encodingAESKey, appId } = VECTOR_E

  test('bad-key: wrong length or alphabet', () => {
    expectReason(() => decryptMessage({ encodingAESKey: 'short', appId, encrypted: VECTOR_E.safe.encrypted }), 'bad-key')
    expectReason(() => decryptMessage({ encodingAESKey: `${'A'.repeat(42)}!`, appId, encrypted: VECTOR_E.safe.encrypted }), 'bad-key')
    expectReason(() => encryptMessage({ encodingAESKey: 'A'.repeat(44), appId, xml: 'x' }), 'bad-key')
  })

  test('bad-base64: empty, invalid characters, bad padding characters, non-string', () => {
    expectReason(() => decryptMessage({ encodingAESKey, appId, encrypted: '' }), 'bad-base64')
    expectReason(() => decryptMessage({ encodingAESKey, appId, encrypted: 'not base64!' }), 'bad-base64')
    expectReason(() => decryptMessage({ encodingAESKey, appId, encrypted: 'abc' }), 'bad-base64')
    expectReason(() => decryptMessage({ encodingAESKey, appId, encrypted: 'ab=c' }), 'bad-base64')
    expectReason(() => decryptMessage({ encodingAESKey, appId, encrypted: 42 as unknown as string }), 'bad-base64')
  })

  test('bad-length: cipher text not a whole number of 32-byte blocks', () => {
    expectReason(() => decryptMessage({ encodingAESKey, appId, encrypted: Buffer.alloc(16).toString('base64') }), 'bad-length')
    expectReason(() => decryptMessage({ encodingAESKey, appId, encrypted: Buffer.alloc(33).toString('base64') }), 'bad-length')
  })

  test('bad-padding: pad value 0, above 32, or inconsistent pad bytes', () => {
    const body = Buffer.alloc(64, 0x41)
    body[63] = 0
    expectReason(() => decryptMessage({ encodingAESKey, appId, encrypted: encryptRaw(encodingAESKey, body) }), 'bad-padding')
    body[63] = 33
    expectReason(() => decryptMessage({ encodingAESKey, appId, encrypted: encryptRaw(encodingAESKey, body) }), 'bad-padding')
    body.fill(4, 60)
    body[61] = 5
    expectReason(() => decryptMessage({ encodingAESKey, appId, encrypted: encryptRaw(encodingAESKey, body) }), 'bad-padding')
  })

  test('bad-padding: decrypting with the wrong key garbles the padding', () => {
    const encrypted = encryptMessage({ encodingAESKey, appId, xml: 'hello', random16: '0123456789abcdef' })
    expectReason(() => decryptMessage({ encodingAESKey: VECTOR_A.encodingAESKey, appId, encrypted }), 'bad-padding')
  })

  test('bad-length: declared message length longer than the data', () => {
    const plain = Buffer.alloc(64, 0)
    plain.writeUInt32BE(1000, 16)
    plain.fill(32, 32)
    expectReason(() => decryptMessage({ encodingAESKey, appId, encrypted: encryptRaw(encodingAESKey, plain) }), 'bad-length')
  })

  test('bad-length: shorter than the random prefix and length field', () => {
    const plain = Buffer.alloc(32, 0)
    plain.fill(16, 16)
    expectReason(() => decryptMessage({ encodingAESKey, appId, encrypted: encryptRaw(encodingAESKey, plain) }), 'bad-length')
  })

  test('appid-mismatch: a message for another account', () => {
    const encrypted = encryptMessage({ encodingAESKey, appId: 'wxOTHERACCOUNT0001', xml: 'hi' })
    expectReason(() => decryptMessage({ encodingAESKey, appId, encrypted }), 'appid-mismatch')
    expectReason(
      () => decryptMessage({ encodingAESKey: VECTOR_A.encodingAESKey, appId: 'wx0000000000000000', encrypted: VECTOR_A.encrypted }),
      'appid-mismatch',
    )
  })

  test('errors carry a name and a message', () => {
    const error = new WeChatCryptoError('bad-padding')
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('WeChatCryptoError')
    expect(error.message).toContain('bad-padding')
  })
})

test('the base64 check refuses exactly what is not canonical base64 (strict pattern, zero unused bits, as oracle)', () => {
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  const strict = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
  const canonical = (text: string) => {
    if (!strict.test(text) || text.length === 0) return false
    // The bits after the last byte must be zero: 4 of the 2nd character before '==', 2 of the 3rd before '='.
    if (text.endsWith('==')) return (ALPHABET.indexOf(text[text.length - 3]!) & 0x0f) === 0
    if (text.endsWith('=')) return (ALPHABET.indexOf(text[text.length - 2]!) & 0x03) === 0
    return true
  }
  const reasonOf = (encrypted: string) => {
    try {
      decryptMessage({ encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', appId: 'wx0000000000000001', encrypted })
      return 'ok'
    } catch (error) {
      return (error as WeChatCryptoError).reason
    }
  }
  const samples = fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9+/=]{1,12}$/),
    fc.stringMatching(/^[A-Za-z0-9+/]{2,3}={1,2}$/), // padded endings, most with unused bits set
    fc.stringMatching(/^[A-Za-z0-9+/=\-_ \n]{1,12}$/), // URL-safe alphabet, whitespace
  )
  fc.assert(
    fc.property(samples, (encrypted) => {
      expect(reasonOf(encrypted) === 'bad-base64').toBe(!canonical(encrypted))
    }),
    { numRuns: 10_000 },
  )
  expect(reasonOf('QR==')).toBe('bad-base64') // strict-looking, but not what encoding gives
  expect(reasonOf('QQ==')).toBe('bad-length') // canonical: one byte, then refused for its length
})

describe('kept AES contexts (one per key and direction) give what a fresh context per message gives', () => {
  const KEYS = [VECTOR_A.encodingAESKey, VECTOR_E.encodingAESKey]
  const APP_ID = 'wx0000000000000001'

  /** The layout written out the plain way: a fresh OpenSSL context, nothing kept between messages. */
  function encryptFresh(encodingAESKey: string, xml: string, random16: Buffer): string {
    const body = Buffer.concat([random16, Buffer.alloc(4), Buffer.from(xml, 'utf8'), Buffer.from(APP_ID)])
    body.writeUInt32BE(Buffer.byteLength(xml, 'utf8'), 16)
    const pad = 32 - (body.length % 32)
    return encryptRaw(encodingAESKey, Buffer.concat([body, Buffer.alloc(pad, pad)]))
  }

  function decryptFresh(encodingAESKey: string, encrypted: string): string {
    const plain = decryptRaw(encodingAESKey, encrypted)
    return plain.toString('utf8', 20, 20 + plain.readUInt32BE(16))
  }

  const message = fc.record({
    key: fc.constantFrom(...KEYS),
    xml: fc.string({ unit: 'grapheme', maxLength: 300 }),
    random16: fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes) => Buffer.from(bytes)),
  })

  test('sequences of messages under two keys, both directions interleaved', () => {
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 12 }), (messages) => {
        for (const { key, xml, random16 } of messages) {
          const encrypted = encryptMessage({ encodingAESKey: key, appId: APP_ID, xml, random16 })
          expect(encrypted).toBe(encryptFresh(key, xml, random16))
          expect(decryptMessage({ encodingAESKey: key, appId: APP_ID, encrypted })).toBe(xml)
          expect(decryptFresh(key, encrypted)).toBe(xml)
        }
      }),
      { numRuns: 500 },
    )
  })

  test('refused messages in between leave the next message intact', () => {
    const [key] = KEYS as [string]
    const good = (xml: string) => encryptFresh(key, xml, Buffer.alloc(16, 7))
    const refused = [
      encryptRaw(key, Buffer.alloc(64, 0)), // bad padding
      encryptRaw(key, Buffer.alloc(32, 32)), // too short
      encryptFresh(VECTOR_E.encodingAESKey, '<xml/>', Buffer.alloc(16)), // another key: garbled
      'not base64!',
    ]
    for (const encrypted of refused) {
      expect(() => decryptMessage({ encodingAESKey: key, appId: APP_ID, encrypted })).toThrow(WeChatCryptoError)
      expect(decryptMessage({ encodingAESKey: key, appId: APP_ID, encrypted: good('<xml>下一条</xml>') })).toBe('<xml>下一条</xml>')
    }
  })
})
