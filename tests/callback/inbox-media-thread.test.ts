/**
 * The inbox end to end over HTTP: the emulator posts a resident's text, image and voice messages
 * to the callback; the inbound worker stores them and fetches the image and voice through
 * `media/get` from the emulator; staff read the files over REST (Payload's own REST handler on a
 * real HTTP server) only with a login — the photo re-encoded without its EXIF (GPS), each file
 * named and typed by what its bytes are; a reply WeChat refuses is recorded and stops the window;
 * an auto-replied message says so; the conversation lists the resident's messages in order.
 */
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import sharp from 'sharp'
import { getPayload, handleEndpoints, type Payload, type SanitizedConfig } from 'payload'
import { startEmulator, type WeChatEmulator } from '../../src/dev/emulator'
import { InboundWorker } from '../../src/inbound/worker'
import type { CallbackRuntime } from '../../src/inbound/callback-runtime'
import { MEDIA_KEEP_MS } from '../../src/services/inbox/resident-media'
import { cachedClientForAccount } from '../../src/services/accounts/cached-client'
import { createAccount, settleInbound, testCallbackRuntime, serveCallback } from './helpers'

const ACCOUNT = {
  appId: 'wxinboxmedia000001',
  appSecret: 'inbox-media-secret-000000000000001',
  token: 'inboxtoken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  messageMode: 'safe' as const,
  originalId: 'gh_inboxmedia01',
}
// A photo and an AMR-NB file ("#!AMR\n" + frames): what WeChat hands over for image and voice.
let JPEG: Buffer
const AMR = Buffer.concat([Buffer.from('#!AMR\n', 'latin1'), Buffer.alloc(13 * 20, 0x7c)])
const PASSWORD = 'inbox-password-1'

let env: TestPayload
let payload: Payload
// Imported after startTestPayload has set the database, secret and media directories.
let config: Promise<SanitizedConfig>
let callbackServer: Server
let restServer: Server
let rest: string
let emulator: WeChatEmulator
let worker: InboundWorker
let runtime: CallbackRuntime
let accountId: string
let ruleId: string
let otherCommunity: string
const users: Record<string, { id: string; email: string }> = {}

/** Payload's REST API on a plain Node HTTP server: the same `handleEndpoints` the Next route calls. */
function restHandler(request: IncomingMessage, body: Buffer): Promise<Response> {
  const headers = new Headers()
  for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers.set(name, value)
  const method = request.method ?? 'GET'
  return handleEndpoints({
    config,
    request: new Request(`${rest}${request.url}`, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array(body) }),
  })
}

beforeAll(async () => {
  // A phone photo: EXIF with where it was taken (Xi'an) and the phone's maker.
  JPEG = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c04020' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneMaker' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '34/1 15/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '108/1 56/1 0/1' },
    })
    .toBuffer()
  env = await startTestPayload()
  payload = env.payload
  config = (await import('../../src/payload.config')).default as unknown as Promise<SanitizedConfig>
  accountId = await createAccount(payload, ACCOUNT)
  worker = new InboundWorker(payload, { intervalMs: 0 })
  const callback = await serveCallback(() => runtime.deps)
  callbackServer = callback.server
  const callbackUrl = `${callback.base}/${accountId}`
  emulator = await startEmulator({ faults: null, accounts: [{ ...ACCOUNT, callbackUrl, followerCount: 3 }] })
  // The worker's media/get and the staff's replies go to the emulator, as under npm start.
  process.env.WECHAT_API_BASE = emulator.url

  restServer = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', async () => {
      const answer = await restHandler(request, Buffer.concat(chunks))
      const headers: Record<string, string> = {}
      answer.headers.forEach((value, name) => (headers[name] = value))
      response.writeHead(answer.status, headers).end(Buffer.from(await answer.arrayBuffer()))
    })
  })
  await new Promise<void>((resolve) => restServer.listen(0, '127.0.0.1', resolve))
  rest = `http://127.0.0.1:${(restServer.address() as AddressInfo).port}`

  const community = await payload.create({ collection: 'communities', overrideAccess: true, data: { name: '西关社区', code: 'inbox-media' } as never })
  otherCommunity = String(
    (await payload.create({ collection: 'communities', overrideAccess: true, data: { name: '土门社区', code: 'inbox-media-2' } as never })).id,
  )
  // The residents are tagged 西关 in WeChat: their messages go to 西关's queue.
  const client = await cachedClientForAccount(payload, accountId)
  const tag = await client.tags.create('西关社区')
  await client.tags.tagUsers(tag.id, [...emulator.account().users.keys()])
  await payload.update({
    collection: 'wechat-accounts',
    id: accountId,
    overrideAccess: true,
    data: { communityTags: [{ community: community.id, tagId: tag.id }] } as never,
  })
  for (const [key, role] of [
    ['editor', 'editor'],
    ['colleague', 'editor'],
    ['leader', 'leader'],
  ] as const) {
    const email = `${key}@inbox-media.test`
    const user = await payload.create({
      collection: 'users',
      overrideAccess: true,
      data: { email, password: PASSWORD, name: `${key} 同事`, role, community: role === 'editor' ? community.id : undefined } as never,
    })
    users[key] = { id: String(user.id), email }
  }
  const rule = await payload.create({
    collection: 'auto-replies',
    overrideAccess: true,
    data: {
      name: '停水通知',
      kind: 'keyword',
      match: 'contains',
      keyword: '停水',
      replyType: 'text',
      text: '本周六 8–12 点停水。',
      account: accountId,
    } as never,
  })
  ruleId = String(rule.id)
  // Built once the rule exists, before the first callback (the emulator sends none until told to).
  runtime = testCallbackRuntime(payload)
}, 120_000)

afterAll(async () => {
  await emulator?.close()
  await new Promise((resolve) => callbackServer?.close(resolve))
  await new Promise((resolve) => restServer?.close(resolve))
  await (await getPayload({ config })).destroy()
  await env?.close()
})

const openid = (index: number) => [...emulator.account().users.keys()][index]!
const messagesOf = async (who: string) =>
  (
    await payload.find({
      collection: 'resident-messages',
      overrideAccess: true,
      depth: 0,
      sort: 'received',
      limit: 50,
      where: { openid: { equals: who } } as never,
    })
  ).docs as unknown as Record<string, any>[]
/** One resident message through the real callback; over a second apart, so CreateTime orders them. */
async function send(who: string, message: Parameters<WeChatEmulator['simulateUserMessage']>[1]) {
  const result = await emulator.simulateUserMessage(who, message)
  expect(result.delivery?.ok).toBe(true)
  await new Promise((resolve) => setTimeout(resolve, 1100))
  return result
}
async function login(email: string): Promise<string> {
  const response = await fetch(`${rest}/api/users/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  })
  expect(response.status).toBe(200)
  return ((await response.json()) as { token: string }).token
}
const get = (path: string, token?: string) => fetch(`${rest}${path}`, { headers: token ? { Authorization: `JWT ${token}` } : {} })

describe('a resident writes text, an image and a voice message', () => {
  let messages: Record<string, any>[]

  beforeAll(async () => {
    const imageId = emulator.addTemporaryMedia({ bytes: JPEG, contentType: 'image/jpeg' })
    const voiceId = emulator.addTemporaryMedia({ bytes: AMR, contentType: 'audio/amr' })
    await send(openid(0), { content: '你好，想反映个问题' })
    await send(openid(0), { msgType: 'image', fields: { PicUrl: 'http://mmbiz.qpic.cn/resident.jpg', MediaId: imageId } })
    await send(openid(0), { msgType: 'voice', fields: { MediaId: voiceId, Format: 'amr', Recognition: '楼道的灯坏了' } })
    await send(openid(0), { content: '还有，明天停水吗？' })
    await settleInbound(worker)
    messages = await messagesOf(openid(0))
  })

  test('the worker fetched the image and the voice through media/get and stored them staff-only', async () => {
    expect(messages.map((message) => message.type)).toEqual(['text', 'image', 'voice', 'text'])
    const fetches = emulator.requestLog.filter((entry) => entry.path === '/cgi-bin/media/get')
    expect(fetches).toHaveLength(2)
    expect(fetches.every((entry) => entry.errcode === 0)).toBe(true)
    const [, image, voice] = messages
    expect(image).toMatchObject({ mediaStatus: 'fetched', mediaAttempts: 1 })
    expect(voice).toMatchObject({ mediaStatus: 'fetched', content: '[语音] 楼道的灯坏了' })
    const files = (await payload.find({ collection: 'resident-media', overrideAccess: true, depth: 0, sort: 'createdAt' })).docs as unknown as Record<
      string,
      any
    >[]
    expect(files.map((file) => [file.kind, file.mimeType, String(file.message)])).toEqual([
      ['image', 'image/jpeg', String(image!.id)],
      ['voice', 'audio/amr', String(voice!.id)],
    ])
  })

  test('an editor reads the files over REST with a login; without one, or once the message is in another community’s queue, nothing', async () => {
    const [, image, voice] = messages
    const files = (await payload.find({ collection: 'resident-media', overrideAccess: true, depth: 0, sort: 'createdAt' })).docs as unknown as Record<
      string,
      any
    >[]
    const [imageFile, voiceFile] = files
    expect(imageFile!.url).toBe(`/api/resident-media/file/${imageFile!.filename}`)

    // Named by what the bytes are, never by WeChat's name for them.
    expect(imageFile!.filename).toBe(`image-${image!.id}.jpg`)
    expect(voiceFile!.filename).toBe(`voice-${voice!.id}.amr`)

    const editor = await login(users.editor!.email)
    const asEditor = await get(String(imageFile!.url), editor)
    expect(asEditor.status).toBe(200)
    expect(asEditor.headers.get('content-type')).toBe('image/jpeg')
    // The photo, re-encoded: the same picture, without the EXIF block, its GPS position or the maker.
    const photo = Buffer.from(await asEditor.arrayBuffer())
    expect(JPEG.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(true)
    expect(photo.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false)
    expect(photo.includes(Buffer.from('PhoneMaker'))).toBe(false)
    const metadata = await sharp(photo).metadata()
    expect([metadata.format, metadata.width, metadata.height, metadata.exif]).toEqual(['jpeg', 64, 48, undefined])
    // Voice carries no location: its bytes are kept, served as audio.
    const voiceAnswer = await get(String(voiceFile!.url), editor)
    expect(voiceAnswer.status).toBe(200)
    expect(voiceAnswer.headers.get('content-type')).toBe('audio/amr')
    expect(Buffer.from(await voiceAnswer.arrayBuffer()).equals(AMR)).toBe(true)

    const anonymous = await get(String(imageFile!.url))
    expect(anonymous.status).toBe(403)
    expect(Buffer.from(await anonymous.arrayBuffer()).includes(JPEG.subarray(0, 12))).toBe(false)
    const anonymousList = await get('/api/resident-media')
    expect(anonymousList.status).toBe(403)

    // Moved to 土门's queue (转交社区): 西关's editors can no longer open the message, nor its file.
    await payload.update({ collection: 'resident-messages', id: image!.id, overrideAccess: true, data: { community: otherCommunity } as never })
    const colleague = await login(users.colleague!.email)
    expect((await get(String(imageFile!.url), colleague)).status).toBe(403)
    expect((await get(String(voiceFile!.url), colleague)).status).toBe(200)
    expect(voice!.id).not.toBe(image!.id)
  })

  test('the message answered by the keyword auto-reply is 已自动回复 with its rule; the others stay 未处理', () => {
    expect(messages.map((message) => message.status)).toEqual(['new', 'new', 'new', 'auto-replied'])
    expect(String(messages[3]!.autoReply)).toBe(ruleId)
    expect(messages[0]!.autoReply ?? null).toBeNull()
  })

  test('the list shows who wrote as a masked openid; the conversation lists the messages in order, without the openid', async () => {
    const who = openid(0)
    expect(messages[0]!.sender).toBe(`${who.slice(0, 4)}…${who.slice(-3)}`)
    const leader = await login(users.leader!.email)
    const list = await get(`/api/resident-messages?where[id][equals]=${messages[0]!.id}`, leader)
    const listed = ((await list.json()) as { docs: Record<string, unknown>[] }).docs[0]!
    expect(listed.sender).toBe(messages[0]!.sender)
    expect(listed.openid).toBeUndefined()

    const answer = await get(`/api/resident-messages/${messages[2]!.id}/conversation`, leader)
    expect(answer.status).toBe(200)
    const text = await answer.text()
    expect(text).not.toContain(who)
    const { entries } = JSON.parse(text) as { entries: Array<{ kind: string; content: string; status: string; at: string }> }
    expect(entries.filter((entry) => entry.kind === 'message').map((entry) => entry.content)).toEqual([
      '你好，想反映个问题',
      '[图片]',
      '[语音] 楼道的灯坏了',
      '还有，明天停水吗？',
    ])
    expect(entries.map((entry) => Date.parse(entry.at))).toEqual([...entries.map((entry) => Date.parse(entry.at))].sort((a, b) => a - b))
    expect(entries.at(-1)).toMatchObject({ kind: 'message', status: 'auto-replied' })

    // An editor sees only what they may open: the image is in another community's queue.
    const colleague = await login(users.colleague!.email)
    const partial = (await (await get(`/api/resident-messages/${messages[0]!.id}/conversation`, colleague)).json()) as {
      entries: Array<{ content: string }>
      hidden: number
    }
    expect(partial.entries.map((entry) => entry.content)).toEqual(['你好，想反映个问题', '[语音] 楼道的灯坏了', '还有，明天停水吗？'])
    expect(partial.hidden).toBe(1)
    expect((await get(`/api/resident-messages/${messages[0]!.id}/conversation`)).status).toBe(401)
  })
})

describe('replies WeChat refuses', () => {
  test('the sixth reply to one message gets 45047: recorded with WeChat’s answer, and the window label stops', async () => {
    await send(openid(1), { content: '请问社区医院几点开门？' })
    await settleInbound(worker)
    const [message] = await messagesOf(openid(1))
    const editor = await login(users.editor!.email)
    const reply = (content: string) =>
      fetch(`${rest}/api/resident-messages/${message!.id}/reply`, {
        method: 'POST',
        headers: { Authorization: `JWT ${editor}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ content }),
      })

    const before = (await (await get(`/api/resident-messages/${message!.id}/reply-window`, editor)).json()) as Record<string, any>
    expect(before).toMatchObject({ open: true, refusal: null })
    for (let i = 1; i <= 5; i++) expect((await reply(`第 ${i} 条回复`)).status).toBe(200)
    const refused = await reply('第 6 条回复')
    expect(refused.status).toBe(502)
    const refusal = ((await refused.json()) as { errors: Array<{ message: string; code: string; data: { errcode: number } }> }).errors[0]!
    expect(refusal.message).toMatch(/客服消息条数已达上限/)
    expect(refusal).toMatchObject({ code: 'wechat-failed', data: { errcode: 45047 } })

    const doc = (await payload.findByID({ collection: 'resident-messages', id: message!.id, overrideAccess: true, depth: 0 })) as unknown as Record<string, any>
    expect(doc.thread).toHaveLength(6)
    expect(doc.thread[0]).toMatchObject({ by: users.editor!.id, content: '第 1 条回复', status: 'sent', errcode: 0 })
    expect(doc.thread[5]).toMatchObject({ by: users.editor!.id, content: '第 6 条回复', status: 'failed', errcode: 45047 })
    expect(Date.parse(doc.thread[5].at)).toBeGreaterThan(0)

    const window = (await (await get(`/api/resident-messages/${message!.id}/reply-window`, editor)).json()) as Record<string, any>
    // 48 hours have not passed, yet no reply can go out: the label stops with WeChat's reason.
    expect(Date.parse(window.expiresAt)).toBeGreaterThan(Date.now())
    expect(window).toMatchObject({ open: false, remainingMs: 0, refusal: { errcode: 45047 } })

    // The resident writes again (a second later: CreateTime has whole seconds): a new window, the refusal no longer applies.
    await new Promise((resolve) => setTimeout(resolve, 1100))
    await send(openid(1), { content: '好的，谢谢' })
    await settleInbound(worker)
    const reopened = (await (await get(`/api/resident-messages/${message!.id}/reply-window`, editor)).json()) as Record<string, any>
    expect(reopened).toMatchObject({ open: true, refusal: null })

    const conversation = (await (await get(`/api/resident-messages/${message!.id}/conversation`, editor)).json()) as { entries: Array<Record<string, any>> }
    expect(conversation.entries.map((entry) => entry.kind)).toEqual(['message', 'reply', 'reply', 'reply', 'reply', 'reply', 'reply', 'message'])
    expect(conversation.entries[6]).toMatchObject({ status: 'failed', errcode: 45047, by: 'editor 同事' })
  })
})

test('the inbox answers in English when the admin is English', async () => {
  const [message] = await messagesOf(openid(1))
  const editor = await login(users.editor!.email)
  const post = (language: string) =>
    fetch(`${rest}/api/resident-messages/${message!.id}/reply`, {
      method: 'POST',
      headers: { Authorization: `JWT ${editor}`, 'Content-Type': 'application/json', Cookie: `payload-lng=${language}` },
      body: JSON.stringify({ content: '   ' }),
    })
  expect(await (await post('en')).json()).toEqual({ errors: [{ message: 'The reply is empty', code: 'content-required' }] })
  expect(await (await post('zh')).json()).toEqual({ errors: [{ message: '回复内容不能为空', code: 'content-required' }] })
  const anonymous = await fetch(`${rest}/api/resident-messages/${message!.id}/conversation`, { headers: { Cookie: 'payload-lng=en' } })
  expect(await anonymous.json()).toEqual({ errors: [{ message: 'Please log in', code: 'unauthenticated' }] })
})

describe('fetches that fail', () => {
  test('a failed media/get is retried by the worker and then stored', async () => {
    const imageId = emulator.addTemporaryMedia({ bytes: JPEG, contentType: 'image/jpeg' })
    emulator.faults.set({ http500Rate: 1, paths: ['/cgi-bin/media/get'] })
    await send(openid(2), { msgType: 'image', fields: { PicUrl: 'http://mmbiz.qpic.cn/x.jpg', MediaId: imageId } })
    await settleInbound(worker)
    let [message] = await messagesOf(openid(2))
    expect(message).toMatchObject({ mediaStatus: 'pending', mediaAttempts: 1 })
    expect(message!.mediaError).toMatch(/^从微信取回文件失败：微信服务器出错（HTTP 500）/)

    emulator.faults.clear()
    const later = new InboundWorker(payload, { intervalMs: 0, now: () => Date.parse(message!.mediaRetryAt) + 1000 })
    await later.drain()
    ;[message] = await messagesOf(openid(2))
    expect(message).toMatchObject({ mediaStatus: 'fetched', mediaAttempts: 2, mediaError: null })
    expect((await payload.count({ collection: 'resident-media', overrideAccess: true, where: { message: { equals: message!.id } } as never })).totalDocs).toBe(
      1,
    )
  })

  test('a file WeChat no longer has is retried until 3 days have passed, then recorded as expired', async () => {
    await send(openid(2), { msgType: 'voice', fields: { MediaId: 'deleted-by-wechat', Format: 'amr' } })
    await settleInbound(worker)
    let message = (await messagesOf(openid(2))).at(-1)!
    expect(message).toMatchObject({ type: 'voice', mediaStatus: 'pending' })
    expect(message.mediaError).toMatch(/不合法的素材 ID/)

    const received = Date.parse(message.received)
    await new InboundWorker(payload, { intervalMs: 0, now: () => received + 24 * 3600_000 }).drain()
    message = (await messagesOf(openid(2))).at(-1)!
    expect(message).toMatchObject({ mediaStatus: 'pending', mediaAttempts: 2 })

    await new InboundWorker(payload, { intervalMs: 0, now: () => received + MEDIA_KEEP_MS + 60_000 }).drain()
    message = (await messagesOf(openid(2))).at(-1)!
    expect(message).toMatchObject({ mediaStatus: 'expired', mediaAttempts: 3, mediaRetryAt: null })
    expect(message.mediaError).toMatch(/超过 3 天/)
  })
})
