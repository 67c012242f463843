import { spawnSync } from 'node:child_process'
import zlib from 'node:zlib'
import { drawCover } from '../../src/seed/covers'
import { api, graphql, login, startServer, type Session, type TestServer } from '../helpers/server'

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
  ['originalLink', 'javascript:alert(1)', '原文链接：只支持以 http 或 https 开头的网址'],
  ['originalLink', 'not a url', '原文链接：不是有效的网址'],
])('%s is checked with a message that names the field and why', async (field, value, message) => {
  const result = await api(server.url, editor, 'POST', '/api/articles', { title: '标题', [field]: value })
  expect(result.status).toBe(400)
  expect(messages(result.body)).toContain(message)
})

/** A REST call in the admin language `lang` (Payload reads Accept-Language when there is no language cookie). */
async function callIn(lang: 'zh' | 'en', session: Session, method: string, pathname: string, body: unknown) {
  const response = await fetch(`${server.url}${pathname}`, {
    method,
    headers: { Authorization: `JWT ${session.token}`, 'Content-Type': 'application/json', 'Accept-Language': lang },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as any }
}

test('a save refused by a field answers its reason (not only the label) and the field path the admin marks', async () => {
  const zh = await callIn('zh', editor, 'POST', '/api/articles', { title: '长'.repeat(40) })
  expect(zh.status).toBe(400)
  // The admin shows errors[0].message as the save toast and marks data.errors[].path on the form.
  expect(zh.body.errors[0].message).toBe('无法保存：标题：最多 32 个字（微信图文标题上限），当前 40 个字')
  expect(zh.body.errors[0].data.errors).toEqual([expect.objectContaining({ path: 'title', message: '标题：最多 32 个字（微信图文标题上限），当前 40 个字' })])
  const en = await callIn('en', editor, 'POST', '/api/articles', { title: '长'.repeat(40), digest: '摘'.repeat(130) })
  expect(en.status).toBe(400)
  expect(en.body.errors[0].message).toBe(
    "Cannot save: Title: at most 32 characters (WeChat's title limit); now 40; Digest: at most 128 characters (WeChat's digest limit); now 130",
  )
})

test('GraphQL answers the same reasons', async () => {
  const result = await graphql(
    server.url,
    editor,
    `
      mutation ($data: mutationArticleInput!) {
        createArticle(data: $data) {
          id
        }
      }
    `,
    { data: { title: '长'.repeat(40) } },
  )
  expect(result.body.errors[0].message).toBe('无法保存：标题：最多 32 个字（微信图文标题上限），当前 40 个字')
  expect(result.body.errors[0].extensions.data.errors[0].path).toBe('title')
})

test('every content type and Payload’s own required-field message name the field', async () => {
  const policy = await callIn('zh', editor, 'POST', '/api/policy-explainers', { title: '政策', sourceLink: 'ftp://example.org' })
  expect(policy.status).toBe(400)
  expect(policy.body.errors[0].message).toMatch(/^无法保存：.*政策名称：该字段为必填项目。/)
  expect(policy.body.errors[0].message).toContain('政策原文链接：只支持以 http 或 https 开头的网址')
  const news = await callIn('zh', editor, 'POST', '/api/community-news', { title: '要闻', author: '作'.repeat(20) })
  expect(news.status).toBe(400)
  expect(news.body.errors[0].message).toBe('无法保存：作者：最多 16 个字（微信作者名上限），当前 20 个字')
})

test('a duplicate unique value names the field, in Chinese and in English', async () => {
  const first = await callIn('zh', admin, 'POST', '/api/communities', { name: '重名社区', code: 'dup-one' })
  expect(first.status).toBe(201)
  const zh = await callIn('zh', admin, 'POST', '/api/communities', { name: '重名社区', code: 'dup-two' })
  expect(zh.status).toBe(400)
  expect(zh.body.errors[0].message).toBe('无法保存：社区名称：值必须是唯一的')
  const en = await callIn('en', admin, 'POST', '/api/communities', { name: '重名社区', code: 'dup-three' })
  expect(en.body.errors[0].message).toBe('Cannot save: Name: Value must be unique')
})

test('push settings: each field says what is wrong (a minimum above the maximum was a 500)', async () => {
  const crossed = await callIn('zh', admin, 'POST', '/api/globals/push-settings', { minItems: 7, maxItems: 5 })
  expect(crossed.status).toBe(400)
  expect(crossed.body.errors[0].message).toBe('无法保存：最少条数：7 条多于最多条数（5 条）；最多条数：5 条少于最少条数（7 条）')
  const time = await callIn('zh', admin, 'POST', '/api/globals/push-settings', { sendTime: '25:00' })
  expect(time.status).toBe(400)
  expect(time.body.errors[0].message).toBe('无法保存：发送时间：格式应为 HH:MM（北京时间，如 10:00），当前为“25:00”')
})

test('auto-replies: a keyword rule without a keyword, a text reply over 600 characters', async () => {
  const leader = await login(server.url, 'leader@demo.local', 'demo-password')
  const result = await callIn('zh', leader, 'POST', '/api/auto-replies', {
    name: '规则',
    kind: 'keyword',
    match: 'exact',
    keyword: '',
    replyType: 'text',
    text: '回'.repeat(601),
  })
  expect(result.status).toBe(400)
  expect(result.body.errors[0].message).toBe('无法保存：关键词：关键词回复必须填写关键词；回复文字：最多 600 个字，当前 601 个字')
})

test('the menu through REST: the wrong button’s field and reason', async () => {
  const leader = await login(server.url, 'leader@demo.local', 'demo-password')
  const current = (await api(server.url, leader, 'GET', '/api/wechat-menus?limit=1&depth=0')).body.docs[0]
  const buttons = current.buttons
  buttons[2].name = '微·服务大厅总台'
  const result = await callIn('zh', leader, 'PATCH', `/api/wechat-menus/${current.id}`, { buttons })
  expect(result.status).toBe(400)
  expect(result.body.errors[0].message).toBe('无法保存：第 3 个一级按钮的名称：最多 16 字节（约 5 个汉字，微信限制），当前 23 字节')
  expect(result.body.errors[0].data.errors[0].path).toBe('buttons.2.name')
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

async function upload(session: Session, name: string, type: string, data: Buffer, lang: 'zh' | 'en' = 'zh') {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(data)], { type }), name)
  form.append('_payload', JSON.stringify({ alt: '测试图片' }))
  const response = await fetch(`${server.url}/api/media`, {
    method: 'POST',
    headers: { Authorization: `JWT ${session.token}`, 'Accept-Language': lang },
    body: form,
  })
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

test('media: over 10 MB is refused with the limit and the file’s size, in the admin’s language', async () => {
  const big = Buffer.alloc(12 * 1024 * 1024, 0)
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]).copy(big)
  const zh = await upload(editor, 'huge.jpg', 'image/jpeg', big)
  expect(zh.status).toBe(413)
  expect(zh.body.errors[0].message).toBe('文件过大：图片不能超过 10 MB（微信的图片上限），“huge.jpg”有 12.0 MB')
  const en = await upload(editor, 'huge.jpg', 'image/jpeg', big, 'en')
  expect(en.status).toBe(413)
  expect(en.body.errors[0].message).toBe('File too large: images may be at most 10 MB (WeChat\'s limit); "huge.jpg" is 12.0 MB')
})

/** A PNG whose header claims `width`×`height`: enough for any reader to know its size, without the pixels. */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
  const row = Buffer.alloc(1 + width * 3)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(row)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff
  for (const byte of data) {
    crc ^= byte
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}

test('media: an image too large in pixels, and a damaged image, are refused in Chinese (not a 500)', async () => {
  const huge = await upload(editor, 'huge.png', 'image/png', pngClaiming(20_000, 20_000))
  expect(huge.status).toBe(400)
  expect(huge.body.errors[0].message).toBe('图片尺寸过大：最多 5000 万像素、每边不超过 16383 像素，“huge.png”是 20000×20000')
  const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('not really a jpeg')])
  const damaged = await upload(editor, 'broken.jpg', 'image/jpeg', broken)
  expect(damaged.status).toBe(400)
  expect(damaged.body.errors[0].message).toBe('图片无法读取：“broken.jpg”已损坏或不是完整的 JPG、PNG 或 WebP 图片')
  const english = await upload(editor, 'notice.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n'), 'en')
  expect(english.body.errors[0].message).toBe('Unsupported file type: only JPG, PNG or WebP images can be uploaded ("notice.pdf" is application/pdf)')
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
