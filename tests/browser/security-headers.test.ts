import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import { launchBrowser } from '../helpers/browser'
import { startServer, type TestServer } from '../helpers/server'

// Issue 11, finding 10: security headers on the admin, the API and the static files of the
// production server, and the admin still working under its Content-Security-Policy in a real browser.

let server: TestServer
let browser: Browser

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

function expectSecurityHeaders(response: Response) {
  const csp = response.headers.get('content-security-policy') ?? ''
  expect(csp).toContain("default-src 'self'")
  expect(csp).toContain("frame-ancestors 'none'")
  expect(csp).toContain("object-src 'none'")
  expect(csp).not.toContain('unsafe-eval')
  expect(response.headers.get('x-frame-options')).toBe('DENY')
  expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  expect(response.headers.get('referrer-policy')).toBe('same-origin')
  expect(response.headers.get('x-powered-by')).toBeNull()
  // PUBLIC_URL is http:// here: no HSTS, which would lock a plain-http demo out.
  expect(response.headers.get('strict-transport-security')).toBeNull()
}

test('the admin page, the REST API, GraphQL, a static file and a 404 all carry the security headers, without X-Powered-By', async () => {
  const adminPage = await fetch(`${server.url}/admin/login`)
  expect(adminPage.status).toBe(200)
  expectSecurityHeaders(adminPage)
  const html = await adminPage.text()
  // Scripts run only with this response's nonce: no 'unsafe-inline', and every script Next
  // rendered carries the nonce (an injected one would not).
  const scriptSources = (adminPage.headers.get('content-security-policy') ?? '').split(';').find((d) => d.trim().startsWith('script-src')) ?? ''
  expect(scriptSources).not.toContain('unsafe-inline')
  const nonce = scriptSources.match(/'nonce-([A-Za-z0-9+/=]+)'/)?.[1]
  expect(nonce).toBeTruthy()
  const scriptTags = html.match(/<script\b[^>]*>/g) ?? []
  expect(scriptTags.length).toBeGreaterThan(0)
  for (const tag of scriptTags) expect(tag).toContain(`nonce="${nonce}"`)
  const again = await fetch(`${server.url}/admin/login`)
  expect(again.headers.get('content-security-policy')).not.toContain(`'nonce-${nonce}'`)
  const asset = html.match(/\/_next\/static\/[^"']+\.(?:js|css)/)?.[0]
  expect(asset).toBeTruthy()
  const staticFile = await fetch(`${server.url}${asset}`)
  expect(staticFile.status).toBe(200)
  expectSecurityHeaders(staticFile)
  const rest = await fetch(`${server.url}/api/articles`)
  expect(rest.status).toBe(403)
  expectSecurityHeaders(rest)
  const graphql = await fetch(`${server.url}/api/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  })
  expectSecurityHeaders(graphql)
  expectSecurityHeaders(await fetch(`${server.url}/no-such-page`))
})

test('with an https PUBLIC_URL the server sends HSTS', async () => {
  const secure = await startServer({ PUBLIC_URL: 'https://wx.example.test' })
  try {
    const response = await fetch(`${secure.url}/admin/login`)
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
    expect((await fetch(`${secure.url}/api/articles`)).headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
  } finally {
    await secure.stop()
  }
}, 180_000)

test('the admin works under its CSP in Chromium (sign-in, dashboard, an editor with rich text) with no policy violation; framing it is refused', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1400, height: 1000 } })
  const page = await context.newPage()
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
  })
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`),
    )
  })
  await page.goto(`${server.url}/admin/login`)
  await page.fill('#field-email', 'editor@demo.local')
  await page.fill('#field-password', 'demo-password')
  await page.click('button[type=submit]')
  await page.waitForURL(/\/admin$/)
  await page.goto(`${server.url}/admin/collections/articles/create`)
  await page.fill('#field-title', 'CSP 检查')
  await page.locator('.rich-text-lexical [contenteditable="true"]').first().click()
  await page.keyboard.type('正文可以输入')
  expect(await page.locator('.rich-text-lexical [contenteditable="true"]').first().innerText()).toContain('正文可以输入')
  await page.goto(`${server.url}/admin/collections/media`)
  await page.waitForSelector('table img, .thumbnail img', { timeout: 20_000 })
  const imageLoaded = await page
    .locator('table img, .thumbnail img')
    .first()
    .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)
  expect(imageLoaded).toBe(true)
  expect(violations).toEqual([])

  // A page on another origin that frames the admin: the frame stays empty.
  const framer = http.createServer((_request, response) => {
    response.setHeader('Content-Type', 'text/html; charset=utf-8')
    response.end(`<iframe id="admin" src="${server.url}/admin/login" width="800" height="600"></iframe>`)
  })
  await new Promise<void>((resolve) => framer.listen(0, '127.0.0.1', resolve))
  try {
    const attacker = await context.newPage()
    await attacker.goto(`http://127.0.0.1:${(framer.address() as AddressInfo).port}/`)
    await attacker.waitForTimeout(1500)
    const framed = attacker.frames().find((frame) => frame.url().includes('/admin/login'))
    const fieldsInFrame = framed
      ? await framed
          .locator('#field-email')
          .count()
          .catch(() => 0)
      : 0
    expect(fieldsInFrame).toBe(0)
  } finally {
    framer.close()
    await context.close()
  }
})
