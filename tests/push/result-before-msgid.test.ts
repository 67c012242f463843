/**
 * The mass-send result against the emulator over HTTP, through the real callback handler and the
 * inbound worker: a MASSSENDJOBFINISH that arrives before the push knows its msg_id (the answer to
 * `sendall` was lost, WeChat finished quickly) is kept and applied once the 45065 settle records
 * the msg_id, so the items get their WeChat article addresses. And a result is applied only to a
 * push of the account whose callback received it, with article addresses only on mp.weixin.qq.com.
 */
import type { Server } from 'node:http'
import { assembleWeek } from '../../src/services/push/assemble'
import { RESEND_WAIT_MS, sendWeeklyPush } from '../../src/services/push/send'
import { DEFAULT_PUSH_SETTINGS } from '../../src/services/push/settings'
import { readPush, readSteps } from '../../src/services/push/store'
import { handleCallback } from '../../src/wechat/callback/handler'
import { InboundWorker } from '../../src/inbound/worker'
import type { CallbackRuntime } from '../../src/inbound/callback-runtime'
import { articleUrl } from '../../src/dev/emulator/mass'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { createAccount, settleInbound, signedPost, testCallbackRuntime, serveCallback } from '../callback/helpers'
import { acceptedSendalls, createPushWorld, realSends, signOff, type PushWorld } from './helpers'
import { resetPushData } from './scheduler-world'

let t: TestPayload
let world: PushWorld
let server: Server
let worker: InboundWorker
// Built per test (each test's push world has new accounts): the emulator's events kick the worker.
let runtime: CallbackRuntime
let quietRuntime: CallbackRuntime
let callbackBase: string
const week = '2026-W48'

beforeAll(async () => {
  t = await startTestPayload()
  worker = new InboundWorker(t.payload, { intervalMs: 0 })
  const callback = await serveCallback(() => runtime.deps)
  server = callback.server
  callbackBase = callback.base
}, 60_000)
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve))
  await t?.close()
})
beforeEach(async () => {
  await resetPushData(t.payload)
  world = await createPushWorld(t.payload)
  // The emulator posts its events to our callback server, as WeChat posts to the account's URL.
  const config = world.emulator.account().config as { callbackUrl?: string; messageMode?: string }
  config.callbackUrl = `${callbackBase}/${world.accountId}`
  config.messageMode = 'safe'
  runtime = testCallbackRuntime(t.payload, { afterResponse: () => worker.kick() })
  quietRuntime = testCallbackRuntime(t.payload)
}, 60_000)
afterEach(async () => world?.emulator.close())

const sendNow = async (pushId: string, owner: string, now?: Date) =>
  sendWeeklyPush({
    payload: t.payload,
    pushId,
    gateway: await world.gatewayFor(t.payload, world.accountId),
    settings: DEFAULT_PUSH_SETTINGS,
    owner,
    finalAttempt: false,
    ...(now ? { now: () => now } : {}),
  })

/** Every callback WeChat (the emulator) has posted is stored and processed. */
async function deliverCallbacks() {
  await new Promise((resolve) => setTimeout(resolve, 200))
  await world.emulator.waitForCallbacks()
  await settleInbound(worker)
}

const articleUrlsOf = async (pushId: string) => {
  const push = (await readPush(t.payload, pushId))!
  return Promise.all(
    (push.items as { relationTo: 'articles'; value: string }[]).map(async (ref) => {
      const item = await t.payload.findByID({ collection: ref.relationTo, id: ref.value, depth: 0, overrideAccess: true })
      return (item as { articleUrl?: string | null }).articleUrl ?? null
    }),
  )
}

test('the sendall answer is lost and MASSSENDJOBFINISH comes first: kept, then applied after the 45065 settle', async () => {
  const { push } = await assembleWeek(t.payload, { accountId: world.accountId, week, now: new Date(), settings: DEFAULT_PUSH_SETTINGS })
  await signOff(t.payload, world.fx, push.id)
  world.emulator.faults.apply({ dropResponses: { '/cgi-bin/message/mass/sendall': 1 } })

  expect((await sendNow(push.id, 'scheduler-a')).kind).toBe('unknown-outcome')
  await deliverCallbacks()
  // WeChat finished and told us; the push does not know the msg_id yet, so the result waits.
  const delivered = world.emulator.callbackLog.filter((delivery) => delivery.ok)
  expect(delivered.length).toBeGreaterThanOrEqual(1)
  expect((await readPush(t.payload, push.id))!.wechat?.msgId ?? null).toBeNull()
  const kept = await t.payload.find({ collection: 'pending-mass-results', overrideAccess: true, where: { account: { equals: world.accountId } } })
  expect(kept.docs).toHaveLength(1)
  expect(await articleUrlsOf(push.id)).toEqual(push.items!.map(() => null))

  world.emulator.advanceClock(RESEND_WAIT_MS)
  expect(await sendNow(push.id, 'scheduler-b', new Date(Date.now() + RESEND_WAIT_MS))).toMatchObject({ kind: 'sent', settledBy: '45065' })

  const job = [...world.emulator.account().massJobs.values()][0]!
  const sent = (await readPush(t.payload, push.id))!
  expect(sent).toMatchObject({
    status: 'sent',
    wechat: { msgId: String(job.msgId) },
    result: { statusText: 'send success', totalCount: 20, filterCount: 20, sentCount: 20, errorCount: 0, finishedAt: expect.any(String) },
  })
  expect(await articleUrlsOf(push.id)).toEqual(push.items!.map((_: unknown, index: number) => articleUrl(world.emulator.account(), job, index + 1)))
  expect((await articleUrlsOf(push.id)).every((url) => url?.startsWith('https://mp.weixin.qq.com/s?'))).toBe(true)
  expect((await t.payload.count({ collection: 'pending-mass-results', overrideAccess: true })).totalDocs).toBe(0)
  expect((await readSteps(t.payload, push.id)).map((entry) => entry.step)).toEqual(
    expect.arrayContaining(['sendall-unknown', 'sendall', 'items-marked-sent', 'result']),
  )
  expect(acceptedSendalls(world.emulator)).toBe(1)
  expect(realSends(world.emulator)).toBe(1)
}, 60_000)

test("another account's callback cannot set a push's result; article addresses only on https://mp.weixin.qq.com/", async () => {
  const { push } = await assembleWeek(t.payload, { accountId: world.accountId, week, now: new Date(), settings: DEFAULT_PUSH_SETTINGS })
  await signOff(t.payload, world.fx, push.id)
  // The emulator's own event is held back: this test posts the results itself.
  world.emulator.account().config.callbackUrl = null
  expect((await sendNow(push.id, 'scheduler-a')).kind).toBe('sent')
  const msgId = String((await readPush(t.payload, push.id))!.wechat!.msgId)

  const other = {
    appId: `wxother${Date.now()}`,
    token: 'othertoken',
    encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
    messageMode: 'safe' as const,
    originalId: 'gh_other0000001',
  }
  const otherId = await createAccount(t.payload, other)
  const ours = world.emulator.account().config
  const finished = (urls: string[]) =>
    `<xml><ToUserName><![CDATA[gh_x]]></ToUserName><FromUserName><![CDATA[oSystem]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime>` +
    `<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[MASSSENDJOBFINISH]]></Event><MsgID>${msgId}</MsgID><Status><![CDATA[err(20013)]]></Status>` +
    `<TotalCount>999</TotalCount><FilterCount>0</FilterCount><SentCount>0</SentCount><ErrorCount>999</ErrorCount><ArticleUrlResult><Count>${urls.length}</Count><ResultList>` +
    urls.map((url, index) => `<item><ArticleIdx>${index + 1}</ArticleIdx><ArticleUrl><![CDATA[${url}]]></ArticleUrl></item>`).join('') +
    `</ResultList></ArticleUrlResult></xml>`
  const post = (accountId: string, account: typeof other, xml: string, nonce: string) =>
    handleCallback(accountId, signedPost(accountId, xml, { timestamp: String(Math.floor(Date.now() / 1000)), nonce, mode: 'safe', account }), quietRuntime.deps)

  // A forged result through another account's callback (its Token is all a forger has): not applied.
  expect((await post(otherId, other, finished(['javascript:alert(1)']), '111111111')).body).toBe('success')
  await settleInbound(worker)
  expect((await readPush(t.payload, push.id))!.result?.statusText ?? null).toBeNull()
  expect(await articleUrlsOf(push.id)).toEqual(push.items!.map(() => null))

  // Through our own callback: applied, but only the mp.weixin.qq.com address is kept.
  const good = 'https://mp.weixin.qq.com/s?__biz=ok&mid=1&idx=2'
  const bad = ['javascript:alert(1)', 'http://mp.weixin.qq.com/s?plain-http', 'https://mp.weixin.qq.com.evil.example/s', 'https://evil.example/s']
  const urls = [bad[0]!, good, bad[1]!, bad[2]!, bad[3]!, bad[0]!]
  const oursAsInput = { appId: ours.appId, token: ours.token, encodingAESKey: ours.encodingAESKey, messageMode: 'safe' as const, originalId: ours.originalId }
  expect((await post(world.accountId, oursAsInput, finished(urls), '222222222')).body).toBe('success')
  await settleInbound(worker)
  expect((await readPush(t.payload, push.id))!.result).toMatchObject({ statusText: 'err(20013)', totalCount: 999 })
  expect(await articleUrlsOf(push.id)).toEqual(push.items!.map((_: unknown, index: number) => (index === 1 ? good : null)))
}, 60_000)
