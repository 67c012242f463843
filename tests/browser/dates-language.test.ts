import type { Browser, Page } from 'playwright-core'
import { formatShanghai } from '../../src/shared/time'
import { launchBrowser, signInToAdmin } from '../helpers/browser'
import { api, login, startServer, type TestServer } from '../helpers/server'

// Finding 14 in Chromium on a PC set to New York time: Payload's list and document dates show
// Beijing time in the one format, Chinese mode shows no English labels or dates, and in English
// mode the review buttons, 试一试 and 绑定微信 speak English.

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

/** An American browser in New York: what the admin shows must still be Beijing time. */
async function signIn(email: string, language?: 'en'): Promise<Page> {
  return (await signInToAdmin(browser, server.url, email, { locale: 'en-US', timezoneId: 'America/New_York', language })).page
}

// The formats this finding found beside Beijing time: `Nov 30, 2026 11:13 AM`, `11/30/2026`, `11:13 上午`.
const FOREIGN_DATE = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2},? \d{4}|\d{1,2}\/\d{1,2}\/\d{4}|\d{1,2}:\d{2} ?(AM|PM|[上下]午)/

test('on a New York PC, list cells and the document header show Beijing time, yyyy-MM-dd HH:mm', async () => {
  const admin = await login(server.url, 'admin@demo.local', 'demo-password')
  const { body } = await api(server.url, admin, 'GET', '/api/articles?where[reviewStatus][equals]=approved&sort=-updatedAt&limit=1&depth=0')
  const item = body.docs[0] as { id: string; title: string; updatedAt: string; createdAt: string; approvedAt: string }
  expect(item?.approvedAt).toBeTruthy()
  const beijing = formatShanghai(item.updatedAt)
  // The test is only meaningful if New York shows another hour.
  expect(new Date(item.updatedAt).toLocaleString('sv-SE', { timeZone: 'America/New_York' }).slice(0, 16)).not.toBe(beijing)

  const page = await signIn('admin@demo.local')
  await page.goto(`${server.url}/admin/collections/articles?limit=100`)
  const row = page.locator('.table tbody tr', { hasText: item.title })
  await expect(row.innerText()).resolves.toContain(beijing)
  expect(await page.locator('.table').innerText()).not.toMatch(FOREIGN_DATE)

  await page.goto(`${server.url}/admin/collections/articles/${item.id}`)
  await page.waitForSelector('.beijing-doc-date--updated')
  await expect(page.locator('.beijing-doc-date--updated .doc-controls__value').innerText()).resolves.toBe(beijing)
  await expect(page.locator('.beijing-doc-date--created .doc-controls__value').innerText()).resolves.toBe(formatShanghai(item.createdAt))
  // Payload's own two entries (the PC's zone) are not shown.
  for (const original of await page.locator('.doc-controls__meta > .doc-controls__value-wrap:not(.beijing-doc-date)').all()) {
    expect(await original.isVisible()).toBe(false)
  }
  // A date the system wrote, in the sidebar: Beijing time too, the zone named.
  const approved = page.locator('.beijing-date-field', { hasText: '审核通过时间' })
  await expect(approved.innerText()).resolves.toContain(`${formatShanghai(item.approvedAt)}（北京时间）`)
  // The history rows' times likewise.
  await expect(page.locator('.beijing-date-field__value').allInnerTexts()).resolves.toEqual(
    expect.arrayContaining([expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/)]),
  )
  expect(await page.locator('main, .template-default').first().innerText()).not.toMatch(FOREIGN_DATE)
  await page.context().close()
}, 180_000)

test('Chinese mode labels the account secrets in Chinese', async () => {
  const page = await signIn('admin@demo.local')
  await page.goto(`${server.url}/admin/collections/wechat-accounts`)
  const table = await page.locator('.table').innerText()
  expect(table).toContain('开发者密码（AppSecret）')
  expect(table).not.toMatch(/appSecret|encodingAESKey/)
  await page.locator('.table tbody a[href^="/admin/collections/wechat-accounts/"]').first().click()
  await page.waitForSelector('.secrets-set__value')
  await expect(page.locator('.secrets-set__value').innerText()).resolves.toContain('令牌（Token）')
  expect(await page.locator('form').first().innerText()).not.toMatch(/appSecret, token|encodingAESKey,/)
  await page.context().close()
}, 120_000)

test('English mode: review buttons, 试一试 and 绑定微信 speak English, dates keep the one Beijing format', async () => {
  const editor = await signIn('editor@demo.local', 'en')
  expect(await editor.locator('html').getAttribute('lang')).toBe('en')
  await expect(editor.locator('nav.nav__wrap').innerText()).resolves.toContain('My drafts')
  const session = await login(server.url, 'editor@demo.local', 'demo-password')
  const { body } = await api(
    server.url,
    session,
    'GET',
    `/api/articles?where[createdBy][equals]=${session.user.id}&where[reviewStatus][equals]=draft&limit=1&depth=0`,
  )
  const draft = body.docs[0] as { id: string; updatedAt: string }
  await editor.goto(`${server.url}/admin/collections/articles/${draft.id}`)
  await editor.waitForSelector('.review-actions')
  await expect(editor.locator('.review-actions').innerText()).resolves.toMatch(/^Status: Draft/)
  await expect(editor.locator('.review-action--submit').innerText()).resolves.toBe('Submit for review')
  await expect(editor.locator('.beijing-doc-date--updated .doc-controls__value').innerText()).resolves.toBe(formatShanghai(draft.updatedAt))

  await editor.goto(`${server.url}/admin/account`)
  await editor.waitForSelector('.binding-code')
  await expect(editor.locator('.binding-code h4').innerText()).resolves.toBe('Bind WeChat')
  await editor.click('.binding-code__issue')
  await editor.waitForSelector('.binding-code__code')
  await expect(editor.locator('.binding-code__code').innerText()).resolves.toMatch(
    /^Before \d{2}:\d{2} \(Beijing time\), send this to the account: 绑定 \d{8} \(works once\)$/,
  )
  await editor.context().close()

  const leader = await signIn('leader@demo.local', 'en')
  await expect(leader.locator('nav.nav__wrap').innerText()).resolves.toContain('Review queue')
  await leader.goto(`${server.url}/admin/collections/auto-replies/create`)
  await leader.waitForSelector('.try-auto-reply')
  const intro = await leader.locator('.try-auto-reply').innerText()
  expect(intro).toContain("Try it: type a resident's message")
  expect(intro).not.toMatch(/[\u4e00-\u9fff]/)
  await leader.click('.try-auto-reply__follow')
  await leader.waitForSelector('.try-auto-reply__result')
  await expect(leader.locator('.try-auto-reply__result').innerText()).resolves.toMatch(/^(Matching rule: .+|No rule matches: no automatic reply\.)$/)
  await leader.context().close()
}, 180_000)

test('an editor sees the leader by name, never 无标题 - ID, on their approved item and in the list', async () => {
  const session = await login(server.url, 'editor@demo.local', 'demo-password')
  const { body } = await api(
    server.url,
    session,
    'GET',
    `/api/articles?where[createdBy][equals]=${session.user.id}&where[reviewStatus][equals]=approved&limit=1&depth=0`,
  )
  const item = body.docs[0] as { id: string; approvedBy: string }
  expect(item?.approvedBy).toBeTruthy()
  // The editor may not read the leader's account: the relationship alone could not be labelled.
  expect([403, 404]).toContain((await api(server.url, session, 'GET', `/api/users/${item.approvedBy}`)).status)
  const page = await signIn('editor@demo.local')
  await page.goto(`${server.url}/admin/collections/articles/${item.id}`)
  await page.waitForSelector('.user-name-field__value')
  const names = await page.locator('.user-name-field__value').allInnerTexts()
  expect(names).toEqual(expect.arrayContaining(['演示审核领导', '演示编辑（西关社区）']))
  await page.click('text=审核记录')
  await expect(page.locator('.user-name-field__value', { hasText: '演示审核领导' }).count()).resolves.toBeGreaterThan(1)
  expect(await page.locator('body').innerText()).not.toMatch(/无标题|Untitled/)
  await page.goto(`${server.url}/admin/collections/articles`)
  await expect(page.locator('.table').innerText()).resolves.toContain('演示编辑（西关社区）')
  expect(await page.locator('.table').innerText()).not.toMatch(/无标题|Untitled/)
  await page.context().close()
}, 120_000)
