/**
 * A correctly signed request is never refused for its message mode (a console left on 明文模式, or
 * switched while messages are in flight): it is stored, answered in the mode it came in, and the
 * mode of every request is counted per mode on the account at most once a minute. Unsigned or badly signed requests
 * are still refused whatever the mode.
 */
import type { Payload } from 'payload'
import { decryptMessage, sha1Signature } from '../../src/wechat/crypto'
import { handleCallback } from '../../src/wechat/callback/handler'
import { ModeMismatchRecorder, type ModeMismatchWrite } from '../../src/wechat/callback/mode-mismatch'
import type { CallbackRuntime } from '../../src/inbound/callback-runtime'
import type { CallbackRequest } from '../../src/wechat/callback/types'
import { parseXml, xmlText } from '../../src/wechat/xml'
import { evaluateHealth } from '../../src/services/health/evaluate'
import { gatherHealthFacts } from '../../src/services/health/gather'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import {
  accountCredentials,
  createAccount,
  importCallbackJournal,
  memoryDeps,
  signedPost,
  testCallbackRuntime,
  textMessage,
  type TestAccountInput,
} from './helpers'

const NOW = Date.parse('2026-03-02T02:00:00Z')
const TS = String(NOW / 1000)
const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
const SAFE: TestAccountInput = { appId: 'wxmodemismatch0001', token: 'mmtoken', encodingAESKey: KEY, messageMode: 'safe' }
const PLAIN: TestAccountInput = { ...SAFE, appId: 'wxmodemismatch0002', messageMode: 'plain' }
const COMPATIBLE: TestAccountInput = { ...SAFE, appId: 'wxmodemismatch0003', messageMode: 'compatible' }
const RESIDENT = 'oResidentModeMismatch0000001'

let seq = 5000
const fresh = (content = '你好') => textMessage(RESIDENT, content, String(++seq), NOW / 1000)
const post = (account: TestAccountInput, id: string, mode: 'plain' | 'compatible' | 'safe', content?: string) =>
  signedPost(id, fresh(content), { timestamp: TS, mode, account })

describe('in memory: every mode to every account', () => {
  const modes = ['plain', 'compatible', 'safe'] as const
  for (const configured of [SAFE, PLAIN, COMPATIBLE]) {
    for (const sent of modes) {
      test(`${sent} request to a ${configured.messageMode}-mode account → 200, stored, replied in ${sent}`, async () => {
        const account = accountCredentials({ id: 'acc', ...configured })
        const seen: string[] = []
        const { deps, stored } = memoryDeps(account, {
          now: () => NOW,
          passiveReply: async () => ({ kind: 'text', text: '收到' }),
          noteMessageMode: (_account, mode) => seen.push(mode),
        })
        const response = await handleCallback('acc', post(configured, 'acc', sent, '模式测试'), deps)
        expect(response).toMatchObject({ status: 200, outcome: 'stored-with-reply' })
        expect(stored).toHaveLength(1)
        expect(xmlText(stored[0]!.record, 'Content')).toBe('模式测试')
        // The reply goes back as the request came: plain XML to a plain request, encrypted otherwise.
        const reply = parseXml(response.body)
        if (sent === 'plain') {
          expect(xmlText(reply, 'Content')).toBe('收到')
          expect(xmlText(reply, 'Encrypt')).toBe('')
        } else {
          const encrypt = xmlText(reply, 'Encrypt')
          expect(xmlText(parseXml(decryptMessage({ encodingAESKey: KEY, appId: configured.appId, encrypted: encrypt })), 'Content')).toBe('收到')
          expect(xmlText(reply, 'MsgSignature')).toBe(sha1Signature(configured.token, xmlText(reply, 'TimeStamp'), xmlText(reply, 'Nonce'), encrypt))
        }
        // Every signed request's mode is noted, matching or not: the recorder counts each mode apart.
        expect(seen).toEqual([sent])
      })
    }
  }

  test('a compatible request to a plain-mode account without an EncodingAESKey: the clear copy is stored, replied in clear', async () => {
    const account = accountCredentials({ id: 'acc', ...PLAIN, encodingAESKey: '' })
    const seen: string[] = []
    const { deps, stored } = memoryDeps(account, {
      now: () => NOW,
      passiveReply: async () => ({ kind: 'text', text: '收到' }),
      noteMessageMode: (_account, mode) => seen.push(mode),
    })
    const response = await handleCallback('acc', post(PLAIN, 'acc', 'compatible', '兼容模式'), deps)
    expect(response).toMatchObject({ status: 200, outcome: 'stored-with-reply' })
    expect(xmlText(parseXml(response.body), 'Content')).toBe('收到')
    expect(xmlText(stored[0]!.record, 'Content')).toBe('兼容模式')
    expect(stored[0]!.record.Encrypt).toBeUndefined()
    expect(seen).toEqual(['compatible'])

    const forged = post(PLAIN, 'acc', 'compatible')
    const refused = await handleCallback('acc', { ...forged, url: forged.url.replace(/(^|[?&])signature=[0-9a-f]/, '$1signature=x') }, deps)
    expect(refused).toMatchObject({ status: 401, outcome: 'bad-signature' })
    // Safe mode carries nothing in clear: without the key it cannot be read.
    expect(await handleCallback('acc', post(PLAIN, 'acc', 'safe'), deps)).toMatchObject({ status: 400, outcome: 'no-encoding-aes-key' })
    expect(stored).toHaveLength(1)
  })

  const account = accountCredentials({ id: 'acc', ...SAFE })
  const unsigned = (): CallbackRequest => {
    const request = post(SAFE, 'acc', 'plain')
    return { ...request, url: request.url.replace(/signature=[0-9a-f]+&/, '') }
  }
  const badlySigned = (): CallbackRequest => {
    const request = post(SAFE, 'acc', 'plain')
    return { ...request, url: request.url.replace(/signature=[0-9a-f]/, 'signature=x') }
  }
  const signedWithAnotherToken = (): CallbackRequest => post({ ...SAFE, token: 'not-the-token' }, 'acc', 'plain')
  const plainSignedOnly = (): CallbackRequest => {
    // A safe-mode body whose msg_signature is missing: the plain signature does not vouch for Encrypt.
    const request = post(SAFE, 'acc', 'safe')
    return { ...request, url: request.url.replace(/&msg_signature=[0-9a-f]+/, '') }
  }
  test.each([
    ['an unsigned plain request', unsigned, 'bad-signature'],
    ['a plain request with a wrong signature', badlySigned, 'bad-signature'],
    ['a plain request signed with another token', signedWithAnotherToken, 'bad-signature'],
    ['an encrypted request without msg_signature', plainSignedOnly, 'bad-msg-signature'],
  ])('%s to a safe-mode account is still refused (401), nothing stored or recorded', async (_name, make, outcome) => {
    const seen: string[] = []
    const { deps, stored } = memoryDeps(account, { now: () => NOW, noteMessageMode: (_account, mode) => seen.push(mode) })
    const response = await handleCallback('acc', make(), deps)
    expect(response).toMatchObject({ status: 401, outcome })
    expect(stored).toHaveLength(0)
    expect(seen).toEqual([])
  })
})

describe('the recorder writes at most once a minute per account', () => {
  test('a burst of 100 sightings: one write at once, the rest summed into one write a minute later', async () => {
    let now = NOW
    const writes: Array<{ accountId: string; sighting: ModeMismatchWrite }> = []
    const logs: Array<Record<string, unknown>> = []
    const recorder = new ModeMismatchRecorder({
      write: async (accountId, sighting) => void writes.push({ accountId, sighting }),
      log: (_level, entry) => logs.push(entry),
      now: () => now,
      intervalMs: 60_000,
    })
    for (let i = 0; i < 100; i++) {
      recorder.note('a1', 'safe', 'plain')
      now += 100
    }
    await Promise.resolve()
    const plainOnce = { count: 1, lastSeenAtMs: NOW }
    expect(writes).toEqual([
      { accountId: 'a1', sighting: { configuredMode: 'safe', modes: { plain: plainOnce }, mismatch: { modeSeen: 'plain', ...plainOnce } } },
    ])
    recorder.note('a2', 'plain', 'safe')
    await recorder.flush()
    // a2's first sighting is written at once; a1's other 99 wait for the minute (here: the flush).
    expect(writes).toHaveLength(3)
    expect(writes[1]!.accountId).toBe('a2')
    const plain99 = { count: 99, lastSeenAtMs: NOW + 9_900 }
    expect(writes[2]).toEqual({ accountId: 'a1', sighting: { configuredMode: 'safe', modes: { plain: plain99 }, mismatch: { modeSeen: 'plain', ...plain99 } } })
    expect(logs.map((entry) => entry.event)).toEqual(['wechat.callback.mode-mismatch', 'wechat.callback.mode-mismatch', 'wechat.callback.mode-mismatch'])
  })

  test('requests matching the setting are counted per mode, apart from the mismatches, and logged as nothing wrong', async () => {
    let now = NOW
    const writes: ModeMismatchWrite[] = []
    const logs: Array<Record<string, unknown>> = []
    const recorder = new ModeMismatchRecorder({
      write: async (_id, sighting) => void writes.push(sighting),
      log: (_level, entry) => logs.push(entry),
      now: () => now,
    })
    recorder.note('a1', 'safe', 'safe')
    await recorder.flush()
    expect(writes).toEqual([{ configuredMode: 'safe', modes: { safe: { count: 1, lastSeenAtMs: NOW } }, mismatch: null }])
    expect(logs).toEqual([])
    now += 1_000
    recorder.note('a1', 'safe', 'plain')
    now += 1_000
    recorder.note('a1', 'safe', 'plain')
    now += 1_000
    recorder.note('a1', 'safe', 'safe')
    await recorder.flush()
    expect(writes[1]).toEqual({
      configuredMode: 'safe',
      modes: { plain: { count: 2, lastSeenAtMs: NOW + 2_000 }, safe: { count: 1, lastSeenAtMs: NOW + 3_000 } },
      mismatch: { modeSeen: 'plain', count: 2, lastSeenAtMs: NOW + 2_000 },
    })
  })

  test('a failed write is logged, never thrown at the request', async () => {
    const logs: Array<Record<string, unknown>> = []
    const recorder = new ModeMismatchRecorder({ write: async () => Promise.reject(new Error('database is locked')), log: (_level, entry) => logs.push(entry) })
    expect(() => recorder.note('a1', 'safe', 'plain')).not.toThrow()
    await recorder.flush()
    expect(logs.at(-1)).toMatchObject({ event: 'wechat.callback.mode-mismatch-write-failed', error: 'database is locked' })
  })
})

describe('with a real Payload', () => {
  let env: TestPayload
  let payload: Payload
  let safeId: string

  beforeAll(async () => {
    env = await startTestPayload()
    payload = env.payload
    safeId = await createAccount(payload, SAFE)
  })
  afterAll(async () => env?.close())
  // Each test gets a runtime of its own (caches, mode-mismatch recorder): nothing an earlier test kept.
  const freshRuntime = () => testCallbackRuntime(payload, { now: () => NOW })
  let runtime: CallbackRuntime
  beforeEach(() => {
    runtime = freshRuntime()
  })

  const send = (request: CallbackRequest, deps = runtime.deps) => handleCallback(safeId, request, deps)
  const inbound = async () => {
    await importCallbackJournal(payload)
    return (await payload.find({ collection: 'wechat-inbound', overrideAccess: true, limit: 100, depth: 0 })).docs as unknown as Array<Record<string, unknown>>
  }

  test('a safe-mode account receiving signed plain messages: 200, stored, the mismatch on the account', async () => {
    const before = (await inbound()).length
    const first = await send(post(SAFE, safeId, 'plain', '明文消息一'))
    const second = await send(post(SAFE, safeId, 'plain', '明文消息二'))
    expect([first.status, second.status]).toEqual([200, 200])
    expect([first.outcome, second.outcome]).toEqual(['stored', 'stored'])
    expect((await inbound()).length).toBe(before + 2)

    await runtime.modeMismatch.flush()
    const account = (await payload.findByID({ collection: 'wechat-accounts', id: safeId, overrideAccess: true, depth: 0 })) as unknown as Record<string, any>
    expect(account.modeMismatch).toMatchObject({ modeSeen: 'plain', configuredMode: 'safe', count: 2 })
    expect(Date.parse(account.modeMismatch.lastSeenAt)).toBe(NOW)
    // The record leaves the account's secrets as they were: the callback, reading the account anew,
    // still verifies safe mode.
    expect((await send(post(SAFE, safeId, 'safe'), freshRuntime().deps)).status).toBe(200)
  })

  test("safe-mode requests after the plain ones are counted apart: 运行状态 reads ok again, with each mode's count", async () => {
    const record = async () =>
      ((await payload.findByID({ collection: 'wechat-accounts', id: safeId, overrideAccess: true, depth: 0 })) as unknown as Record<string, any>).modeMismatch
    const before = await record()
    expect(before.plainCount).toBeGreaterThanOrEqual(2)
    const later = NOW + 2 * 60_000
    const mode = async () => evaluateHealth(await gatherHealthFacts(payload, { now: later }), later).find((check) => check.id === `wechat:${safeId}:mode`)!
    expect((await mode()).status).toBe('red')
    // A minute after the plain ones (the requests carry the signature's time; the runtime's clock dates them).
    const resumed = testCallbackRuntime(payload, { now: () => NOW + 60_000 })
    expect((await send(post(SAFE, safeId, 'safe', '安全模式消息'), resumed.deps)).status).toBe(200)
    await resumed.modeMismatch.flush()
    const after = await record()
    expect(after).toMatchObject({ count: before.count, plainCount: before.plainCount, safeCount: (before.safeCount ?? 0) + 1 })
    const ok = await mode()
    expect(ok.status).toBe('ok')
    expect(ok.detail).toContain(`安全模式请求 ${after.safeCount} 条`)
    expect(ok.detail).toContain(`收到明文请求 ${after.plainCount} 条`)
    // Plain again: red again.
    const again = testCallbackRuntime(payload, { now: () => later })
    expect((await send(post(SAFE, safeId, 'plain', '又是明文'), again.deps)).status).toBe(200)
    await again.modeMismatch.flush()
    expect((await mode()).status).toBe('red')
  })

  test('a matching request records nothing more; a badly signed one is refused and recorded nowhere', async () => {
    const recorder = runtime.modeMismatch
    await recorder.flush()
    const countNow = async () =>
      ((await payload.findByID({ collection: 'wechat-accounts', id: safeId, overrideAccess: true, depth: 0 })) as unknown as Record<string, any>).modeMismatch
        ?.count
    const before = await countNow()
    expect((await send(post(SAFE, safeId, 'safe'))).status).toBe(200)
    const forged = post({ ...SAFE, token: 'forged' }, safeId, 'plain')
    expect((await send(forged)).status).toBe(401)
    await recorder.flush()
    expect(await countNow()).toBe(before)
  })

  test("admins cannot write the record through the API (it is the callback's evidence)", async () => {
    const admin = await payload.create({
      collection: 'users',
      overrideAccess: true,
      data: { email: 'mm-admin@test.local', password: 'x-password-1', name: '管理员', role: 'admin' } as never,
    })
    const before = ((await payload.findByID({ collection: 'wechat-accounts', id: safeId, overrideAccess: true, depth: 0 })) as unknown as Record<string, any>)
      .modeMismatch
    await payload.update({
      collection: 'wechat-accounts',
      id: safeId,
      overrideAccess: false,
      user: admin,
      data: { modeMismatch: { count: 0, modeSeen: 'safe' } } as never,
    })
    const after = ((await payload.findByID({ collection: 'wechat-accounts', id: safeId, overrideAccess: true, depth: 0 })) as unknown as Record<string, any>)
      .modeMismatch
    expect(after).toMatchObject({ count: before.count, modeSeen: before.modeSeen })
  })
})
