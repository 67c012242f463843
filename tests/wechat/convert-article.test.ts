/**
 * buildWeChatArticle against a real Payload (media on disk, wechat-uploads cache) and the emulator
 * over HTTP: images uploaded and rewritten, cover → ≤ 64 KB JPEG thumb, cache, limits, concurrency.
 */
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Payload } from 'payload'
import sharp from 'sharp'
import { lexicalFromParagraphs } from '../../src/services/content/rich-text'
import type { WeChatClient } from '../../src/wechat/client'
import { buildWeChatArticle, WeChatConversionError, type LexicalNode } from '../../src/wechat/convert'
import type { WeChatEmulator } from '../../src/dev/emulator'
import { clientFor, countPath } from './helpers/client'
import { ACCOUNT, startTestEmulator } from './support'

let testPayload: TestPayload
let payload: Payload
let emulator: WeChatEmulator
let client: WeChatClient

/** Random pixels: they do not compress, so sizes are realistic worst cases. */
async function noiseImage(width: number, height: number, format: 'png' | 'jpeg'): Promise<Buffer> {
  const image = sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
  return format === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 80 }).toBuffer()
}

async function createMedia(bytes: Buffer, name: string, alt: string): Promise<string> {
  const mimetype = name.endsWith('.png') ? 'image/png' : 'image/jpeg'
  const doc = await payload.create({ collection: 'media', data: { alt } as never, file: { data: bytes, mimetype, name, size: bytes.length } })
  return String(doc.id)
}

const upload = (value: unknown): LexicalNode => ({ type: 'upload', relationTo: 'media', value, fields: null, version: 3 })
const text = (value: string, format = 0): LexicalNode => ({ type: 'text', text: value, format })
const paragraph = (...children: LexicalNode[]): LexicalNode => ({ type: 'paragraph', children })
const doc = (...children: LexicalNode[]) => ({ root: { type: 'root', children } })
const uploadsTo = (path: string) => countPath(emulator, path)

let cover: string
let photo: string
let bigPhoto: string

beforeAll(async () => {
  testPayload = await startTestPayload()
  payload = testPayload.payload
  cover = await createMedia(await noiseImage(1200, 800, 'png'), 'cover.png', '封面')
  photo = await createMedia(await noiseImage(400, 300, 'jpeg'), 'photo.jpg', '社区"文化节"现场')
  bigPhoto = await createMedia(await noiseImage(1500, 1000, 'png'), 'big.png', '大图')
}, 60_000)
afterAll(async () => testPayload?.close())
beforeEach(async () => {
  emulator = await startTestEmulator()
  ;({ client } = clientFor(emulator))
  await payload.delete({ collection: 'wechat-uploads', where: { hash: { exists: true } }, overrideAccess: true })
})
afterEach(async () => emulator.close())

const item = (overrides: Record<string, unknown> = {}) => ({
  title: '西关社区文化节',
  author: '西关社区',
  digest: '周六上午在社区广场举行',
  cover,
  body: doc(
    { type: 'heading', tag: 'h2', children: [text('活动安排')] },
    paragraph(text('时间：'), text('本周六上午九点', 1), text('，地点见'), {
      type: 'link',
      fields: { url: 'https://www.xa.gov.cn/notice/1.html', linkType: 'custom' },
      children: [text('市政府通知')],
    }),
    upload(photo),
    upload(bigPhoto),
    upload(photo),
  ),
  ...overrides,
})

test('a full article: Chinese text, images uploaded and rewritten, outside link to content_source_url, cover thumb; draft/add accepts it', async () => {
  const article = await buildWeChatArticle(payload, client, item(), { account: ACCOUNT.appId })
  expect(article).toMatchObject({
    title: '西关社区文化节',
    author: '西关社区',
    digest: '周六上午在社区广场举行',
    content_source_url: 'https://www.xa.gov.cn/notice/1.html',
    need_open_comment: 0,
    only_fans_can_comment: 0,
  })
  expect(article.content).toContain('<strong>本周六上午九点</strong>')
  expect(article.content).toContain('市政府通知（https://www.xa.gov.cn/notice/1.html）')
  expect(article.content).toContain('alt="社区&quot;文化节&quot;现场"')

  // Two distinct images (photo used twice): two uploadimg calls, URLs rewritten to what WeChat returned.
  expect(uploadsTo('/cgi-bin/media/uploadimg')).toBe(2)
  const uploaded = [...emulator.account().media.values()].filter((media) => media.kind === 'uploadimg')
  const sources = [...article.content.matchAll(/<img src="([^"]+)"/g)].map((match) => match[1])
  expect(sources).toHaveLength(3)
  expect(new Set(sources)).toEqual(new Set(uploaded.map((media) => media.url)))
  // The 3 MB PNG was re-encoded to a JPEG under 1 MB; the small JPEG re-encoded as a JPEG.
  for (const media of uploaded) expect(media.bytes.length).toBeLessThan(1024 * 1024)
  expect(uploaded.map((media) => media.contentType).sort()).toEqual(['image/jpeg', 'image/jpeg'])

  // The cover: a permanent thumb, JPEG, at most 64 KB, from a ~2.9 MB PNG.
  const thumb = emulator.account().media.get(article.thumb_media_id)!
  expect(thumb.kind).toBe('thumb')
  expect(thumb.bytes.length).toBeLessThanOrEqual(64 * 1024)
  expect((await sharp(thumb.bytes).metadata()).format).toBe('jpeg')

  const { mediaId } = await client.draft.add([article])
  const stored = (await client.draft.get(mediaId)).news_item[0]!
  // The emulator strips images not from mmbiz.qpic.cn: all three survived.
  expect(stored.content.match(/<img /g)).toHaveLength(3)
  expect(stored.content).not.toMatch(/<script|<iframe/)
})

test('what goes to WeChat carries no EXIF, even from a photo stored before uploads were cleaned', async () => {
  // A small JPEG with GPS, written over a stored file as an upload before the cleaning left it.
  const withGps = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#4060c0' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneMaker' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '34/1 15/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '108/1 56/1 0/1' },
    })
    .toBuffer()
  const id = await createMedia(await noiseImage(320, 240, 'jpeg'), 'old-photo.jpg', '旧照片')
  const stored = (await payload.findByID({ collection: 'media', id, depth: 0 })) as unknown as { filename: string }
  await fs.writeFile(path.join(process.env.MEDIA_DIR!, stored.filename), withGps)

  const article = await buildWeChatArticle(payload, client, item({ body: doc(upload(id)), cover: id }), { account: ACCOUNT.appId })
  const sent = [...emulator.account().media.values()].filter((media) => media.kind === 'uploadimg' || media.mediaId === article.thumb_media_id)
  expect(sent.map((media) => media.kind).sort()).toEqual(['thumb', 'uploadimg'])
  for (const media of sent) {
    expect(media.bytes.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false)
    expect(media.bytes.includes(Buffer.from('PhoneMaker'))).toBe(false)
    expect((await sharp(media.bytes).metadata()).exif).toBeUndefined()
  }
})

test('cache: a second build of the same content uploads nothing', async () => {
  const first = await buildWeChatArticle(payload, client, item(), { account: ACCOUNT.appId })
  const requestsBefore = emulator.requestLog.length
  const second = await buildWeChatArticle(payload, client, item(), { account: ACCOUNT.appId })
  const newRequests = emulator.requestLog.slice(requestsBefore)
  expect(newRequests.filter((entry) => entry.path === '/cgi-bin/media/uploadimg' || entry.path === '/cgi-bin/material/add_material')).toEqual([])
  expect(second).toEqual(first)
  const { docs } = await payload.find({ collection: 'wechat-uploads', overrideAccess: true, limit: 10 })
  expect(docs.map((entry) => (entry as unknown as { kind: string }).kind).sort()).toEqual(['inline', 'inline', 'thumb'])
  // The cache is per account: another app id uploads again.
  await buildWeChatArticle(payload, client, item(), { account: 'wxanotheraccount01' })
  expect(uploadsTo('/cgi-bin/media/uploadimg')).toBe(4)
})

test('a populated upload value (depth > 0) works like an id', async () => {
  const populated = await payload.findByID({ collection: 'media', id: photo, depth: 0 })
  const article = await buildWeChatArticle(payload, client, item({ body: doc(upload(populated)), cover: populated }), { account: ACCOUNT.appId })
  expect(article.content).toMatch(/<img src="http:\/\/mmbiz\.qpic\.cn\//)
  expect(emulator.account().media.get(article.thumb_media_id)!.kind).toBe('thumb')
})

test('over-long content is refused with a Chinese message naming the item', async () => {
  const paragraphs = Array.from({ length: 400 }, (_, i) => `第${i + 1}段：社区居民议事会讨论了停车位划分和垃圾分类的具体安排。`)
  const build = buildWeChatArticle(payload, client, item({ title: '居民议事会纪要', body: lexicalFromParagraphs(paragraphs) }), { account: ACCOUNT.appId })
  await expect(build).rejects.toBeInstanceOf(WeChatConversionError)
  await expect(build).rejects.toMatchObject({
    field: 'body',
    itemTitle: '居民议事会纪要',
    message: expect.stringMatching(/^《居民议事会纪要》正文转换后超过 20000 字（当前 \d+ 字/),
  })
})

test('content just under the limit passes', async () => {
  const article = await buildWeChatArticle(payload, client, item({ body: lexicalFromParagraphs(Array.from({ length: 100 }, () => '社区通知内容。')) }), {
    account: ACCOUNT.appId,
  })
  expect(article.content.length).toBeLessThan(20_000)
})

test('missing cover, long title: errors name the item and the field', async () => {
  await expect(buildWeChatArticle(payload, client, item({ cover: null }), { account: ACCOUNT.appId })).rejects.toMatchObject({
    field: 'cover',
    message: '《西关社区文化节》没有封面图片：微信图文必须有封面',
  })
  await expect(buildWeChatArticle(payload, client, item({ title: '长'.repeat(33) }), { account: ACCOUNT.appId })).rejects.toMatchObject({
    field: 'title',
    message: expect.stringContaining('最多 32 个字'),
  })
})

test("a failed upload is reported with the item and WeChat's meaning", async () => {
  ;({ client } = clientFor(emulator, { retry: { maxAttempts: 1 } }))
  emulator.faults.set({ systemErrorRate: 1, paths: ['/cgi-bin/media/uploadimg'] })
  await expect(buildWeChatArticle(payload, client, item(), { account: ACCOUNT.appId })).rejects.toMatchObject({
    field: 'body',
    message: '《西关社区文化节》正文图片上传微信失败：微信系统繁忙，请稍后再试',
  })
})

test('uploads run concurrently, at most 4 at a time', async () => {
  const ids = await Promise.all(Array.from({ length: 8 }, async (_, i) => createMedia(await noiseImage(64, 48, 'jpeg'), `p${i}.jpg`, `图${i}`)))
  let inFlight = 0
  let maxInFlight = 0
  const counting =
    <T>(upload: () => Promise<T>) =>
    async () => {
      maxInFlight = Math.max(maxInFlight, ++inFlight)
      try {
        return await upload()
      } finally {
        inFlight--
      }
    }
  // The cover counts too: inline images and the thumb share the 4 slots.
  const counted = {
    media: {
      uploadImage: (bytes: Buffer) => counting(() => client.media.uploadImage(bytes))(),
      addThumb: (bytes: Buffer) => counting(() => client.media.addThumb(bytes))(),
    },
  }
  await client.tokens.current()
  emulator.faults.set({ latencyMs: 150, paths: ['/cgi-bin/media/uploadimg', '/cgi-bin/material/add_material'] })
  const article = await buildWeChatArticle(payload, counted, item({ body: doc(...ids.map(upload)), cover: ids[0] }), { account: ACCOUNT.appId })
  expect(article.content.match(/<img /g)).toHaveLength(8)
  // With 150 ms per upload, four were in flight together (never more): concurrent, within the limit.
  // Not timed: the wall clock of a loaded machine proves nothing (bench/ measures speed).
  expect(maxInFlight).toBe(4)
})
