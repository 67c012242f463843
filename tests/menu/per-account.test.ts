/**
 * Every account its own menu (`wechat-menus`, one row per account): the row a new account gets (a
 * community's account's defaults link back to the street office's account), the fallback to the
 * defaults, a failing row never failing the account, and who may change which account's menu —
 * through REST and GraphQL over real HTTP (an editor cannot, a community's leader only its
 * community's account's, the street office's leader any) and the publish endpoint.
 */
import { createLocalReq, type Endpoint, type Payload } from 'payload'
import { defaultMenuButtons, STREET_ACCOUNT_ITEM } from '../../src/services/menu/defaults'
import { ensureMenuRow, findMenuRow, loadSavedMenu } from '../../src/services/menu/load'
import { createFixtures, PASSWORD, type Fixtures } from '../helpers/fixtures'
import { startPayloadHttp, type PayloadHttp } from '../helpers/payload-http'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { api, graphql, login, type Session } from '../helpers/server'

const STREET_FOLLOW = 'https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=STREET'

let env: TestPayload
let payload: Payload
let http: PayloadHttp
let fx: Fixtures
const ids = { street: '', a: '', b: '' }
const menus = { street: '', a: '', b: '' }
const as = {} as Record<'editor' | 'streetLeader' | 'leaderA', Session>

async function createAccount(appId: string, extra: Record<string, unknown>): Promise<string> {
  const doc = await payload.create({
    collection: 'wechat-accounts',
    overrideAccess: true,
    data: { name: `测试号 ${appId}`, appId, type: 'service', isDefault: false, pushEnabled: false, ...extra } as never,
  })
  return String(doc.id)
}

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  fx = await createFixtures(payload, 'menus')
  ids.street = await createAccount('wxmenusstreet0001', { name: '街道办服务号', isDefault: true, followUrl: STREET_FOLLOW })
  ids.a = await createAccount('wxmenuscommna0001', { name: '西关社区服务号', community: fx.communityA })
  ids.b = await createAccount('wxmenuscommnb0001', { name: '土门社区服务号', community: fx.communityB })
  for (const key of ['street', 'a', 'b'] as const) menus[key] = (await findMenuRow(payload, ids[key]))!.id
  await payload.create({
    collection: 'users',
    overrideAccess: true,
    data: { email: 'menus-leader-a@example.test', password: PASSWORD, name: '西关领导', role: 'leader', community: fx.communityA } as never,
  })
  http = await startPayloadHttp()
  as.editor = await login(http.url, fx.users.author.email, PASSWORD)
  as.streetLeader = await login(http.url, fx.users.leader.email, PASSWORD)
  as.leaderA = await login(http.url, 'menus-leader-a@example.test', PASSWORD)
}, 120_000)

afterAll(async () => {
  await http?.close()
  await env?.close()
})

const names = (buttons: Array<{ name: string; subButtons?: Array<{ name: string }> | null }>) =>
  buttons.map((button) => [button.name, (button.subButtons ?? []).map((item) => item.name)])

test('each new account has its own row, titled with its name; a community account’s first section links back to the street office', async () => {
  const rows = await payload.find({ collection: 'wechat-menus', overrideAccess: true, depth: 0, sort: 'title' })
  expect(rows.docs.map((row) => [row.title, String(row.account)]).sort()).toEqual(
    [
      ['街道办服务号', ids.street],
      ['西关社区服务号', ids.a],
      ['土门社区服务号', ids.b],
    ].sort(),
  )
  const street = await loadSavedMenu(payload, ids.street)
  expect(names(street.buttons as never)).toEqual(names(defaultMenuButtons() as never))
  const community = (await loadSavedMenu(payload, ids.a)).buttons!
  expect(community[0]!.subButtons!.map((item) => [item.name, item.url ?? item.key])).toEqual([
    ['公益活动', 'WELFARE_EVENTS'],
    ['志愿者招募', 'VOLUNTEER_SIGNUP'],
    [STREET_ACCOUNT_ITEM, STREET_FOLLOW],
  ])
  // The other sections are the street office's services, the same for every resident.
  expect(community.slice(1)).toEqual(
    defaultMenuButtons()
      .slice(1)
      .map((button) => expect.objectContaining({ name: button.name })),
  )
  // A renamed account renames its menu's title.
  await payload.update({ collection: 'wechat-accounts', id: ids.b, overrideAccess: true, data: { name: '土门社区' } })
  expect((await payload.findByID({ collection: 'wechat-menus', id: menus.b, overrideAccess: true })).title).toBe('土门社区')
})

test('one row per account: ensureMenuRow keeps the existing one, the unique index refuses a second', async () => {
  expect(await ensureMenuRow(payload, ids.a)).toBe(menus.a)
  await expect(payload.create({ collection: 'wechat-menus', overrideAccess: true, data: { account: ids.a } as never })).rejects.toThrow()
  expect((await payload.count({ collection: 'wechat-menus', overrideAccess: true, where: { account: { equals: ids.a } } })).totalDocs).toBe(1)
})

test('an account whose row could not be made is still created, and answers from the defaults', async () => {
  // A street office follow link WeChat would refuse in a menu (over 1,024 bytes): the community
  // account's default menu fails its validation, which is logged, not the account's creation.
  await payload.update({ collection: 'wechat-accounts', id: ids.street, overrideAccess: true, data: { followUrl: `${STREET_FOLLOW}&x=${'1'.repeat(1100)}` } })
  const logged: unknown[] = []
  const original = payload.logger.error.bind(payload.logger)
  payload.logger.error = ((...args: unknown[]) => void logged.push(args)) as never
  let created: string
  try {
    created = await createAccount('wxmenuscommnc0001', { name: '新社区服务号', community: fx.communityB })
  } finally {
    payload.logger.error = original
    await payload.update({ collection: 'wechat-accounts', id: ids.street, overrideAccess: true, data: { followUrl: STREET_FOLLOW } })
  }
  expect(await payload.findByID({ collection: 'wechat-accounts', id: created, overrideAccess: true })).toMatchObject({ name: '新社区服务号' })
  expect(await findMenuRow(payload, created)).toBeNull()
  expect(JSON.stringify(logged)).toContain('新社区服务号')
  expect((await loadSavedMenu(payload, created)).buttons!.map((button) => button.name)).toEqual(['微·公益', '微·指南', '微·服务'])
  // The next start gives it its row (ensureMenuRow), and deleting the account deletes it.
  await ensureMenuRow(payload, created)
  expect(await findMenuRow(payload, created)).not.toBeNull()
  await payload.delete({ collection: 'wechat-accounts', id: created, overrideAccess: true })
  expect((await payload.count({ collection: 'wechat-menus', overrideAccess: true, where: { title: { equals: '新社区服务号' } } })).totalDocs).toBe(0)
})

const renamed = async (key: 'street' | 'a' | 'b', name: string) => {
  const doc = await payload.findByID({ collection: 'wechat-menus', id: menus[key], overrideAccess: true, depth: 0 })
  // Without the rows' ids: as a new menu (a create) would be sent; Payload gives rows their own.
  const buttons = JSON.parse(JSON.stringify(doc.buttons!, (key, value: unknown) => (key === 'id' ? undefined : value))) as Array<Record<string, unknown>>
  buttons[1]!.name = name
  return buttons
}
const firstName = async (key: 'street' | 'a' | 'b') =>
  (await payload.findByID({ collection: 'wechat-menus', id: menus[key], overrideAccess: true, depth: 0 })).buttons![1]!.name

test('REST: an editor cannot change a menu, a community’s leader only its community’s account’s, the street office’s leader any', async () => {
  expect((await api(http.url, as.editor, 'GET', `/api/wechat-menus/${menus.a}`)).status).toBe(200)
  expect((await api(http.url, as.editor, 'PATCH', `/api/wechat-menus/${menus.a}`, { buttons: await renamed('a', '编辑改') })).status).toBe(403)
  expect((await api(http.url, as.leaderA, 'PATCH', `/api/wechat-menus/${menus.b}`, { buttons: await renamed('b', '越权改') })).status).toBe(403)
  expect((await api(http.url, as.leaderA, 'PATCH', `/api/wechat-menus/${menus.street}`, { buttons: await renamed('street', '越权改') })).status).toBe(403)
  expect(await firstName('b')).toBe('微·指南')
  expect(await firstName('street')).toBe('微·指南')
  expect((await api(http.url, as.leaderA, 'PATCH', `/api/wechat-menus/${menus.a}`, { buttons: await renamed('a', '西关指南') })).status).toBe(200)
  expect(await firstName('a')).toBe('西关指南')
  expect((await api(http.url, as.streetLeader, 'PATCH', `/api/wechat-menus/${menus.b}`, { buttons: await renamed('b', '土门指南') })).status).toBe(200)
  expect(await firstName('b')).toBe('土门指南')
  // Nor may a community's leader move its menu to another account, or make one for it; deleting is for admins.
  const moved = await api(http.url, as.leaderA, 'PATCH', `/api/wechat-menus/${menus.a}`, { account: ids.b })
  expect((await payload.findByID({ collection: 'wechat-menus', id: menus.a, overrideAccess: true, depth: 0 })).account).toBe(ids.a)
  expect(moved.status).toBeLessThan(500)
  await payload.delete({ collection: 'wechat-menus', id: menus.b, overrideAccess: true })
  expect((await api(http.url, as.leaderA, 'POST', '/api/wechat-menus', { account: ids.b, buttons: await renamed('a', '越权建') })).status).toBe(403)
  const remade = await api(http.url, as.streetLeader, 'POST', '/api/wechat-menus', { account: ids.b, buttons: await renamed('a', '土门指南') })
  expect(remade.status).toBe(201)
  menus.b = remade.body.doc.id
  expect((await api(http.url, as.streetLeader, 'DELETE', `/api/wechat-menus/${menus.b}`)).status).toBe(403)
})

test('GraphQL: the same rules', async () => {
  const update = `mutation($id: String!, $data: mutationWechatMenuUpdateInput!) { updateWechatMenu(id: $id, data: $data) { id buttons { name } } }`
  const tryAs = async (session: Session, key: 'street' | 'a' | 'b', name: string) =>
    (await graphql(http.url, session, update, { id: menus[key], data: { buttons: await renamed(key, name) } })).body
  expect((await tryAs(as.editor, 'a', '编辑改')).errors[0].extensions.statusCode).toBe(403)
  expect((await tryAs(as.leaderA, 'b', '越权改')).errors[0].extensions.statusCode).toBe(403)
  expect(await firstName('b')).toBe('土门指南')
  expect((await tryAs(as.leaderA, 'a', '西关办事')).data.updateWechatMenu.buttons[1].name).toBe('西关办事')
  expect((await tryAs(as.streetLeader, 'street', '街道指南')).data.updateWechatMenu.buttons[1].name).toBe('街道指南')
  const read = await graphql(
    http.url,
    as.editor,
    `
      {
        WechatMenus(limit: 10) {
          totalDocs
        }
      }
    `,
  )
  expect(read.body.data.WechatMenus.totalDocs).toBe(3)
})

test('publish and compare: a community’s leader is refused another account’s menu (403), an unknown row is 404', async () => {
  const endpoint = (payload.config.collections.find((collection) => collection.slug === 'wechat-menus')!.endpoints as Endpoint[]).find(
    (entry) => entry.path === '/:id/compare',
  )!
  const leaderA = (await payload.find({ collection: 'users', overrideAccess: true, where: { email: { equals: 'menus-leader-a@example.test' } } })).docs[0]!
  const call = async (id: string) => {
    const req = await createLocalReq({ user: { ...leaderA, collection: 'users' } as never }, payload)
    req.routeParams = { id }
    const response = await endpoint.handler(req)
    return { status: response.status, body: (await response.json()) as { errors?: Array<{ message: string; code: string }> } }
  }
  expect(await call(menus.street)).toEqual({
    status: 403,
    body: { errors: [{ code: 'other-account', message: '这是其他公众号的菜单：只有该号所属社区的审核领导、街道的审核领导或管理员可以发布和核对' }] },
  })
  expect((await call('no-such-menu')).status).toBe(404)
})
