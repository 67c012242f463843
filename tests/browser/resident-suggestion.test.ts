/**
 * A resident answers an open 微问政 topic with photos, inside WeChat, in Chromium at a phone's size with
 * WeChat's user agent, against the system as `npm start` runs it and the WeChat emulator: staff open a
 * topic (created, submitted and approved over REST); the resident finds it under /m/topics, taps
 * 我要提建议 (the silent web authorisation against the emulator), writes, attaches a phone JPEG with GPS
 * EXIF, a real HEIC and a WebP, submits and sees it under 我的建议 as 待审核; the stored photos are JPEGs
 * without EXIF; staff approve it (the moderation endpoint) and the public topic page — in an ordinary
 * browser, not signed in — shows it with its photos and without the name or the phone. No script on any
 * page, nothing wider than 320 px.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import sharp from 'sharp'
import type { WeChatEmulator } from '../../src/dev/emulator'
import { shanghaiDate, addDays } from '../../src/shared/time'
import { gpsJpeg, HEIC_PATH, MAKER, webp } from '../consultations/photo-fixtures'
import { startDemoSystem } from '../helpers/demo-account'
import { launchBrowser } from '../helpers/browser'
import { api, login, type Session, type TestServer } from '../helpers/server'

const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 7 Build/UQ1A.240205.004; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/122.0.6261.120 Mobile Safari/537.36 XWEB/1220099 MMWEBSDK/20240301 MMWEBID/1234 MicroMessenger/8.0.48.2580(0x28003036) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64'
const PLAIN_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1'

let emulator: WeChatEmulator
let server: TestServer
let browser: Browser
let admin: Session
let files: string[]
let directory: string

beforeAll(async () => {
  ;({ emulator, server } = await startDemoSystem())
  browser = await launchBrowser()
  admin = await login(server.url, 'admin@demo.local', 'demo-password')
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'suggestion-photos-'))
  files = [path.join(directory, 'IMG_0001.JPG'), path.join(directory, 'IMG_0002.HEIC'), path.join(directory, 'sticker.webp')]
  fs.writeFileSync(files[0]!, await gpsJpeg())
  fs.copyFileSync(HEIC_PATH, files[1]!)
  fs.writeFileSync(files[2]!, await webp())
}, 180_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await emulator?.close()
  if (directory) fs.rmSync(directory, { recursive: true, force: true })
})

/** A phone: 375 × 740, touch, Chinese, Beijing time; WeChat's user agent unless told otherwise. */
async function phone(userAgent = WECHAT_UA): Promise<{ context: BrowserContext; page: Page; scripts: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 375, height: 740 },
    isMobile: true,
    hasTouch: true,
    userAgent,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  const page = await context.newPage()
  const scripts: string[] = []
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url())
  })
  return { context, page, scripts }
}

/** Every image of `images` shows (they load lazily: each is scrolled to, then waited for). */
async function expectLoaded(images: Locator) {
  for (let index = 0; index < (await images.count()); index++) {
    const image = images.nth(index)
    await image.scrollIntoViewIfNeeded()
    await image.evaluate(
      (element) =>
        new Promise<void>((resolve, reject) => {
          const img = element as HTMLImageElement
          const check = () => (img.complete ? (img.naturalWidth > 0 ? resolve() : reject(new Error(`not shown: ${img.src}`))) : setTimeout(check, 50))
          check()
        }),
    )
  }
}

const noWiderThan = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth)

/** An open topic as staff make one: created, submitted for review and approved (the admin may do both). */
async function openTopic(title: string): Promise<string> {
  const offices = await api(server.url, admin, 'GET', '/api/offices?limit=1&depth=0')
  const office = offices.body.docs[0].id as string
  const today = shanghaiDate(Date.now())
  const created = await api(server.url, admin, 'POST', '/api/consultation-topics', {
    title,
    question: '您觉得小区东门的非机动车该怎么停？',
    background: '东门每天早高峰电动车堵住人行道。',
    category: 'transport',
    office,
    opensOn: today,
    closesOn: addDays(today, 10),
    keyword: '东门停车',
  })
  expect(created.status).toBe(201)
  const id = created.body.doc.id as string
  for (const action of ['submit', 'approve']) {
    const step = await api(server.url, admin, 'POST', `/api/consultation-topics/${id}/review`, { action })
    expect({ action, status: step.status }).toEqual({ action, status: 200 })
  }
  return id
}

test('a resident answers an open topic with a GPS JPEG, a HEIC and a WebP from a phone; staff approve; the public page shows it without name or phone', async () => {
  const title = '东门非机动车停放'
  const topicId = await openTopic(title)
  const { context, page, scripts } = await phone()
  await page.goto(`${server.url}/m/topics`)
  expect(await page.locator('.m-group-title').first().innerText()).toBe('征集中')
  await page.click(`text=${title}`)
  await page.waitForURL(new RegExp(`/m/topics/${topicId}$`))
  const topicText = await page.locator('body').innerText()
  expect(topicText).toContain('您觉得小区东门的非机动车该怎么停？')
  expect(topicText).toContain('「东门停车」')

  // 我要提建议 needs the resident: the emulator's authorize page answers at once with a code.
  const hops: string[] = []
  page.on('request', (request) => request.isNavigationRequest() && hops.push(request.url()))
  await page.click('a:has-text("我要提建议")')
  // WeChat's authorize URL ends with #wechat_redirect, which the redirects carry along.
  await page.waitForURL(new RegExp(`/m/topics/${topicId}/suggest(#wechat_redirect)?$`))
  expect(hops.some((url) => url.startsWith(`${emulator.url}/connect/oauth2/authorize`))).toBe(true)
  const text = '建议在东门内侧划出非机动车停放区，并加装充电桩。'
  await page.fill('textarea[name=text]', text)
  await page.fill('input[name=name]', '赵六')
  await page.fill('input[name=phone]', '13712345678')
  await page.setInputFiles('input[name=photos]', files)
  await page.click('button:has-text("提交建议")')
  await page.locator('h1:has-text("已提交")').waitFor()
  expect(await page.locator('h1').innerText()).toBe('已提交，审核后公开')
  await page.click('a:has-text("查看我的建议")')
  await page.waitForURL(/\/m\/my-suggestions$/)
  const mine = page.locator('.m-own', { hasText: text })
  expect(await mine.locator('.m-badge').innerText()).toBe('待审核')
  expect(await mine.locator('.m-photos img').count()).toBe(3)
  // The resident's own (unpublished) photos load for them.
  await expectLoaded(mine.locator('.m-photos img'))

  // What was stored: three JPEGs (from JPEG, HEIC, WebP), none with EXIF.
  const found = await api(server.url, admin, 'GET', `/api/consultation-submissions?where[topic][equals]=${topicId}&depth=1`)
  expect(found.body.docs).toHaveLength(1)
  const submission = found.body.docs[0]
  expect(submission).toMatchObject({ status: 'pending', source: 'page', name: '赵六', phone: '13712345678' })
  const photos = submission.photos as Array<{ id: string; originalFormat: string; mimeType: string }>
  expect(photos.map((photo) => [photo.originalFormat, photo.mimeType])).toEqual([
    ['jpeg', 'image/jpeg'],
    ['heic', 'image/jpeg'],
    ['webp', 'image/jpeg'],
  ])
  for (const photo of photos) {
    const response = await context.request.get(`${server.url}/m/topic-photos/${photo.id}`)
    expect(response.status()).toBe(200)
    const bytes = Buffer.from(await response.body())
    const metadata = await sharp(bytes).metadata()
    expect(metadata.format).toBe('jpeg')
    expect(metadata.exif).toBeUndefined()
    expect(bytes.includes(Buffer.from(MAKER))).toBe(false)
  }

  // Not public before staff approve it (先审后发).
  const outsider = await phone(PLAIN_UA)
  await outsider.page.goto(`${server.url}/m/topics/${topicId}`)
  expect(await outsider.page.locator('body').innerText()).not.toContain(text)
  expect((await outsider.context.request.get(`${server.url}/m/topic-photos/${photos[0]!.id}`)).status()).toBe(404)

  const approved = await api(server.url, admin, 'POST', `/api/consultation-submissions/${submission.id}/moderate`, { action: 'approve' })
  expect(approved.status).toBe(200)

  // The public page, in an ordinary browser, not signed in: the suggestion with its photos, no name or phone.
  await outsider.page.goto(`${server.url}/m/topics/${topicId}`)
  const publicText = await outsider.page.locator('body').innerText()
  expect(publicText).toContain(text)
  const html = await outsider.page.content()
  for (const personal of ['赵六', '13712345678', '137****5678', submission.openid as string]) expect(html).not.toContain(personal)
  const publicPhotos = outsider.page.locator('.m-suggestion', { hasText: text }).locator('.m-photos img')
  expect(await publicPhotos.count()).toBe(3)
  await expectLoaded(publicPhotos)
  await page.goto(`${server.url}/m/my-suggestions`)
  expect(await page.locator('.m-own', { hasText: text }).locator('.m-badge').innerText()).toBe('已公开')

  // Readable at 320 px, and no script anywhere.
  await page.setViewportSize({ width: 320, height: 640 })
  for (const pathname of ['/m/topics', `/m/topics/${topicId}`, `/m/topics/${topicId}/suggest`, '/m/my-suggestions']) {
    await page.goto(`${server.url}${pathname}`)
    expect({ pathname, width: await noWiderThan(page) }).toEqual({ pathname, width: 320 })
  }
  expect(scripts).toEqual([])
  expect(outsider.scripts).toEqual([])
  await Promise.all([context.close(), outsider.context.close()])
})
