import { randomBytes } from 'node:crypto'
import { decryptMessage, encryptMessage, sha1Signature } from '../../src/wechat/crypto'
import type { DemoAccountFile } from '../../src/dev/demo-account'
import { demoAccountOf } from '../helpers/demo-account'
import { parseXml, xmlText } from '../../src/wechat/xml'
import { api, login, startServer, type TestServer } from '../helpers/server'

// Issue 11, finding 4: auto-reply patterns that backtrack catastrophically in V8's engine, through the
// production server. Rules are saved over REST as a leader would, the try endpoint is rate limited per
// user, and the callback answers a resident whose message is adversarial for every rule.

let server: TestServer
let demo: DemoAccountFile
beforeAll(async () => {
  server = await startServer()
  // The demo account's secrets are generated per install: sign with the ones this server's seed wrote.
  demo = demoAccountOf(server.directory)
}, 120_000)
afterAll(async () => server?.stop())

const EVIL = '(a|ac|c)*z'
const ADVERSARIAL = `${'ac'.repeat(1000)}!`

test('saving a rule RE2 cannot run is refused with a Chinese message on the keyword field; nothing is stored', async () => {
  const admin = await login(server.url, 'admin@demo.local', 'demo-password')
  for (const [keyword, reason] of [
    ['(a)\\1', '不支持反向引用'],
    ['(?<=预约)证明', '不支持前后查找断言'],
  ] as const) {
    const refused = await api(server.url, admin, 'POST', '/api/auto-replies', {
      name: `不可用-${keyword}`,
      kind: 'keyword',
      match: 'regex',
      keyword,
      replyType: 'text',
      text: 'x',
    })
    expect(refused.status).toBe(400)
    expect(JSON.stringify(refused.body)).toContain(reason)
    expect(refused.body.errors[0].data.errors[0]).toMatchObject({ path: 'keyword', message: expect.stringContaining(reason) })
  }
  const stored = await api(server.url, admin, 'GET', `/api/auto-replies?where[name][like]=${encodeURIComponent('不可用')}`)
  expect(stored.body.totalDocs).toBe(0)
})

test('ten (a|ac|c)*z rules: the callback answers an adversarial message with the default reply', async () => {
  const admin = await login(server.url, 'admin@demo.local', 'demo-password')
  for (let index = 0; index < 10; index++) {
    const saved = await api(server.url, admin, 'POST', '/api/auto-replies', {
      name: `回溯-${index}`,
      kind: 'keyword',
      match: 'regex',
      keyword: `${EVIL}${index}`,
      replyType: 'text',
      text: `命中 ${index}`,
      priority: 50,
    })
    expect(saved.status).toBe(201)
  }
  expect(
    (await api(server.url, admin, 'POST', '/api/auto-replies', { name: '默认回复', kind: 'default', replyType: 'text', text: '您的留言已收到' })).status,
  ).toBe(201)

  const timestamp = String(Math.floor(Date.now() / 1000))
  const nonce = randomBytes(6).toString('hex')
  const xml = `<xml><ToUserName><![CDATA[${demo.originalId}]]></ToUserName><FromUserName><![CDATA[oResident0000000000000000042]]></FromUserName><CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${ADVERSARIAL}]]></Content><MsgId>${Date.now()}</MsgId></xml>`
  const encrypted = encryptMessage({ encodingAESKey: demo.encodingAESKey, appId: demo.appId, xml })
  const query = new URLSearchParams({
    timestamp,
    nonce,
    signature: sha1Signature(demo.token, timestamp, nonce),
    encrypt_type: 'aes',
    msg_signature: sha1Signature(demo.token, timestamp, nonce, encrypted),
  })
  const response = await fetch(`${server.url}/api/wechat/callback/${demo.appId}?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: `<xml><ToUserName><![CDATA[${demo.originalId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`,
  })
  expect(response.status).toBe(200)
  const reply = decryptMessage({ encodingAESKey: demo.encodingAESKey, appId: demo.appId, encrypted: xmlText(parseXml(await response.text()), 'Encrypt') })
  expect(xmlText(parseXml(reply), 'Content')).toBe('您的留言已收到')

  const tried = await api(server.url, admin, 'POST', '/api/auto-replies/try', { content: ADVERSARIAL })
  expect(tried.status).toBe(200)
  expect(tried.body.rule).toMatchObject({ name: '默认回复', kind: 'default' })
})

test('"try" is limited per staff member: past ten a minute it answers 429 in Chinese; another user is unaffected', async () => {
  const leader = await login(server.url, 'leader@demo.local', 'demo-password')
  for (let attempt = 0; attempt < 10; attempt++) {
    expect((await api(server.url, leader, 'POST', '/api/auto-replies/try', { content: `试一试 ${attempt}` })).status).toBe(200)
  }
  const refused = await fetch(`${server.url}/api/auto-replies/try`, {
    method: 'POST',
    headers: { Authorization: `JWT ${leader.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ content: ADVERSARIAL }),
  })
  expect(refused.status).toBe(429)
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
  expect((await refused.json()).errors[0].message).toMatch(/^试用过于频繁：每分钟最多 10 次/)
  const editor = await login(server.url, 'editor@demo.local', 'demo-password')
  expect((await api(server.url, editor, 'POST', '/api/auto-replies/try', { content: '停水' })).status).toBe(200)
})
