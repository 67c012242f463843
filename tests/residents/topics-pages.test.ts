/**
 * 微问政's residents' pages as WeChat's browser uses them: route handlers called with plain Requests on a
 * real Payload (SQLite file), the clock fixed on 2026-12-07. Only approved, opened topics are shown (a
 * draft or a topic not open yet is the Chinese 404); pending and rejected suggestions never appear on
 * public pages, nor a name, a phone, an openid or a rejection reason; the author sees their own in every
 * state (the reason too) and withdraws a pending one; the suggestion form with photos (GPS JPEG, HEIC,
 * WebP cleaned and stored, a GIF refused with the text kept, a duplicate answered the same, an
 * oversized body refused, a foreign post refused); the photo and image routes' rules.
 */
import type { Payload } from 'payload'
import sharp from 'sharp'
import {
  MAX_SUGGESTION_BODY,
  mySuggestionsResponse,
  suggestPageResponse,
  suggestSubmitResponse,
  topicImageResponse,
  topicPhotoResponse,
  topicResponse,
  topicsResponse,
  withdrawResponse,
} from '../../src/app/(residents)/m/_lib/topic-handlers'
import { rateMatter } from '../../src/services/ratings/rate'
import { RESIDENT_SESSION_COOKIE, signResidentSession } from '../../src/services/residents/session'
import { createAccount } from '../callback/helpers'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { gif, gpsJpeg, heic, MAKER, webp } from '../consultations/photo-fixtures'
import { createTopicWorld, moderate, NOW, suggest, type TopicWorld } from '../consultations/topic-world'

const ACCOUNT = {
  appId: 'wxtopicpages00001',
  token: 'topictoken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  messageMode: 'safe' as const,
}
const ORIGIN = 'https://wx.example.gov.cn'
const IN_WECHAT =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.50(0x1800322c) NetType/WIFI Language/zh_CN'
const ALICE = 'o-alice-openid-0001'
const BOB = 'o-bob-openid-0002'

let env: TestPayload
let payload: Payload
let world: TopicWorld
const ids = {} as Record<'approved' | 'pending' | 'rejected' | 'answered', string>

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  process.env.PUBLIC_URL = ORIGIN
  await createAccount(payload, { ...ACCOUNT, isDefault: true } as never)
  world = await createTopicWorld(payload)
  ids.approved = await suggest(payload, world.open, ALICE, 'ALICE-APPROVED 建议在东门加装道闸', {
    name: '张三',
    phone: '13800001234',
    photos: [await gpsJpeg()],
  })
  ids.pending = await suggest(payload, world.open, ALICE, 'ALICE-PENDING 建议划线', { photos: [await gpsJpeg()] })
  ids.rejected = await suggest(payload, world.open, BOB, 'BOB-REJECTED 把绿地改成车位', { name: '李四', phone: '13900005678' })
  ids.answered = await suggest(payload, world.open, BOB, 'BOB-ANSWERED 错峰共享单位车位')
  await moderate(payload, ids.approved, 'approved')
  await moderate(payload, ids.rejected, 'rejected', 'REASON-XYZ 绿地不能占用')
  await moderate(payload, ids.answered, 'answered', 'REPLY-ABC 已与周边单位协商')
}, 120_000)
afterAll(async () => {
  delete process.env.PUBLIC_URL
  await env?.close()
})

const session = (openid: string) => `${RESIDENT_SESSION_COOKIE}=${signResidentSession({ openid, appId: ACCOUNT.appId }, { now: NOW })}`
const get = (path: string, openid?: string, ua = IN_WECHAT) =>
  new Request(`${ORIGIN}${path}`, { headers: { 'user-agent': ua, ...(openid ? { cookie: session(openid) } : {}) } })
const postForm = (path: string, openid: string, body: FormData | URLSearchParams, headers: Record<string, string> = {}) =>
  new Request(`${ORIGIN}${path}`, { method: 'POST', headers: { 'user-agent': IN_WECHAT, cookie: session(openid), origin: ORIGIN, ...headers }, body })
const at = { now: NOW }

/** Personal data of the suggestions above that no public page may show. */
const PERSONAL = ['张三', '13800001234', '138****1234', '李四', '13900005678', ALICE, BOB, 'REASON-XYZ', 'ALICE-PENDING', 'BOB-REJECTED']

async function photoIdsOf(submissionId: string): Promise<string[]> {
  const doc = await payload.findByID({ collection: 'consultation-submissions', id: submissionId, depth: 0, overrideAccess: true })
  return (doc.photos ?? []).map((photo) => String(typeof photo === 'object' ? photo.id : photo))
}

test('/m/topics: 征集中, 已截止, 结果已公开 in that order, counts of public suggestions; no draft, nothing not open yet, no script', async () => {
  const response = await topicsResponse(payload, get('/m/topics'), at)
  expect(response.status).toBe(200)
  const html = await response.text()
  const order = ['t老旧小区停车难', 't菜市场改造', 't路灯维修'].map((title) => html.indexOf(title))
  expect(order.every((index) => index > 0)).toBe(true)
  expect(order).toEqual([...order].sort((a, b) => a - b))
  expect(html).toContain('2 条公开建议')
  expect(html).toContain('2026-12-01 至 2026-12-20')
  expect(html).toContain(`/m/topic-images/${world.cover}?size=cover`)
  expect(html).not.toContain('t草稿话题')
  expect(html).not.toContain('t明年的话题')
  expect(html).not.toContain('<script')
  for (const text of PERSONAL) expect(html).not.toContain(text)
})

test('a draft, a topic not open yet, an unknown or malformed id: the Chinese 404', async () => {
  for (const id of [world.draft, world.future, '000000000000000000000000', 'bad id!']) {
    const response = await topicResponse(payload, get(`/m/topics/${id}`), id, at)
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('征集话题不存在')
  }
  expect((await suggestPageResponse(payload, get(`/m/topics/${world.draft}/suggest`, ALICE), world.draft, at)).status).toBe(404)
})

test('an open topic: question, background, dates, how to take part (keyword); approved and answered suggestions with photos and the reply; nothing personal, nothing pending or rejected', async () => {
  const response = await topicResponse(payload, get(`/m/topics/${world.open}`), world.open, at)
  expect(response.status).toBe(200)
  const html = await response.text()
  expect(html).toContain('您对小区停车有什么建议？')
  expect(html).toContain('幸福里小区建于 1995 年')
  expect(html).toContain('征集中')
  expect(html).toContain(`href="/m/topics/${world.open}/suggest"`)
  expect(html).toContain('我要提建议')
  expect(html).toContain('「t停车」')
  expect(html).toContain('ALICE-APPROVED')
  expect(html).toContain('BOB-ANSWERED')
  expect(html).toContain('REPLY-ABC')
  const [approvedPhoto] = await photoIdsOf(ids.approved)
  const [pendingPhoto] = await photoIdsOf(ids.pending)
  expect(html).toContain(`/m/topic-photos/${approvedPhoto}`)
  expect(html).not.toContain(pendingPhoto!)
  for (const text of PERSONAL) expect(html).not.toContain(text)
  expect(html).not.toContain('<script')
})

test('the published outcome: milestones oldest first with before/after photos, the statement; no 我要提建议 once closed', async () => {
  const html = await (await topicResponse(payload, get(`/m/topics/${world.outcome}`), world.outcome, at)).text()
  expect(html).toContain('结果公开')
  expect(html.indexOf('t第一步：排查线路')).toBeGreaterThan(0)
  expect(html.indexOf('t第一步：排查线路')).toBeLessThan(html.indexOf('t第二步：更换灯杆'))
  expect(html).toContain('t共修复路灯 12 盏')
  expect(html).toContain(`/m/topic-images/${world.before}?size=thumbnail`)
  expect(html).toContain(`/m/topic-images/${world.after}?size=thumbnail`)
  expect(html).toContain('整治前')
  expect(html).not.toContain('我要提建议')
  const closed = await (await topicResponse(payload, get(`/m/topics/${world.closed}`), world.closed, at)).text()
  expect(closed).toContain('征集已截止')
  expect(closed).not.toContain('我要提建议')
})

test('我的建议: each resident sees their own in every state — the reason of a rejection, the reply, 撤回 for pending — and nobody else’s', async () => {
  const alice = await (await mySuggestionsResponse(payload, get('/m/my-suggestions', ALICE))).text()
  expect(alice).toContain('ALICE-PENDING')
  expect(alice).toContain('待审核')
  expect(alice).toContain('ALICE-APPROVED')
  expect(alice).toContain('已公开')
  expect(alice).toContain(`action="/m/my-suggestions/${ids.pending}/withdraw"`)
  expect(alice).not.toContain(`action="/m/my-suggestions/${ids.approved}/withdraw"`)
  expect(alice).not.toContain('BOB-')
  const bob = await (await mySuggestionsResponse(payload, get('/m/my-suggestions', BOB))).text()
  expect(bob).toContain('BOB-REJECTED')
  expect(bob).toContain('未采纳')
  expect(bob).toContain('REASON-XYZ')
  expect(bob).toContain('REPLY-ABC')
  expect(bob).toContain('已回复')
  expect(bob).not.toContain('ALICE-')
  // Outside WeChat without a session: 请在微信中打开.
  const outside = await mySuggestionsResponse(payload, get('/m/my-suggestions', undefined, 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120'))
  expect(await outside.text()).toContain('请在微信中打开')
})

test('我的建议 → 好差评: an answered suggestion offers 「评价答复」 (/m/rate/reply/<id>); once rated, the level instead', async () => {
  const rateHref = `href="/m/rate/reply/${ids.answered}"`
  const before = await (await mySuggestionsResponse(payload, get('/m/my-suggestions', BOB))).text()
  expect(before).toContain('评价答复')
  expect(before).toContain(rateHref)
  // Only the answered one: not the rejected suggestion, nor anything of Alice's (approved, pending, no reply).
  expect(before.match(/\/m\/rate\/reply\//g)).toHaveLength(1)
  const alice = await (await mySuggestionsResponse(payload, get('/m/my-suggestions', ALICE))).text()
  expect(alice).not.toContain('评价答复')
  expect(alice).not.toContain('/m/rate/')

  // Rated through the ratings' own service (what POST /m/rate/reply/<id> calls).
  await rateMatter(payload, { openid: BOB, target: { kind: 'reply', id: ids.answered }, input: { level: 'satisfied', reasons: [], comment: '' }, now: NOW })
  const after = await (await mySuggestionsResponse(payload, get('/m/my-suggestions', BOB))).text()
  expect(after).not.toContain('评价答复')
  expect(after).toContain('我的评价：')
  // The level, linking to the rating's page (the rating and any rectification).
  expect(after).toContain(`<a ${rateHref}>满意</a>`)
})

test('the photo route: a public suggestion’s photo for anyone; a pending one for its author only (private), 404 for others', async () => {
  const [approvedPhoto] = await photoIdsOf(ids.approved)
  const [pendingPhoto] = await photoIdsOf(ids.pending)
  const open = await topicPhotoResponse(payload, get(`/m/topic-photos/${approvedPhoto}`), approvedPhoto!)
  expect(open.status).toBe(200)
  expect(open.headers.get('content-type')).toBe('image/jpeg')
  expect(open.headers.get('cache-control')).toBe('public, max-age=300')
  expect(open.headers.get('x-content-type-options')).toBe('nosniff')
  const bytes = Buffer.from(await open.arrayBuffer())
  expect((await sharp(bytes).metadata()).exif).toBeUndefined()
  expect(bytes.includes(Buffer.from(MAKER))).toBe(false)

  const anonymous = await topicPhotoResponse(payload, get(`/m/topic-photos/${pendingPhoto}`), pendingPhoto!)
  expect(anonymous.status).toBe(404)
  expect(await anonymous.text()).toContain('照片不存在')
  expect((await topicPhotoResponse(payload, get(`/m/topic-photos/${pendingPhoto}`, BOB), pendingPhoto!)).status).toBe(404)
  const own = await topicPhotoResponse(payload, get(`/m/topic-photos/${pendingPhoto}`, ALICE), pendingPhoto!)
  expect(own.status).toBe(200)
  expect(own.headers.get('cache-control')).toBe('private, max-age=300')
  expect((await topicPhotoResponse(payload, get('/m/topic-photos/nope'), 'nope')).status).toBe(404)
})

test('the image route: a public topic’s cover and its outcome photos; any other media image 404', async () => {
  const cover = await topicImageResponse(payload, get(`/m/topic-images/${world.cover}?size=cover`), world.cover, at)
  expect(cover.status).toBe(200)
  expect(cover.headers.get('content-type')).toBe('image/jpeg')
  expect((await sharp(Buffer.from(await cover.arrayBuffer())).metadata()).width).toBe(900)
  const thumb = await topicImageResponse(payload, get(`/m/topic-images/${world.before}?size=thumbnail`), world.before, at)
  expect(thumb.status).toBe(200)
  expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).width).toBe(400)
  expect((await topicImageResponse(payload, get(`/m/topic-images/${world.after}`), world.after, at)).status).toBe(200)
  expect((await topicImageResponse(payload, get(`/m/topic-images/${world.unused}`), world.unused, at)).status).toBe(404)
})

test('withdraw: not someone else’s (404), not from another site (403); the author’s pending one → 已撤回, then no second time', async () => {
  const theirs = await withdrawResponse(payload, postForm(`/m/my-suggestions/${ids.pending}/withdraw`, BOB, new URLSearchParams()), ids.pending)
  expect(theirs.status).toBe(404)
  const foreign = await withdrawResponse(
    payload,
    postForm(`/m/my-suggestions/${ids.pending}/withdraw`, ALICE, new URLSearchParams(), { origin: 'https://evil.example' }),
    ids.pending,
  )
  expect(foreign.status).toBe(403)
  const done = await withdrawResponse(payload, postForm(`/m/my-suggestions/${ids.pending}/withdraw`, ALICE, new URLSearchParams()), ids.pending)
  expect(done.status).toBe(303)
  expect(done.headers.get('location')).toBe('/m/my-suggestions?withdrawn=1')
  const page = await (await mySuggestionsResponse(payload, get('/m/my-suggestions?withdrawn=1', ALICE))).text()
  expect(page).toContain('建议已撤回')
  expect(page).toContain('已撤回')
  expect(page).not.toContain(`action="/m/my-suggestions/${ids.pending}/withdraw"`)
  const again = await withdrawResponse(payload, postForm(`/m/my-suggestions/${ids.pending}/withdraw`, ALICE, new URLSearchParams()), ids.pending)
  expect(again.status).toBe(409)
  expect(await again.text()).toContain('不能撤回')
})

test('the form: the 1000-character limit, photos (multiple, image/*, 6 × 10 MB), name and phone never public; a closed topic says so', async () => {
  const html = await (await suggestPageResponse(payload, get(`/m/topics/${world.open}/suggest`, ALICE), world.open, at)).text()
  // HTML attribute names are case-insensitive: React writes encType.
  expect(html).toMatch(/<form [^>]*enctype="multipart\/form-data"[^>]*method="post"/i)
  expect(html).toContain('1000 字以内')
  expect(html).toMatch(/<input type="file" accept="image\/\*" multiple="" name="photos"\/>/)
  expect(html).toContain('最多 6 张、每张 10 MB')
  expect(html).toContain('任何时候都不会公开')
  expect(html).not.toContain('<script')
  const closed = await (await suggestPageResponse(payload, get(`/m/topics/${world.closed}/suggest`, ALICE), world.closed, at)).text()
  expect(closed).toContain('征集已截止')
  expect(closed).not.toContain('name="photos"')
})

const formWith = (text: string, files: Array<[Buffer, string, string]>, extra: Record<string, string> = {}) => {
  const form = new FormData()
  form.append('text', text)
  for (const [key, value] of Object.entries(extra)) form.append(key, value)
  for (const [bytes, name, type] of files) form.append('photos', new Blob([new Uint8Array(bytes)], { type }), name)
  if (files.length === 0) form.append('photos', new Blob([]), '')
  return form
}

test('a suggestion with a GPS JPEG, a HEIC and a WebP: stored as JPEGs without EXIF, 待审核 in 我的建议; the same again is one suggestion', async () => {
  const CAROL = 'o-carol-openid-0003'
  const files: Array<[Buffer, string, string]> = [
    [await gpsJpeg(), 'IMG_0001.JPG', 'image/jpeg'],
    [heic(), 'IMG_0002.HEIC', 'image/heic'],
    [await webp(), 'shot.webp', 'image/webp'],
  ]
  const text = 'CAROL-NEW 建议晚上开放学校操场停车'
  const response = await suggestSubmitResponse(
    payload,
    postForm(`/m/topics/${world.open}/suggest`, CAROL, formWith(text, files, { name: '王五', phone: '' })),
    world.open,
    at,
  )
  expect(response.status).toBe(200)
  expect(await response.text()).toContain('已提交，审核后公开')
  const stored = await payload.find({ collection: 'consultation-submissions', where: { openid: { equals: CAROL } }, depth: 1, overrideAccess: true })
  expect(stored.docs).toHaveLength(1)
  const submission = stored.docs[0]!
  expect(submission).toMatchObject({ status: 'pending', source: 'page', name: '王五', phone: null })
  const photos = (submission.photos ?? []) as Array<{ id: string; originalFormat?: string | null; mimeType?: string | null }>
  expect(photos.map((photo) => [photo.originalFormat, photo.mimeType])).toEqual([
    ['jpeg', 'image/jpeg'],
    ['heic', 'image/jpeg'],
    ['webp', 'image/jpeg'],
  ])
  for (const photo of photos) {
    const file = await topicPhotoResponse(payload, get(`/m/topic-photos/${photo.id}`, CAROL), photo.id)
    const bytes = Buffer.from(await file.arrayBuffer())
    const metadata = await sharp(bytes).metadata()
    expect(metadata.format).toBe('jpeg')
    expect(metadata.exif).toBeUndefined()
  }
  const mine = await (await mySuggestionsResponse(payload, get('/m/my-suggestions', CAROL))).text()
  expect(mine).toContain('CAROL-NEW')
  expect(mine).toContain('待审核')
  // The page posted twice (a refresh): the same answer, still one suggestion.
  const twice = await suggestSubmitResponse(payload, postForm(`/m/topics/${world.open}/suggest`, CAROL, formWith(text, files)), world.open, at)
  expect(await twice.text()).toContain('已提交，审核后公开')
  expect((await payload.count({ collection: 'consultation-submissions', where: { openid: { equals: CAROL } }, overrideAccess: true })).totalDocs).toBe(1)
})

test('refusals show the form again with the Chinese problems and what was typed: a GIF, a text too long, a bad phone; a closed topic 409', async () => {
  const DAVE = 'o-dave-openid-0004'
  const withGif = await suggestSubmitResponse(
    payload,
    postForm(
      `/m/topics/${world.open}/suggest`,
      DAVE,
      formWith(
        'DAVE-TEXT 保留我写的字',
        [
          [await gpsJpeg(), 'a.jpg', 'image/jpeg'],
          [await gif(), 'b.gif', 'image/gif'],
        ],
        { phone: '12345' },
      ),
    ),
    world.open,
    at,
  )
  expect(withGif.status).toBe(400)
  const html = await withGif.text()
  expect(html).toContain('第 2 张是 GIF 动图')
  expect(html).toContain('DAVE-TEXT 保留我写的字')
  expect(html).toContain('只接受手机号码')
  const long = await suggestSubmitResponse(payload, postForm(`/m/topics/${world.open}/suggest`, DAVE, formWith('长'.repeat(1001), [])), world.open, at)
  expect(long.status).toBe(400)
  expect(await long.text()).toContain('建议不能超过 1000 个字，现在是 1001 个字')
  const closed = await suggestSubmitResponse(payload, postForm(`/m/topics/${world.closed}/suggest`, DAVE, formWith('晚了', [])), world.closed, at)
  expect(closed.status).toBe(409)
  expect(await closed.text()).toContain('征集已截止')
  expect((await payload.count({ collection: 'consultation-submissions', where: { openid: { equals: DAVE } }, overrideAccess: true })).totalDocs).toBe(0)
})

test('a body over 6 × 10 MB is refused by its length before it is read (413); a post from another site (403)', async () => {
  const big = await suggestSubmitResponse(
    payload,
    postForm(`/m/topics/${world.open}/suggest`, ALICE, formWith('x', []), { 'content-length': String(MAX_SUGGESTION_BODY + 1) }),
    world.open,
    at,
  )
  expect(big.status).toBe(413)
  expect(await big.text()).toContain('每张不超过 10 MB')
  const foreign = await suggestSubmitResponse(
    payload,
    postForm(`/m/topics/${world.open}/suggest`, ALICE, formWith('x', []), { origin: 'https://evil.example' }),
    world.open,
    at,
  )
  expect(foreign.status).toBe(403)
})

test('over the rate limit (5 an hour by default): 429 with the form, the text kept, nothing stored', async () => {
  const ERIN = 'o-erin-openid-0005'
  for (let index = 0; index < 5; index++) await suggest(payload, world.open, ERIN, `ERIN-${index} 第 ${index + 1} 条建议`)
  const sixth = await suggestSubmitResponse(payload, postForm(`/m/topics/${world.open}/suggest`, ERIN, formWith('ERIN-6 再来一条', [])), world.open, at)
  expect(sixth.status).toBe(429)
  const html = await sixth.text()
  expect(html).toContain('提交太频繁')
  expect(html).toContain('ERIN-6 再来一条')
  expect((await payload.count({ collection: 'consultation-submissions', where: { openid: { equals: ERIN } }, overrideAccess: true })).totalDocs).toBe(5)
})
