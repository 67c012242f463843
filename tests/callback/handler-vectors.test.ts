/** The reference's official vectors, run through the callback handler with in-memory dependencies. */
import { handleCallback } from '../../src/wechat/callback/handler'
import { VECTOR_A, VECTOR_E, VECTOR_G } from '../wechat/vectors'
import { accountCredentials, memoryDeps } from './helpers'
import { sha1Signature } from '../../src/wechat/crypto'
import { buildXml } from '../../src/wechat/xml'

const at = (timestamp: string) => () => Number(timestamp) * 1000

describe('vector E (the official worked example)', () => {
  const account = accountCredentials({ id: 'e', appId: VECTOR_E.appId, token: VECTOR_E.token, encodingAESKey: VECTOR_E.encodingAESKey, messageMode: 'safe' })

  test('GET verification in plain mode echoes echostr', async () => {
    const { timestamp, nonce, signature } = VECTOR_E.plain
    const { deps } = memoryDeps(account, { now: at(timestamp) })
    const response = await handleCallback('e', { method: 'GET', url: `/x?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}&echostr=hello123` }, deps)
    expect(response).toMatchObject({ status: 200, body: 'hello123', outcome: 'verified' })
  })

  test('GET with a wrong signature is refused', async () => {
    const { timestamp, nonce, signature } = VECTOR_E.plain
    const { deps } = memoryDeps(account, { now: at(timestamp) })
    const response = await handleCallback(
      'e',
      { method: 'GET', url: `/x?signature=${signature.replace(/^./, '0')}&timestamp=${timestamp}&nonce=${nonce}&echostr=hello123` },
      deps,
    )
    expect(response.status).toBe(401)
    expect(response.body).not.toContain('hello123')
  })

  test('safe-mode POST decrypts to the debug_demo event and is queued once', async () => {
    const { timestamp, nonce, msgSignature, encrypted } = VECTOR_E.safe
    const { deps, stored } = memoryDeps(account, { now: at(timestamp) })
    const body = buildXml({ ToUserName: 'gh_97417a04a28d', Encrypt: encrypted })
    const response = await handleCallback(
      'e',
      { method: 'POST', url: `/x?timestamp=${timestamp}&nonce=${nonce}&encrypt_type=aes&msg_signature=${msgSignature}`, body },
      deps,
    )
    expect(response).toMatchObject({ status: 200, body: 'success', outcome: 'stored' })
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({ fromUser: 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY', msgType: 'event', event: 'debug_demo', createTime: 1715943329 })
    expect(stored[0]!.record.debug_str).toBe('hello world')
  })
})

describe('vector A (Tencent Java sample)', () => {
  const account = accountCredentials({ id: 'a', appId: VECTOR_A.appId, token: VECTOR_A.token, encodingAESKey: VECTOR_A.encodingAESKey, messageMode: 'safe' })
  const url = (msgSignature: string) => `/x?timestamp=${VECTOR_A.timestamp}&nonce=${VECTOR_A.nonce}&encrypt_type=aes&msg_signature=${msgSignature}`

  test('the signature and decryption pass; the plaintext is not XML, so 400 and nothing stored', async () => {
    const { deps, stored } = memoryDeps(account, { now: at(VECTOR_A.timestamp) })
    const response = await handleCallback('a', { method: 'POST', url: url(VECTOR_A.msgSignature), body: buildXml({ Encrypt: VECTOR_A.encrypted }) }, deps)
    // Had the signature or decryption failed the outcome would name them instead.
    expect(response).toMatchObject({ status: 400, outcome: 'xml-malformed' })
    expect(stored).toHaveLength(0)
  })

  test('the URL signature verifies a GET', async () => {
    const { deps } = memoryDeps(account, { now: at(VECTOR_A.timestamp) })
    const response = await handleCallback(
      'a',
      { method: 'GET', url: `/x?signature=${VECTOR_A.urlSignature}&timestamp=${VECTOR_A.timestamp}&nonce=${VECTOR_A.nonce}&echostr=ok` },
      deps,
    )
    expect(response.status).toBe(200)
  })

  test('a msg_signature for another Encrypt is refused', async () => {
    const { deps } = memoryDeps(account, { now: at(VECTOR_A.timestamp) })
    const response = await handleCallback('a', { method: 'POST', url: url(VECTOR_A.msgSignature), body: buildXml({ Encrypt: VECTOR_E.safe.encrypted }) }, deps)
    expect(response).toMatchObject({ status: 401, outcome: 'bad-msg-signature' })
  })
})

test('vector G: the msg_signature over literal strings', () => {
  expect(sha1Signature(VECTOR_G.token, 'timestamp', 'nonce', 'encrypt')).toBe(VECTOR_G.signature)
})
