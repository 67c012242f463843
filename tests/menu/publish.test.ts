/**
 * The menu global on a real Payload: defaults, save-time validation, and publish / compare
 * against the emulator's menu/create and menu/get, leaders and admins only.
 */
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { createLocalReq, type Endpoint, type Payload } from 'payload'
import { startEmulator, type WeChatEmulator } from '../../src/wechat/emulator'
import { loadSavedMenu } from '../../src/wechat/menu/load'
import { createFixtures, type Fixtures } from '../helpers/fixtures'
import { createAccount } from '../callback/helpers'

const ACCOUNT = { appId: 'wxmenutest0000001', appSecret: 'menu-secret-00000000000000000001', token: 'menutoken', encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', messageMode: 'safe' as const }

let env: TestPayload
let payload: Payload
let emulator: WeChatEmulator
let fx: Fixtures

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  emulator = await startEmulator({ faults: null, accounts: [ACCOUNT] })
  process.env.WECHAT_API_BASE = emulator.url
  fx = await createFixtures(payload, 'menu')
  const accountId = await createAccount(payload, ACCOUNT)
  await payload.updateGlobal({ slug: 'wechat-menu' as never, overrideAccess: true, data: { account: accountId } as never })
}, 60_000)

afterAll(async () => {
  delete process.env.WECHAT_API_BASE
  await emulator?.close()
  await env?.close()
})

const endpoint = (path: string): Endpoint => (payload.config.globals.find((global) => global.slug === 'wechat-menu')!.endpoints as Endpoint[]).find((entry) => entry.path === path)!
async function call(path: '/publish' | '/compare', actor: keyof Fixtures['users'] | null) {
  const req = await createLocalReq(actor ? { user: fx.users[actor] as never } : {}, payload)
  const response = await endpoint(path).handler(req)
  return { status: response.status, body: (await response.json()) as Record<string, any> }
}

test('before anyone edits it, the global holds the three sections of the case study', async () => {
  const saved = await loadSavedMenu(payload)
  expect(saved.buttons!.map((button) => button.name)).toEqual(['微·公益', '微·指南', '微·服务'])
  const doc = (await payload.findGlobal({ slug: 'wechat-menu' as never, overrideAccess: true })) as unknown as { buttons: Array<{ name: string }> }
  expect(doc.buttons.map((button) => button.name)).toEqual(['微·公益', '微·指南', '微·服务'])
})

test('saving a menu WeChat would refuse fails with the button named in Chinese', async () => {
  const saved = await loadSavedMenu(payload)
  const buttons = structuredClone(saved.buttons!)
  buttons[0]!.name = '微·公益活动中心'
  const error = (await payload.updateGlobal({ slug: 'wechat-menu' as never, overrideAccess: true, data: { buttons } as never }).catch((caught: unknown) => caught)) as {
    data?: { errors?: Array<{ path: string; message: string }> }
  }
  // The admin shows this message on the buttons field.
  expect(error.data?.errors).toEqual([{ label: expect.anything(), path: 'buttons', message: '第 1 个一级按钮「微·公益活动中心」：名称 23 字节，超过 16 字节（约 5 个汉字）' }])
  expect((await loadSavedMenu(payload)).buttons![0]!.name).toBe('微·公益')
})

test('editors and anonymous users can neither publish nor compare', async () => {
  expect(await call('/publish', 'author')).toMatchObject({ status: 403, body: { errors: [{ message: '只有审核领导或管理员可以发布和核对菜单' }] } })
  expect((await call('/compare', null)).status).toBe(401)
  expect(emulator.account(ACCOUNT.appId).menu).toBeNull()
})

test('compare before publishing says WeChat has no menu; a leader publishes; then both agree', async () => {
  expect((await call('/compare', 'admin')).body).toMatchObject({ same: false, differences: ['微信上还没有菜单：请先发布'] })
  const published = await call('/publish', 'leader')
  expect(published.status).toBe(200)
  expect(published.body.message).toMatch(/^菜单已发布/)
  const live = emulator.account(ACCOUNT.appId).menu as { button: Array<{ name: string; sub_button: Array<Record<string, string>> }> }
  expect(live.button.map((button) => button.name)).toEqual(['微·公益', '微·指南', '微·服务'])
  expect(live.button[1]!.sub_button[0]).toEqual({ type: 'click', name: '办事指南', key: 'GUIDE_LIST' })
  expect((await call('/compare', 'leader')).body).toMatchObject({ same: true, differences: [] })
})

test('a menu changed on WeChat’s side (e.g. in the web console) shows up in compare', async () => {
  const live = emulator.account(ACCOUNT.appId).menu as { button: Array<{ name: string; sub_button: Array<Record<string, string>> }> }
  live.button[2]!.sub_button[0]!.name = '在线预约'
  const compared = await call('/compare', 'admin')
  expect(compared.body.same).toBe(false)
  expect(compared.body.differences).toEqual(['第 3 个一级按钮「微·服务」下第 1 个子按钮名称不同：已保存「预约服务」，线上「在线预约」'])
})

test('WeChat refusing the menu is reported, not swallowed', async () => {
  emulator.account(ACCOUNT.appId).menu = null
  const accountId = (await loadSavedMenu(payload)).account
  await payload.update({ collection: 'wechat-accounts', id: String(accountId), overrideAccess: true, data: { appSecret: 'wrong-secret-000000000000000000001' } as never })
  await payload.delete({ collection: 'wechat-tokens' as never, overrideAccess: true, where: {} })
  const published = await call('/publish', 'admin')
  expect(published.status).toBe(502)
  expect(published.body.errors[0].message).toMatch(/^微信接口失败：/)
  expect(emulator.account(ACCOUNT.appId).menu).toBeNull()
})
