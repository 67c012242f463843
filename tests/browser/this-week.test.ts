import type { Browser, Page } from 'playwright-core'
import type { WeChatEmulator } from '../../src/dev/emulator'
import { startDemoSystem } from '../helpers/demo-account'
import { launchBrowser } from '../helpers/browser'
import type { TestServer } from '../helpers/server'

// The leader's week on 本周推送, as the demo leader does it in a real browser against the emulator:
// generate now, see whom it reaches and why pool items were left out, reorder / remove / add,
// sign off through the confirmation, revoke, and get a truthful answer to a preview.

let emulator: WeChatEmulator
let server: TestServer
let browser: Browser

beforeAll(async () => {
  ;({ emulator, server } = await startDemoSystem())
  browser = await launchBrowser()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await emulator?.close()
})

const titles = (page: Page) => page.locator('.push-bundle__items .push-bundle__title').allInnerTexts()
const answerOf = (page: Page, scope: string) => page.locator(`${scope} .push-answer`).innerText()

async function waitForText(page: Page, selector: string, text: string) {
  await page.waitForFunction(([sel, want]) => [...document.querySelectorAll(sel!)].some((node) => node.textContent?.includes(want!)), [selector, text], {
    timeout: 30_000,
  })
}

test('the demo leader generates the week, sees audience and pool reasons, edits the bundle, signs off, revokes and previews', async () => {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Shanghai', viewport: { width: 1400, height: 1000 } })
  const page = await context.newPage()
  await page.goto(`${server.url}/admin/login`)
  await page.fill('#field-email', 'leader@demo.local')
  await page.fill('#field-password', 'demo-password')
  await page.click('button[type=submit]')
  await page.waitForURL(/\/admin$/)

  await page.goto(`${server.url}/admin/this-week`)
  await page.click('.push-generate__button')
  await page.waitForSelector('.push-bundle__items')
  await waitForText(page, '.push-actions .push-answer', '已生成')
  // Nobody has bound WeChat: the answer says so and how, never that previews went out.
  expect(await answerOf(page, '.push-actions')).toContain('获取绑定码')
  expect(await answerOf(page, '.push-actions')).not.toContain('预览已发送')

  // To whom, and how many: the emulator's demo account has 100 followers.
  expect(await page.locator('.this-week__audience').innerText()).toContain('全部粉丝')
  expect(await page.locator('.this-week__followers').innerText()).toBe('100 人')
  // Seven approved demo items, six a week: the seventh is in the pool with the selection's reason.
  const firstReason = await page.locator('.push-pool__reason').first().innerText()
  expect(firstReason).toMatch(/本周已满 6 条.*排第 \d+ 位|同一社区每周最多/)

  const before = await titles(page)
  expect(before).toHaveLength(6)
  await page.locator('.push-bundle__down').first().click()
  await page.waitForFunction((want) => document.querySelector('.push-bundle__items .push-bundle__title')?.textContent === want, before[1], { timeout: 30_000 })
  expect(await titles(page)).toEqual([before[1], before[0], ...before.slice(2)])
  expect(await answerOf(page, '.push-bundle')).toContain('顺序已调整')

  const removed = before.at(-1)!
  await page.locator('.push-bundle__remove').last().click()
  await waitForText(page, '.push-pool .push-pool__title', removed)
  expect(await titles(page)).not.toContain(removed)
  expect(await answerOf(page, '.push-bundle')).toContain('已回到待推送池')
  const poolRow = page.locator('.push-pool tr', { hasText: removed })
  expect(await poolRow.locator('.push-pool__reason').getAttribute('data-code')).toBe('addable')
  await poolRow.locator('.push-pool__add').click()
  await waitForText(page, '.push-bundle__items .push-bundle__title', removed)
  expect(await titles(page)).toHaveLength(6)

  // Sign-off asks first, with the items, the audience, the follower count and the time.
  await page.click('.push-action--sign-off')
  const modal = page.locator('.push-confirm--sign-off')
  await modal.waitFor()
  const summary = await modal.innerText()
  for (const title of await titles(page)) expect(summary).toContain(title)
  expect(summary).toContain('全部粉丝')
  expect(summary).toContain('100 人')
  expect(summary).toMatch(/计划发送：(\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）|本周发送时段已过)/)
  await modal.locator('#confirm-action').click()
  await page.waitForSelector('.push-actions[data-push-status="signed_off"]', { timeout: 30_000 })
  expect(await answerOf(page, '.push-actions')).toContain('已审定 6 条')

  await page.click('.push-action--revoke')
  await page.locator('.push-confirm--revoke #confirm-action').click()
  await page.waitForSelector('.push-actions[data-push-status="proposed"]', { timeout: 30_000 })
  expect(await answerOf(page, '.push-actions')).toContain('已撤销审定')
  await waitForText(page, '.this-week__log', '撤销审定')

  await page.click('.push-action--preview')
  await waitForText(page, '.push-actions .push-answer', '没有审核领导绑定微信')
  expect(await page.locator('.push-actions .push-answer').getAttribute('data-tone')).toBe('error')
  expect(emulator.requestLog.filter((entry) => entry.path === '/cgi-bin/message/mass/preview')).toHaveLength(0)

  // The push record's form shows a leader what they decide on, not the send's machinery.
  await page.locator('.this-week__audience ~ section a[href^="/admin/collections/weekly-pushes/"]').first().click()
  await waitForText(page, 'label', '本周内容')
  const form = await page.locator('main, .collection-edit').first().innerText()
  for (const technical of ['占用至', '步骤记录', '已发送预览', 'clientmsgid', '微信编号']) expect(form).not.toContain(technical)
  await context.close()
}, 240_000)
