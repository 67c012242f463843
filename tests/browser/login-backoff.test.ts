import type { Browser, Page } from 'playwright-core'
import { launchBrowser } from '../helpers/browser'
import { startServer, type TestServer } from '../helpers/server'

// Issue 11, finding 5 in the admin: a refused sign-in says how long to wait, in Chinese, and the
// right password works once the wait is over.

let server: TestServer
let browser: Browser

beforeAll(async () => {
  server = await startServer({ LOGIN_BACKOFF_BASE_MS: '1000' })
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function openLogin(): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1400, height: 1000 } })
  const page = await context.newPage()
  await page.goto(`${server.url}/admin/login`)
  return page
}

async function signIn(page: Page, email: string, password: string) {
  await page.fill('#field-email', email)
  await page.fill('#field-password', password)
  await page.click('button[type=submit]')
}

test('the sign-in form says in Chinese how long to wait after too many failures', async () => {
  const page = await openLogin()
  for (let attempt = 0; attempt < 5; attempt++) {
    await signIn(page, 'leader@demo.local', 'not-the-password')
    await page.waitForTimeout(300)
  }
  await page
    .getByText(/登录失败次数过多，请 \d+ 秒后再试/)
    .first()
    .waitFor({ timeout: 20_000 })
  await page.waitForTimeout(1500)
  await signIn(page, 'leader@demo.local', 'demo-password')
  await page.waitForURL(/\/admin$/, { timeout: 20_000 })
}, 90_000)
