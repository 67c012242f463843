/**
 * Issue 11, findings 2 and 10 (review): plain mode signs only (token, timestamp, nonce), not the
 * body. A captured plain request could be replayed with another body inside the timestamp window,
 * and an account set to 安全模式 — which accepts plain requests so that a console left on 明文模式
 * loses no resident's message — executed staff commands and job results from them.
 *
 * Now: one body per plain signature is stored and acted on (the replay is answered but dropped
 * where the journal is imported); a request outside the window is refused; on a safe-mode account
 * `审定` in clear is not executed (it is kept for the inbox, the staff member is told why), nor is a
 * mass-send result; the same command encrypted is.
 */
import type { Payload } from 'payload'
import { assembleWeek } from '../../src/services/push/assemble'
import { PUSH_SYSTEM_CONTEXT } from '../../src/services/push/system-context'
import { DEFAULT_PUSH_SETTINGS } from '../../src/services/push/settings'
import { findPush } from '../../src/services/push/store'
import { isoWeekOf } from '../../src/shared/time'
import { handleCallback } from '../../src/wechat/callback/handler'
import { InboundWorker } from '../../src/inbound/worker'
import type { CallbackRuntime } from '../../src/inbound/callback-runtime'
import { COMMAND_NEEDS_SAFE_MODE } from '../../src/services/push/sign-off-command'
import type { CallbackRequest } from '../../src/wechat/callback/types'
import { buildXml, parseXml, xmlText, type XmlBuildRecord } from '../../src/wechat/xml'
import { createFixtures, createItem, type Fixtures } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { createAccount, eventMessage, settleInbound, signedPost, testCallbackRuntime, textMessage, type TestAccountInput } from './helpers'

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
const SAFE: TestAccountInput = { appId: 'wxreplaysafe00001', token: 'replaytoken', encodingAESKey: KEY, messageMode: 'safe' }
const PLAIN: TestAccountInput = { appId: 'wxreplayplain0001', token: 'replaytoken2', encodingAESKey: KEY, messageMode: 'plain' }
const LEADER_OPENID = 'oLeaderReplaySafe000001'

let env: TestPayload
let payload: Payload
let fx: Fixtures
let worker: InboundWorker
// One runtime for the file, as one callback server: the signatures it answered are remembered across tests.
let runtime: CallbackRuntime
let safeId: string
let plainId: string
let msgId = 7_000_000
let nonce = 100_000

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  safeId = await createAccount(payload, SAFE)
  plainId = await createAccount(payload, PLAIN)
  fx = await createFixtures(payload, 'rp')
  worker = new InboundWorker(payload, { intervalMs: 0 })
  runtime = testCallbackRuntime(payload)
}, 60_000)
afterAll(async () => env?.close())

const nowSeconds = () => Math.floor(Date.now() / 1000)

/** A request the way WeChat signs it, with a nonce of its own. */
function request(accountId: string, account: TestAccountInput, body: XmlBuildRecord, mode: 'plain' | 'safe', timestamp = nowSeconds()): CallbackRequest {
  return signedPost(accountId, body, { timestamp: String(timestamp), nonce: String(++nonce), mode, account })
}

/** The same signed query (signature, timestamp, nonce) with another body: what a replay can do in plain mode. */
const withBody = (captured: CallbackRequest, body: XmlBuildRecord): CallbackRequest => ({ ...captured, body: buildXml(body) })

const replyText = (body: string): string => (body === 'success' ? '' : xmlText(parseXml(body), 'Content'))

const inboxOf = async (accountId: string, openid: string) =>
  (
    await payload.find({
      collection: 'resident-messages',
      overrideAccess: true,
      depth: 0,
      pagination: false,
      where: { and: [{ account: { equals: accountId } }, { openid: { equals: openid } }] },
    })
  ).docs as unknown as Array<Record<string, any>>

describe('replays of a plain request inside the timestamp window', () => {
  test('another body under a captured signature is answered but not stored: one message per signature', async () => {
    const resident = 'oResidentReplay000000001'
    const captured = request(plainId, PLAIN, textMessage(resident, '我家门口路灯坏了', String(++msgId), nowSeconds()), 'plain')
    expect((await handleCallback(plainId, captured, runtime.deps)).status).toBe(200)
    // The attacker reuses signature, timestamp and nonce with a body of their own (a new MsgId).
    const forged = withBody(captured, textMessage(resident, '伪造的留言', String(++msgId), nowSeconds()))
    const replayed = await handleCallback(plainId, forged, runtime.deps)
    expect(replayed.status).toBe(200)
    // And the very same request again.
    expect((await handleCallback(plainId, captured, runtime.deps)).status).toBe(200)
    await settleInbound(worker)
    const stored = await inboxOf(plainId, resident)
    expect(stored.map((message) => message.content)).toEqual(['我家门口路灯坏了'])
    const rows = await payload.find({ collection: 'wechat-inbound', overrideAccess: true, depth: 0, where: { account: { equals: plainId } } })
    expect(rows.docs).toHaveLength(1)
  })

  test('a forged body replayed into a staff command under a captured signature does not act', async () => {
    const resident = 'oResidentReplay000000002'
    const captured = request(plainId, PLAIN, textMessage(resident, '你好', String(++msgId), nowSeconds()), 'plain')
    expect((await handleCallback(plainId, captured, runtime.deps)).status).toBe(200)
    await settleInbound(worker)
    // 审定 inserted directly (it acts in the request): the signature is already taken, so it is a duplicate.
    const forged = withBody(captured, textMessage(LEADER_OPENID, '审定', String(++msgId), nowSeconds()))
    const response = await handleCallback(plainId, forged, runtime.deps)
    expect(response).toMatchObject({ status: 200, body: 'success', outcome: 'duplicate' })
  })

  test('the same, before the original has left the journal: the command still does not act', async () => {
    const resident = 'oResidentReplay000000003'
    const captured = request(plainId, PLAIN, textMessage(resident, '在吗', String(++msgId), nowSeconds()), 'plain')
    expect((await handleCallback(plainId, captured, runtime.deps)).status).toBe(200)
    // No import yet: the original is only in this process's journal.
    const forged = withBody(captured, textMessage(LEADER_OPENID, '审定', String(++msgId), nowSeconds()))
    expect(await handleCallback(plainId, forged, runtime.deps)).toMatchObject({ status: 200, body: 'success', outcome: 'duplicate' })
    await settleInbound(worker)
    expect((await inboxOf(plainId, resident)).map((message) => message.content)).toEqual(['在吗'])
  })

  test('a signed request older than the window is refused, plain or encrypted', async () => {
    const old = nowSeconds() - 6 * 60
    for (const mode of ['plain', 'safe'] as const) {
      const response = await handleCallback(safeId, request(safeId, SAFE, textMessage('oOld', '旧消息', String(++msgId), old), mode, old), runtime.deps)
      expect(response).toMatchObject({ status: 401, outcome: 'stale-timestamp' })
    }
  })
})

describe('a safe-mode account and requests in clear', () => {
  const week = isoWeekOf(new Date())

  beforeAll(async () => {
    for (let index = 0; index < DEFAULT_PUSH_SETTINGS.minItems; index++) {
      await createItem(payload, fx, 'articles', 'approved', {
        title: `第${index + 1}条：重放测试`,
        community: index % 2 ? fx.communityA : fx.communityB,
        approvedAt: new Date(Date.now() - (index + 1) * 3600_000).toISOString(),
      })
    }
    const { push } = await assembleWeek(payload, { accountId: safeId, week, now: new Date(), settings: { ...DEFAULT_PUSH_SETTINGS, approvalIsSignOff: false } })
    // Bound on this account (openids are per account: a non-default account ignores wechatOpenid).
    await payload.update({
      collection: 'users',
      id: fx.users.leader.id,
      overrideAccess: true,
      data: { wechatBindings: [{ account: safeId, openid: LEADER_OPENID }] } as never,
    })
    await payload.update({
      collection: 'weekly-pushes',
      id: push.id,
      overrideAccess: true,
      context: { [PUSH_SYSTEM_CONTEXT]: true },
      data: { previews: [{ user: fx.users.leader.id, at: new Date().toISOString(), msgId: '1' }] } as never,
    })
  }, 60_000)

  test('审定 as a signed plain request does not sign off; the leader is told the console must be in 安全模式; the message is kept for the inbox', async () => {
    const response = await handleCallback(
      safeId,
      request(safeId, SAFE, textMessage(LEADER_OPENID, '审定', String(++msgId), nowSeconds()), 'plain'),
      runtime.deps,
    )
    expect(response.status).toBe(200)
    expect(replyText(response.body)).toBe(COMMAND_NEEDS_SAFE_MODE)
    expect(COMMAND_NEEDS_SAFE_MODE).toContain('安全模式')
    expect((await findPush(payload, safeId, week))!.status).toBe('proposed')
    await settleInbound(worker)
    expect((await findPush(payload, safeId, week))!.status).toBe('proposed')
    expect((await inboxOf(safeId, LEADER_OPENID)).map((message) => message.content)).toEqual(['审定'])
  })

  test('a binding code in clear is not used, and is kept for the inbox with its digits hidden', async () => {
    const openid = 'oStaffReplay0000000001'
    const response = await handleCallback(
      safeId,
      request(safeId, SAFE, textMessage(openid, '绑定 12345678', String(++msgId), nowSeconds()), 'plain'),
      runtime.deps,
    )
    expect(replyText(response.body)).toBe(COMMAND_NEEDS_SAFE_MODE)
    await settleInbound(worker)
    expect((await inboxOf(safeId, openid)).map((message) => message.content)).toEqual(['绑定 ********'])
  })

  test('the same 审定 encrypted signs off', async () => {
    const response = await handleCallback(
      safeId,
      request(safeId, SAFE, textMessage(LEADER_OPENID, '审定', String(++msgId), nowSeconds()), 'safe'),
      runtime.deps,
    )
    expect(response.status).toBe(200)
    const push = (await findPush(payload, safeId, week))!
    expect(push.status).toBe('signed_off')
    // The encrypted reply, opened as WeChat would.
    expect(response.body).toContain('<Encrypt>')
  })

  test('a mass-send result in clear is not applied; encrypted it is', async () => {
    const result = (msg: string) =>
      eventMessage('oWeChatSystem', 'MASSSENDJOBFINISH', nowSeconds(), {
        MsgID: msg,
        Status: 'send success',
        TotalCount: 100,
        FilterCount: 100,
        SentCount: 100,
        ErrorCount: 0,
      })
    const pending = async (msg: string) =>
      (await payload.find({ collection: 'pending-mass-results', overrideAccess: true, depth: 0, where: { msgId: { equals: msg } } })).docs.length
    expect((await handleCallback(safeId, request(safeId, SAFE, result('880001'), 'plain'), runtime.deps)).status).toBe(200)
    expect((await handleCallback(safeId, request(safeId, SAFE, result('880002'), 'safe'), runtime.deps)).status).toBe(200)
    await settleInbound(worker)
    expect(await pending('880001')).toBe(0)
    expect(await pending('880002')).toBe(1)
  })
})
