/**
 * Per-account binding: WeChat gives a person a different openid in each account, so a staff member
 * binds on each account (`users.wechatBindings`). Through the real callback and the WeChat emulator
 * (which keeps its followers per account and answers 40003 for an openid it does not know): two
 * accounts give two bindings; a community account's preview goes to its leader's openid on that
 * account, or says 「未在本公众号绑定微信」 instead of sending; `审定` on an account the leader does not
 * work on is refused; the profile lists and removes bindings per account.
 */
import type { Payload } from 'payload'
import { startEmulator, type WeChatEmulator } from '../../src/dev/emulator'
import { generatedOpenid } from '../../src/dev/emulator/state'
import { issueBindingCode } from '../../src/services/binding/codes'
import { staffOpenidFor, type StaffBindingSource } from '../../src/services/binding/openids'
import { assembleWeek } from '../../src/services/push/assemble'
import { NOT_BOUND_HERE, previewBundle } from '../../src/services/push/previews'
import { DEFAULT_PUSH_SETTINGS } from '../../src/services/push/settings'
import { SIGN_OFF_OTHER_ACCOUNT, SIGN_OFF_REFUSAL } from '../../src/services/push/sign-off-command'
import { isoWeekOf } from '../../src/shared/time'
import { handleCallback } from '../../src/wechat/callback/handler'
import { parseXml, xmlText } from '../../src/wechat/xml'
import type { CallbackRuntime } from '../../src/inbound/callback-runtime'
import { signedPost, testCallbackRuntime, textMessage } from '../callback/helpers'
import { createFixtures, PASSWORD, type Fixtures } from '../helpers/fixtures'
import { startPayloadHttp } from '../helpers/payload-http'
import { api, login } from '../helpers/server'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { addApprovedItem, emulatorGatewayFor } from '../push/helpers'

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
const config = (appId: string, token: string) => ({
  appId,
  appSecret: `secret-${appId}`.padEnd(32, '0'),
  token,
  encodingAESKey: KEY,
  originalId: `gh_${appId.slice(2, 14)}`,
  type: 'service' as const,
  messageMode: 'plain' as const,
  followerCount: 5,
})
// The street office's account (default), community A's account and community B's.
const STREET = config('wxperacct0street', 'streettoken')
const COMM_A = config('wxperacct0commna', 'commatoken')
const COMM_B = config('wxperacct0commnb', 'commbtoken')

let env: TestPayload
let payload: Payload
let emulator: WeChatEmulator
let runtime: CallbackRuntime
let fx: Fixtures
const ids: Record<'street' | 'a' | 'b', string> = { street: '', a: '', b: '' }
let leaderA: { id: string }
let msgId = 7_100_000

async function createAccount(input: ReturnType<typeof config>, extra: Record<string, unknown>): Promise<string> {
  const doc = await payload.create({
    collection: 'wechat-accounts',
    overrideAccess: true,
    data: { name: `测试号 ${input.appId}`, ...input, ...extra } as never,
  })
  return String(doc.id)
}

/** Sends `content` from `openid` to `account` through the real callback; answers the reply text. */
async function say(account: 'street' | 'a' | 'b', openid: string, content: string): Promise<string> {
  const creds = { street: STREET, a: COMM_A, b: COMM_B }[account]
  const timestamp = Math.floor(Date.now() / 1000)
  const request = signedPost(ids[account], textMessage(openid, content, String(msgId++), timestamp), {
    timestamp: String(timestamp),
    mode: 'plain',
    account: creds,
  })
  const response = await handleCallback(ids[account], request, runtime.deps)
  expect(response.status).toBe(200)
  return response.body === 'success' ? '' : xmlText(parseXml(response.body), 'Content')
}

/** Binds `userId` on `account` with a fresh code, as the staff member does from the chat. */
async function bind(account: 'street' | 'a' | 'b', openid: string, userId: string) {
  const { code } = await issueBindingCode(payload, userId)
  expect(await say(account, openid, `绑定 ${code}`)).toMatch(/^绑定成功！/)
}

const userOf = async (id: string) => (await payload.findByID({ collection: 'users', id, overrideAccess: true, depth: 0 })) as StaffBindingSource
const previewTargets = () => emulator.requestLog.filter((entry) => entry.path === '/cgi-bin/message/mass/preview')
beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  emulator = await startEmulator({ faults: null, accounts: [STREET, COMM_A, COMM_B] })
  fx = await createFixtures(payload, 'peracct')
  ids.street = await createAccount(STREET, { isDefault: true })
  ids.a = await createAccount(COMM_A, { isDefault: false, community: fx.communityA })
  ids.b = await createAccount(COMM_B, { isDefault: false, community: fx.communityB })
  const created = await payload.create({
    collection: 'users',
    overrideAccess: true,
    data: { email: 'leader-a@peracct.test', password: 'leader-a-password', name: '西关领导', role: 'leader', community: fx.communityA } as never,
  })
  leaderA = { id: String(created.id) }
  runtime = testCallbackRuntime(payload)
}, 90_000)
afterAll(async () => {
  await emulator?.close()
  await env?.close()
})

describe('binding per account', () => {
  test('绑定 on two accounts gives two bindings, each account its own openid; the default one is also wechatOpenid', async () => {
    const onStreet = generatedOpenid(STREET.appId, 0)
    const onA = generatedOpenid(COMM_A.appId, 0)
    await bind('street', onStreet, leaderA.id)
    await bind('a', onA, leaderA.id)
    const user = await userOf(leaderA.id)
    expect((user.wechatBindings ?? []).map((row) => [String(row.account), row.openid])).toEqual([
      [ids.street, onStreet],
      [ids.a, onA],
    ])
    expect(user.wechatOpenid).toBe(onStreet)
    expect(staffOpenidFor(user, { id: ids.street, isDefault: true })).toBe(onStreet)
    expect(staffOpenidFor(user, { id: ids.a, isDefault: false })).toBe(onA)
    expect(staffOpenidFor(user, { id: ids.b, isDefault: false })).toBeNull()
    // Binding again on one account replaces that account's row only.
    const again = generatedOpenid(COMM_A.appId, 1)
    await bind('a', again, leaderA.id)
    const after = await userOf(leaderA.id)
    expect(staffOpenidFor(after, { id: ids.a })).toBe(again)
    expect(staffOpenidFor(after, { id: ids.street, isDefault: true })).toBe(onStreet)
    await bind('a', onA, leaderA.id)
  })

  test('an openid moved to a colleague on one account leaves the first user on that account only', async () => {
    const shared = generatedOpenid(COMM_B.appId, 4)
    await bind('b', shared, fx.users.outsider.id)
    await bind('b', shared, fx.users.colleague.id)
    expect(staffOpenidFor(await userOf(fx.users.outsider.id), { id: ids.b })).toBeNull()
    expect(staffOpenidFor(await userOf(fx.users.colleague.id), { id: ids.b })).toBe(shared)
  })

  test('the profile (over HTTP, signed in) lists one line per account, 已绑定 / 未绑定, never the openid, and unbinds one account', async () => {
    const http = await startPayloadHttp()
    try {
      const session = await login(http.url, 'peracct-colleague@example.test', PASSWORD)
      const mine = await api(http.url, session, 'GET', '/api/binding-codes/mine')
      expect(mine.status).toBe(200)
      expect((mine.body.accounts as Array<{ id: string; bound: boolean }>).map((line) => [line.id, line.bound])).toEqual([
        [ids.street, false],
        [ids.a, false],
        [ids.b, true],
      ])
      expect(JSON.stringify(mine.body)).not.toContain(generatedOpenid(COMM_B.appId, 4))
      expect((await api(http.url, session, 'POST', '/api/binding-codes/unbind', { account: ids.a })).status).toBe(409)
      const removed = await api(http.url, session, 'POST', '/api/binding-codes/unbind', { account: ids.b })
      expect(removed.status).toBe(200)
      expect(removed.body.message).toBe('已解除该公众号的微信绑定。')
      expect(staffOpenidFor(await userOf(fx.users.colleague.id), { id: ids.b })).toBeNull()
      expect((await api(http.url, null, 'GET', '/api/binding-codes/mine')).status).toBe(401)
    } finally {
      await http.close()
    }
  }, 60_000)
})

describe('previews and 审定 per account', () => {
  const week = isoWeekOf(new Date())
  let pushA: string

  beforeAll(async () => {
    // Community A's items (odd indexes) for its account's push.
    for (const index of [1, 3, 5]) await addApprovedItem(payload, fx, 'articles', index)
    const { push } = await assembleWeek(payload, { accountId: ids.a, week, now: new Date(), settings: { ...DEFAULT_PUSH_SETTINGS, minItems: 1 } })
    pushA = push.id
    expect(push.items!.length).toBeGreaterThan(0)
  }, 60_000)

  test('a leader bound only on the street office’s account is reported 「未在本公众号绑定微信」, nothing sent', async () => {
    const kept = await userOf(leaderA.id)
    await payload.update({
      collection: 'users',
      id: leaderA.id,
      overrideAccess: true,
      data: { wechatBindings: (kept.wechatBindings ?? []).filter((row) => String(row.account) !== ids.a) } as never,
    })
    const before = previewTargets().length
    const report = await previewBundle(payload, pushA, await emulatorGatewayFor(emulator.url)(payload, ids.a))
    expect(report.outcome).toBe('no-recipient')
    expect(report.recipients).toEqual([{ userId: leaderA.id, name: '西关领导', ok: false, error: NOT_BOUND_HERE }])
    expect(previewTargets().length).toBe(before)
    await bind('a', generatedOpenid(COMM_A.appId, 0), leaderA.id)
  }, 30_000)

  test('the community account’s preview goes to its leader’s openid on that account', async () => {
    const report = await previewBundle(payload, pushA, await emulatorGatewayFor(emulator.url)(payload, ids.a))
    expect(report.outcome).toBe('sent')
    expect(report.recipients).toMatchObject([{ userId: leaderA.id, ok: true }])
    expect(previewTargets().at(-1)).toMatchObject({ appId: COMM_A.appId, errcode: 0, body: { touser: generatedOpenid(COMM_A.appId, 0) } })
  }, 30_000)

  test('审定 from an openid not bound on the account is refused; a leader bound on another community’s account is refused there', async () => {
    // Leader A's street-office openid sent to account A: not bound on A.
    expect(await say('a', generatedOpenid(STREET.appId, 0), '审定')).toBe(SIGN_OFF_REFUSAL)
    // Leader A binds on community B's account and sends 审定 there: not responsible for B's pushes.
    await bind('b', generatedOpenid(COMM_B.appId, 0), leaderA.id)
    expect(await say('b', generatedOpenid(COMM_B.appId, 0), '审定')).toBe(SIGN_OFF_OTHER_ACCOUNT)
    // On their own account, with the preview received, it reaches the sign-off's own rules (the
    // account's settings want 5 items; community A has 3): the binding and the account passed.
    expect(await say('a', generatedOpenid(COMM_A.appId, 0), '审定')).toBe(`未能审定本周（${week}）推送：不能审定：只有 3 条，至少需要 5 条`)
  }, 30_000)
})
