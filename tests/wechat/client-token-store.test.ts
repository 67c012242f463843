/**
 * Token stores: several holders racing a refresh make one stable_token call; an instance never
 * replaces a token another instance has just fetched; the token is unreadable through the API.
 */
import { startTestPayload, type TestPayload } from '../helpers/payload'
import type { Payload } from 'payload'
import { MemoryTokenStore, PayloadTokenStore, type TokenStore } from '../../src/wechat/client'
import type { WeChatEmulator } from '../../src/dev/emulator'
import { clientFor, countPath } from './helpers/client'
import { ACCOUNT, startTestEmulator } from './support'

let emulator: WeChatEmulator
let testPayload: TestPayload
let payload: Payload

beforeAll(async () => {
  testPayload = await startTestPayload()
  payload = testPayload.payload
})
afterAll(async () => testPayload?.close())
beforeEach(async () => {
  emulator = await startTestEmulator()
  await payload.delete({ collection: 'wechat-tokens', where: { account: { exists: true } }, overrideAccess: true })
})
afterEach(async () => emulator.close())

const MENU = { button: [{ type: 'click', name: '办事', key: 'SERVICE' }] }

/** Two CMS instances: separate clients, separate store objects, one shared backing store. */
function instances(makeStore: () => TokenStore, count = 2) {
  return Array.from({ length: count }, () => clientFor(emulator, { store: makeStore() }).client)
}

describe.each([
  [
    'memory',
    () => {
      const shared = new MemoryTokenStore()
      return () => shared
    },
  ],
  ['payload', () => () => new PayloadTokenStore(payload, { pollMs: 10 })],
] as const)('%s store', (_name, storeFactory) => {
  test('instances racing for a first token make one stable_token call and share it', async () => {
    const clients = instances(storeFactory(), 3)
    await Promise.all(clients.flatMap((client) => [client.tags.list(), client.tags.list(), client.menu.create(MENU)]))
    expect(countPath(emulator, '/cgi-bin/stable_token')).toBe(1)
    const tokens = new Set(await Promise.all(clients.map((client) => client.tokens.current())))
    expect(tokens.size).toBe(1)
  })

  test('after an invalidation, racing instances force one refresh, not one each', async () => {
    const [a, b] = instances(storeFactory())
    await a!.menu.create(MENU)
    await b!.menu.get()
    emulator.faults.invalidateAllTokens()
    await Promise.all([a!.menu.get(), b!.menu.get(), a!.tags.list(), b!.tags.list()])
    const tokenCalls = emulator.requestLog.filter((entry) => entry.path === '/cgi-bin/stable_token')
    expect(tokenCalls.map((entry) => (entry.body as { force_refresh: boolean }).force_refresh)).toEqual([false, true])
    // Nobody's token was knocked out: every call after the refresh succeeded on its first try.
    expect(emulator.requestLog.filter((entry) => entry.path !== '/cgi-bin/stable_token' && entry.errcode !== 0).length).toBeLessThanOrEqual(4)
    expect(emulator.requestLog.at(-1)!.errcode).toBe(0)
  })
})

describe('payload store', () => {
  test('the token row: account, expiry and no lock left behind', async () => {
    const { client } = clientFor(emulator, { store: new PayloadTokenStore(payload) })
    await client.tags.list()
    const { docs } = await payload.find({ collection: 'wechat-tokens', overrideAccess: true })
    expect(docs).toHaveLength(1)
    const row = docs[0] as unknown as Record<string, unknown>
    expect(row.account).toBe(ACCOUNT.appId)
    expect(String(row.accessToken)).toHaveLength(160)
    expect(Date.parse(String(row.expiresAt))).toBeGreaterThan(Date.now() + 7000_000)
    expect(row.lockedUntil ?? null).toBeNull()
    expect(row.lockOwner ?? null).toBeNull()
  })

  test("the lock is exclusive; a crashed holder's expired lock is taken over", async () => {
    const first = new PayloadTokenStore(payload, { pollMs: 5 })
    const second = new PayloadTokenStore(payload, { pollMs: 5 })
    const order: string[] = []
    let releaseFirst!: () => void
    const firstHolds = first.withRefreshLock(ACCOUNT.appId, async () => {
      order.push('first in')
      await new Promise<void>((resolve) => (releaseFirst = resolve))
      order.push('first out')
    })
    while (order.length === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    const secondWaits = second.withRefreshLock(ACCOUNT.appId, async () => void order.push('second in'))
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(order).toEqual(['first in'])
    releaseFirst()
    await Promise.all([firstHolds, secondWaits])
    expect(order).toEqual(['first in', 'first out', 'second in'])

    await payload.update({
      collection: 'wechat-tokens',
      where: { account: { equals: ACCOUNT.appId } },
      data: { lockedUntil: new Date(Date.now() - 1000).toISOString(), lockOwner: 'crashed-instance' } as never,
      overrideAccess: true,
    })
    await expect(second.withRefreshLock(ACCOUNT.appId, async () => 'taken over')).resolves.toBe('taken over')
  })

  test('a live lock held by someone else times out with a clear error', async () => {
    const holder = new PayloadTokenStore(payload)
    const waiter = new PayloadTokenStore(payload, { lockWaitMs: 80, pollMs: 10 })
    let release!: () => void
    const held = holder.withRefreshLock(ACCOUNT.appId, () => new Promise<void>((resolve) => (release = resolve)))
    await new Promise((resolve) => setTimeout(resolve, 30))
    await expect(waiter.withRefreshLock(ACCOUNT.appId, async () => 'never')).rejects.toThrow('刷新锁等待超时')
    release()
    await held
  })

  test('the token is never readable through the API; admins see only the non-secret fields', async () => {
    await new PayloadTokenStore(payload).save(ACCOUNT.appId, { accessToken: 'secret-token-value-123456', expiresAt: Date.now() + 3600_000 })
    const admin = { id: 'admin-1', collection: 'users', role: 'admin', active: true } as never
    const editor = { id: 'editor-1', collection: 'users', role: 'editor', active: true } as never
    const asAdmin = await payload.find({ collection: 'wechat-tokens', overrideAccess: false, user: admin })
    expect(asAdmin.docs).toHaveLength(1)
    const row = asAdmin.docs[0] as unknown as Record<string, unknown>
    expect(row.account).toBe(ACCOUNT.appId)
    expect(row.expiresAt).toBeTruthy()
    expect(row).not.toHaveProperty('accessToken')
    expect(JSON.stringify(asAdmin)).not.toContain('secret-token-value-123456')
    await expect(payload.find({ collection: 'wechat-tokens', overrideAccess: false, user: editor })).rejects.toThrow()
    await expect(payload.create({ collection: 'wechat-tokens', data: { account: 'wxother' } as never, overrideAccess: false, user: admin })).rejects.toThrow()
  })
})
