/**
 * Property tests: whatever arrives from the network, decrypt and parse throw only their typed
 * errors (so the callback route can answer 400 instead of crashing), and valid data round-trips.
 */
import fc from 'fast-check'
import { decryptMessage, encryptMessage, WeChatCryptoError } from '../../src/wechat/crypto'
import { buildXml, parseXml, WeChatXmlError } from '../../src/wechat/xml'
import { VECTOR_A, VECTOR_E } from './vectors'

const RUNS = 10_000

function onlyThrows(errorClass: new (...args: never[]) => Error, run: () => unknown): boolean {
  try {
    run()
  } catch (error) {
    if (!(error instanceof errorClass)) throw error
  }
  return true
}

const { encodingAESKey, appId } = VECTOR_E

describe('decryptMessage never throws anything but WeChatCryptoError', () => {
  test('random strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400, unit: 'binary' }), (encrypted) =>
        onlyThrows(WeChatCryptoError, () => decryptMessage({ encodingAESKey, appId, encrypted })),
      ),
      { numRuns: RUNS },
    )
  })

  test('random buffers, base64-encoded (valid base64, arbitrary cipher text)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) =>
        onlyThrows(WeChatCryptoError, () => decryptMessage({ encodingAESKey, appId, encrypted: Buffer.from(bytes).toString('base64') })),
      ),
      { numRuns: RUNS },
    )
  })

  test('random whole 32-byte blocks, so decryption reaches the padding and length checks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((blocks) => fc.uint8Array({ minLength: blocks * 32, maxLength: blocks * 32 })),
        (bytes) => onlyThrows(WeChatCryptoError, () => decryptMessage({ encodingAESKey, appId, encrypted: Buffer.from(bytes).toString('base64') })),
      ),
      { numRuns: RUNS },
    )
  })

  test('random keys and appids', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), fc.string({ maxLength: 30 }), (key, someAppId) =>
        onlyThrows(WeChatCryptoError, () => decryptMessage({ encodingAESKey: key, appId: someAppId, encrypted: VECTOR_A.encrypted })),
      ),
      { numRuns: RUNS },
    )
  })

  test('encrypt -> decrypt round-trips any string', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300, unit: 'grapheme' }),
        (xml) => decryptMessage({ encodingAESKey, appId, encrypted: encryptMessage({ encodingAESKey, appId, xml }) }) === xml,
      ),
      { numRuns: 2000 },
    )
  })
})

describe('parseXml never throws anything but WeChatXmlError', () => {
  const xmlish = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          '<xml>',
          '</xml>',
          '<A>',
          '</A>',
          '<item>',
          '</item>',
          '<![CDATA[',
          ']]>',
          '<!--',
          '-->',
          '<?xml?>',
          '<!DOCTYPE',
          '<!ENTITY',
          '&lt;',
          '&#x',
          ';',
          '<',
          '>',
          '/>',
          '"',
          '__proto__',
        ),
        fc.string({ maxLength: 10 }),
      ),
      { maxLength: 30 },
    )
    .map((pieces) => pieces.join(''))

  test('random strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400, unit: 'binary' }), (text) => onlyThrows(WeChatXmlError, () => parseXml(text))),
      { numRuns: RUNS },
    )
  })

  test('random XML-like token soup', () => {
    fc.assert(
      fc.property(xmlish, (text) => onlyThrows(WeChatXmlError, () => parseXml(text, { maxBytes: 2048 }))),
      { numRuns: RUNS },
    )
  })

  test('random buffers', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => onlyThrows(WeChatXmlError, () => parseXml(Buffer.from(bytes)))),
      { numRuns: RUNS },
    )
  })

  test('buildXml -> parseXml round-trips flat records of arbitrary text', () => {
    const key = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/).filter((name) => name !== 'item')
    fc.assert(
      fc.property(fc.dictionary(key, fc.string({ maxLength: 60 }), { maxKeys: 8 }), (record) => {
        const parsed = parseXml(buildXml(record))
        expect({ ...parsed }).toEqual({ ...record })
        return ({} as Record<string, unknown>).polluted === undefined
      }),
      { numRuns: 2000 },
    )
  })
})
