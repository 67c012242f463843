/**
 * Tryout finding 1 in a real browser: an admin types an account's keys on 微信 → 公众号 (the inputs
 * were missing), sees which are set without seeing them, and gets the console's formats in Chinese.
 * (Leaders and editors are not offered the collection at all; their form state has no key inputs:
 * admin/secret-inputs.test.ts.)
 */
import type { Browser } from 'playwright-core'
import { expectText, launchBrowser, signInToAdmin } from '../helpers/browser'
import { api, login, startServer, type TestServer } from '../helpers/server'

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

const SET = '已设置（留空则保持不变）'

test('an admin types the keys on the account form; they are never shown back; a wrong format is refused in Chinese', async () => {
  const admin = await login(server.url, 'admin@demo.local', 'demo-password')
  const account = (await api(server.url, admin, 'GET', '/api/wechat-accounts?depth=0')).body.docs[0] as { id: string; secretsSet: string }
  expect(account.secretsSet).toBe('appSecret, token, encodingAESKey')

  const { page } = await signInToAdmin(browser, server.url, 'admin@demo.local')
  await page.goto(`${server.url}/admin/collections/wechat-accounts/${account.id}`)
  for (const name of ['appSecret', 'token', 'encodingAESKey', 'previousEncodingAESKey']) {
    await page.locator(`#field-${name}`).waitFor({ timeout: 20_000 })
    expect(await page.locator(`#field-${name}`).inputValue()).toBe('')
  }
  expect(await page.locator('#field-appSecret').getAttribute('placeholder')).toBe(SET)
  expect(await page.locator('#field-previousEncodingAESKey').getAttribute('placeholder')).toBe('未设置')
  expect(await page.content()).not.toContain('enc:v1:')

  await page.fill('#field-token', 'ab')
  await page.fill('#field-previousEncodingAESKey', 'P'.repeat(43))
  await page.click('#action-save')
  await expectText(page.locator('.payload-toast-container'), '令牌（Token）：应为 3–32 位英文字母或数字')

  await page.fill('#field-token', '')
  await page.click('#action-save')
  await expectText(page.locator('.payload-toast-container'), '更新成功')
  const deadline = Date.now() + 20_000
  let secretsSet = ''
  while (Date.now() < deadline && !secretsSet.includes('previousEncodingAESKey')) {
    secretsSet = (await api(server.url, admin, 'GET', `/api/wechat-accounts/${account.id}`)).body.secretsSet
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  expect(secretsSet).toBe('appSecret, token, encodingAESKey, previousEncodingAESKey')
  await page.reload()
  await page.locator('#field-previousEncodingAESKey').waitFor({ timeout: 20_000 })
  expect(await page.locator('#field-previousEncodingAESKey').inputValue()).toBe('')
  expect(await page.locator('#field-previousEncodingAESKey').getAttribute('placeholder')).toBe(SET)
  expect(await page.content()).not.toContain('P'.repeat(43))
}, 120_000)
