/**
 * The residents' side as `npm start` runs it, every part a real process: the WeChat emulator
 * encrypts a resident's message and posts it to the callback server; the scheduler imports the
 * journal into the inbox; a staff member replies over REST and the emulator receives the
 * customer-service message.
 */
import { randomBytes } from 'node:crypto'
import { sha1Signature } from '../../src/wechat/crypto'
import { DEMO_APP_ID } from '../../src/dev/demo-account'
import { adoptDemoAccount, emulatorDemoAccount } from '../helpers/demo-account'
import type { DemoAccountFile } from '../../src/dev/demo-account'
import { startEmulator, type WeChatEmulator } from '../../src/dev/emulator'
import { api, freePort, login, startServer, type TestServer } from '../helpers/server'

let emulator: WeChatEmulator
let server: TestServer
let callbackUrl: string
let demo: DemoAccountFile

beforeAll(async () => {
  const callbackPort = await freePort()
  const started = emulatorDemoAccount({ callbackUrl: `http://127.0.0.1:${callbackPort}/api/wechat/callback/${DEMO_APP_ID}` })
  emulator = await startEmulator({ accounts: [started] })
  server = await startServer({ WECHAT_API_BASE: emulator.url, WECHAT_CALLBACK_PORT: String(callbackPort) }, { withScheduler: true, withCallbackServer: true })
  demo = adoptDemoAccount(emulator, server.directory, started)
  callbackUrl = server.callbackUrl!
}, 180_000)
afterAll(async () => {
  await server?.stop()
  await emulator?.close()
})

async function waitFor<T>(probe: () => Promise<T | null>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = await probe()
    if (found) return found
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

test('a message encrypted by the emulator reaches the inbox once; the reply goes out through the customer-service API', async () => {
  const openid = `oResident${randomBytes(9).toString('hex')}`
  const sent = await emulator.simulateUserMessage(openid, { content: '楼道里的灯坏了三天了' })
  expect(sent.delivery).toMatchObject({ ok: true })
  const admin = await login(server.url, 'admin@demo.local', 'demo-password')
  const message = await waitFor(async () => {
    const found = await api(server.url, admin, 'GET', `/api/resident-messages?where[openid][equals]=${openid}`)
    return found.body.totalDocs === 1 ? (found.body.docs[0] as { id: string; content: string; status: string }) : null
  }, 'the scheduler to import the message')
  expect(message).toMatchObject({ content: '楼道里的灯坏了三天了', status: 'new' })

  const editor = await login(server.url, 'editor@demo.local', 'demo-password')
  // No community tag on the demo account: the general queue, which a community editor cannot
  // open until a leader moves the message to their community (转交社区).
  expect((await api(server.url, editor, 'POST', `/api/resident-messages/${message.id}/reply`, { content: '已通知物业' })).status).toBe(404)
  const leader = await login(server.url, 'leader@demo.local', 'demo-password')
  expect((await api(server.url, leader, 'PATCH', `/api/resident-messages/${message.id}`, { community: editor.user.community })).status).toBe(200)
  const reply = await api(server.url, editor, 'POST', `/api/resident-messages/${message.id}/reply`, { content: '已通知物业，今天下午维修。' })
  expect(reply.status).toBe(200)
  const delivered = emulator.requestLog.find((entry) => entry.path === '/cgi-bin/message/custom/send' && JSON.stringify(entry.body).includes(openid))
  expect(delivered?.errcode).toBe(0)
  expect(JSON.stringify(delivered?.body)).toContain('已通知物业，今天下午维修。')
  const after = await api(server.url, admin, 'GET', `/api/resident-messages/${message.id}`)
  expect(after.body.status).toBe('replied')

  // Replying is for staff who are logged in; an empty reply is refused before WeChat is called.
  expect((await api(server.url, null, 'POST', `/api/resident-messages/${message.id}/reply`, { content: '你好' })).status).toBe(401)
  expect((await api(server.url, editor, 'POST', `/api/resident-messages/${message.id}/reply`, { content: '   ' })).status).toBe(400)
}, 60_000)

test('the callback server answers only its path: verification, health, 404, 405 and 413', async () => {
  const timestamp = String(Math.floor(Date.now() / 1000))
  const query = new URLSearchParams({ timestamp, nonce: 'n1', signature: sha1Signature(demo.token, timestamp, 'n1'), echostr: 'echo-123' })
  const verify = await fetch(`${callbackUrl}/api/wechat/callback/${DEMO_APP_ID}?${query}`)
  expect([verify.status, await verify.text()]).toEqual([200, 'echo-123'])
  expect((await fetch(`${callbackUrl}/healthz`)).status).toBe(200)
  expect((await fetch(`${callbackUrl}/admin`)).status).toBe(404)
  expect((await fetch(`${callbackUrl}/api/users`)).status).toBe(404)
  expect((await fetch(`${callbackUrl}/api/wechat/callback/${DEMO_APP_ID}?${query}`, { method: 'PUT' })).status).toBe(405)
  const huge = await fetch(`${callbackUrl}/api/wechat/callback/${DEMO_APP_ID}?${query}`, { method: 'POST', body: 'x'.repeat(200 * 1024) })
  expect(huge.status).toBe(413)
}, 30_000)
