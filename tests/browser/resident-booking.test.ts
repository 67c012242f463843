/**
 * A resident's booking as it happens inside WeChat, in Chromium at a phone's size with WeChat's user
 * agent, against the system as `npm start` runs it and the WeChat emulator: the published menu's
 * 办事指南 link, a guide, 预约办理 through the silent web authorisation (the emulator's authorize page
 * answers with a code), a day, a slot, the form, the booking code; staff check the resident in and
 * the timeline shows it; 我的预约; cancelling. No script on any page, nothing wider than 320 px, and
 * outside WeChat the page says to open it there.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { WeChatEmulator } from '../../src/dev/emulator'
import { startDemoSystem } from '../helpers/demo-account'
import { launchBrowser, signInToAdmin } from '../helpers/browser'
import { api, login, type TestServer } from '../helpers/server'

const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 7 Build/UQ1A.240205.004; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/122.0.6261.120 Mobile Safari/537.36 XWEB/1220099 MMWEBSDK/20240301 MMWEBID/1234 MicroMessenger/8.0.48.2580(0x28003036) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64'

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

/** WeChat's browser on a phone: 375 × 740, touch, Chinese, Beijing time, WeChat's user agent. */
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

/** The published menu's sub-button `name`, as WeChat shows it (the emulator's copy of menu/create). */
async function menuUrl(name: string): Promise<string> {
  const admin = await login(server.url, 'admin@demo.local', 'demo-password')
  // The demo account's own menu (its wechat-menus row).
  const row = (await api(server.url, admin, 'GET', '/api/wechat-menus?limit=1&depth=0')).body.docs[0]
  const published = await api(server.url, admin, 'POST', `/api/wechat-menus/${row.id}/publish`, {})
  expect(published.status).toBe(200)
  const menu = emulator.account().menu as { button: Array<{ sub_button?: Array<{ name: string; type: string; url?: string }> }> }
  const button = menu.button.flatMap((top) => top.sub_button ?? []).find((sub) => sub.name === name)
  expect(button).toMatchObject({ type: 'view' })
  return button!.url!
}

const noWiderThan = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth)

test("from the menu to a booking code, checked in by staff, then cancelled — inside WeChat, at a phone's size", async () => {
  const guidesUrl = await menuUrl('办事指南')
  expect(guidesUrl).toBe(`${server.url}/m/guides`)
  const { context, page, scripts } = await phone()
  await page.goto(guidesUrl)
  expect(await page.locator('body').innerText()).toContain('城乡居民基本医疗保险参保登记')
  await page.click('text=城乡居民基本医疗保险参保登记')
  await page.waitForURL(/\/m\/guides\/[^/]+$/)
  expect(await page.locator('body').innerText()).toContain('可网上预约')

  // 预约办理 needs the resident: the emulator's authorize page answers at once with a code.
  const hops: string[] = []
  // Redirects are requests of the same navigation (no frame is shown for them).
  page.on('request', (request) => request.isNavigationRequest() && hops.push(request.url()))
  await page.click('text=预约办理')
  await page.waitForURL(/\/m\/book\/[^/?]+/)
  expect(hops.some((url) => url.startsWith(`${emulator.url}/connect/oauth2/authorize`))).toBe(true)
  expect(hops.some((url) => /\/m\/auth\/callback\?.*\bcode=/.test(url))).toBe(true)
  expect((await context.cookies()).map((cookie) => cookie.name)).toContain('m_session')

  const bookUrl = page.url()
  const body = await page.locator('body').innerText()
  expect(body).toContain('1. 选择日期')
  // The first free slot of the day shown, then the form.
  await page.locator('.m-slot:not(.m-slot_full) input').first().check()
  await page.fill('input[name=name]', '王建国')
  await page.fill('input[name=mobile]', '139-9123-4567')
  await page.click('button:has-text("提交预约")')
  await page.waitForURL(/\/m\/appointments\/[^/?]+\?booked=1$/)
  const booked = await page.locator('body').innerText()
  expect(booked).toContain('预约成功')
  expect(booked).toContain('已预约')
  const code = (await page.locator('.m-code-value').innerText()).trim()
  expect(code).toMatch(/^[2-9A-HJ-NP-Z]{6}$/)
  const appointmentUrl = page.url().replace('?booked=1', '')

  // Staff at the window check the resident in by the code; the resident's page follows.
  const admin = await login(server.url, 'admin@demo.local', 'demo-password')
  const checkIn = await api(server.url, admin, 'POST', '/api/appointments/check-in', { code })
  expect(checkIn.status).toBe(200)
  await page.goto(appointmentUrl)
  const timeline = await page.locator('.m-timeline').innerText()
  expect(timeline).toContain('已签到')
  expect(timeline).toContain('提交预约（本人）')
  // A checked-in matter is not cancelled online.
  expect(await page.locator('button:has-text("取消预约")').count()).toBe(0)

  // A second booking, found in 我的预约, cancelled there.
  await page.goto(`${server.url}/m/guides`)
  await page.click('text=居住证明开具')
  await page.click('text=预约办理')
  await page.waitForURL(/\/m\/(book|appointments)\//)
  if (page.url().includes('/m/book/')) {
    await page.locator('.m-slot:not(.m-slot_full) input').first().check()
    await page.fill('input[name=name]', '王建国')
    await page.fill('input[name=mobile]', '13991234567')
    await page.click('button:has-text("提交预约")')
  }
  // (The demo resident may already hold a booking of this guide from the seed: the page then opens it.)
  await page.waitForURL(/\/m\/appointments\/[^/?]+\?(booked|already)=1$/)
  const secondCode = (await page.locator('.m-code-value').innerText()).trim()
  await page.goto(`${server.url}/m/appointments`)
  const list = await page.locator('.m-list').innerText()
  expect(list).toContain(code)
  expect(list).toContain(secondCode)
  await page.click(`text=预约码 ${secondCode}`)
  await page.click('button:has-text("取消预约")')
  await page.waitForURL(/\?cancelled=1$/)
  expect(await page.locator('body').innerText()).toContain('预约已取消')
  expect(await page.locator('.m-header .m-badge').innerText()).toBe('已取消')

  // Readable at 320 px: nothing wider than the screen.
  await page.setViewportSize({ width: 320, height: 640 })
  for (const path of ['/m/guides', '/m/appointments', appointmentUrl.replace(server.url, '')]) {
    await page.goto(`${server.url}${path}`)
    expect({ path, width: await noWiderThan(page) }).toEqual({ path, width: 320 })
  }
  // Large text (WeChat's 字体大小 and the system's accessibility sizes scale the root font): still no
  // sideways scrolling at 320 px, and the booking code still on the page.
  for (const url of [appointmentUrl, bookUrl]) {
    await page.goto(url)
    await page.addStyleTag({ content: 'html { font-size: 200% !important; }' })
    expect({ url, width: await noWiderThan(page) }).toEqual({ url, width: 320 })
  }
  await page.goto(appointmentUrl)
  expect(await page.locator('.m-code-value').isVisible()).toBe(true)
  expect(scripts).toEqual([])
  await context.close()
})

test("outside WeChat the resident's pages say to open them in WeChat; the guides still read", async () => {
  const { context, page } = await phone(
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
  )
  await page.goto(await menuUrl('预约服务'))
  expect(await page.locator('h1').innerText()).toBe('请在微信中打开')
  await page.click('text=先看看办事指南（无需微信）')
  await page.waitForURL(/\/m\/guides$/)
  expect(await page.locator('body').innerText()).toContain('高龄老人生活补贴申领')
  await context.close()
})

test('staff move the matter in the admin — check-in by code on 今日预约, 受理, 通知补正 on the panel — and the resident follows it in WeChat', async () => {
  // The resident books 高龄老人生活补贴申领 (民政科; it asks for the ID number).
  const resident = await phone()
  await resident.page.goto(`${server.url}/m/guides`)
  await resident.page.click('text=高龄老人生活补贴申领')
  await resident.page.click('text=预约办理')
  await resident.page.waitForURL(/\/m\/book\//)
  await resident.page.locator('.m-slot:not(.m-slot_full) input').first().check()
  await resident.page.fill('input[name=name]', '王建国')
  await resident.page.fill('input[name=mobile]', '13991234567')
  await resident.page.fill('input[name=idNumber]', '61010319500101123X')
  await resident.page.click('button:has-text("提交预约")')
  await resident.page.waitForURL(/\?booked=1$/)
  const code = (await resident.page.locator('.m-code-value').innerText()).trim()
  const residentUrl = resident.page.url().replace('?booked=1', '')
  const appointmentId = residentUrl.split('/').pop()!
  const admin = await login(server.url, 'admin@demo.local', 'demo-password')
  const slotDate = (await api(server.url, admin, 'GET', `/api/appointments/${appointmentId}?depth=0`)).body.slotDate as string

  // The window clerk of 民政科, in the admin.
  const { context, page: staff } = await signInToAdmin(browser, server.url, 'clerk@demo.local')
  await staff.goto(`${server.url}/admin/appointments-today?date=${slotDate}`)
  const row = staff.locator('tr', { has: staff.locator(`text=${code}`) })
  // Lists are masked for everyone; the clerk's office reads the full values on the appointment itself.
  expect(await row.innerText()).toContain('王**')
  expect(await row.innerText()).toContain('139****4567')
  expect(await staff.content()).not.toContain('13991234567')
  const clerk = await login(server.url, 'clerk@demo.local', 'demo-password')
  expect((await api(server.url, clerk, 'GET', `/api/appointments/${appointmentId}?depth=0`)).body).toMatchObject({ name: '王建国', mobile: '13991234567' })
  await staff.fill('.check-in__code', code.toLowerCase())
  await staff.keyboard.press('Enter')
  await staff.locator('.check-in__answer--ok').waitFor()
  await staff.locator(`tr:has-text("${code}") [data-status="checked_in"]`).waitFor()

  // The appointment's panel: 受理, 开始办理, then 通知补正 with what is missing.
  await staff.goto(`${server.url}/admin/collections/appointments/${appointmentId}`)
  await staff.locator('.matter-panel__action--accept').click()
  await staff.locator('.matter-panel__status[data-status="accepted"]').waitFor()
  await staff.locator('.matter-panel__action--start').click()
  await staff.locator('.matter-panel__status[data-status="in_progress"]').waitFor()
  await staff.fill('#matter-note', '请补交老人近期一寸免冠照片 1 张')
  await staff.locator('.matter-panel__action--request_more').click()
  await staff.locator('.matter-panel__status[data-status="needs_more"]').waitFor()

  // The resident's page: each step, the note and the expected completion date.
  await resident.page.goto(residentUrl)
  expect(await resident.page.locator('.m-header .m-badge').innerText()).toBe('需补正')
  const timeline = await resident.page.locator('.m-timeline').innerText()
  for (const label of ['已预约', '已签到', '已受理', '办理中', '需补正', '请补交老人近期一寸免冠照片 1 张', '预计办结日期']) expect(timeline).toContain(label)
  expect(await resident.page.locator('.m-fields').innerText()).toContain('预计办结')

  // A leader sees the same day masked.
  const { context: leader, page: leaderPage } = await signInToAdmin(browser, server.url, 'leader@demo.local')
  await leaderPage.goto(`${server.url}/admin/appointments-today?date=${slotDate}`)
  const leaderRow = await leaderPage.locator('tr', { has: leaderPage.locator(`text=${code}`) }).innerText()
  expect(leaderRow).toContain('王**')
  expect(leaderRow).toContain('139****4567')
  expect(await leaderPage.content()).not.toContain('13991234567')
  await Promise.all([leader.close(), context.close(), resident.context.close()])
})
