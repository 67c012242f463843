/**
 * The account's secrets over real HTTP (Payload's REST and GraphQL handlers, tests/helpers/payload-http.ts):
 * admins may read the fields — Payload shows a field on the form only then (tryout finding 1) — but
 * no answer carries a value, no query may filter, sort or list distinct values on them, and what a
 * person types is checked against the console's formats in Chinese.
 */
import { PASSWORD, createFixtures, type Fixtures } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { startPayloadHttp, type PayloadHttp } from '../helpers/payload-http'
import { api, graphql, login, type Session } from '../helpers/server'

const SECRET_KEYS = ['appSecret', 'token', 'encodingAESKey', 'previousEncodingAESKey']
const APP_SECRET = 'feedc0ffee0123456789abcdefabcdef'
const TOKEN = 'plainCallbackTokenXyz'

let t: TestPayload
let http: PayloadHttp
let fx: Fixtures
let admin: Session
let leader: Session
let editor: Session
let accountId: string

beforeAll(async () => {
  t = await startTestPayload()
  http = await startPayloadHttp()
  fx = await createFixtures(t.payload)
  admin = await login(http.url, fx.users.admin.email, PASSWORD)
  leader = await login(http.url, fx.users.leader.email, PASSWORD)
  editor = await login(http.url, fx.users.author.email, PASSWORD)
  const created = await api(http.url, admin, 'POST', '/api/wechat-accounts', {
    name: '西关社区服务号',
    appId: 'wx00000000xiguan02',
    appSecret: APP_SECRET,
    token: TOKEN,
    encodingAESKey: 'C'.repeat(43),
  })
  if (created.status !== 201) throw new Error(JSON.stringify(created.body))
  accountId = String(created.body.doc.id)
}, 120_000)
afterAll(async () => {
  await http?.close()
  await t?.close()
})

test('nobody reads a secret back: REST by id, list and through a relationship, GraphQL', async () => {
  await t.payload.create({
    collection: 'menu-clicks',
    data: { bucket: 'b1', account: accountId, key: 'MENU_1', event: 'CLICK', day: '2026-12-01', count: 1 },
  })
  for (const session of [admin, leader, editor]) {
    for (const pathname of [`/api/wechat-accounts/${accountId}`, '/api/wechat-accounts?depth=0', '/api/menu-clicks?depth=1']) {
      const read = await api(http.url, session, 'GET', pathname)
      expect({ pathname, status: read.status }).toEqual({ pathname, status: 200 })
      const text = JSON.stringify(read.body)
      for (const key of SECRET_KEYS) expect(text).not.toContain(`"${key}"`)
      expect(text).not.toContain(APP_SECRET)
      expect(text).not.toContain('enc:v1:')
    }
  }
  const byId = await api(http.url, admin, 'GET', `/api/wechat-accounts/${accountId}`)
  expect(byId.body.secretsSet).toBe('appSecret, token, encodingAESKey')
  const clicks = await api(http.url, admin, 'GET', '/api/menu-clicks?depth=1')
  expect(clicks.body.docs[0].account.appId).toBe('wx00000000xiguan02')
  for (const session of [admin, leader]) {
    const viaGraphQL = await graphql(
      http.url,
      session,
      `
        query ($id: String!) {
          WechatAccount(id: $id) {
            appId
            appSecret
            token
            encodingAESKey
            previousEncodingAESKey
          }
        }
      `,
      {
        id: accountId,
      },
    )
    expect(viaGraphQL.body.data.WechatAccount).toEqual({
      appId: 'wx00000000xiguan02',
      appSecret: null,
      token: null,
      encodingAESKey: null,
      previousEncodingAESKey: null,
    })
  }
})

test('leaders and editors cannot write a secret', async () => {
  for (const session of [leader, editor]) {
    expect((await api(http.url, session, 'PATCH', `/api/wechat-accounts/${accountId}`, { appSecret: '0'.repeat(32) })).status).toBe(403)
  }
})

test('the secrets’ formats are checked in Chinese; an empty one means unchanged', async () => {
  const bad = await api(http.url, admin, 'POST', '/api/wechat-accounts', {
    name: '格式',
    appId: 'wx5555555555555555',
    appSecret: 'not-a-hex-secret',
    token: 'to',
    encodingAESKey: 'abc+/def',
    previousEncodingAESKey: 'B'.repeat(44),
  })
  expect(bad.status).toBe(400)
  const text = JSON.stringify(bad.body)
  expect(text).toContain('开发者密码（AppSecret）：应为 32 位十六进制字符')
  expect(text).toContain('令牌（Token）：应为 3–32 位英文字母或数字')
  expect(text).toContain('消息加解密密钥（EncodingAESKey）：应为 43 位英文字母或数字')
  expect(text).toContain('上一个消息加解密密钥：应为 43 位英文字母或数字')
  const good = await api(http.url, admin, 'POST', '/api/wechat-accounts', {
    name: '格式',
    appId: 'wx5555555555555555',
    appSecret: ' ABCDEF0123456789abcdef0123456789 ',
    token: 'abc',
    encodingAESKey: 'B'.repeat(43),
  })
  expect(good.status).toBe(201)
  expect(good.body.doc.secretsSet).toBe('appSecret, token, encodingAESKey')
  const kept = await api(http.url, admin, 'PATCH', `/api/wechat-accounts/${good.body.doc.id}`, { token: '', encodingAESKey: null })
  if (kept.status !== 200) throw new Error(JSON.stringify(kept.body))
  expect(kept.body.doc.secretsSet).toBe('appSecret, token, encodingAESKey')
})

test('no query can filter or sort on a secret (REST and GraphQL)', async () => {
  const refused = [
    '/api/wechat-accounts?where[appSecret][like]=enc',
    '/api/wechat-accounts?where[or][0][token][exists]=true',
    '/api/wechat-accounts?sort=-encodingAESKey',
    '/api/wechat-accounts/count?where[appSecret][exists]=true',
  ]
  for (const pathname of refused) {
    const answer = await api(http.url, admin, 'GET', pathname)
    expect({ pathname, status: answer.status }).toEqual({ pathname, status: 403 })
    expect(JSON.stringify(answer.body)).not.toContain('enc:v1:')
  }
  const bulk = await api(http.url, admin, 'PATCH', '/api/wechat-accounts?where[appSecret][exists]=true', { name: '批量' })
  expect(bulk.status).toBe(403)
  const viaGraphQL = await graphql(
    http.url,
    admin,
    `
      {
        WechatAccounts(where: { appSecret: { exists: true } }) {
          docs {
            appId
          }
        }
      }
    `,
  )
  expect(JSON.stringify(viaGraphQL.body)).toMatch(/errors/)
  expect(viaGraphQL.body.data?.WechatAccounts ?? null).toBeNull()
  // Other queries still answer.
  expect((await api(http.url, admin, 'GET', '/api/wechat-accounts?where[name][like]=号&sort=-createdAt')).status).toBe(200)
})
