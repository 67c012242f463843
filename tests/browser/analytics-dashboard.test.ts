import fs from 'node:fs'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import type { Payload } from 'payload'
import type { WeChatEmulator } from '../../src/dev/emulator'
import { HEADLINE, HEADLINE_READS, seedAnalytics, type AnalyticsWorld } from '../analytics/helpers'
import { signInToAdmin, launchBrowser } from '../helpers/browser'
import { startDemoSystem } from '../helpers/demo-account'
import type { TestServer } from '../helpers/server'

// 统计分析 in a real browser against the built app: the leader's dashboard draws its ECharts canvases
// from analytics rows inserted as the sync stores them, a known figure is in the per-push table, an
// export downloads with the session, and the monthly report shows the headline numbers and prints.

let emulator: WeChatEmulator
let server: TestServer
let browser: Browser
let local: Payload
let world: AnalyticsWorld
let itemId: string

beforeAll(async () => {
  ;({ emulator, server } = await startDemoSystem())
  // A Payload of this process on the server's database file inserts the rows. As production: the
  // server's migrations made the schema, so no schema push from here.
  process.env.DATABASE_URI = `file:${path.join(server.directory, 'cms.db')}`
  process.env.MEDIA_DIR = path.join(server.directory, 'media')
  process.env.PAYLOAD_SECRET ??= 'analytics-browser-test-secret-000000'
  const testEnv = process.env.NODE_ENV
  Object.assign(process.env, { NODE_ENV: 'production' })
  try {
    const { BasePayload } = await import('payload')
    const { default: config } = await import('../../src/payload.config')
    local = await new BasePayload().init({ config })
  } finally {
    Object.assign(process.env, { NODE_ENV: testEnv })
  }
  const account = await local.find({ collection: 'wechat-accounts', where: { isDefault: { equals: true } }, limit: 1, depth: 0 })
  const article = await local.find({ collection: 'articles', limit: 1, depth: 0, sort: 'createdAt' })
  itemId = String(article.docs[0]!.id)
  world = await seedAnalytics(local, { account: String(account.docs[0]!.id), item: { relationTo: 'articles', value: itemId } })
  browser = await launchBrowser()
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await local?.destroy()
  await server?.stop()
  await emulator?.close()
})

test('the dashboard draws its charts from the rows, and the monthly report shows the headline numbers', async () => {
  const { context, page } = await signInToAdmin(browser, server.url, 'leader@demo.local')
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|EvalError/.test(message.text())) errors.push(message.text())
  })

  // In the nav for the leader.
  await page.locator('a.nav__link[href="/admin/analytics"]').first().waitFor({ state: 'attached' })

  await page.goto(`${server.url}/admin/analytics?from=2026-10-01&to=2026-11-30`)
  await page.waitForSelector('.analytics-dashboard')
  const charts = ['months', 'sources', 'followers', 'pushes', 'menu', 'content-types', 'services']
  for (const chart of charts) await page.waitForSelector(`.analytics-chart[data-chart="${chart}"] canvas`, { timeout: 30_000 })
  // Each canvas has something drawn: some pixel is not transparent.
  const drawn = await page.$$eval('.analytics-chart canvas', (canvases) =>
    canvases.map((canvas) => {
      const element = canvas as HTMLCanvasElement
      const pixels = element.getContext('2d')!.getImageData(0, 0, element.width, element.height).data
      let painted = 0
      for (let index = 3; index < pixels.length; index += 4) if (pixels[index]! > 0) painted++
      return { width: element.width, height: element.height, painted }
    }),
  )
  expect(drawn.length).toBeGreaterThanOrEqual(charts.length)
  for (const canvas of drawn) {
    expect(canvas.width).toBeGreaterThan(0)
    expect(canvas.painted).toBeGreaterThan(100)
  }
  const headline = page.locator('.analytics-pushes tr', { hasText: HEADLINE })
  expect(await headline.locator('.analytics-pushes__reads').innerText()).toBe(String(HEADLINE_READS))
  expect(await page.locator('.analytics-card--reads .analytics-card__value').innerText()).toBe('4,550')

  // An export button downloads with the admin's session (a click, as a person does: the browser's
  // Sec-Fetch-Site lets Payload accept the cookie): CSV with a BOM and the Chinese headers.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.analytics-section--pushes a.analytics-export--csv').last().click()])
  expect(download.suggestedFilename()).toBe('单篇图文-2026-10-01_2026-11-30.csv')
  const bytes = fs.readFileSync((await download.path())!)
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  expect(bytes.toString('utf8')).toContain('阅读来源')
  expect(bytes.toString('utf8')).toContain(HEADLINE)

  await page.goto(`${server.url}/admin/analytics/report/2026-11`)
  await page.waitForSelector('.monthly-report__headline')
  expect(await page.locator('.monthly-report__card--reads .monthly-report__figure').innerText()).toBe('3,000')
  expect(await page.locator('.monthly-report__card--reads .monthly-report__change').innerText()).toContain('↑ 93.5%')
  expect(await page.locator('.monthly-report__card--net .monthly-report__figure').innerText()).toBe('90')
  expect(await page.locator('.monthly-report__card--shares .monthly-report__figure').innerText()).toBe('300')
  expect(await page.locator('.monthly-report__top').innerText()).toContain(HEADLINE)
  expect(await page.locator('button.analytics-print').innerText()).toBe('打印')
  // Printed, the buttons are gone and the page is A4.
  await page.emulateMedia({ media: 'print' })
  expect(await page.locator('.monthly-report__tools').isVisible()).toBe(false)
  const pdf = await page.pdf({ preferCSSPageSize: true })
  expect(pdf.subarray(0, 4).toString()).toBe('%PDF')
  // One A4 page (595 × 842 points).
  const text = pdf.toString('latin1')
  expect(text.match(/\/Type\s*\/Page(?!s)/g)).toHaveLength(1)
  expect(text).toMatch(/\/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]/)

  expect(errors).toEqual([])
  await context.close()
}, 180_000)

test("a sent push shows each item's figures on 本周推送 and on its page; the item's sidebar shows its own", async () => {
  const { context, page } = await signInToAdmin(browser, server.url, 'leader@demo.local')
  await page.goto(`${server.url}/admin/this-week?week=2026-W45`)
  await page.waitForSelector('.push-figures')
  const row = page.locator('.push-figures tr', { hasText: HEADLINE })
  expect(await row.locator('.push-figures__reads').innerText()).toBe(String(HEADLINE_READS))
  expect(await row.innerText()).toMatch(/800\s+1100\s+1200/)
  expect(await page.locator('.push-figures').first().innerText()).toContain('送达 2040 人')

  await page.goto(`${server.url}/admin/collections/weekly-pushes/${world.push}`)
  await page.waitForSelector('.push-figures')
  expect(await page.locator('.push-figures .push-figures__reads').first().innerText()).toBe(String(HEADLINE_READS))

  await page.goto(`${server.url}/admin/collections/articles/${itemId}`)
  await page.waitForSelector('.item-figures')
  expect(await page.locator('.item-figures .item-figures__reads').innerText()).toBe(String(HEADLINE_READS))
  expect(await page.locator('.item-figures').innerText()).toContain('1/3/7 天阅读: 800 / 1100 / 1200')
  await context.close()
}, 120_000)
