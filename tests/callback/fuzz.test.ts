/**
 * 10,000 random requests through the handler's whole parse path (query, size cap, envelope,
 * signature, decryption, XML, message fields): every one gets an answer below 500, none throws.
 * Half are correctly signed and encrypted around random plaintext, so the parser behind the
 * crypto is reached too.
 */
import fc from 'fast-check'
import { encryptMessage, sha1Signature } from '../../src/wechat/crypto'
import { handleCallback } from '../../src/wechat/callback/handler'
import { buildXml } from '../../src/wechat/xml'
import { accountCredentials, memoryDeps } from './helpers'

const NOW = 1_772_416_800_000
const TS = String(NOW / 1000)
const account = accountCredentials({
  id: 'fuzz',
  appId: 'wxfuzz000000000001',
  token: 'fuzztoken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  messageMode: 'compatible',
})

const xmlish = fc.oneof(
  fc.string({ maxLength: 300, unit: 'binary' }),
  fc
    .array(
      fc.constantFrom(
        '<xml>',
        '</xml>',
        '<MsgType>',
        '</MsgType>',
        '<![CDATA[',
        ']]>',
        'text',
        'event',
        '<FromUserName>',
        '</FromUserName>',
        '<CreateTime>',
        '</CreateTime>',
        '1',
        '&amp;',
        '&x;',
        '<!DOCTYPE',
        '<!ENTITY',
        '<item>',
        '</item>',
        '<__proto__>',
        '</__proto__>',
        '<?xml?>',
        '<a b="<">',
        '/>',
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join('')),
)

function signedEncrypted(plain: string): { url: string; body: string } {
  const encrypted = encryptMessage({ encodingAESKey: account.encodingAESKey, appId: account.appId, xml: plain })
  const query = new URLSearchParams({ timestamp: TS, nonce: 'n', encrypt_type: 'aes', msg_signature: sha1Signature(account.token, TS, 'n', encrypted) })
  return { url: `/cb?${query}`, body: buildXml({ ToUserName: 'gh', Encrypt: encrypted }) }
}

test('random requests never throw and never answer 5xx', async () => {
  const { deps, logs } = memoryDeps(account, { now: () => NOW })
  await fc.assert(
    fc.asyncProperty(
      fc.boolean(),
      xmlish,
      fc.string({ maxLength: 80 }),
      fc.constantFrom('GET', 'POST', 'PUT', 'post'),
      async (signed, text, rawQuery, method) => {
        const request = signed ? { method: 'POST', ...signedEncrypted(text) } : { method, url: `/cb?timestamp=${TS}&nonce=n&${rawQuery}`, body: text }
        const response = await handleCallback('fuzz', request, deps)
        return response.status < 500 && typeof response.body === 'string'
      },
    ),
    { numRuns: 10_000 },
  )
  expect(logs.filter((log) => log.level === 'error')).toEqual([])
})
