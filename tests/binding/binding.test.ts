/**
 * Staff binding through the real callback: a code issued to the signed-in user, `绑定 <code>` from
 * an openid, single use, expiry, a failure limit, and `审定` from a leader's bound openid.
 */
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { createLocalReq, type Endpoint, type Payload } from 'payload'
import { assembleWeek } from '../../src/services/push/assemble'
import { PUSH_SYSTEM_CONTEXT } from '../../src/services/push/system-context'
import { DEFAULT_PUSH_SETTINGS } from '../../src/services/push/settings'
import { findPush } from '../../src/services/push/store'
import { isoWeekOf } from '../../src/shared/time'
import { ACCOUNT_LIMITS } from '../../src/services/binding/attempt-limits'
import { bindOpenid } from '../../src/services/binding/bind'
import { issueBindingCode } from '../../src/services/binding/codes'
import { handleCallback } from '../../src/wechat/callback/handler'
import { InboundWorker } from '../../src/inbound/worker'
import type { CallbackRuntime } from '../../src/inbound/callback-runtime'
import { SIGN_OFF_REFUSAL } from '../../src/services/push/sign-off-command'
import { parseXml, xmlText } from '../../src/wechat/xml'
import { createFixtures, createItem, type Fixtures } from '../helpers/fixtures'
import { createAccount, signedPost, textMessage, settleInbound, testCallbackRuntime } from '../callback/helpers'

const ACCOUNT = { appId: 'wxbindtest0000001', token: 'bindtoken', encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', messageMode: 'plain' as const }

let env: TestPayload
let payload: Payload
let accountId: string
let fx: Fixtures
let worker: InboundWorker
let runtime: CallbackRuntime
let msgId = 9_000_000

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  accountId = await createAccount(payload, ACCOUNT)
  // The street office's account: a binding on it is also `wechatOpenid` (per-account.test.ts for the others).
  await payload.update({ collection: 'wechat-accounts', id: accountId, overrideAccess: true, data: { isDefault: true } })
  fx = await createFixtures(payload, 'bind')
  worker = new InboundWorker(payload, { intervalMs: 0 })
  runtime = testCallbackRuntime(payload)
}, 60_000)
afterAll(async () => env?.close())
// Each test starts with the account's and the openids' budgets unspent (they live in the database).
beforeEach(async () => {
  await payload.delete({ collection: 'binding-attempts', where: { key: { exists: true } }, overrideAccess: true })
})

/** Sends `content` from `openid` and answers the passive reply text ('' for `success`). */
async function say(openid: string, content: string, id = String(msgId++)): Promise<string> {
  const timestamp = Math.floor(Date.now() / 1000)
  const request = signedPost(accountId, textMessage(openid, content, id, timestamp), { timestamp: String(timestamp), mode: 'plain', account: ACCOUNT })
  const response = await handleCallback(accountId, request, runtime.deps)
  expect(response.status).toBe(200)
  return response.body === 'success' ? '' : xmlText(parseXml(response.body), 'Content')
}
const userOf = async (id: string) => (await payload.findByID({ collection: 'users', id, overrideAccess: true, depth: 0 })) as unknown as Record<string, any>
const issueEndpoint = (): Endpoint =>
  (payload.config.collections.find((collection) => collection.slug === 'binding-codes')!.endpoints as Endpoint[]).find((entry) => entry.path === '/issue')!

describe('POST /api/binding-codes/issue', () => {
  test('refuses anonymous callers; gives a signed-in staff member an 8-digit code stored only as a hash', async () => {
    expect((await issueEndpoint().handler(await createLocalReq({}, payload))).status).toBe(401)
    const response = await issueEndpoint().handler(await createLocalReq({ user: fx.users.author as never }, payload))
    expect(response.headers.get('cache-control')).toBe('no-store')
    const body = (await response.json()) as { code: string; expiresAt: string; message: string }
    expect(body.code).toMatch(/^\d{8}$/)
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(9 * 60_000)
    expect(body.message).toBe(`请在 10 分钟内向公众号发送：绑定 ${body.code}`)
    const rows = (await payload.find({ collection: 'binding-codes', overrideAccess: true, depth: 0, where: { user: { equals: fx.users.author.id } } }))
      .docs as unknown as Array<Record<string, any>>
    expect(rows).toHaveLength(1)
    expect(rows[0]!.codeHash).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(rows[0])).not.toContain(body.code)
  })
})

describe('绑定 <code>', () => {
  test('binds the openid to the code’s user once; the code then no longer works', async () => {
    const { code } = await issueBindingCode(payload, fx.users.colleague.id)
    expect(await say('oColleague', `绑定 ${code}`)).toMatch(/^绑定成功！colleague，您的微信已与后台账号绑定。/)
    expect((await userOf(fx.users.colleague.id)).wechatOpenid).toBe('oColleague')
    expect(await say('oSomeoneElse', `绑定 ${code}`)).toMatch(/^绑定码无效或已过期/)
    expect((await userOf(fx.users.colleague.id)).wechatOpenid).toBe('oColleague')
  })

  test('WeChat’s retry of a command does not run it again: answered success', async () => {
    const { code } = await issueBindingCode(payload, fx.users.colleague.id)
    const id = String(msgId++)
    expect(await say('oRetried', `绑定 ${code}`, id)).toMatch(/^绑定成功！/)
    expect(await say('oRetried', `绑定 ${code}`, id)).toBe('') // run again, the used code would answer 绑定码无效
    expect((await userOf(fx.users.colleague.id)).wechatOpenid).toBe('oRetried')
    await payload.update({ collection: 'users', id: fx.users.colleague.id, overrideAccess: true, data: { wechatOpenid: null } as never })
  })

  test('an expired code, or one replaced by a newer code, does not bind', async () => {
    const old = await issueBindingCode(payload, fx.users.outsider.id, Date.now() - 11 * 60_000)
    expect(await say('oOutsider', `绑定 ${old.code}`)).toMatch(/^绑定码无效或已过期/)
    const first = await issueBindingCode(payload, fx.users.outsider.id)
    const second = await issueBindingCode(payload, fx.users.outsider.id)
    if (first.code !== second.code) expect(await say('oOutsider', `绑定 ${first.code}`)).toMatch(/^绑定码无效或已过期/)
    expect((await userOf(fx.users.outsider.id)).wechatOpenid ?? null).toBeNull()
    expect(await say('oOutsider', `绑定 ${second.code}`)).toMatch(/^绑定成功/)
  })

  test('an openid that moves to another staff member leaves the first one', async () => {
    const { code } = await issueBindingCode(payload, fx.users.author.id)
    expect(await say('oColleague', `绑定 ${code}`)).toMatch(/^绑定成功/)
    expect((await userOf(fx.users.author.id)).wechatOpenid).toBe('oColleague')
    expect((await userOf(fx.users.colleague.id)).wechatOpenid ?? null).toBeNull()
  })

  test('five wrong codes from one openid lock it out for a while, even with a right code', async () => {
    const { code } = await issueBindingCode(payload, fx.users.admin.id)
    const wrong = code === '00000000' ? '00000001' : '00000000'
    for (let index = 0; index < 5; index++) expect(await say('oGuesser', `绑定 ${wrong}`)).toMatch(/^绑定码无效或已过期/)
    expect(await say('oGuesser', `绑定 ${code}`)).toMatch(/^绑定尝试次数过多，请 10 分钟后再试。/)
    expect((await userOf(fx.users.admin.id)).wechatOpenid ?? null).toBeNull()
  })

  test('200 wrong codes from 200 fresh openids are cut off after the account’s budget; the right code works once the window is over', async () => {
    const start = Date.now()
    const budget = ACCOUNT_LIMITS[0].points
    const { code } = await issueBindingCode(payload, fx.users.leader.id, start)
    const wrong = (index: number) => String((Number(code) + 1 + index) % 10 ** 8).padStart(8, '0')
    const replies: string[] = []
    // Through the real callback: every guess from a new openid, as a forger with the account's token would send them.
    for (let index = 0; index < 200; index++) replies.push(await say(`oFresh${String(index).padStart(3, '0')}`, `绑定 ${wrong(index)}`))
    expect(replies.slice(0, budget).every((reply) => reply.startsWith('绑定码无效或已过期'))).toBe(true)
    expect(replies.slice(budget).every((reply) => /^绑定尝试次数过多，请 \d+ 分钟后再试。/.test(reply))).toBe(true)
    // Spent for everybody on this account, the real leader with the right code included (the trade-off)…
    expect(await bindOpenid(payload, accountId, 'oLeader', code, start + 60_000)).toMatch(/^绑定尝试次数过多/)
    // … never longer than the windows (200 failures spent the hourly budget too): after it, a fresh code (the old one has expired) binds.
    const later = start + ACCOUNT_LIMITS[1].duration * 1000 + 1_000
    const fresh = await issueBindingCode(payload, fx.users.leader.id, later)
    expect(await bindOpenid(payload, accountId, 'oLeader', fresh.code, later)).toMatch(/^绑定成功！/)
    expect((await userOf(fx.users.leader.id)).wechatOpenid).toBe('oLeader')
    // The counts live in the database (shared by every instance), under keyed hashes.
    const counts = (await payload.find({ collection: 'binding-attempts', overrideAccess: true, depth: 0, limit: 500 })).docs as unknown as Array<
      Record<string, any>
    >
    expect(counts.length).toBeGreaterThan(0)
    expect(JSON.stringify(counts)).not.toContain('oFresh')
    await payload.update({ collection: 'users', id: fx.users.leader.id, overrideAccess: true, data: { wechatOpenid: null } as never })
  }, 120_000)

  test('the account budget is per account: another account’s binding is not held up', async () => {
    const other = await createAccount(payload, { ...ACCOUNT, appId: 'wxbindtest0000002' })
    for (let index = 0; index < ACCOUNT_LIMITS[0].points + 5; index++) await bindOpenid(payload, accountId, `oSpam${index}`, '99999999')
    const { code } = await issueBindingCode(payload, fx.users.colleague.id)
    expect(await bindOpenid(payload, other, 'oColleague2', code)).toMatch(/^绑定成功！/)
    await payload.update({ collection: 'users', id: fx.users.colleague.id, overrideAccess: true, data: { wechatOpenid: null } as never })
  }, 60_000)

  test('commands stay out of the residents’ inbox; ordinary messages still land there', async () => {
    await say('oInbox', '绑定 12345678')
    await say('oInbox', '门口的路灯坏了')
    await settleInbound(worker)
    const stored = (await payload.find({ collection: 'resident-messages', overrideAccess: true, depth: 0, where: { openid: { equals: 'oInbox' } } }))
      .docs as unknown as Array<Record<string, any>>
    expect(stored.map((message) => message.content)).toEqual(['门口的路灯坏了'])
  })
})

describe('审定 from WeChat', () => {
  const week = isoWeekOf(new Date())
  let pushId: string

  beforeAll(async () => {
    // Both communities: a push takes at most three items from one.
    for (let index = 0; index < DEFAULT_PUSH_SETTINGS.minItems; index++) {
      await createItem(payload, fx, 'articles', 'approved', {
        title: `第${index + 1}条：社区通知`,
        community: index % 2 ? fx.communityA : fx.communityB,
        approvedAt: new Date(Date.now() - (index + 1) * 3600_000).toISOString(),
      })
    }
    const { push } = await assembleWeek(payload, { accountId, week, now: new Date(), settings: { ...DEFAULT_PUSH_SETTINGS, approvalIsSignOff: false } })
    pushId = push.id
    const { code } = await issueBindingCode(payload, fx.users.leader.id)
    expect(await say('oLeader', `绑定 ${code}`)).toContain('回复“审定”即可审定')
  }, 60_000)

  test('anyone but a bound leader is politely refused', async () => {
    expect(await say('oStranger', '审定')).toBe(SIGN_OFF_REFUSAL)
    expect(await say('oOutsider', '审定')).toBe(SIGN_OFF_REFUSAL) // a bound editor
    expect((await findPush(payload, accountId, week))!.status).toBe('proposed')
  })

  test('a leader the preview was not sent to is sent to the admin page', async () => {
    expect(await say('oLeader', '审定')).toBe(`本周（${week}）推送的预览没有发给您，请在后台“本周推送”页面查看后审定。`)
    expect((await findPush(payload, accountId, week))!.status).toBe('proposed')
  })

  test('the previewed leader signs off the week’s push, with the same rules and log as the admin button', async () => {
    await payload.update({
      collection: 'weekly-pushes',
      id: pushId,
      overrideAccess: true,
      context: { [PUSH_SYSTEM_CONTEXT]: true },
      data: { previews: [{ user: fx.users.leader.id, at: new Date().toISOString(), msgId: '1' }] } as never,
    })
    const push = (await findPush(payload, accountId, week))!
    const count = push.items!.length
    expect(count).toBeGreaterThanOrEqual(DEFAULT_PUSH_SETTINGS.minItems)
    expect(await say('oLeader', '审定')).toBe(`已审定本周（${week}）推送，共 ${count} 条，将按计划群发。`)
    const signed = (await findPush(payload, accountId, week))!
    expect(signed).toMatchObject({ status: 'signed_off', signedOffBy: fx.users.leader.id })
    expect(signed.steps.at(-1)).toMatchObject({ step: 'sign-off', ok: true, detail: 'leader 审定' })
    expect(await say('oLeader', '审定')).toBe(`未能审定本周（${week}）推送：当前状态为「已审定」，不能审定`)
  })
})
