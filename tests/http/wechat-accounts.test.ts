import fs from 'node:fs'
import path from 'node:path'
import { DEMO_APP_ID } from '../../src/dev/demo-account'
import { api, graphql, login, startServer, type Session, type TestServer } from '../helpers/server'

let server: TestServer
let admin: Session
let leader: Session
let editor: Session

beforeAll(async () => {
  server = await startServer()
  admin = await login(server.url, 'admin@demo.local', 'demo-password')
  leader = await login(server.url, 'leader@demo.local', 'demo-password')
  editor = await login(server.url, 'editor@demo.local', 'demo-password')
}, 120_000)
afterAll(async () => server?.stop())

const SECRET_KEYS = ['appSecret', 'token', 'encodingAESKey', 'previousEncodingAESKey']
// In the console's formats (32 hex; 3–32 letters or digits), which REST now checks.
const PLAIN_SECRET = 'feedc0ffee0123456789abcdefabcdef'
const PLAIN_TOKEN = 'plainCallbackTokenXyz'
const AT_REST_SECRET = 'a7e57a7e57a7e57a7e57a7e57a7e5701'

function databaseBytes(): string {
  return fs
    .readdirSync(server.directory)
    .filter((name) => name.startsWith('cms.db'))
    .map((name) => fs.readFileSync(path.join(server.directory, name)).toString('latin1'))
    .join('')
}

test('the demo start (SEED_DEMO=true, no credentials) creates the emulator demo account as default', async () => {
  const list = await api(server.url, admin, 'GET', '/api/wechat-accounts?depth=0')
  expect(list.body.totalDocs).toBe(1)
  expect(list.body.docs[0]).toMatchObject({ appId: DEMO_APP_ID, isDefault: true, type: 'service' })
})

test('secrets can be written but never read back, through REST or GraphQL, by anyone', async () => {
  const created = await api(server.url, admin, 'POST', '/api/wechat-accounts', {
    name: '测试社区号',
    appId: 'wx1234567890abcdef',
    appSecret: PLAIN_SECRET,
    token: PLAIN_TOKEN,
    encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  })
  expect(created.status).toBe(201)
  const id = created.body.doc.id
  for (const session of [admin, leader, editor]) {
    const read = await api(server.url, session, 'GET', `/api/wechat-accounts/${id}`)
    expect(read.status).toBe(200)
    for (const key of SECRET_KEYS) expect(read.body).not.toHaveProperty(key)
    expect(JSON.stringify(read.body)).not.toContain(PLAIN_SECRET)
  }
  expect(JSON.stringify(created.body)).not.toContain(PLAIN_SECRET)
  const read = await api(server.url, admin, 'GET', `/api/wechat-accounts/${id}`)
  expect(read.body.secretsSet).toBe('appSecret, token, encodingAESKey')

  const viaGraphQL = await graphql(
    server.url,
    admin,
    `
      query ($id: String!) {
        WechatAccount(id: $id) {
          appId
          appSecret
          token
        }
      }
    `,
    { id },
  )
  expect(viaGraphQL.body.data.WechatAccount).toEqual({ appId: 'wx1234567890abcdef', appSecret: null, token: null })
  expect(JSON.stringify(viaGraphQL.body)).not.toContain(PLAIN_SECRET)
  expect(JSON.stringify(viaGraphQL.body)).not.toContain(PLAIN_TOKEN)
})

test('secrets are encrypted at rest, and leaving them empty keeps them', async () => {
  const created = await api(server.url, admin, 'POST', '/api/wechat-accounts', {
    name: '另一个号',
    appId: 'wxabcdefabcdef1234',
    appSecret: AT_REST_SECRET,
  })
  const id = created.body.doc.id
  expect(databaseBytes()).not.toContain(AT_REST_SECRET)
  const renamed = await api(server.url, admin, 'PATCH', `/api/wechat-accounts/${id}`, { name: '改名', appSecret: '' })
  expect(renamed.status).toBe(200)
  expect(renamed.body.doc.secretsSet).toBe('appSecret')
})

test('only admins manage accounts', async () => {
  const account = { name: '非法', appId: 'wx9999999999999999' }
  expect((await api(server.url, leader, 'POST', '/api/wechat-accounts', account)).status).toBe(403)
  expect((await api(server.url, editor, 'POST', '/api/wechat-accounts', account)).status).toBe(403)
  const list = await api(server.url, admin, 'GET', '/api/wechat-accounts?depth=0')
  const id = list.body.docs[0].id
  expect((await api(server.url, leader, 'PATCH', `/api/wechat-accounts/${id}`, { appSecret: 'x' })).status).toBe(403)
  expect((await api(server.url, null, 'GET', '/api/wechat-accounts')).status).toBe(403)
})

test('the app id is checked', async () => {
  const bad = await api(server.url, admin, 'POST', '/api/wechat-accounts', { name: '错', appId: 'gh_123' })
  expect(bad.status).toBe(400)
  expect(JSON.stringify(bad.body)).toContain('AppID：应以 wx 开头')
})
