import fs from 'node:fs'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Debian's Chromium, headless, with nothing that reaches outside this machine. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`找不到 Chromium（${CHROMIUM}）。请先安装：apt-get install chromium，或设置 CHROMIUM_PATH。`)
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/**
 * A new browser context signed in to the admin at `url` as `email` (the demo password), at a desktop's
 * size; answers the page on the dashboard. By default the browser is Chinese in Beijing time;
 * `locale`/`timezoneId` pretend another browser, `language` sets the admin's own language cookie.
 */
export async function signInToAdmin(
  browser: Browser,
  url: string,
  email: string,
  options: { locale?: string; timezoneId?: string; language?: 'en' } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: options.locale ?? 'zh-CN',
    timezoneId: options.timezoneId ?? 'Asia/Shanghai',
    viewport: { width: 1400, height: 1000 },
  })
  if (options.language) await context.addCookies([{ name: 'payload-lng', value: options.language, url }])
  const page = await context.newPage()
  await page.goto(`${url}/admin/login`)
  await page.fill('#field-email', email)
  await page.fill('#field-password', 'demo-password')
  await page.click('button[type=submit]')
  await page.waitForURL(/\/admin$/)
  return { context, page }
}

/** Waits until `locator`'s text contains `text` (the admin renders after its server round trips); throws with what it saw after 20 s. */
export async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  const deadline = Date.now() + 20_000
  let last = ''
  while (Date.now() < deadline) {
    last = await locator.innerText().catch(() => '')
    if (last.includes(text)) return
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`expected “${text}”, saw “${last}”`)
}
