import { randomBytes } from 'node:crypto'
import { encryptMessage, sha1Signature } from '../../src/wechat/crypto'
import type { DemoAccountFile } from '../../src/dev/demo-account'
import { demoAccountOf } from '../helpers/demo-account'
import { api, login, startServer, type TestServer } from '../helpers/server'

// The callback through the production server: Next routes /api/wechat/callback/<account> past Payload's
// catch-all; the scheduler process imports the journal and processes the rows, as under npm start.

let server: TestServer
let demo: DemoAccountFile
beforeAll(async () => {
  server = await startServer({}, { withScheduler: true })
  // The demo account's secrets are generated per install: sign with the ones this server's seed wrote.
  demo = demoAccountOf(server.directory)
}, 120_000)
afterAll(async () => server?.stop())

const signed = (extra: Record<string, string> = {}) => {
  const timestamp = String(Math.floor(Date.now() / 1000))
  const nonce = randomBytes(6).toString('hex')
  return { timestamp, nonce, signature: sha1Signature(demo.token, timestamp, nonce), ...extra }
}

test('GET verification answers echostr only with a valid signature', async () => {
  const query = new URLSearchParams({ ...signed(), echostr: 'hello-echo' })
  const ok = await fetch(`${server.url}/api/wechat/callback/${demo.appId}?${query}`)
  expect(ok.status).toBe(200)
  expect(await ok.text()).toBe('hello-echo')
  const forged = new URLSearchParams({ ...signed(), signature: '0'.repeat(40), echostr: 'x' })
  expect((await fetch(`${server.url}/api/wechat/callback/${demo.appId}?${forged}`)).status).toBe(401)
})

test('a safe-mode text message is answered at once and reaches the staff inbox once, however often WeChat retries', async () => {
  const msgId = String(Date.now())
  const xml = `<xml><ToUserName><![CDATA[${demo.originalId}]]></ToUserName><FromUserName><![CDATA[oResident0000000000000000001]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[路灯坏了，请派人修理]]></Content><MsgId>${msgId}</MsgId></xml>`
  const encrypted = encryptMessage({ encodingAESKey: demo.encodingAESKey, appId: demo.appId, xml })
  const base = signed()
  const query = new URLSearchParams({
    ...base,
    encrypt_type: 'aes',
    msg_signature: sha1Signature(demo.token, base.timestamp, base.nonce, encrypted),
  })
  const body = `<xml><ToUserName><![CDATA[${demo.originalId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`
  for (let delivery = 0; delivery < 3; delivery++) {
    const started = Date.now()
    const response = await fetch(`${server.url}/api/wechat/callback/${demo.appId}?${query}`, { method: 'POST', body, headers: { 'content-type': 'text/xml' } })
    expect(response.status).toBe(200)
    expect(Date.now() - started).toBeLessThan(5000)
  }
  const admin = await login(server.url, 'admin@demo.local', 'demo-password')
  let found: any = null
  for (let attempt = 0; attempt < 40 && !found?.totalDocs; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 250))
    found = (await api(server.url, admin, 'GET', `/api/resident-messages?where[content][contains]=${encodeURIComponent('路灯坏了')}`)).body
  }
  expect(found.totalDocs).toBe(1)
  expect(found.docs[0]).toMatchObject({ openid: 'oResident0000000000000000001', status: 'new' })
})

test('staff can try which auto-reply rule a sample message would hit', async () => {
  const admin = await login(server.url, 'admin@demo.local', 'demo-password')
  const rule = { kind: 'keyword', match: 'contains', keyword: '停水', replyType: 'text', text: '停水通知请看菜单 微·指南', priority: 10 }
  expect((await api(server.url, admin, 'POST', '/api/auto-replies', { name: '停水关键词', ...rule })).status).toBe(201)
  expect((await api(server.url, admin, 'POST', '/api/auto-replies', { name: '欢迎语', kind: 'welcome', replyType: 'text', text: '欢迎关注' })).status).toBe(201)
  const editor = await login(server.url, 'editor@demo.local', 'demo-password')
  const hit = await api(server.url, editor, 'POST', '/api/auto-replies/try', { content: '明天什么时候停水？' })
  expect(hit.status).toBe(200)
  expect(hit.body.rule).toMatchObject({ name: '停水关键词', kind: 'keyword' })
  const miss = await api(server.url, editor, 'POST', '/api/auto-replies/try', { content: '路灯坏了' })
  expect(miss.body).toMatchObject({ rule: null, message: expect.stringContaining('没有规则命中') })
  const follow = await api(server.url, editor, 'POST', '/api/auto-replies/try', { follow: true })
  expect(follow.body.rule).toMatchObject({ name: '欢迎语', kind: 'welcome' })
  expect((await api(server.url, editor, 'POST', '/api/auto-replies/try', { content: ' ' })).status).toBe(400)
  expect((await api(server.url, null, 'POST', '/api/auto-replies/try', { content: '停水' })).status).toBe(401)
})
