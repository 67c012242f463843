/**
 * The inbox as staff see it, in Chromium against the system as `npm start` runs it: a resident
 * sends text, a photo and a voice message through the emulator; the scheduler stores them and
 * fetches the files; the editor sees who wrote in the list, the photo inline, the voice (AMR: the
 * browser cannot play it, so it says so and offers the download) and the conversation — in Chinese,
 * and in English when English is chosen.
 */
import type { Browser, Page } from 'playwright-core'
import sharp from 'sharp'
import { DEMO_APP_ID } from '../../src/dev/demo-account'
import { adoptDemoAccount, emulatorDemoAccount } from '../helpers/demo-account'
import { startEmulator, type SimulatedUserMessage, type WeChatEmulator } from '../../src/dev/emulator'
import { launchBrowser, signInToAdmin } from '../helpers/browser'
import { api, freePort, login, startServer, type TestServer } from '../helpers/server'

let emulator: WeChatEmulator
let server: TestServer
let browser: Browser

beforeAll(async () => {
  const callbackPort = await freePort()
  const started = emulatorDemoAccount({ callbackUrl: `http://127.0.0.1:${callbackPort}/api/wechat/callback/${DEMO_APP_ID}` })
  emulator = await startEmulator({ accounts: [started] })
  server = await startServer({ WECHAT_API_BASE: emulator.url, WECHAT_CALLBACK_PORT: String(callbackPort) }, { withScheduler: true, withCallbackServer: true })
  adoptDemoAccount(emulator, server.directory, started)
  browser = await launchBrowser()
}, 180_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await emulator?.close()
})

async function waitFor<T>(probe: () => Promise<T | null>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = await probe()
    if (found) return found
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
}

async function signIn(email: string, language?: 'en'): Promise<Page> {
  return (await signInToAdmin(browser, server.url, email, { language })).page
}

test('the editor sees who wrote, the photo, the voice with a download, and the conversation', async () => {
  const openid = [...emulator.account().users.keys()][5]!
  const photo = await sharp({ create: { width: 120, height: 90, channels: 3, background: '#2060c0' } })
    .jpeg()
    .toBuffer()
  const amr = Buffer.concat([Buffer.from('#!AMR\n', 'latin1'), Buffer.alloc(13 * 50, 0x7c)])
  const sent: SimulatedUserMessage[] = [
    { content: '小区门口的路灯坏了' },
    { msgType: 'image', fields: { PicUrl: 'http://mmbiz.qpic.cn/p.jpg', MediaId: emulator.addTemporaryMedia({ bytes: photo, contentType: 'image/jpeg' }) } },
    { msgType: 'voice', fields: { MediaId: emulator.addTemporaryMedia({ bytes: amr, contentType: 'audio/amr' }), Format: 'amr' } },
  ]
  for (const message of sent) {
    expect((await emulator.simulateUserMessage(openid, message)).delivery).toMatchObject({ ok: true })
    await new Promise((resolve) => setTimeout(resolve, 1100))
  }
  const admin = await login(server.url, 'admin@demo.local', 'demo-password')
  const messages = await waitFor(async () => {
    const found = await api(server.url, admin, 'GET', `/api/resident-messages?where[openid][equals]=${openid}&sort=received`)
    const docs = found.body.docs as Array<{ id: string; type: string; mediaStatus?: string }>
    return docs?.length === 3 && docs.filter((doc) => doc.mediaStatus === 'fetched').length === 2 ? docs : null
  }, 'the scheduler to store the messages and fetch the files')
  const voice = messages.find((message) => message.type === 'voice')!
  const image = messages.find((message) => message.type === 'image')!
  // The demo account has no community tags: the messages wait in the general queue until an
  // admin or a leader moves them (转交社区, here all three at once) to the editor's community.
  const editorCommunity = (await login(server.url, 'editor@demo.local', 'demo-password')).user.community
  const moved = await api(server.url, admin, 'PATCH', `/api/resident-messages?where[openid][equals]=${openid}`, { community: editorCommunity })
  expect(moved.body.docs).toHaveLength(3)

  const editor = await signIn('editor@demo.local')
  await editor.goto(`${server.url}/admin/collections/resident-messages`)
  const masked = `${openid.slice(0, 4)}…${openid.slice(-3)}`
  await editor.getByRole('columnheader', { name: '居民' }).waitFor()
  // The queue each message is in.
  expect(await editor.locator('thead').innerText()).toContain('社区')
  expect(await editor.locator('tbody').innerText()).toContain(masked)
  expect(await editor.locator('tbody').innerText()).not.toContain(openid)

  await editor.goto(`${server.url}/admin/collections/resident-messages/${image.id}`)
  const img = editor.locator('.resident-media__image img')
  await img.waitFor()
  await editor.waitForFunction(() => (document.querySelector('.resident-media__image img') as HTMLImageElement | null)?.naturalWidth === 120)

  await editor.goto(`${server.url}/admin/collections/resident-messages/${voice.id}`)
  await editor.locator('.resident-media__voice').waitFor()
  // Chromium cannot play AMR: a note and the download, not a silent player.
  await expect(editor.locator('.resident-media__unplayable').innerText()).resolves.toContain('浏览器无法直接播放这段语音')
  const download = editor.locator('.resident-media__voice a[download]')
  expect(await download.innerText()).toBe('下载语音')
  const href = await download.getAttribute('href')
  const file = await editor.evaluate(async (url) => {
    const response = await fetch(url!, { credentials: 'include' })
    return { status: response.status, size: (await response.arrayBuffer()).byteLength }
  }, href)
  expect(file).toEqual({ status: 200, size: amr.length })

  const entries = editor.locator('.resident-conversation__entry--message')
  await entries.nth(2).waitFor()
  const texts = await entries.allInnerTexts()
  expect(texts.map((text) => text.split('\n').at(-1))).toEqual(['小区门口的路灯坏了', '[图片]', '[语音]'])
  expect(await editor.locator('.resident-conversation__entry--current').innerText()).toContain('当前留言')
  expect(await editor.locator('.resident-reply').innerText()).toMatch(/还可回复 4[78] 小时/)

  const english = await signIn('editor@demo.local', 'en')
  await english.goto(`${server.url}/admin/collections/resident-messages/${voice.id}`)
  await english.locator('.resident-media__unplayable').waitFor()
  await expect(english.locator('.resident-media__unplayable').innerText()).resolves.toContain('This browser cannot play the voice message')
  await expect(english.locator('.resident-conversation').innerText()).resolves.toContain('Conversation with this resident (Beijing time)')
  await expect(english.locator('.resident-reply').innerText()).resolves.toMatch(/4[78] h( \d+ min)? left to reply/)
}, 120_000)
