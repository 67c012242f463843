/**
 * What a new user meets in the admin's forms, in a real browser: the reason of a refused save on the
 * field itself, live counters before saving, an oversized upload refused in Chinese with the limit,
 * and the menu editor (Chinese labels, phone preview, no publishing of unsaved changes).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { DEMO_APP_ID } from '../../src/dev/demo-account'
import type { WeChatEmulator } from '../../src/dev/emulator'
import { startDemoSystem } from '../helpers/demo-account'
import { expectText, launchBrowser, signInToAdmin } from '../helpers/browser'
import type { TestServer } from '../helpers/server'

let server: TestServer
let browser: Browser
let scratch: string
let emulator: WeChatEmulator

beforeAll(async () => {
  // The demo account talks to the emulator, as after `npm start`.
  ;({ emulator, server } = await startDemoSystem())
  browser = await launchBrowser()
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'forms-browser-'))
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await emulator?.close()
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true })
})

async function signIn(email: string): Promise<Page> {
  return (await signInToAdmin(browser, server.url, email, { locale: 'en-US' })).page
}

const toasts = (page: Page) => page.locator('.payload-toast-container')

test('a 40-character title: the counter turns red before saving; the save shows the reason on the field and in the toast', async () => {
  const page = await signIn('editor@demo.local')
  await page.goto(`${server.url}/admin/collections/articles/create`)
  const first = formStateRound(page)
  await page.fill('#field-title', '长'.repeat(12))
  const counter = page.locator('.field-type.text:has(#field-title) .length-counter')
  await expectText(counter, '12 / 32 字')
  await first
  expect(await counter.getAttribute('class')).not.toContain('length-counter--over')
  await page.fill('#field-title', '长'.repeat(40))
  await expectText(counter, '40 / 32 字，超出 8 字')
  // Saved at once: the form-state request Payload sent for this edit is still out and answers after the
  // save's errors; the field must stay marked with its reason all the same.
  expect(await counter.getAttribute('class')).toContain('length-counter--over')

  await page.click('#action-save')
  const fieldError = page.locator('.field-type.text:has(#field-title) .field-error')
  await fieldError.waitFor({ timeout: 20_000 })
  expect(await fieldError.innerText()).toBe('标题：最多 32 个字（微信图文标题上限），当前 40 个字')
  await expectText(toasts(page), '无法保存：标题：最多 32 个字（微信图文标题上限），当前 40 个字')
  expect(page.url()).toMatch(/\/create$/)
}, 90_000)

test('an upload over 10 MB: the limit is stated beforehand and the refusal names it and the file’s size in Chinese', async () => {
  const page = await signIn('editor@demo.local')
  await page.goto(`${server.url}/admin/collections/media/create`)
  expect(await page.locator('body').innerText()).toContain('不超过 10 MB（微信的图片上限）')
  const big = Buffer.alloc(12 * 1024 * 1024, 0)
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]).copy(big)
  const file = path.join(scratch, 'big-photo.jpg')
  fs.writeFileSync(file, big)
  await page.setInputFiles('input[type=file]', file)
  await page.fill('#field-alt', '大照片')
  await page.click('#action-save')
  await expectText(toasts(page), '文件过大：图片不能超过 10 MB（微信的图片上限），“big-photo.jpg”有 12.0 MB')
  expect(await toasts(page).innerText()).not.toContain('unknown error')
}, 90_000)

test('the menu editor (opened per account from the matrix): Chinese row labels, a compact form, a live phone preview, and no publishing of unsaved or failed changes', async () => {
  const page = await signIn('leader@demo.local')
  // Each account has its own menu: the account matrix links the demo account's.
  await page.goto(`${server.url}/admin/matrix`)
  await page.locator('.account-matrix__menu').first().click()
  await page.waitForURL(/\/admin\/collections\/wechat-menus\/[^/?]+$/)
  await page.locator('.menu-preview__button').first().waitFor()
  const body = await page.locator('body').innerText()
  expect(body).toContain('一级按钮 1 · 微·公益 · 子菜单')
  expect(body).toContain('子按钮 1 · 公益活动 · 点击回复（click）')
  expect(body).not.toMatch(/Button 0\d|Sub Button/)
  // Sub-buttons start collapsed: the form fits in about two screens, not 6,000 px.
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(2500)

  // The phone draws the three sections and their sub-buttons, as WeChat does.
  expect(await page.locator('.menu-preview__button .menu-preview__name').allInnerTexts()).toEqual(['微·公益', '微·指南', '微·服务'])
  const subItems = await page.locator('.menu-preview__sub-item').allInnerTexts()
  expect(subItems).toEqual(expect.arrayContaining(['公益活动', '办事指南', '微信议事园（微问政）', '意见评价']))
  expect(subItems).toHaveLength(10)

  // Typing updates the preview and the byte counter before saving.
  await page.fill('#field-buttons__0__name', '微·公益活动中心')
  await expectText(page.locator('.menu-preview__name').first(), '微·公益活动中心')
  await expectText(page.locator('.field-type.text:has(#field-buttons__0__name) .length-counter'), '23 / 16 字节，超出 7 字节')

  // Publishing now would send the old menu: refused.
  page.on('dialog', (dialog) => void dialog.accept())
  await page.click('.menu-actions__publish')
  await expectText(page.locator('.menu-actions__error'), '未发布：有未保存的修改。请先保存，保存成功后再发布（微信上仍是之前的菜单）。')

  // The save fails on the name's field; publishing after the failed save is still refused.
  await page.click('#action-save')
  const fieldError = page.locator('.field-type.text:has(#field-buttons__0__name) .field-error')
  await fieldError.waitFor({ timeout: 20_000 })
  expect(await fieldError.innerText()).toBe('第 1 个一级按钮的名称：最多 16 字节（约 5 个汉字，微信限制），当前 23 字节')
  await page.click('.menu-actions__publish')
  await expectText(page.locator('.menu-actions__error'), '未发布：')
  expect(emulator.account(DEMO_APP_ID).menu).toBeNull()

  // The saved menu, with nothing pending, is published and the answer names its version.
  await page.reload()
  await page.locator('.menu-preview__button').first().waitFor()
  await page.click('.menu-actions__publish')
  await expectText(toasts(page), '菜单已发布（')
  const live = emulator.account(DEMO_APP_ID).menu as { button: Array<{ name: string }> }
  expect(live.button.map((button) => button.name)).toEqual(['微·公益', '微·指南', '微·服务'])
}, 120_000)

/** The answer to the admin's next form-state request (a server action posted to the page's own URL). */
function formStateRound(page: Page) {
  const here = new URL(page.url()).pathname
  return page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === here, { timeout: 20_000 })
}
