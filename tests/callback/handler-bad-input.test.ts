/**
 * Every kind of bad request through the handler with a real Payload: the right status, nothing
 * stored (or stored once), no crash. The account is in safe mode unless a test says otherwise.
 */
import { startTestPayload, type TestPayload } from '../helpers/payload'
import type { Payload } from 'payload'
import { encryptMessage, sha1Signature } from '../../src/wechat/crypto'
import { handleCallback } from '../../src/wechat/callback/handler'
import type { CallbackRuntime } from '../../src/inbound/callback-runtime'
import type { CallbackRequest } from '../../src/wechat/callback/types'
import { buildXml } from '../../src/wechat/xml'
import { createAccount, importCallbackJournal, signedPost, testCallbackRuntime, textMessage, type TestAccountInput } from './helpers'

const NOW = Date.parse('2026-03-02T02:00:00Z')
const TS = String(NOW / 1000)
const SAFE: TestAccountInput = {
  appId: 'wxcallbacktest0001',
  token: 'cbtoken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  messageMode: 'safe',
}
const PLAIN: TestAccountInput = { ...SAFE, appId: 'wxcallbacktest0002', messageMode: 'plain' }

let env: TestPayload
let payload: Payload
let safeId: string
let plainId: string

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  safeId = await createAccount(payload, SAFE)
  plainId = await createAccount(payload, PLAIN)
})
afterAll(async () => env?.close())
// Each test gets a runtime of its own: nothing an earlier test cached.
const freshRuntime = () => testCallbackRuntime(payload, { now: () => NOW })
let runtime: CallbackRuntime
beforeEach(() => {
  runtime = freshRuntime()
})

const send = (accountId: string, request: CallbackRequest, deps = runtime.deps) => handleCallback(accountId, request, deps)
const inboundCount = async () => {
  await importCallbackJournal(payload)
  return (await payload.count({ collection: 'wechat-inbound', overrideAccess: true })).totalDocs
}
let msgSeq = 1000
const fresh = (content = '你好') => textMessage('oResident0000000000000000001', content, String(++msgSeq), NOW / 1000)
const safeOptions = { timestamp: TS, mode: 'safe' as const, account: SAFE }

/** A safe-mode request whose Encrypt is `encrypted`, correctly signed, so only the crypto can fail. */
function withEncrypt(encrypted: string): CallbackRequest {
  const query = new URLSearchParams({ timestamp: TS, nonce: 'n1', encrypt_type: 'aes', msg_signature: sha1Signature(SAFE.token, TS, 'n1', encrypted) })
  return { method: 'POST', url: `/api/wechat/callback/${safeId}?${query}`, body: buildXml({ ToUserName: 'gh_test', Encrypt: encrypted }) }
}

test('a good safe-mode message is stored once and answered success', async () => {
  const before = await inboundCount()
  const response = await send(safeId, signedPost(safeId, fresh(), safeOptions))
  expect(response).toMatchObject({ status: 200, body: 'success', outcome: 'stored' })
  expect(await inboundCount()).toBe(before + 1)
})

test('the same message delivered three times: answered alike each time, stored once', async () => {
  const before = await inboundCount()
  const message = fresh('重复的消息')
  const outcomes = []
  for (let i = 0; i < 3; i++) outcomes.push(await send(safeId, signedPost(safeId, message, { ...safeOptions, nonce: `n${i}` })))
  expect(outcomes.map((r) => [r.status, r.body, r.outcome])).toEqual([
    // WeChat retries only when an answer did not reach it: each delivery gets the same answer.
    [200, 'success', 'stored'],
    [200, 'success', 'stored'],
    [200, 'success', 'stored'],
  ])
  expect(await inboundCount()).toBe(before + 1)
})

test('the same event retried three times (no MsgId: FromUserName + CreateTime + Event) is stored once', async () => {
  const before = await inboundCount()
  const event = { ToUserName: 'gh_test', FromUserName: 'oFollower', CreateTime: NOW / 1000, MsgType: 'event', Event: 'subscribe' }
  for (let i = 0; i < 3; i++) expect((await send(safeId, signedPost(safeId, event, { ...safeOptions, nonce: `e${i}` }))).status).toBe(200)
  expect(await inboundCount()).toBe(before + 1)
})

describe('refused, nothing stored', () => {
  let before: number
  beforeEach(async () => {
    before = await inboundCount()
  })
  afterEach(async () => expect(await inboundCount()).toBe(before))

  test.each<[string, number, string, () => CallbackRequest]>([
    [
      'wrong msg_signature',
      401,
      'bad-msg-signature',
      () => {
        const request = signedPost(safeId, fresh(), safeOptions)
        return { ...request, url: request.url.replace(/msg_signature=[0-9a-f]/, 'msg_signature=x') }
      },
    ],
    [
      'wrong signature in plain mode',
      401,
      'bad-signature',
      () => {
        const request = signedPost(plainId, fresh(), { ...safeOptions, mode: 'plain', account: PLAIN })
        return { ...request, url: request.url.replace(/signature=[0-9a-f]/, 'signature=x') }
      },
    ],
    ['stale timestamp (301 s old)', 401, 'stale-timestamp', () => signedPost(safeId, fresh(), { ...safeOptions, timestamp: String(NOW / 1000 - 301) })],
    ['timestamp from the future', 401, 'stale-timestamp', () => signedPost(safeId, fresh(), { ...safeOptions, timestamp: String(NOW / 1000 + 3600) })],
    ['no timestamp', 400, 'missing-timestamp-or-nonce', () => ({ method: 'POST', url: `/api/wechat/callback/${safeId}?nonce=1`, body: '<xml/>' })],
    // A signed plain request to a safe-mode account is accepted (handler-mode-mismatch.test.ts); an unsigned one is not.
    [
      'unsigned plain request to a safe-mode account',
      401,
      'bad-signature',
      () => {
        const request = signedPost(safeId, fresh(), { ...safeOptions, mode: 'plain' })
        return { ...request, url: request.url.replace(/signature=[0-9a-f]+&/, '') }
      },
    ],
    ['bad base64', 400, 'crypto-bad-base64', () => withEncrypt('not base64!!')],
    [
      'wrong appid tail',
      400,
      'crypto-appid-mismatch',
      () => withEncrypt(encryptMessage({ encodingAESKey: SAFE.encodingAESKey, appId: 'wxsomeoneelse00001', xml: buildXml(fresh()) })),
    ],
    [
      'wrong padding (cipher text from another key)',
      400,
      'crypto-bad-padding',
      () => withEncrypt(encryptMessage({ encodingAESKey: 'B'.repeat(43), appId: SAFE.appId, xml: buildXml(fresh()) })),
    ],
    [
      'truncated cipher text',
      400,
      'crypto-bad-length',
      () => withEncrypt(encryptMessage({ encodingAESKey: SAFE.encodingAESKey, appId: SAFE.appId, xml: buildXml(fresh()) }).slice(0, 40)),
    ],
    ['truncated XML inside valid encryption', 400, 'xml-malformed', () => signedPost(safeId, buildXml(fresh()).slice(0, 60), safeOptions)],
    ['truncated envelope XML', 400, 'xml-malformed', () => ({ ...signedPost(safeId, fresh(), safeOptions), body: '<xml><ToUserName><![CDATA[gh' })],
    [
      'DOCTYPE (XXE)',
      400,
      'xml-doctype',
      () =>
        signedPost(plainId, '<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><MsgType>text</MsgType></xml>', {
          ...safeOptions,
          mode: 'plain',
          account: PLAIN,
        }),
    ],
    [
      'entity bomb inside the encryption',
      400,
      'xml-doctype',
      () => signedPost(safeId, `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><xml><Content>&lol2;</Content></xml>`, safeOptions),
    ],
    ['a bare ENTITY declaration', 400, 'xml-entity', () => signedPost(plainId, '<!ENTITY a "b"><xml/>', { ...safeOptions, mode: 'plain', account: PLAIN })],
    ['missing MsgType / FromUserName', 400, 'incomplete-message', () => signedPost(safeId, { ToUserName: 'gh', CreateTime: 1 }, safeOptions)],
    ['unknown account', 404, 'unknown-account', () => signedPost('00000000-0000-0000-0000-000000000000', fresh(), safeOptions)],
    ['malformed account id', 404, 'unknown-account', () => signedPost('../../etc', fresh(), safeOptions)],
    ['PUT', 405, 'method-not-allowed', () => ({ ...signedPost(safeId, fresh(), safeOptions), method: 'PUT' })],
  ])('%s → %d', async (_name, status, outcome, make) => {
    const request = make()
    const response = await send(accountOf(request), request)
    expect({ status: response.status, outcome: response.outcome }).toEqual({ status, outcome })
  })

  test('a 10 MB body is cut off at the cap (413) without reading it all', async () => {
    let pulled = 0
    const chunk = new Uint8Array(64 * 1024).fill(0x41)
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength
        if (pulled > 10 * 1024 * 1024) controller.close()
        else controller.enqueue(chunk)
      },
    })
    const request = signedPost(safeId, fresh(), safeOptions)
    const response = await send(safeId, { ...request, body: stream })
    expect(response).toMatchObject({ status: 413, outcome: 'body-too-large' })
    expect(pulled).toBeLessThan(1024 * 1024)
  })

  test('a declared Content-Length over the cap is refused before reading', async () => {
    const request = signedPost(safeId, fresh(), safeOptions)
    const response = await send(safeId, { ...request, headers: { 'content-length': String(10 * 1024 * 1024) } })
    expect(response.status).toBe(413)
  })

  test('refusals are logged without the body or the signatures', async () => {
    const entries: Record<string, unknown>[] = []
    const request = signedPost(safeId, fresh('我的身份证号是 61010000000000'), { ...safeOptions, timestamp: '1' })
    await handleCallback(safeId, request, { ...runtime.deps, log: (_level, entry) => entries.push(entry) })
    expect(entries).toHaveLength(1)
    const logged = JSON.stringify(entries)
    expect(logged).toContain('stale-timestamp')
    expect(logged).not.toContain('身份证')
    expect(logged).not.toContain('signature=')
  })
})

test('an unknown message type is accepted (success) and queued once, for a later look', async () => {
  const before = await inboundCount()
  const message = { ToUserName: 'gh_test', FromUserName: 'oResident', CreateTime: NOW / 1000, MsgType: 'hologram', MsgId: '987654321' }
  for (let i = 0; i < 2; i++) expect((await send(safeId, signedPost(safeId, message, safeOptions))).outcome).toBe('stored')
  expect(await inboundCount()).toBe(before + 1)
})

test('WECHAT_CALLBACK_MAX_SKEW_SECONDS widens the window', async () => {
  process.env.WECHAT_CALLBACK_MAX_SKEW_SECONDS = '7200'
  try {
    // Read when the runtime is built (process.env is slow to read per request).
    const response = await send(safeId, signedPost(safeId, fresh(), { ...safeOptions, timestamp: String(NOW / 1000 - 3600) }), freshRuntime().deps)
    expect(response.status).toBe(200)
  } finally {
    delete process.env.WECHAT_CALLBACK_MAX_SKEW_SECONDS
  }
})

test('key rotation: a message encrypted with the previous EncodingAESKey still opens', async () => {
  const rotated: TestAccountInput = { ...SAFE, appId: 'wxcallbacktest0003', encodingAESKey: 'Z'.repeat(43), previousEncodingAESKey: SAFE.encodingAESKey }
  const id = await createAccount(payload, rotated)
  const oldKey = await send(id, signedPost(id, fresh(), { ...safeOptions, account: rotated, encryptWith: SAFE.encodingAESKey }))
  const newKey = await send(id, signedPost(id, fresh(), { ...safeOptions, account: rotated }))
  const otherKey = await send(id, signedPost(id, fresh(), { ...safeOptions, account: rotated, encryptWith: 'Q'.repeat(43) }))
  expect([oldKey.status, newKey.status, otherKey.status]).toEqual([200, 200, 400])
})

/** The account id from the path, as the route takes it. */
function accountOf(request: CallbackRequest): string {
  return decodeURIComponent(request.url.split('?')[0]!.replace('/api/wechat/callback/', ''))
}
