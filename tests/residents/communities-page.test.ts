/**
 * 社区服务号 (`/m/communities`): the street office's account links every community account — its
 * name, community, introduction, 关注 link and QR code — on a public page with no JavaScript. The
 * data function and the route handlers on a real Payload (SQLite file) with plain Requests.
 */
import type { Payload } from 'payload'
import sharp from 'sharp'
import { communitiesResponse, communityQrResponse } from '../../src/app/(residents)/m/_lib/community-handlers'
import { communityAccounts } from '../../src/services/accounts/community-accounts'
import { defaultMenuButtons } from '../../src/services/menu/defaults'
import { createAccount } from '../callback/helpers'
import { createFixtures, type Fixtures } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
const ORIGIN = 'https://wx.example.gov.cn'

let env: TestPayload
let payload: Payload
let fx: Fixtures
const ids = {} as Record<'street' | 'a' | 'b', string>

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  fx = await createFixtures(payload, 'communities')
  const qr = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#000' } })
    .png()
    .toBuffer()
  const media = await payload.create({
    collection: 'media',
    overrideAccess: true,
    data: { alt: '二维码' },
    file: { data: qr, mimetype: 'image/png', name: 'community-qr.png', size: qr.length },
  })
  ids.street = await createAccount(payload, { appId: 'wxcommpage0street', token: 'streettoken', encodingAESKey: KEY, messageMode: 'safe' })
  await payload.update({ collection: 'wechat-accounts', id: ids.street, overrideAccess: true, data: { isDefault: true, name: '街道办服务号' } })
  ids.a = await createAccount(payload, { appId: 'wxcommpage0commna', token: 'commatoken', encodingAESKey: KEY, messageMode: 'safe' })
  await payload.update({
    collection: 'wechat-accounts',
    id: ids.a,
    overrideAccess: true,
    data: {
      name: '西关社区服务号',
      community: fx.communityA,
      intro: '西关社区的通知、活动和办事提醒。',
      followUrl: 'https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=MzA5',
      qrCode: media.id,
    },
  })
  ids.b = await createAccount(payload, { appId: 'wxcommpage0commnb', token: 'commbtoken', encodingAESKey: KEY, messageMode: 'safe' })
  await payload.update({ collection: 'wechat-accounts', id: ids.b, overrideAccess: true, data: { name: '土门社区服务号', community: fx.communityB } })
}, 60_000)
afterAll(async () => env?.close())

test('the data: every account with a community, with its public fields only; the street office’s account is not listed', async () => {
  const cards = await communityAccounts(payload)
  expect(cards.map((card) => card.id).sort()).toEqual([ids.a, ids.b].sort())
  const a = cards.find((card) => card.id === ids.a)!
  expect(a).toEqual({
    id: ids.a,
    name: '西关社区服务号',
    community: expect.any(String),
    intro: '西关社区的通知、活动和办事提醒。',
    followUrl: 'https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=MzA5',
    qrPath: `/m/communities/${ids.a}/qr`,
  })
  expect(cards.find((card) => card.id === ids.b)).toMatchObject({ intro: null, followUrl: null, qrPath: null })
  expect(JSON.stringify(cards)).not.toMatch(/wxcommpage|token/)
})

test('the page: Chinese, no script, each account with its community, introduction, 关注 link and QR image', async () => {
  const response = await communitiesResponse(payload, new Request(`${ORIGIN}/m/communities`))
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
  const html = await response.text()
  expect(html).toContain('<html lang="zh-CN"')
  expect(html).toContain('社区服务号')
  expect(html).toContain('西关社区服务号')
  expect(html).toContain('土门社区服务号')
  expect(html).not.toContain('街道办服务号')
  expect(html).toContain('西关社区的通知、活动和办事提醒。')
  expect(html).toContain('href="https://mp.weixin.qq.com/mp/profile_ext?action=home&amp;__biz=MzA5"')
  expect(html).toContain(`src="/m/communities/${ids.a}/qr"`)
  expect(html).not.toContain('<script')
})

test('the QR route serves a community account’s QR image only', async () => {
  const image = await communityQrResponse(payload, new Request(`${ORIGIN}/m/communities/${ids.a}/qr`), ids.a)
  expect(image.status).toBe(200)
  expect(image.headers.get('content-type')).toBe('image/png')
  expect((await sharp(Buffer.from(await image.arrayBuffer())).metadata()).width).toBe(64)
  for (const id of [ids.b, ids.street, 'nope', '../x']) {
    expect((await communityQrResponse(payload, new Request(`${ORIGIN}/m/communities/${id}/qr`), id)).status).toBe(404)
  }
})

test('a QR that is not there says why in the page’s own words, with the way back to the list (not the guides’ not-found)', async () => {
  // 土门's account has no QR uploaded.
  const missing = await (await communityQrResponse(payload, new Request(`${ORIGIN}/m/communities/${ids.b}/qr`), ids.b)).text()
  expect(missing).toContain('<h1>该社区服务号尚未上传二维码</h1>')
  expect(missing).toContain('href="/m/communities"')
  expect(missing).not.toContain('办事指南')
  expect(missing).not.toContain('<script')
  for (const id of [ids.street, 'nope', '../x']) {
    const other = await (await communityQrResponse(payload, new Request(`${ORIGIN}/m/communities/${id}/qr`), id)).text()
    expect(other).toContain('<h1>没有这个社区服务号</h1>')
    expect(other).toContain('href="/m/communities"')
    expect(other).not.toContain('办事指南')
  }
})

test('followUrl must be an https address', async () => {
  for (const bad of ['http://mp.weixin.qq.com/x', 'javascript:alert(1)', 'mp.weixin.qq.com']) {
    await expect(payload.update({ collection: 'wechat-accounts', id: ids.b, overrideAccess: true, data: { followUrl: bad } })).rejects.toThrow(/关注链接/)
  }
})

test('a fresh install’s menu opens the page, and no section has more than five items', () => {
  const menu = defaultMenuButtons(ORIGIN)
  const items = menu.flatMap((section) => section.subButtons ?? [])
  expect(items).toContainEqual(expect.objectContaining({ name: '社区服务号', type: 'view', url: `${ORIGIN}/m/communities` }))
  expect(menu.every((section) => (section.subButtons ?? []).length <= 5)).toBe(true)
})
