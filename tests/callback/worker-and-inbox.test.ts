/** The inbound worker's claims and retries, and staff replies within the 48-hour window. */
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { createLocalReq, type Payload } from 'payload'
import { createWeChatClient, MemoryTokenStore } from '../../src/wechat/client'
import { startEmulator, type WeChatEmulator } from '../../src/dev/emulator'
import { enqueueInbound } from '../../src/inbound/queue'
import { InboundWorker } from '../../src/inbound/worker'
import { toInboundMessage } from '../../src/wechat/callback/message'
import type { InboundRow } from '../../src/inbound/process-inbound'
import { InboxReplyError, replyToResident } from '../../src/services/inbox/reply'
import { WINDOW_CLOSED_MESSAGE } from '../../src/services/inbox/window'
import { buildXml, parseXml } from '../../src/wechat/xml'
import { accountCredentials, createAccount, textMessage } from './helpers'

const ACCOUNT = {
  appId: 'wxworkertest000001',
  appSecret: 'worker-secret-00000000000000000001',
  token: 'wt',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  messageMode: 'plain' as const,
  originalId: 'gh_worker',
}
let env: TestPayload
let payload: Payload
let accountId: string
let seq = 5000

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  accountId = await createAccount(payload, ACCOUNT)
})
afterAll(async () => env?.close())

const credentials = () => accountCredentials({ ...ACCOUNT, id: accountId })
async function queue(openid: string, content: string, createTime = Math.floor(Date.now() / 1000)) {
  const message = toInboundMessage(parseXml(buildXml(textMessage(openid, content, String(++seq), createTime))))
  expect(await enqueueInbound(payload, credentials(), message)).toBe('stored')
}
const rows = async (where: Record<string, unknown> = {}) =>
  (await payload.find({ collection: 'wechat-inbound', overrideAccess: true, depth: 0, limit: 100, where: where as never })).docs as unknown as InboundRow[] &
    Record<string, any>[]

describe('inbound worker', () => {
  test('two workers (two instances) draining at once process every row exactly once', async () => {
    for (let i = 0; i < 12; i++) await queue('oTwoWorkers', `消息 ${i}`)
    const seen: string[] = []
    const process = async (_payload: Payload, row: InboundRow) => {
      seen.push(row.id)
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
    const [a, b] = [new InboundWorker(payload, { intervalMs: 0, process }), new InboundWorker(payload, { intervalMs: 0, process })]
    const [countA, countB] = await Promise.all([a.drain(), b.drain()])
    expect(countA + countB).toBe(12)
    expect(new Set(seen).size).toBe(12)
    expect(seen).toHaveLength(12)
    expect((await rows({ status: { equals: 'done' } })).length).toBeGreaterThanOrEqual(12)
  })

  test('a failing row is retried with backoff, then marked failed with the error', async () => {
    await queue('oFailing', '会失败')
    let now = Date.now()
    const worker = new InboundWorker(payload, {
      intervalMs: 0,
      maxAttempts: 3,
      now: () => now,
      process: async () => Promise.reject(new Error('数据库暂时不可用')),
    })
    await worker.drain()
    let [row] = await rows({ 'payload.FromUserName': { equals: 'oFailing' } })
    expect(row).toMatchObject({ status: 'pending', attempts: 1, error: '数据库暂时不可用' })
    expect(await worker.drain()).toBe(0) // backoff: not ready yet
    now += 31_000
    await worker.drain()
    now += 61_000
    await worker.drain()
    ;[row] = await rows({ 'payload.FromUserName': { equals: 'oFailing' } })
    expect(row).toMatchObject({ status: 'failed', attempts: 3 })
  })

  test('a claim left by a crashed instance is taken over after its lease', async () => {
    await queue('oCrashed', '崩溃')
    let now = Date.now()
    const crashed = new InboundWorker(payload, { intervalMs: 0, leaseMs: 60_000, now: () => now, process: () => new Promise(() => undefined) })
    void crashed.drain()
    await new Promise((resolve) => setTimeout(resolve, 200))
    const processed: string[] = []
    const survivor = new InboundWorker(payload, {
      intervalMs: 0,
      now: () => now,
      process: async (_p, row) => void processed.push(String((row.payload as Record<string, unknown>).FromUserName)),
    })
    await survivor.drain()
    expect(processed).not.toContain('oCrashed')
    now += 61_000
    await survivor.drain()
    expect(processed).toContain('oCrashed')
  })

  test('processing the same row twice (crash before "done") stores the message once', async () => {
    await queue('oTwice', '只存一次')
    const [row] = await rows({ 'payload.FromUserName': { equals: 'oTwice' } })
    const { processInbound } = await import('../../src/inbound/process-inbound')
    await processInbound(payload, row!)
    await processInbound(payload, row!)
    expect((await payload.count({ collection: 'resident-messages', overrideAccess: true, where: { openid: { equals: 'oTwice' } } as never })).totalDocs).toBe(1)
  })
})

describe('staff replies', () => {
  let emulator: WeChatEmulator
  let users: Record<'admin' | 'editor' | 'other' | 'leader', Record<string, any>>
  let communityId: string
  const client = () =>
    createWeChatClient({ appId: ACCOUNT.appId, appSecret: ACCOUNT.appSecret, baseUrl: emulator.url, store: new MemoryTokenStore(), retry: { maxAttempts: 1 } })
  const req = (user: Record<string, any>) => createLocalReq({ user: { ...user, collection: 'users' } as never }, payload)

  beforeAll(async () => {
    emulator = await startEmulator({ faults: null, accounts: [{ ...ACCOUNT, followerCount: 3 }] })
    users = {} as typeof users
    const community = await payload.create({ collection: 'communities', overrideAccess: true, data: { name: '西关社区', code: 'reply-xiguan' } as never })
    communityId = String(community.id)
    for (const role of ['admin', 'editor', 'other', 'leader'] as const) {
      users[role] = (await payload.create({
        collection: 'users',
        overrideAccess: true,
        data: {
          email: `${role}@reply.test`,
          password: 'test-password-1',
          name: role,
          role: role === 'other' ? 'editor' : role,
          community: role === 'editor' || role === 'other' ? community.id : undefined,
        } as never,
      })) as never
    }
  })
  afterAll(async () => emulator?.close())

  async function residentMessage(index: number, content: string) {
    const openid = [...emulator.account().users.keys()][index]!
    await emulator.simulateUserMessage(openid, { content, deliver: false })
    await queue(openid, content)
    await new InboundWorker(payload, { intervalMs: 0 }).drain()
    const [doc] = (await payload.find({ collection: 'resident-messages', overrideAccess: true, where: { openid: { equals: openid } } as never })).docs
    // The account has no community tags: the message is in the general queue until a leader
    // moves it (转交社区) to the editors' community, as here.
    await payload.update({ collection: 'resident-messages', id: doc!.id, overrideAccess: true, data: { community: communityId } as never })
    return { openid, id: String(doc!.id) }
  }
  const reply = async (user: Record<string, any>, id: string, content: string, now?: number) =>
    replyToResident(payload, { messageId: id, content, req: await req(user), client: client(), now: now ? () => now : undefined })

  test('an editor replies within the window: sent through WeChat, recorded in the thread, assigned to them', async () => {
    const { openid, id } = await residentMessage(0, '楼道灯坏了')
    const result = await reply(users.editor, id, '您好，已安排维修。')
    expect(result.status).toBe('sent')
    expect(emulator.account().customMessages.at(-1)).toMatchObject({ touser: openid, body: { msgtype: 'text', text: { content: '您好，已安排维修。' } } })
    const doc = (await payload.findByID({ collection: 'resident-messages', id, overrideAccess: true, depth: 0 })) as unknown as Record<string, any>
    expect(doc).toMatchObject({ status: 'replied', assignee: users.editor.id })
    expect(doc.thread).toHaveLength(1)
    expect(doc.thread[0]).toMatchObject({ by: users.editor.id, content: '您好，已安排维修。', status: 'sent' })

    // Now assigned: another editor of the queue sees it but cannot answer it; a leader sees it without the openid.
    await expect(reply(users.other, id, '我也来回复')).rejects.toMatchObject({ status: 403 })
    const asLeader = (await payload.findByID({
      collection: 'resident-messages',
      id,
      overrideAccess: false,
      req: await req(users.leader),
    })) as unknown as Record<string, any>
    expect(asLeader.content).toBe('楼道灯坏了')
    expect(asLeader.openid).toBeUndefined()
    await expect(reply(users.leader, id, '领导回复')).rejects.toMatchObject({ status: 403 })
  })

  test('past 48 hours the server refuses in Chinese without calling WeChat', async () => {
    const { id } = await residentMessage(1, '请问办证要带什么？')
    const before = emulator.account().customMessages.length
    const error = await reply(users.admin, id, '迟到的回复', Date.now() + 49 * 3600_000).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InboxReplyError)
    expect(error).toMatchObject({ status: 409, message: WINDOW_CLOSED_MESSAGE })
    expect(emulator.account().customMessages).toHaveLength(before)
  })

  test("WeChat's 45015 (the resident unfollowed) gives the same message and a failed thread entry", async () => {
    const { openid, id } = await residentMessage(2, '谢谢')
    await emulator.simulateUserMessage(openid, { msgType: 'event', event: 'unsubscribe', deliver: false })
    await expect(reply(users.admin, id, '不客气')).rejects.toMatchObject({ status: 409, message: WINDOW_CLOSED_MESSAGE })
    const doc = (await payload.findByID({ collection: 'resident-messages', id, overrideAccess: true })) as unknown as Record<string, any>
    expect(doc.status).toBe('new')
    expect(doc.thread[0]).toMatchObject({ status: 'failed', error: WINDOW_CLOSED_MESSAGE })
  })

  test('empty and overlong replies are refused', async () => {
    const { id } = await residentMessage(0, '再问一下')
    await expect(reply(users.admin, id, '   ')).rejects.toMatchObject({ status: 400, message: '回复内容不能为空' })
    await expect(reply(users.admin, id, '字'.repeat(601))).rejects.toMatchObject({ status: 400 })
  })
})
