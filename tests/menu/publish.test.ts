/**
 * An account's menu (its `wechat-menus` row) on a real Payload: the row a new account gets, save-time
 * validation, and publish / compare against the emulator's menu/create and menu/get, leaders and
 * admins only.
 */
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { createLocalReq, type Endpoint, type Payload } from 'payload'
import { startEmulator, type WeChatEmulator } from '../../src/dev/emulator'
import { loadSavedMenu } from '../../src/services/menu/load'
import { createFixtures, type Fixtures } from '../helpers/fixtures'
import { createAccount } from '../callback/helpers'

const ACCOUNT = {
  appId: 'wxmenutest0000001',
  appSecret: 'menu-secret-00000000000000000001',
  token: 'menutoken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  messageMode: 'safe' as const,
}

let env: TestPayload
let payload: Payload
let emulator: WeChatEmulator
let fx: Fixtures
let accountId: string
let menuId: string

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  emulator = await startEmulator({ faults: null, accounts: [ACCOUNT] })
  process.env.WECHAT_API_BASE = emulator.url
  fx = await createFixtures(payload, 'menu')
  accountId = await createAccount(payload, ACCOUNT)
  menuId = String((await payload.find({ collection: 'wechat-menus', overrideAccess: true, where: { account: { equals: accountId } } })).docs[0]!.id)
}, 60_000)

afterAll(async () => {
  delete process.env.WECHAT_API_BASE
  await emulator?.close()
  await env?.close()
})

const endpoint = (path: string): Endpoint =>
  (payload.config.collections.find((collection) => collection.slug === 'wechat-menus')!.endpoints as Endpoint[]).find((entry) => entry.path === `/:id${path}`)!
async function call(path: '/publish' | '/compare', actor: keyof Fixtures['users'] | null, body?: Record<string, unknown>) {
  const req = await createLocalReq(actor ? { user: fx.users[actor] as never } : {}, payload)
  req.routeParams = { id: menuId }
  // What the admin's 发布 button posts: the menu its form shows.
  if (body) req.data = body
  const response = await endpoint(path).handler(req)
  return { status: response.status, body: (await response.json()) as Record<string, any> }
}

test('a new account gets its own menu row with the three sections of the case study, titled with its name', async () => {
  const saved = await loadSavedMenu(payload, accountId)
  expect(saved.buttons!.map((button) => button.name)).toEqual(['微·公益', '微·指南', '微·服务'])
  const doc = await payload.findByID({ collection: 'wechat-menus', id: menuId, overrideAccess: true, depth: 0 })
  expect(doc.buttons!.map((button) => button.name)).toEqual(['微·公益', '微·指南', '微·服务'])
  expect(doc).toMatchObject({ account: accountId, title: `测试号 ${ACCOUNT.appId}` })
})

test('saving a menu WeChat would refuse fails on the very field, with the button and the reason in Chinese', async () => {
  const saved = await loadSavedMenu(payload, accountId)
  const buttons = structuredClone(saved.buttons!)
  buttons[0]!.name = '微·公益活动中心'
  const error = (await payload
    .update({ collection: 'wechat-menus', id: menuId, overrideAccess: true, data: { buttons } as never })
    .catch((caught: unknown) => caught)) as {
    data?: { errors?: Array<{ path: string; message: string }> }
  }
  // The admin marks buttons.0.name with this message (Payload shows a field's error by its path).
  expect(error.data?.errors).toEqual([
    { label: expect.anything(), path: 'buttons.0.name', message: '第 1 个一级按钮的名称：最多 16 字节（约 5 个汉字，微信限制），当前 23 字节' },
  ])
  expect((await loadSavedMenu(payload, accountId)).buttons![0]!.name).toBe('微·公益')
})

test('every kind of wrong button is reported on its own field: sub-button names, keys, addresses, mini programs, empty sub-menus', async () => {
  const buttons = structuredClone((await loadSavedMenu(payload, accountId)).buttons!) as Array<Record<string, any>>
  buttons[0]!.subButtons[0].name = '办'.repeat(21) // 63 bytes, over the sub-button's 60
  buttons[1]!.subButtons[1].key = '' // a click without a key
  buttons[1]!.subButtons[2].key = buttons[0]!.subButtons[1].key // VOLUNTEER_SIGNUP twice
  buttons[2]!.subButtons[0] = { name: '预约服务', type: 'view', url: 'ftp://example.org' }
  buttons[2]!.subButtons[1] = { name: '小程序', type: 'miniprogram', url: 'https://example.org', appid: 'wx1234567890' }
  const error = (await payload
    .update({ collection: 'wechat-menus', id: menuId, overrideAccess: true, data: { buttons } as never })
    .catch((caught: unknown) => caught)) as {
    data?: { errors?: Array<{ path: string; message: string }> }
  }
  expect(error.data?.errors?.map(({ path, message }) => ({ path, message }))).toEqual([
    { path: 'buttons.0.subButtons.0.name', message: '第 1 个一级按钮的第 1 个子按钮的名称：最多 60 字节（约 20 个汉字，微信限制），当前 63 字节' },
    { path: 'buttons.1.subButtons.1.key', message: '第 2 个一级按钮的第 2 个子按钮的菜单键（key）：此类型必须填写' },
    {
      path: 'buttons.1.subButtons.2.key',
      message: '第 2 个一级按钮的第 3 个子按钮的菜单键：VOLUNTEER_SIGNUP 已被「志愿者招募」使用（点击统计和回复按菜单键区分）',
    },
    { path: 'buttons.2.subButtons.0.url', message: '第 3 个一级按钮的第 1 个子按钮的网址：须以 http 或 https 开头' },
    { path: 'buttons.2.subButtons.1.pagepath', message: '第 3 个一级按钮的第 2 个子按钮的小程序页面路径：此类型必须填写' },
  ])
  buttons.splice(0, 3, { name: '微·公益', type: 'sub', subButtons: [] })
  const empty = (await payload
    .update({ collection: 'wechat-menus', id: menuId, overrideAccess: true, data: { buttons } as never })
    .catch((caught: unknown) => caught)) as {
    data?: { errors?: Array<{ path: string; message: string }> }
  }
  expect(empty.data?.errors?.map(({ path, message }) => ({ path, message }))).toEqual([
    { path: 'buttons.0.subButtons', message: '第 1 个一级按钮：设为子菜单时至少要有 1 个子按钮' },
  ])
  expect((await loadSavedMenu(payload, accountId)).buttons!.map((button) => button.name)).toEqual(['微·公益', '微·指南', '微·服务'])
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
  // 办事指南 opens the residents' guide pages inside WeChat.
  expect(live.button[1]!.sub_button[0]).toEqual({ type: 'view', name: '办事指南', url: `${process.env.PUBLIC_URL || 'http://localhost:3000'}/m/guides` })
  expect((await call('/compare', 'leader')).body).toMatchObject({ same: true, differences: [] })
})

test('a menu changed on WeChat’s side (e.g. in the web console) shows up in compare', async () => {
  const live = emulator.account(ACCOUNT.appId).menu as { button: Array<{ name: string; sub_button: Array<Record<string, string>> }> }
  live.button[2]!.sub_button[0]!.name = '在线预约'
  const compared = await call('/compare', 'admin')
  expect(compared.body.same).toBe(false)
  expect(compared.body.differences).toEqual(['第 3 个一级按钮「微·服务」下第 1 个子按钮名称不同：已保存「预约服务」，线上「在线预约」'])
})

test('publishing refuses a form that is not the saved menu (a failed save, unsaved edits): WeChat keeps the old menu', async () => {
  const live = structuredClone(emulator.account(ACCOUNT.appId).menu)
  const saved = await loadSavedMenu(payload, accountId)
  const onScreen = structuredClone(saved.buttons!)
  onScreen[0]!.name = '微·公益活动中心' // the edit whose save failed
  const refused = await call('/publish', 'leader', { expected: { buttons: onScreen, account: saved.account } })
  expect(refused.status).toBe(409)
  expect(refused.body.errors[0].message).toBe(
    '未发布：页面上的菜单与已保存的不一致（有未保存的修改，或上次保存没有成功）。请先保存成功再发布；微信上仍是之前的菜单。',
  )
  expect(emulator.account(ACCOUNT.appId).menu).toEqual(live)
  // Another account on screen than saved is a difference too.
  expect((await call('/publish', 'leader', { expected: { buttons: saved.buttons, account: null } })).status).toBe(409)
})

test('publishing the saved menu answers which version went out (its save time, Beijing time)', async () => {
  const buttons = structuredClone((await loadSavedMenu(payload, accountId)).buttons!)
  buttons[2]!.subButtons![0]!.name = '在线预约'
  const doc = (await payload.update({ collection: 'wechat-menus', id: menuId, overrideAccess: true, data: { buttons } as never })) as unknown as {
    updatedAt: string
  }
  const saved = await loadSavedMenu(payload, accountId)
  const published = await call('/publish', 'admin', { expected: { buttons: saved.buttons, account: saved.account } })
  expect(published.status).toBe(200)
  expect(published.body.savedAt).toBe(doc.updatedAt)
  const beijing = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(new Date(doc.updatedAt))
  expect(published.body.message).toBe(`菜单已发布（${beijing} 保存的版本，北京时间），微信客户端约 5 分钟内更新（重新关注可立即看到）`)
  const live = emulator.account(ACCOUNT.appId).menu as { button: Array<{ sub_button: Array<{ name: string }> }> }
  expect(live.button[2]!.sub_button[0]!.name).toBe('在线预约')
})

test('a saved menu that breaks WeChat rules (written around the form) is not published', async () => {
  const live = structuredClone(emulator.account(ACCOUNT.appId).menu)
  const buttons = structuredClone((await loadSavedMenu(payload, accountId)).buttons!)
  buttons[1]!.name = '微·指南与办事大厅'
  // The database written directly, as an import or an older version could have: no field validation.
  await payload.db.updateOne({ collection: 'wechat-menus', id: menuId, data: { buttons } as never, req: await createLocalReq({}, payload) })
  const refused = await call('/publish', 'admin')
  expect(refused.status).toBe(400)
  expect(refused.body.errors[0].message).toBe(
    '未发布：已保存的菜单不符合微信的要求：第 2 个一级按钮「微·指南与办事大厅」：名称 26 字节，超过 16 字节（约 5 个汉字）',
  )
  expect(emulator.account(ACCOUNT.appId).menu).toEqual(live)
  buttons[1]!.name = '微·指南'
  await payload.db.updateOne({ collection: 'wechat-menus', id: menuId, data: { buttons } as never, req: await createLocalReq({}, payload) })
})

test('WeChat refusing the menu is reported, not swallowed', async () => {
  emulator.account(ACCOUNT.appId).menu = null
  await payload.update({
    collection: 'wechat-accounts',
    id: String(accountId),
    overrideAccess: true,
    data: { appSecret: 'wrong-secret-000000000000000000001' } as never,
  })
  await payload.delete({ collection: 'wechat-tokens', overrideAccess: true, where: {} })
  const published = await call('/publish', 'admin')
  expect(published.status).toBe(502)
  expect(published.body.errors[0].message).toMatch(/^微信接口失败：/)
  expect(emulator.account(ACCOUNT.appId).menu).toBeNull()
})
