import { randomBytes } from 'node:crypto'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { encryptMessage, sha1Signature } from '../../src/wechat/crypto'
import type { DemoAccountFile } from '../../src/dev/demo-account'
import { demoAccountOf } from '../helpers/demo-account'
import { launchBrowser } from '../helpers/browser'
import { api, login, startServer, type TestServer } from '../helpers/server'

// Finding 13 (nothing loads from outside the server) and the navigation half of finding 11, in
// Chromium: as an administrator and as an editor, every page the navigation offers, the first
// document of every list, the create pages offered and the custom views are opened; every request
// the browser makes is recorded, and any request to another host fails the test.

let server: TestServer
let demo: DemoAccountFile
let browser: Browser
let host: string

beforeAll(async () => {
  // With the scheduler, as npm start runs: it imports the callback's journal into the inbound queue.
  server = await startServer({}, { withScheduler: true })
  // The demo account's secrets are generated per install: sign with the ones this server's seed wrote.
  demo = demoAccountOf(server.directory)
  host = new URL(server.url).host
  browser = await launchBrowser()
  await postResidentMessage()
  await waitForInboundRow()
}, 240_000)

/** The queue row the JSON editor check opens exists once the journal is imported (asynchronous). */
async function waitForInboundRow() {
  const admin = await login(server.url, 'admin@demo.local', 'demo-password')
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    const rows = await api(server.url, admin, 'GET', '/api/wechat-inbound?limit=1&depth=0')
    if (rows.body?.totalDocs > 0) return
    await new Promise((resolve) => setTimeout(resolve, 1_000))
  }
  throw new Error('the resident message never reached the inbound queue')
}

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** A resident's message through the real callback: the inbound queue then holds a row with a JSON payload. */
async function postResidentMessage() {
  const now = Math.floor(Date.now() / 1000)
  const xml = `<xml><ToUserName><![CDATA[${demo.originalId}]]></ToUserName><FromUserName><![CDATA[oResident0000000000000000013]]></FromUserName><CreateTime>${now}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[离线测试留言]]></Content><MsgId>${Date.now()}</MsgId></xml>`
  const encrypted = encryptMessage({ encodingAESKey: demo.encodingAESKey, appId: demo.appId, xml })
  const timestamp = String(now)
  const nonce = randomBytes(6).toString('hex')
  const query = new URLSearchParams({
    timestamp,
    nonce,
    signature: sha1Signature(demo.token, timestamp, nonce),
    encrypt_type: 'aes',
    msg_signature: sha1Signature(demo.token, timestamp, nonce, encrypted),
  })
  const body = `<xml><ToUserName><![CDATA[${demo.originalId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`
  const response = await fetch(`${server.url}/api/wechat/callback/${demo.appId}?${query}`, { method: 'POST', body, headers: { 'content-type': 'text/xml' } })
  expect(response.status).toBe(200)
}

interface Session {
  context: BrowserContext
  page: Page
  /** `page → url` of every request to a host other than the server. */
  outside: string[]
  /** Every Content-Security-Policy violation a page reported (a script without the nonce, …). */
  violations: string[]
  requested: string[]
}

async function signIn(email: string): Promise<Session> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1400, height: 1000 } })
  const outside: string[] = []
  const requested: string[] = []
  const violations: string[] = []
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`))
  })
  const page = await context.newPage()
  page.on('console', (message) => {
    if (message.text().startsWith('CSP violation') || /Content Security Policy/i.test(message.text())) violations.push(`${page.url()} → ${message.text()}`)
  })
  context.on('request', (request) => {
    const url = new URL(request.url())
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'about:') return
    requested.push(url.pathname)
    if (url.host !== host) outside.push(`${page.url()} → ${request.url()}`)
  })
  page.on('websocket', (socket) => {
    if (new URL(socket.url()).host !== host) outside.push(`${page.url()} → ${socket.url()}`)
  })
  await page.goto(`${server.url}/admin/login`)
  await page.fill('#field-email', email)
  await page.fill('#field-password', 'demo-password')
  await page.click('button[type=submit]')
  await page.waitForURL(/\/admin$/)
  await settle(page)
  return { context, page, outside, requested, violations }
}

/** Lets the page finish what it loads (images, lazy chunks, the code editor). */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined)
}

/** Opens `path`; fails when the admin answers "not found" or "unauthorized" for it. */
async function open(session: Session, path: string): Promise<void> {
  const response = await session.page.goto(`${server.url}${path}`)
  await settle(session.page)
  const notFound = await session.page.locator('.not-found, .unauthorized').count()
  expect({ path, status: response?.status(), notFound }).toEqual({ path, status: 200, notFound: 0 })
}

/** Every admin link of the navigation (Payload's sections and the custom views). */
async function navLinks(page: Page): Promise<string[]> {
  const hrefs = await page.locator('nav a[href^="/admin"]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''))
  return [...new Set(hrefs)].filter((href) => href !== '/admin' && href !== '/admin/logout')
}

/** Visits every page the role reaches from the navigation; answers the pages visited. */
async function visitEverything(session: Session): Promise<string[]> {
  const { page } = session
  const visited: string[] = ['/admin']
  const links = await navLinks(page)
  expect(links.length).toBeGreaterThan(3)
  for (const link of [...links, '/admin/account']) {
    await open(session, link)
    visited.push(link)
    if (!link.startsWith('/admin/collections/')) continue
    const base = link.split('?')[0]
    const documents = await page
      .locator(`.table tbody a[href^="${base}/"]`)
      .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''))
    const first = documents.find((href) => !href.endsWith('/create'))
    if (first) {
      await open(session, first)
      visited.push(first)
    }
    if ((await page.goto(`${server.url}${base}`).then(() => page.locator(`a[href="${base}/create"]`).count())) > 0) {
      await open(session, `${base}/create`)
      visited.push(`${base}/create`)
    }
  }
  return visited
}

test('as an administrator: every page loads only from the server, the JSON editor included', async () => {
  const admin = await signIn('admin@demo.local')
  const visited = await visitEverything(admin)
  // The administrator's navigation reaches the system sections.
  expect(visited).toEqual(
    expect.arrayContaining([
      '/admin/collections/users',
      '/admin/collections/wechat-accounts',
      '/admin/globals/push-settings',
      '/admin/collections/wechat-inbound',
    ]),
  )

  // The inbound queue row's payload is a JSON field: Monaco comes from /vendor/monaco and shows the value.
  await open(admin, '/admin/collections/wechat-inbound')
  const row = await admin.page.locator('.table tbody a[href^="/admin/collections/wechat-inbound/"]').first().getAttribute('href')
  expect(row).toBeTruthy()
  await open(admin, row!)
  await admin.page.waitForSelector('.monaco-editor .view-lines', { timeout: 30_000 })
  await expect(admin.page.locator('.monaco-editor .view-lines').first().innerText()).resolves.toContain('离线测试留言')
  expect(admin.requested.some((path) => path.startsWith('/vendor/monaco/vs/'))).toBe(true)

  // The API tab is there for administrators.
  expect(await admin.page.locator('.doc-tabs a[href$="/api"]').count()).toBe(1)
  // The account menu draws the default avatar: no Gravatar.
  expect(await admin.page.locator('img[src*="gravatar"]').count()).toBe(0)

  expect(admin.outside).toEqual([])
  expect(admin.violations).toEqual([])
  await admin.context.close()
}, 600_000)

test('as an editor: only the sections an editor uses, no API tab or address, and nothing from outside', async () => {
  const editor = await signIn('editor@demo.local')
  const links = await navLinks(editor.page)
  for (const adminOnly of ['users', 'wechat-accounts', 'communities', 'auto-replies', 'menu-clicks', 'wechat-inbound', 'followers', 'binding-codes']) {
    expect(links).not.toContain(`/admin/collections/${adminOnly}`)
  }
  expect(links).not.toContain('/admin/globals/push-settings')
  expect(links).not.toContain('/admin/collections/wechat-menus')
  expect(links).toEqual(expect.arrayContaining(['/admin/collections/articles', '/admin/collections/media']))
  // The dashboard offers the same sections as the navigation.
  const cards = await editor.page
    .locator('.dashboard a[href^="/admin/collections/"], .dashboard a[href^="/admin/globals/"]')
    .evaluateAll((anchors) => anchors.map((anchor) => (anchor.getAttribute('href') ?? '').replace(/\/create$/, '')))
  for (const card of cards) expect(links).toContain(card.split('?')[0])

  const visited = await visitEverything(editor)
  const article = visited.find((path) => /^\/admin\/collections\/articles\/(?!create)[^/]+$/.test(path))
  expect(article).toBeTruthy()
  await open(editor, article!)
  expect(await editor.page.locator('.doc-tabs a[href$="/api"]').count()).toBe(0)
  // The API view's address answers "not found" to an editor (hiding, not security: access decides what it would show).
  await editor.page.goto(`${server.url}${article}/api`)
  await editor.page.waitForSelector('.not-found', { timeout: 20_000 })
  expect(await editor.page.locator('.query-inspector, .api-view').count()).toBe(0)
  // A section the editor does not use is not reachable by address either.
  await editor.page.goto(`${server.url}/admin/collections/users`)
  await editor.page.waitForSelector('.not-found', { timeout: 20_000 })
  // Their own profile (with 绑定微信) stays reachable.
  await open(editor, '/admin/account')
  await expect(editor.page.locator('.binding-code').count()).resolves.toBe(1)

  expect(editor.outside).toEqual([])
  expect(editor.violations).toEqual([])
  await editor.context.close()
}, 600_000)
