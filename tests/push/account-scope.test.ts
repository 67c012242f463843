import { createLocalReq } from 'payload'
import { accountForStaff, responsibleStaff } from '../../src/services/push/account-scope'
import { assembleWeek } from '../../src/services/push/assemble'
import { monthDayLabel } from '../../src/shared/time'
import { loadMatrixOverview } from '../../src/services/push/matrix-overview'
import { formatShanghai } from '../../src/shared/time'
import { DEFAULT_PUSH_SETTINGS } from '../../src/services/push/settings'
import { decideOnPush } from '../../src/services/push/sign-off'
import { PASSWORD } from '../helpers/fixtures'
import { startPayloadHttp, type PayloadHttp } from '../helpers/payload-http'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { api, graphql, login } from '../helpers/server'
import { ACCOUNT } from '../wechat/support'
import { createPushWorld, type PushWorld } from './helpers'

// Accounts belong to a community (wechat-accounts.community; empty = the street office's). A
// community's leader works on its account's pushes; editors read their community's account's and the
// street office's; the street office's leaders (no community) and admins see all. Through the Local
// API (overrideAccess: false), REST and GraphQL, and the push actions.

let t: TestPayload
let http: PayloadHttp
let world: PushWorld
let streetPush: string
let communityPush: string
let communityAccount: string
const users: Record<string, { id: string; email: string; collection: 'users' }> = {}

beforeAll(async () => {
  t = await startTestPayload()
  http = await startPayloadHttp()
  world = await createPushWorld(t.payload, 6)
  const account = await t.payload.create({
    collection: 'wechat-accounts',
    data: {
      ...ACCOUNT,
      name: '西关社区服务号',
      appId: `wxcomm${Math.random().toString(36).slice(2, 12)}`,
      community: world.fx.communityA,
      type: 'service',
    } as never,
  })
  communityAccount = String(account.id)
  const now = new Date('2026-11-25T02:00:00Z')
  streetPush = (await assembleWeek(t.payload, { accountId: world.accountId, week: '2026-W48', now, settings: DEFAULT_PUSH_SETTINGS })).push.id
  communityPush = (await assembleWeek(t.payload, { accountId: communityAccount, week: '2026-W48', now, settings: DEFAULT_PUSH_SETTINGS })).push.id
  for (const [name, community] of [
    ['leaderA', world.fx.communityA],
    ['leaderB', world.fx.communityB],
  ] as const) {
    const created = await t.payload.create({
      collection: 'users',
      data: { email: `${name}-${Math.random().toString(36).slice(2, 8)}@example.test`, password: PASSWORD, name, role: 'leader', community } as never,
    })
    users[name] = { id: String(created.id), email: created.email, collection: 'users' }
  }
  for (const actor of ['leader', 'author', 'outsider', 'admin'] as const) {
    const user = world.fx.users[actor]
    users[actor] = { id: String(user.id), email: user.email, collection: 'users' }
  }
}, 120_000)
afterAll(async () => {
  await world?.emulator.close()
  await http?.close()
  await t?.close()
})

const userDoc = async (name: string) => ({
  ...(await t.payload.findByID({ collection: 'users', id: users[name].id, overrideAccess: true })),
  collection: 'users' as const,
})

/** The W48 pushes a user reads through the Local API with their access. */
async function readable(name: string): Promise<string[]> {
  const found = await t.payload.find({
    collection: 'weekly-pushes',
    overrideAccess: false,
    user: await userDoc(name),
    depth: 0,
    where: { week: { equals: '2026-W48' } },
  })
  return found.docs.map((doc) => String(doc.id)).sort()
}

test('Local API: who reads which account’s pushes', async () => {
  const both = [streetPush, communityPush].sort()
  expect(await readable('leader')).toEqual(both)
  expect(await readable('admin')).toEqual(both)
  expect(await readable('leaderA')).toEqual(both)
  expect(await readable('author')).toEqual(both)
  expect(await readable('leaderB')).toEqual([streetPush])
  expect(await readable('outsider')).toEqual([streetPush])
})

test('Local API: a community leader changes only their community account’s push; the actions refuse another community (403)', async () => {
  const update = async (name: string, id: string) =>
    t.payload.update({ collection: 'weekly-pushes', id, overrideAccess: false, user: await userDoc(name), data: { audience: 'all' } }).then(
      () => 'saved',
      (error: { status?: number }) => error.status ?? 'error',
    )
  expect(await update('leaderB', communityPush)).not.toBe('saved')
  expect(await update('leaderB', streetPush)).not.toBe('saved')
  expect(await update('leaderA', communityPush)).toBe('saved')
  expect(await update('leader', communityPush)).toBe('saved')

  const reqOf = async (name: string) => createLocalReq({ user: (await userDoc(name)) as never }, t.payload)
  await expect(decideOnPush(await reqOf('leaderB'), communityPush, 'reject', '不发')).rejects.toMatchObject({ status: 403, code: 'other-account' })
  await expect(decideOnPush(await reqOf('leaderA'), streetPush, 'reject', '不发')).rejects.toMatchObject({ status: 403, code: 'other-account' })
})

test('REST and GraphQL: the same scope with real logins', async () => {
  const leaderB = await login(http.url, users.leaderB.email, PASSWORD)
  const leaderA = await login(http.url, users.leaderA.email, PASSWORD)
  const ids = (body: { docs: { id: string }[] }) => body.docs.map((doc) => String(doc.id)).sort()
  const list = async (session: typeof leaderA) => ids((await api(http.url, session, 'GET', '/api/weekly-pushes?where[week][equals]=2026-W48&depth=0')).body)
  expect(await list(leaderB)).toEqual([streetPush])
  expect(await list(leaderA)).toEqual([streetPush, communityPush].sort())
  expect((await api(http.url, leaderB, 'GET', `/api/weekly-pushes/${communityPush}`)).status).toBe(404)

  const refused = await api(http.url, leaderB, 'POST', `/api/weekly-pushes/${communityPush}/action`, { action: 'send-date', date: null })
  expect(refused.status).toBe(403)
  expect(refused.body.errors[0].message).toContain('其他社区')
  const patched = await api(http.url, leaderB, 'PATCH', `/api/weekly-pushes/${communityPush}`, { audience: 'all' })
  expect([403, 404]).toContain(patched.status)

  const answer = await graphql(http.url, leaderB, '{ WeeklyPushes(where: { week: { equals: "2026-W48" } }) { docs { id } } }')
  expect(answer.body.data.WeeklyPushes.docs.map((doc: { id: string }) => String(doc.id))).toEqual([streetPush])
})

test('notices and previews of a push go to the staff responsible for its account', async () => {
  const names = async (accountId: string, roles: ('leader' | 'editor')[]) => (await responsibleStaff(t.payload, accountId, roles)).map((user) => user.id).sort()
  expect(await names(communityAccount, ['leader'])).toEqual([users.leaderA.id])
  // The street office's account: its own leaders (no community), not the communities'.
  expect(await names(world.accountId, ['leader'])).toEqual([users.leader.id])
  expect(await names(communityAccount, ['editor'])).toEqual([String(world.fx.users.author.id), String(world.fx.users.colleague.id)].sort())
  expect(await names(world.accountId, ['editor'])).toContain(String(world.fx.users.outsider.id))
})

test('本周推送 opens the community account for its staff; ?account= only for an account they may read', async () => {
  const open = async (name: string, asked?: string) => (await accountForStaff(t.payload, (await userDoc(name)) as never, asked))?.id
  expect(await open('leaderA')).toBe(communityAccount)
  expect(await open('author')).toBe(communityAccount)
  expect(await open('leader')).toBe(world.accountId)
  expect(await open('leader', communityAccount)).toBe(communityAccount)
  // leaderB's community has no account of its own; another community's account is not theirs to open.
  expect(await open('leaderB')).toBe(world.accountId)
  expect(await open('leaderB', communityAccount)).toBe(world.accountId)
})

test('账号矩阵: one row per account the user may see, default account first, with this week, sign-off, quota, last send and followers', async () => {
  const now = new Date('2026-11-25T03:00:00Z')
  await t.payload.create({
    collection: 'followers',
    data: { account: communityAccount, openid: 'o-matrix-1', subscribed: true } as never,
    overrideAccess: true,
  })
  // WeChat's own count, as the analytics sync stores it: the latest day with a figure counts (a day
  // getusercumulate listed nothing for is stored empty and skipped, as 统计分析 skips it).
  for (const [date, cumulateUser] of [
    ['2026-11-22', 98],
    ['2026-11-23', 100],
    ['2026-11-24', null],
  ] as const) {
    await t.payload.create({
      collection: 'analytics-days',
      overrideAccess: true,
      data: { key: `${communityAccount}:${date}`, account: communityAccount, date, cumulateUser } as never,
    })
  }
  const rows = await loadMatrixOverview(t.payload, { user: (await userDoc('leader')) as never }, now)
  expect(rows.map((row) => row.accountId)).toEqual([world.accountId, communityAccount])
  expect(rows[0]).toMatchObject({
    week: '2026-W48',
    community: null,
    push: { status: 'proposed', items: 6, signedOffAt: null },
    quota: { month: '2026-11', used: 0, limit: 4 },
    lastSend: null,
    wechatFollowers: null,
  })
  // The community's account took 西关's three items (its own items are not capped; 土门's are not its).
  expect(rows[1]).toMatchObject({ community: expect.stringContaining('西关社区'), push: { items: 3 }, followers: 1 })
  expect(rows[1].wechatFollowers).toEqual({ count: 100, date: '2026-11-23' })
  expect(monthDayLabel('2026-11-23', '2026')).toBe('11 月 23 日')
  expect(monthDayLabel('2025-12-31', '2026')).toBe('2025 年 12 月 31 日')
  expect(formatShanghai(rows[0].sendAt)).toBe('2026-11-26 18:00')
  const theirs = await loadMatrixOverview(t.payload, { user: (await userDoc('leaderB')) as never }, now)
  expect(theirs.map((row) => row.accountId)).toEqual([world.accountId])
})

test('a community account sends an item once: an item another push of the account sent cannot be added back to its bundle', async () => {
  const { editBundle } = await import('../../src/services/push/bundle-edit')
  const { itemRefs } = await import('../../src/services/push/item-refs')
  const req = await createLocalReq({ user: (await userDoc('leaderA')) as never }, t.payload)
  const bundle = itemRefs((await t.payload.findByID({ collection: 'weekly-pushes', id: communityPush, overrideAccess: true, depth: 0 })).items)
  const [moved, ...rest] = bundle
  await editBundle(req, communityPush, rest)
  // Last week's push of the same account went out with that item.
  await t.payload.create({
    collection: 'weekly-pushes',
    overrideAccess: true,
    data: { account: communityAccount, week: '2026-W47', status: 'sent', items: [moved] } as never,
  })
  await expect(editBundle(req, communityPush, [...rest, moved])).rejects.toMatchObject({ status: 400, code: 'not-in-pool' })
  // The street office's account is another account: the same item may still go out there once.
  const street = itemRefs((await t.payload.findByID({ collection: 'weekly-pushes', id: streetPush, overrideAccess: true, depth: 0 })).items)
  expect(street.length).toBeGreaterThan(0)
})

test('立即生成本周推送 over REST acts on the account asked for (body or query), within the user’s account scope', async () => {
  const leaderA = await login(http.url, users.leaderA.email, PASSWORD)
  const leaderB = await login(http.url, users.leaderB.email, PASSWORD)
  const generate = (session: typeof leaderA, body: Record<string, unknown>, query = '') =>
    api(http.url, session, 'POST', `/api/weekly-pushes/generate${query}`, body)
  // Another community's leader may not make it; nor may a community's leader make the street office's.
  const other = await generate(leaderB, { account: communityAccount })
  expect(other.status).toBe(403)
  expect(other.body.errors[0].code).toBe('other-account')
  expect((await generate(leaderA, { account: world.accountId })).status).toBe(403)
  expect((await generate(leaderA, { account: 'wx-no-such-account' })).status).toBe(404)

  const made = await generate(leaderA, { account: communityAccount })
  expect(made.status).toBe(201)
  expect(String(made.body.doc.account)).toBe(communityAccount)
  const again = await generate(leaderA, {}, `?account=${communityAccount}`)
  expect(again.status).toBe(409)
  expect(again.body.errors[0].message).toContain('已经生成')
  // The street office's account got nothing from it.
  const streetWeek = await t.payload.find({
    collection: 'weekly-pushes',
    overrideAccess: true,
    where: { and: [{ account: { equals: world.accountId } }, { week: { equals: made.body.doc.week } }] },
  })
  expect(streetWeek.totalDocs).toBe(0)
})
