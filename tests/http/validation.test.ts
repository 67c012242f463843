import { spawnSync } from 'node:child_process'
import { drawCover } from '../../src/seed/covers'
import { api, login, startServer, type Session, type TestServer } from '../helpers/server'

let server: TestServer
let editor: Session
let admin: Session

beforeAll(async () => {
  server = await startServer()
  editor = await login(server.url, 'editor@demo.local', 'demo-password')
  admin = await login(server.url, 'admin@demo.local', 'demo-password')
}, 120_000)
afterAll(async () => server?.stop())

const messages = (body: any): string => JSON.stringify(body.errors ?? body)

test.each([
  ['title', '这'.repeat(33), '标题：最多 32 个字（微信图文标题上限），当前 33 个字'],
  ['author', '作'.repeat(17), '作者：最多 16 个字'],
  ['digest', '摘'.repeat(129), '摘要：最多 128 个字'],
  ['originalLink', 'javascript:alert(1)', '原文链接：只支持 http:// 或 https:// 网址'],
  ['originalLink', 'not a url', '原文链接：不是有效的网址'],
])('%s is checked with a message that names the field and why', async (field, value, message) => {
  const result = await api(server.url, editor, 'POST', '/api/articles', { title: '标题', [field]: value })
  expect(result.status).toBe(400)
  expect(messages(result.body)).toContain(message)
})

test('an emoji or a Chinese character counts as one, as WeChat counts', async () => {
  const result = await api(server.url, editor, 'POST', '/api/articles', { title: '🎉'.repeat(32) })
  expect(result.status).toBe(201)
})

test('a failed save keeps the last good version', async () => {
  const created = await api(server.url, editor, 'POST', '/api/articles', { title: '好标题' })
  const id = created.body.doc.id
  const bad = await api(server.url, editor, 'PATCH', `/api/articles/${id}`, { title: '长'.repeat(40), digest: '新摘要' })
  expect(bad.status).toBe(400)
  const after = await api(server.url, editor, 'GET', `/api/articles/${id}`)
  expect(after.body.title).toBe('好标题')
  expect(after.body.digest ?? null).toBeNull()
})

async function upload(session: Session, name: string, type: string, data: Buffer) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(data)], { type }), name)
  form.append('_payload', JSON.stringify({ alt: '测试图片' }))
  const response = await fetch(`${server.url}/api/media`, { method: 'POST', headers: { Authorization: `JWT ${session.token}` }, body: form })
  return { status: response.status, body: (await response.json()) as any }
}

test('media: a JPEG is stored with its sizes', async () => {
  const result = await upload(editor, 'cover.jpg', 'image/jpeg', await drawCover(3))
  expect(result.status).toBe(201)
  expect(result.body.doc.sizes.cover.width).toBe(900)
  expect(result.body.doc.sizes.thumbnail.width).toBe(400)
  expect(result.body.doc.uploadedBy).toBeTruthy()
})

test('media: other file types are refused in Chinese, even when they claim to be images', async () => {
  const pdf = await upload(editor, 'notice.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n1 0 obj\n'))
  expect(pdf.status).toBe(400)
  expect(messages(pdf.body)).toContain('只能上传 JPG、PNG 或 WebP 图片')
  const disguised = await upload(editor, 'fake.jpg', 'image/jpeg', Buffer.from('<html><script>alert(1)</script></html>'))
  expect(disguised.status).toBe(400)
  expect(messages(disguised.body)).toContain('只能上传 JPG、PNG 或 WebP 图片')
})

test('media: over 10 MB is refused with a clear message', async () => {
  const big = Buffer.alloc(10 * 1024 * 1024 + 10, 0)
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]).copy(big)
  const result = await upload(editor, 'huge.jpg', 'image/jpeg', big)
  expect(result.status).toBe(413)
  expect(messages(result.body)).toContain('图片不能超过 10 MB')
})

test('media: anonymous visitors can neither list nor upload', async () => {
  expect((await api(server.url, null, 'GET', '/api/media')).status).toBe(403)
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(await drawCover(4))], { type: 'image/jpeg' }), 'x.jpg')
  form.append('_payload', JSON.stringify({ alt: 'x' }))
  expect((await fetch(`${server.url}/api/media`, { method: 'POST', body: form })).status).toBe(403)
})

test('communities: the code format is explained; only admins manage them', async () => {
  const bad = await api(server.url, admin, 'POST', '/api/communities', { name: '新社区', code: '新社区' })
  expect(bad.status).toBe(400)
  expect(messages(bad.body)).toContain('社区代码：只能用小写字母')
  expect((await api(server.url, editor, 'POST', '/api/communities', { name: '新社区', code: 'new-one' })).status).toBe(403)
})

test('the start refuses a short PAYLOAD_SECRET instead of running with a guessable one', () => {
  const result = spawnSync(process.execPath, ['--conditions=production', '--import', 'tsx', '-e', "await import('./src/payload.config.ts')"], {
    encoding: 'utf8',
    env: { ...process.env, PAYLOAD_SECRET: 'short' },
  })
  expect(result.status).not.toBe(0)
  expect(result.stderr).toContain('PAYLOAD_SECRET')
})
