import type { Browser, Page } from 'playwright-core'
import { launchBrowser, signInToAdmin } from '../helpers/browser'
import { startServer, type TestServer } from '../helpers/server'

// The week's editorial loop, done as people do it: in the admin, in a real browser.

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

async function signIn(email: string): Promise<Page> {
  // An English browser: the admin must still open in Chinese.
  return (await signInToAdmin(browser, server.url, email, { locale: 'en-US' })).page
}

const statusOf = (page: Page) => page.locator('.review-actions__status').innerText()

async function clickReview(page: Page, action: string, expected: string) {
  await page.click(`.review-action--${action}`)
  await page.waitForFunction((want) => document.querySelector('.review-actions__status')?.textContent === want, expected, { timeout: 20_000 })
}

test('editor writes and submits; leader returns with a reason; editor fixes and resubmits; leader approves', async () => {
  const title = `浏览器测试：冬季供暖通知 ${Date.now() % 10000}`
  const editor = await signIn('editor@demo.local')
  expect(await editor.locator('html').getAttribute('lang')).toBe('zh')

  await editor.goto(`${server.url}/admin/collections/articles/create`)
  await editor.fill('#field-title', title)
  await editor.fill('#field-digest', '供暖时间及报修电话')
  await editor.getByRole('button', { name: '从现有中选择' }).click()
  await editor.locator('.list-drawer tbody tr').first().locator('button.default-cell__first-cell').click()
  await editor.waitForSelector('.list-drawer', { state: 'detached' })
  await editor.locator('.rich-text-lexical [contenteditable="true"]').first().click()
  await editor.keyboard.type('今年供暖自 11 月 15 日开始，如遇暖气不热请拨打报修电话。')
  await editor.click('#action-save')
  await editor.waitForURL(/\/admin\/collections\/articles\/[0-9a-f-]{36}$/)
  const itemUrl = editor.url()
  await editor.waitForSelector('.review-action--submit')
  expect(await statusOf(editor)).toBe('草稿')
  await clickReview(editor, 'submit', '待审核')
  // Submitted: the editor can no longer change it.
  expect(await editor.locator('.review-action--approve').count()).toBe(0)

  const leader = await signIn('leader@demo.local')
  // The queue is reached from the nav (Payload's Link: navigates inside the admin, no reload).
  await leader.goto(`${server.url}/admin`)
  await leader.evaluate(() => Object.assign(window, { sameDocument: true }))
  // Below 1440 px Payload keeps the nav closed behind its toggler.
  await leader.click('button.nav-toggler')
  await leader.locator('nav a.nav__link[href="/admin/review-queue"]').click()
  await leader.waitForURL(`${server.url}/admin/review-queue`)
  await leader.getByRole('link', { name: title }).waitFor()
  expect(await leader.evaluate(() => 'sameDocument' in window)).toBe(true)
  await leader.getByRole('link', { name: title }).click()
  await leader.waitForURL(itemUrl)
  await leader.click('.review-action--return')
  await expect(leader.locator('.review-actions__error').innerText()).resolves.toContain('原因')
  await leader.fill('textarea[name=reviewReason]', '请补充报修电话号码')
  await clickReview(leader, 'return', '退回修改')

  await editor.goto(itemUrl)
  await expect(editor.locator('.review-actions__return-reason').innerText()).resolves.toContain('请补充报修电话号码')
  await editor.fill('#field-digest', '供暖时间及报修电话：029-12345')
  await editor.click('#action-save')
  await editor.waitForFunction(() => !document.querySelector('.review-action--submit')?.hasAttribute('disabled'), null, { timeout: 20_000 })
  await clickReview(editor, 'submit', '待审核')

  await leader.goto(itemUrl)
  await clickReview(leader, 'approve', '已通过')
  await expect(leader.locator('#field-digest').inputValue()).resolves.toBe('供暖时间及报修电话：029-12345')
}, 180_000)
