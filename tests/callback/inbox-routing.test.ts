/**
 * Residents' messages are routed to a community's queue and read only by that queue's staff.
 * The emulator holds the account's followers and their community tags (标签); messages are stored
 * by the real store (which asks the emulator for the resident's tags over HTTP), and staff talk to
 * Payload's own REST and GraphQL handlers on a real HTTP server with real logins:
 * - 西关 (A) editors `author` and `colleague`, 土门 (B) editor `outsider`, street-office editor
 *   `street` (no community), the street-office leader `leader`, 西关's leader `areaLeader`, `admin`;
 * - one message routed to A (with a photo), one to B, one to the general queue.
 */
import sharp from 'sharp'
import type { Payload } from 'payload'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { createFixtures, PASSWORD, type Fixtures } from '../helpers/fixtures'
import { api, graphql, login, type Session } from '../helpers/server'
import { startPayloadHttp, type PayloadHttp } from '../helpers/payload-http'
import { startEmulator, type WeChatEmulator } from '../../src/dev/emulator'
import { storeResidentMessage } from '../../src/services/inbox/store-message'
import { cachedClientForAccount } from '../../src/services/accounts/cached-client'
import { NEW_MESSAGE_SUBJECT } from '../../src/services/inbox/notify-new-message'
import { parseXml } from '../../src/wechat/xml'
import { createAccount } from './helpers'

const ACCOUNT = {
  appId: 'wxinboxroute000001',
  appSecret: 'inbox-route-secret-00000000000000001',
  token: 'routetoken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  messageMode: 'plain' as const,
  originalId: 'gh_inboxroute01',
}

type Who = 'admin' | 'leader' | 'areaLeader' | 'author' | 'colleague' | 'outsider' | 'street'

let env: TestPayload
let payload: Payload
let http: PayloadHttp
let url: string
let emulator: WeChatEmulator
let fx: Fixtures
let accountId: string
const ids = {} as Record<Who, string>
const as = {} as Record<Who, Session>
/** Message ids: routed to A (西关), to B (土门), to the general queue. */
const m = {} as Record<'a' | 'b' | 'g' | 'aPhoto', string>
let photoFile: { id: string; url: string }
let residentA: string

async function storeFrom(openid: string, message: Parameters<WeChatEmulator['simulateUserMessage']>[1], key: string): Promise<string> {
  const { xml } = await emulator.simulateUserMessage(openid, { ...message, deliver: false })
  await storeResidentMessage(payload, accountId, key, parseXml(xml))
  const found = await payload.find({ collection: 'resident-messages', overrideAccess: true, depth: 0, where: { inboundKey: { equals: key } } as never })
  return String(found.docs[0]!.id)
}

const raw = async (id: string) =>
  (await payload.findByID({ collection: 'resident-messages', id, overrideAccess: true, depth: 0 })) as unknown as Record<string, any>

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  http = await startPayloadHttp()
  url = http.url

  emulator = await startEmulator({ faults: null, accounts: [{ ...ACCOUNT, callbackUrl: 'http://127.0.0.1:9/unused', followerCount: 3 }] })
  process.env.WECHAT_API_BASE = emulator.url
  accountId = await createAccount(payload, ACCOUNT)

  fx = await createFixtures(payload, 'route')
  for (const who of ['admin', 'leader', 'author', 'colleague', 'outsider'] as const) ids[who] = fx.users[who].id
  const areaLeader = await payload.create({
    collection: 'users',
    data: { email: 'route-area-leader@example.test', password: PASSWORD, name: '西关领导', role: 'leader', community: fx.communityA } as never,
  })
  ids.areaLeader = String(areaLeader.id)
  // Street-office staff answer the general queue: an editor without a community. The users
  // collection asks editors for a community when they are saved through it, so it is cleared in
  // the database, as an account made before that rule (or by an admin's migration) would be.
  const street = await payload.create({
    collection: 'users',
    data: { email: 'route-street@example.test', password: PASSWORD, name: '街道办编辑', role: 'editor', community: fx.communityA } as never,
  })
  ids.street = String(street.id)
  await payload.db.updateOne({ collection: 'users', where: { id: { equals: ids.street } }, data: { community: null } })

  // The office tags followers by community in WeChat; the account maps the tags to communities.
  const client = await cachedClientForAccount(payload, accountId)
  const tagA = await client.tags.create('西关社区')
  const tagB = await client.tags.create('土门社区')
  const [r1, r2, r3] = [...emulator.account().users.keys()]
  residentA = r1!
  await client.tags.tagUsers(tagA.id, [r1!])
  await client.tags.tagUsers(tagB.id, [r2!])
  await payload.update({
    collection: 'wechat-accounts',
    id: accountId,
    overrideAccess: true,
    data: {
      communityTags: [
        { community: fx.communityA, tagId: tagA.id },
        { community: fx.communityB, tagId: tagB.id },
      ],
    } as never,
  })

  m.a = await storeFrom(r1!, { content: '西关：我家住3号楼，电话13800000001，楼道灯坏了' }, 'route-a')
  m.b = await storeFrom(r2!, { content: '土门：电话13800000002，垃圾没人收' }, 'route-b')
  m.g = await storeFrom(r3!, { content: '不知道社区：电话13800000003' }, 'route-g')
  const jpeg = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#2040c0' } })
    .jpeg()
    .toBuffer()
  const mediaId = emulator.addTemporaryMedia({ bytes: jpeg, contentType: 'image/jpeg' })
  m.aPhoto = await storeFrom(r1!, { msgType: 'image', fields: { PicUrl: 'http://mmbiz.qpic.cn/route.jpg', MediaId: mediaId } }, 'route-a-photo')
  const files = await payload.find({ collection: 'resident-media', overrideAccess: true, depth: 0, where: { message: { equals: m.aPhoto } } as never })
  photoFile = { id: String(files.docs[0]!.id), url: String((files.docs[0] as unknown as { url: string }).url) }

  const emails: Record<Who, string> = {
    admin: fx.users.admin.email,
    leader: fx.users.leader.email,
    author: fx.users.author.email,
    colleague: fx.users.colleague.email,
    outsider: fx.users.outsider.email,
    areaLeader: 'route-area-leader@example.test',
    street: 'route-street@example.test',
  }
  for (const who of Object.keys(emails) as Who[]) as[who] = await login(url, emails[who], PASSWORD)
}, 120_000)

afterAll(async () => {
  await emulator?.close()
  await http?.close()
  delete process.env.WECHAT_API_BASE
  await env?.close()
})

/** Which of the three text messages and the photo message each role sees. */
const EXPECTED: Record<Who, Array<keyof typeof m>> = {
  admin: ['a', 'aPhoto', 'b', 'g'],
  leader: ['a', 'aPhoto', 'b', 'g'],
  areaLeader: ['a', 'aPhoto'],
  author: ['a', 'aPhoto'],
  colleague: ['a', 'aPhoto'],
  outsider: ['b'],
  street: ['g'],
}
const idsOf = (keys: Array<keyof typeof m>) => keys.map((key) => m[key]).sort()

test('each message is stored in its resident’s community queue, or the general one', async () => {
  expect(String((await raw(m.a)).community)).toBe(fx.communityA)
  expect(String((await raw(m.aPhoto)).community)).toBe(fx.communityA)
  expect(String((await raw(m.b)).community)).toBe(fx.communityB)
  expect((await raw(m.g)).community ?? null).toBeNull()
})

test('each role lists only its queue over REST; openids only for the editors who handle the message', async () => {
  for (const who of Object.keys(EXPECTED) as Who[]) {
    const list = await api(url, as[who], 'GET', '/api/resident-messages?limit=50&depth=0')
    expect(list.status).toBe(200)
    expect({ who, ids: list.body.docs.map((doc: { id: unknown }) => String(doc.id)).sort() }).toEqual({ who, ids: idsOf(EXPECTED[who]) })
    const text = JSON.stringify(list.body)
    // Content with phone numbers appears only for the messages of the queue.
    for (const [key, phone] of [
      ['a', '13800000001'],
      ['b', '13800000002'],
      ['g', '13800000003'],
    ] as const) {
      expect({ who, key, shown: text.includes(phone) }).toEqual({ who, key, shown: EXPECTED[who].includes(key) })
    }
    const openids = list.body.docs.map((doc: { openid?: string }) => doc.openid ?? null)
    if (who === 'leader' || who === 'areaLeader') expect(openids.every((openid: string | null) => openid === null)).toBe(true)
    else expect(openids.every((openid: string | null) => typeof openid === 'string')).toBe(true)
  }
  // A where that asks for other queues explicitly gets nothing more.
  const probing = await api(url, as.outsider, 'GET', `/api/resident-messages?where[id][in]=${m.a},${m.g}&depth=0`)
  expect(probing.body.docs).toEqual([])
  const byCommunity = await api(url, as.outsider, 'GET', `/api/resident-messages?where[community][equals]=${fx.communityA}&depth=0`)
  expect(byCommunity.body.totalDocs).toBe(0)
})

test('the same through GraphQL', async () => {
  for (const who of Object.keys(EXPECTED) as Who[]) {
    const result = await graphql(url, as[who], '{ ResidentMessages(limit: 50) { docs { id content } } }')
    expect(result.body.errors).toBeUndefined()
    expect({ who, ids: result.body.data.ResidentMessages.docs.map((doc: { id: unknown }) => String(doc.id)).sort() }).toEqual({
      who,
      ids: idsOf(EXPECTED[who]),
    })
  }
  const one = await graphql(
    url,
    as.outsider,
    `
      query ($id: String!) {
        ResidentMessage(id: $id) {
          id
          content
          openid
        }
      }
    `,
    { id: m.a },
  )
  expect(one.body.data?.ResidentMessage ?? null).toBeNull()
  expect(JSON.stringify(one.body)).not.toContain('13800000001')
})

test('the same through the Local API with overrideAccess: false (lists, by id, bulk update)', async () => {
  const { createLocalReq } = await import('payload')
  for (const who of Object.keys(EXPECTED) as Who[]) {
    const user = (await payload.findByID({ collection: 'users', id: ids[who], overrideAccess: true, depth: 0 })) as unknown as Record<string, unknown>
    const req = await createLocalReq({ user: { ...user, collection: 'users' } as never }, payload)
    const found = await payload.find({ collection: 'resident-messages', overrideAccess: false, req, depth: 0, limit: 50 })
    expect({ who, ids: found.docs.map((doc) => String(doc.id)).sort() }).toEqual({ who, ids: idsOf(EXPECTED[who]) })
  }
  const outsider = await createLocalReq(
    { user: { ...(await payload.findByID({ collection: 'users', id: ids.outsider, overrideAccess: true, depth: 0 })), collection: 'users' } as never },
    payload,
  )
  await expect(payload.findByID({ collection: 'resident-messages', id: m.a, overrideAccess: false, req: outsider })).rejects.toMatchObject({ status: 404 })
  const bulk = await payload.update({
    collection: 'resident-messages',
    where: { id: { in: [m.a, m.g] } } as never,
    data: { status: 'closed' } as never,
    overrideAccess: false,
    req: outsider,
  })
  expect(bulk.docs).toEqual([])
  expect((await raw(m.a)).status).toBe('new')
})

test('reading one message, its conversation and its reply window: only within the queue', async () => {
  for (const path of [`/api/resident-messages/${m.a}`, `/api/resident-messages/${m.a}/conversation`, `/api/resident-messages/${m.a}/reply-window`]) {
    const refused = await api(url, as.outsider, 'GET', path)
    expect({ path, status: refused.status }).toEqual({ path, status: 404 })
    expect(JSON.stringify(refused.body)).not.toContain('13800000001')
    expect((await api(url, as.street, 'GET', path)).status).toBe(404)
    expect((await api(url, as.author, 'GET', path)).status).toBe(200)
  }
  const conversation = await api(url, as.author, 'GET', `/api/resident-messages/${m.aPhoto}/conversation`)
  expect(conversation.body.entries.map((entry: { messageId: string }) => entry.messageId).sort()).toEqual([m.a, m.aPhoto].sort())
  expect((await api(url, as.street, 'GET', `/api/resident-messages/${m.g}`)).body.content).toContain('13800000003')
  expect((await api(url, as.author, 'GET', `/api/resident-messages/${m.g}`)).status).toBe(404)
})

test('replying: an editor of another community cannot; the queue’s editor can, and then holds the message', async () => {
  const refused = await api(url, as.outsider, 'POST', `/api/resident-messages/${m.a}/reply`, { content: '我是土门社区的' })
  expect(refused.status).toBe(404)
  expect(refused.body.errors).toEqual([{ message: '留言不存在或您无权查看', code: 'not-found' }])
  expect(emulator.account().customMessages).toHaveLength(0)

  const sent = await api(url, as.author, 'POST', `/api/resident-messages/${m.a}/reply`, { content: '您好，已通知物业维修。' })
  expect(sent.status).toBe(200)
  expect(emulator.account().customMessages.map((entry) => entry.touser)).toEqual([residentA])
  expect(await raw(m.a)).toMatchObject({ status: 'replied', assignee: ids.author })

  // A colleague of the same queue still sees it, but it is the author's now: no reply from them.
  expect((await api(url, as.colleague, 'GET', `/api/resident-messages/${m.a}`)).status).toBe(200)
  const colleague = await api(url, as.colleague, 'POST', `/api/resident-messages/${m.a}/reply`, { content: '我也回复一下' })
  expect(colleague.status).toBe(403)
  expect(colleague.body.errors[0]).toMatchObject({ code: 'handled-by-others', message: expect.stringMatching(/其他同事负责/) })
  expect(emulator.account().customMessages).toHaveLength(1)
})

test('bulk PATCH by an editor of another community changes none of A’s or the general queue’s messages', async () => {
  const before = await Promise.all([m.a, m.aPhoto, m.g].map(raw))
  const targeted = await api(url, as.outsider, 'PATCH', `/api/resident-messages?where[id][in]=${m.a},${m.aPhoto},${m.g}`, {
    status: 'closed',
    assignee: ids.outsider,
  })
  expect(targeted.body.docs ?? []).toEqual([])
  // "Everything new is mine, closed": only B's queue is touched.
  const everything = await api(url, as.outsider, 'PATCH', `/api/resident-messages?where[id][exists]=true`, { status: 'closed', assignee: ids.outsider })
  expect(everything.body.docs.map((doc: { id: unknown }) => String(doc.id))).toEqual([m.b])
  const after = await Promise.all([m.a, m.aPhoto, m.g].map(raw))
  expect(after.map((doc) => [doc.status, doc.assignee ?? null, doc.updatedAt])).toEqual(before.map((doc) => [doc.status, doc.assignee ?? null, doc.updatedAt]))
  expect(await raw(m.b)).toMatchObject({ status: 'closed', assignee: ids.outsider })

  // Through GraphQL's update by id: not found for them.
  const gql = await graphql(
    url,
    as.outsider,
    `
      mutation ($id: String!) {
        updateResidentMessage(id: $id, data: { status: closed }) {
          id
        }
      }
    `,
    { id: m.g },
  )
  expect(gql.body.data?.updateResidentMessage ?? null).toBeNull()
  expect((await raw(m.g)).status).toBe('new')
  // Nor may an editor move a message to another queue: the field is ignored.
  await api(url, as.outsider, 'PATCH', `/api/resident-messages/${m.b}`, { community: fx.communityA })
  expect(String((await raw(m.b)).community)).toBe(fx.communityB)
})

test('assigning: never to someone who could not read the message; 转交社区 moves it to another queue', async () => {
  const refused = await api(url, as.leader, 'PATCH', `/api/resident-messages/${m.aPhoto}`, { assignee: ids.outsider })
  expect(refused.status).toBe(400)
  expect(JSON.stringify(refused.body)).toMatch(/负责人：outsider 不属于这条留言所在的「route西关社区」/)
  expect((await raw(m.aPhoto)).assignee ?? null).toBeNull()
  const english = await fetch(`${url}/api/resident-messages/${m.aPhoto}`, {
    method: 'PATCH',
    headers: { Authorization: `JWT ${as.leader.token}`, 'Content-Type': 'application/json', Cookie: 'payload-lng=en' },
    body: JSON.stringify({ assignee: ids.outsider }),
  })
  expect(english.status).toBe(400)
  expect(await english.text()).toContain('Assignee: outsider does not belong to this message')
  const toLeader = await api(url, as.admin, 'PATCH', `/api/resident-messages/${m.aPhoto}`, { assignee: ids.areaLeader })
  expect(toLeader.status).toBe(400)
  expect(JSON.stringify(toLeader.body)).toContain('审核领导不回复居民留言')
  // An editor cannot hand a message to a colleague; a leader can.
  const byEditor = await api(url, as.colleague, 'PATCH', `/api/resident-messages/${m.aPhoto}`, { assignee: ids.author })
  expect(byEditor.status).toBe(400)
  expect(JSON.stringify(byEditor.body)).toContain('社区编辑只能领取本社区队列中未分配的留言')
  expect((await api(url, as.areaLeader, 'PATCH', `/api/resident-messages/${m.aPhoto}`, { assignee: ids.colleague })).status).toBe(200)
  expect(String((await raw(m.aPhoto)).assignee)).toBe(ids.colleague)
  // The colleague hands it back to the queue; the author takes it.
  expect((await api(url, as.author, 'PATCH', `/api/resident-messages/${m.aPhoto}`, { assignee: ids.author })).status).toBe(403)
  expect((await api(url, as.colleague, 'PATCH', `/api/resident-messages/${m.aPhoto}`, { assignee: null })).status).toBe(200)
  expect((await api(url, as.author, 'PATCH', `/api/resident-messages/${m.aPhoto}`, { assignee: ids.author })).status).toBe(200)
  expect(String((await raw(m.aPhoto)).assignee)).toBe(ids.author)
  // The street editor takes the general queue's message; the street-office leader moves it to 土门,
  // where the street editor no longer belongs: it leaves them, and 土门's editor sees it.
  expect((await api(url, as.street, 'PATCH', `/api/resident-messages/${m.g}`, { assignee: ids.street })).status).toBe(200)
  const moved = await api(url, as.leader, 'PATCH', `/api/resident-messages/${m.g}`, { community: fx.communityB })
  expect(moved.status).toBe(200)
  expect(await raw(m.g)).toMatchObject({ community: fx.communityB, assignee: null })
  expect((await api(url, as.outsider, 'GET', `/api/resident-messages/${m.g}`)).status).toBe(200)
  expect((await api(url, as.street, 'GET', `/api/resident-messages/${m.g}`)).status).toBe(404)
  // 西关's leader cannot touch 土门's queue.
  const foreign = await api(url, as.areaLeader, 'PATCH', `/api/resident-messages/${m.g}`, { community: fx.communityA })
  // Payload answers an update outside the access rule with 403 (a read with 404).
  expect(foreign.status).toBe(403)
  expect(String((await raw(m.g)).community)).toBe(fx.communityB)
})

test('a photo of another community’s message: neither listed, nor by id, nor the file', async () => {
  expect((await api(url, as.outsider, 'GET', `/api/resident-media/${photoFile.id}`)).status).toBe(404)
  expect((await api(url, as.outsider, 'GET', '/api/resident-media?depth=0')).body.docs).toEqual([])
  const file = await fetch(`${url}${photoFile.url}`, { headers: { Authorization: `JWT ${as.outsider.token}` } })
  expect(file.status).toBe(403)
  expect((await fetch(`${url}${photoFile.url}`, { headers: { Authorization: `JWT ${as.street.token}` } })).status).toBe(403)
  expect((await fetch(`${url}${photoFile.url}`, { headers: { Authorization: `JWT ${as.author.token}` } })).status).toBe(200)
  expect((await fetch(`${url}${photoFile.url}`, { headers: { Authorization: `JWT ${as.areaLeader.token}` } })).status).toBe(200)
})

test('the new-message notice goes to the queue’s staff only, counting their own queue', async () => {
  const notices = (
    await payload.find({ collection: 'notifications', overrideAccess: true, depth: 0, limit: 100, where: { subject: { equals: NEW_MESSAGE_SUBJECT } } })
  ).docs
  const byRecipient = new Map(notices.map((doc) => [String(doc.recipient), String(doc.body)]))
  // A's message came first: A's editors and the admin; B's: B's editor; the general one: the street office.
  expect([...byRecipient.keys()].sort()).toEqual([ids.admin, ids.author, ids.colleague, ids.outsider, ids.street, ids.leader].sort())
  expect(notices).toHaveLength(6)
  expect(byRecipient.get(ids.outsider)).toContain('目前有 1 条未处理')
  expect(byRecipient.get(ids.author)).toContain('目前有 1 条未处理')
  for (const body of byRecipient.values()) expect(body).not.toMatch(/1380000000|oResident/)
})
