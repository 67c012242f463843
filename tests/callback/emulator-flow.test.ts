/**
 * End to end without Next: the emulator posts real signed (and encrypted) callbacks over HTTP to
 * the handler bound to a real Payload; the inbound worker then stores messages, keeps followers
 * and applies job results.
 */
import { startTestPayload, type TestPayload } from '../helpers/payload'
import type { Server } from 'node:http'
import type { Payload } from 'payload'
import { startEmulator, type WeChatEmulator } from '../../src/dev/emulator'
import { handleCallback } from '../../src/wechat/callback/handler'
import { InboundWorker } from '../../src/inbound/worker'
import type { CallbackRuntime } from '../../src/inbound/callback-runtime'
import { parseXml, xmlText } from '../../src/wechat/xml'
import { createAccount, eventMessage, signedPost, type TestAccountInput, settleInbound, testCallbackRuntime, serveCallback } from './helpers'

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
const MODES = ['safe', 'compatible', 'plain'] as const
const accountFor = (mode: (typeof MODES)[number], index: number): TestAccountInput & { appSecret: string; originalId: string } => ({
  appId: `wxflowtest00000${index}`,
  appSecret: `flow-secret-${index}-0000000000000000000`,
  token: `flowtoken${index}`,
  encodingAESKey: KEY,
  messageMode: mode,
  originalId: `gh_flow0000000${index}`,
})

let env: TestPayload
let payload: Payload
let server: Server
let emulator: WeChatEmulator
let worker: InboundWorker
// The emulator's callbacks kick the worker, as in a web process that imports at once; direct posts do not.
let runtime: CallbackRuntime
let quietRuntime: CallbackRuntime
const ids: Record<string, string> = {}

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  worker = new InboundWorker(payload, { intervalMs: 0 })
  const callback = await serveCallback(() => runtime.deps)
  server = callback.server
  const base = callback.base
  const accounts = []
  for (const [index, mode] of MODES.entries()) {
    const account = accountFor(mode, index)
    ids[mode] = await createAccount(payload, account)
    accounts.push({ ...account, callbackUrl: `${base}/${ids[mode]}`, followerCount: 3 })
  }
  emulator = await startEmulator({ faults: null, accounts, settings: { callbackTimeoutMs: 4000 } })
  // The worker fetches residents' images from WeChat (media/get): here, the emulator.
  process.env.WECHAT_API_BASE = emulator.url
  await payload.create({
    collection: 'auto-replies',
    overrideAccess: true,
    data: {
      name: '停水',
      kind: 'keyword',
      match: 'contains',
      keyword: '停水',
      replyType: 'text',
      text: '本周六 8–12 点停水，请提前储水。',
      priority: 5,
    } as never,
  })
  await payload.create({
    collection: 'auto-replies',
    overrideAccess: true,
    data: { name: '欢迎', kind: 'welcome', replyType: 'text', text: '欢迎关注街道办服务号！' } as never,
  })
  await payload.create({
    collection: 'auto-replies',
    overrideAccess: true,
    data: { name: '默认', kind: 'default', replyType: 'news', article: { title: '办事指南', url: 'https://mp.weixin.qq.com/s/guide' } } as never,
  })
  // Built once the rules exist, before the first callback (the emulator sends none until told to).
  runtime = testCallbackRuntime(payload, { afterResponse: () => worker.kick() })
  quietRuntime = testCallbackRuntime(payload)
})

afterAll(async () => {
  await emulator?.close()
  await new Promise((resolve) => server?.close(resolve))
  await env?.close()
})

const openidOf = (mode: string, index = 0) => [...emulator.account(accountFor(mode as never, MODES.indexOf(mode as never)).appId).users.keys()][index]!
const find = async (collection: string, where: Record<string, unknown>) =>
  (await payload.find({ collection: collection as never, overrideAccess: true, depth: 0, where: where as never })).docs as unknown as Record<string, any>[]

describe.each(MODES)('%s mode', (mode) => {
  const appId = () => accountFor(mode, MODES.indexOf(mode)).appId

  test('a keyword message gets its passive reply at once, then lands in the inbox marked 已自动回复', async () => {
    const openid = openidOf(mode)
    const result = await emulator.simulateUserMessage(openid, { content: '请问明天停水吗？' }, appId())
    expect(result.delivery?.attempts).toHaveLength(1)
    expect(xmlText(parseXml(result.delivery!.reply!), 'Content')).toBe('本周六 8–12 点停水，请提前储水。')
    await settleInbound(worker)
    const [stored] = await find('resident-messages', { openid: { equals: openid } })
    expect(stored).toMatchObject({ account: ids[mode], type: 'text', content: '请问明天停水吗？', status: 'auto-replied' })
    const [rule] = await find('auto-replies', { name: { equals: '停水' } })
    expect(String(stored!.autoReply)).toBe(String(rule!.id))
  })

  test('an image gets the default article link; follow and unfollow keep the followers list', async () => {
    const openid = openidOf(mode, 1)
    const image = await emulator.simulateUserMessage(openid, { msgType: 'image', fields: { PicUrl: 'https://example.org/p.jpg', MediaId: 'm1' } }, appId())
    const reply = parseXml(image.delivery!.reply!)
    expect(xmlText(reply, 'MsgType')).toBe('news')
    const welcome = await emulator.simulateUserMessage(openid, { msgType: 'event', event: 'subscribe' }, appId())
    expect(xmlText(parseXml(welcome.delivery!.reply!), 'Content')).toBe('欢迎关注街道办服务号！')
    await settleInbound(worker)
    expect((await find('followers', { openid: { equals: openid } }))[0]).toMatchObject({ subscribed: true })
    await new Promise((resolve) => setTimeout(resolve, 1100)) // a later CreateTime second
    const bye = await emulator.simulateUserMessage(openid, { msgType: 'event', event: 'unsubscribe' }, appId())
    expect(bye.delivery!.reply).toBeNull()
    await settleInbound(worker)
    const [follower] = await find('followers', { openid: { equals: openid } })
    expect(follower).toMatchObject({ subscribed: false })
    expect(follower!.unfollowedAt).toBeTruthy()
    expect((await find('resident-messages', { openid: { equals: openid } }))[0]).toMatchObject({
      type: 'image',
      content: '[图片]',
      status: 'auto-replied',
      media: { PicUrl: 'https://example.org/p.jpg', MediaId: 'm1' },
    })
  })
})

describe('job results', () => {
  const SAFE = accountFor('safe', 0)
  const post = (xml: Record<string, unknown>) =>
    handleCallback(
      ids.safe!,
      signedPost(ids.safe!, xml as never, { timestamp: String(Math.floor(Date.now() / 1000)), mode: 'safe', account: SAFE }),
      quietRuntime.deps,
    )

  test('TEMPLATESENDJOBFINISH updates the wechat notification whose relatedId is the msgid', async () => {
    const notification = await payload.create({
      collection: 'notifications',
      overrideAccess: true,
      data: { channel: 'wechat', subject: '审核提醒', relatedId: '200163836', status: 'pending' },
    })
    await post(eventMessage('oLeader', 'TEMPLATESENDJOBFINISH', Math.floor(Date.now() / 1000), { MsgID: '200163836', Status: 'failed:user block' }))
    await settleInbound(worker)
    const updated = await payload.findByID({ collection: 'notifications', id: notification.id, overrideAccess: true })
    expect(updated).toMatchObject({ status: 'failed', error: '微信模板消息发送失败：failed:user block' })
  })

  test('MASSSENDJOBFINISH reaches applyMassResult: the push with that msg_id gets the figures', async () => {
    const push = await payload.create({
      collection: 'weekly-pushes',
      overrideAccess: true,
      context: { pushSystem: true },
      data: { key: 'flow-2026-W10', account: ids.safe, week: '2026-W10', wechat: { msgId: '1000001625' } } as never,
    })
    const xml = `<xml><ToUserName><![CDATA[gh_flow00000000]]></ToUserName><FromUserName><![CDATA[oV5CrjpxgaGXNHIQigzNlgLTnwic]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[MASSSENDJOBFINISH]]></Event><MsgID>1000001625</MsgID><Status><![CDATA[send success]]></Status><TotalCount>100</TotalCount><FilterCount>80</FilterCount><SentCount>75</SentCount><ErrorCount>5</ErrorCount><ArticleUrlResult><Count>1</Count><ResultList><item><ArticleIdx>1</ArticleIdx><ArticleUrl><![CDATA[https://mp.weixin.qq.com/s/x]]></ArticleUrl></item></ResultList></ArticleUrlResult></xml>`
    const response = await handleCallback(
      ids.safe!,
      signedPost(ids.safe!, xml, { timestamp: String(Math.floor(Date.now() / 1000)), mode: 'safe', account: SAFE }),
      quietRuntime.deps,
    )
    expect(response.body).toBe('success')
    await settleInbound(worker)
    const updated = (await payload.findByID({ collection: 'weekly-pushes', id: push.id, overrideAccess: true })) as unknown as Record<string, any>
    expect(updated.result).toMatchObject({ statusText: 'send success', totalCount: 100, filterCount: 80, sentCount: 75, errorCount: 5 })
    const [row] = await find('wechat-inbound', { event: { equals: 'MASSSENDJOBFINISH' } })
    expect(row).toMatchObject({ status: 'done', attempts: 1 })
  })
})
