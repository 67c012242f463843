/** The retry policy over real HTTP: token refresh, backoff, bounds, timeouts, and what is never retried. */
import { WeChatApiError } from '../../src/wechat/client'
import type { WeChatEmulator } from '../../src/dev/emulator'
import { clientFor, countPath, fastRetry, issuedTokens, pathsOf } from './helpers/client'
import { ACCOUNT, jpeg, startTestEmulator } from './support'

let emulator: WeChatEmulator
let now = Date.parse('2026-03-02T02:00:00Z')

beforeEach(async () => {
  now = Date.parse('2026-03-02T02:00:00Z')
  emulator = await startTestEmulator({ clock: () => now })
})
afterEach(async () => emulator.close())

const MENU = { button: [{ type: 'click', name: '办事', key: 'SERVICE' }] }

test('token invalidated between calls: 40001, one forced stable_token refresh, then success', async () => {
  const { client } = clientFor(emulator)
  await client.menu.create(MENU)
  emulator.faults.invalidateAllTokens()
  expect(await client.menu.get()).toEqual(MENU)
  expect(pathsOf(emulator)).toEqual(['/cgi-bin/stable_token', '/cgi-bin/menu/create', '/cgi-bin/menu/get', '/cgi-bin/stable_token', '/cgi-bin/menu/get'])
  expect(emulator.requestLog[2]!.errcode).toBe(40001)
  expect(emulator.requestLog[3]!.body).toMatchObject({ force_refresh: true })
})

test('a token still rejected after the one refresh is returned to the caller', async () => {
  const { client } = clientFor(emulator)
  await client.menu.create(MENU)
  emulator.faults.invalidateAllTokens()
  // Revoke the refreshed token too, as soon as it has been handed out.
  const revokeAgain = setInterval(() => {
    if (countPath(emulator, '/cgi-bin/stable_token') === 2) {
      emulator.faults.invalidateAllTokens()
      clearInterval(revokeAgain)
    }
  }, 1)
  emulator.faults.set({ latencyMs: 30, paths: ['/cgi-bin/menu/get'] })
  await expect(client.menu.get()).rejects.toMatchObject({ errcode: 40001 })
  clearInterval(revokeAgain)
  expect(countPath(emulator, '/cgi-bin/stable_token')).toBe(2)
  expect(countPath(emulator, '/cgi-bin/menu/get')).toBe(2)
})

test('an expired stored token (42001) is refreshed and the call succeeds', async () => {
  const { client } = clientFor(emulator, { now: () => now })
  await client.menu.create(MENU)
  // The emulator's clock moves past the token's life while the client's store still trusts it.
  emulator.advanceClock(7201_000)
  expect(await client.menu.get()).toEqual(MENU)
  expect(emulator.requestLog.filter((entry) => entry.path === '/cgi-bin/menu/get').map((entry) => entry.errcode)).toEqual([42001, 0])
})

test('-1 bursts: exponential backoff with jitter, then success', async () => {
  const retry = fastRetry({ maxAttempts: 4, random: () => 1 })
  const { client } = clientFor(emulator, {
    retry: {
      ...retry.retry,
      sleep: async (ms) => {
        retry.sleeps.push(ms)
        if (retry.sleeps.length === 2) emulator.faults.clear()
      },
    },
  })
  await client.menu.create(MENU)
  emulator.faults.set({ systemErrorRate: 1, paths: ['/cgi-bin/menu/get'] })
  expect(await client.menu.get()).toEqual(MENU)
  expect(emulator.requestLog.filter((e) => e.path === '/cgi-bin/menu/get').map((e) => e.errcode)).toEqual([-1, -1, 0])
  // random() = 1: the full exponential delay, 10 then 20 ms.
  expect(retry.sleeps).toEqual([10, 20])
})

test('-1 forever: bounded attempts, then WeChatApiError -1 with its meaning', async () => {
  const retry = fastRetry({ maxAttempts: 3, random: () => 0 })
  const { client } = clientFor(emulator, { retry: retry.retry })
  await client.menu.create(MENU)
  emulator.faults.set({ systemErrorRate: 1, paths: ['/cgi-bin/menu/get'] })
  const error = await client.menu.get().catch((e: unknown) => e)
  expect(error).toBeInstanceOf(WeChatApiError)
  expect(error).toMatchObject({ errcode: -1, kind: 'wechat', attempts: 3, endpoint: '/cgi-bin/menu/get', meaning: '微信系统繁忙，请稍后再试' })
  expect(countPath(emulator, '/cgi-bin/menu/get')).toBe(3)
  // random() = 0: half of each exponential delay (jitter 0.5).
  expect(retry.sleeps).toEqual([5, 10])
})

test('HTTP 500 is retried; when it persists the error says so', async () => {
  const { client } = clientFor(emulator)
  await client.menu.create(MENU)
  emulator.faults.set({ http500Rate: 1, paths: ['/cgi-bin/menu/get'] })
  await expect(client.menu.get()).rejects.toMatchObject({ kind: 'http', httpStatus: 500, errcode: null, attempts: 3 })
  expect(countPath(emulator, '/cgi-bin/menu/get')).toBe(3)
  emulator.faults.clear()
  expect(await client.menu.get()).toEqual(MENU)
})

test('timeout on every request: a slow answer is a timeout, retried, then reported', async () => {
  const { client } = clientFor(emulator, { timeoutMs: 100 })
  await client.menu.create(MENU)
  emulator.faults.set({ latencyMs: 400, paths: ['/cgi-bin/menu/get'] })
  const started = Date.now()
  await expect(client.menu.get()).rejects.toMatchObject({ kind: 'timeout', errcode: null, attempts: 3, meaning: '微信服务器响应超时' })
  expect(Date.now() - started).toBeLessThan(1500)
})

test('uploads have their own timeout', async () => {
  const { client } = clientFor(emulator, { timeoutMs: 2000, uploadTimeoutMs: 100, retry: fastRetry({ maxAttempts: 1 }).retry })
  await client.menu.create(MENU)
  emulator.faults.set({ latencyMs: 400, paths: ['/cgi-bin/media/uploadimg'] })
  await expect(client.media.uploadImage(jpeg())).rejects.toMatchObject({ kind: 'timeout' })
})

test('a dropped answer to a send without clientmsgid is not repeated (it may have gone out)', async () => {
  const { client } = clientFor(emulator)
  const thumb = await client.media.addThumb(jpeg(2048))
  const { mediaId } = await client.draft.add([{ title: '通知', content: '<p>正文</p>', thumb_media_id: thumb.mediaId }])
  emulator.faults.dropNextResponses('/cgi-bin/message/mass/sendall', 1)
  await expect(client.mass.sendAll({ mediaId })).rejects.toMatchObject({ kind: 'network' })
  expect(countPath(emulator, '/cgi-bin/message/mass/sendall')).toBe(1)
  expect(emulator.account().massJobs.size).toBe(1)
})

test('45065: a repeated clientmsgid is returned with the original msg_id, not retried', async () => {
  const { client } = clientFor(emulator)
  const thumb = await client.media.addThumb(jpeg(2048))
  const draft = () => client.draft.add([{ title: '通知', content: '<p>正文</p>', thumb_media_id: thumb.mediaId }]).then((d) => d.mediaId)
  const first = await client.mass.sendAll({ mediaId: await draft(), clientMsgId: 'weekly-10' })
  now += 61_000
  const error = (await client.mass.sendAll({ mediaId: await draft(), clientMsgId: 'weekly-10' }).catch((e: unknown) => e)) as WeChatApiError
  expect(error).toMatchObject({ errcode: 45065, attempts: 1 })
  expect(error.existingMsgId).toBe(first.msgId)
  expect(error.meaning).toContain('已经提交过')
  expect(countPath(emulator, '/cgi-bin/message/mass/sendall')).toBe(2)
})

test('45028 (no quota) is returned at once with its meaning', async () => {
  await emulator.close()
  emulator = await startTestEmulator({ clock: () => now, accounts: [{ ...ACCOUNT, type: 'subscription' }] })
  const { client } = clientFor(emulator)
  const thumb = await client.media.addThumb(jpeg(2048))
  const draft = () => client.draft.add([{ title: '通知', content: '<p>正文</p>', thumb_media_id: thumb.mediaId }]).then((d) => d.mediaId)
  await client.mass.sendAll({ mediaId: await draft() })
  await expect(client.mass.sendAll({ mediaId: await draft() })).rejects.toMatchObject({
    errcode: 45028,
    attempts: 1,
    meaning: expect.stringContaining('没有群发配额'),
  })
  expect(countPath(emulator, '/cgi-bin/message/mass/sendall')).toBe(2)
})

test('45009 (rate limit) backs off for longer, then succeeds', async () => {
  const retry = fastRetry({ random: () => 0.5 })
  const { client } = clientFor(emulator, {
    retry: {
      ...retry.retry,
      sleep: async (ms) => {
        retry.sleeps.push(ms)
        // The minute passes while the client waits.
        now += 60_000
      },
    },
  })
  const thumb = await client.media.addThumb(jpeg(2048))
  const { mediaId } = await client.draft.add([{ title: '通知', content: '<p>正文</p>', thumb_media_id: thumb.mediaId }])
  emulator.account().sendallCallTimes.push(...Array.from({ length: 60 }, () => now))
  const sent = await client.mass.sendAll({ mediaId, clientMsgId: 'weekly-11' })
  expect(sent.msgId).toBeGreaterThan(0)
  expect(emulator.requestLog.filter((e) => e.path === '/cgi-bin/message/mass/sendall').map((e) => e.errcode)).toEqual([45009, 0])
  // Rate-limit base delay (50 ms), not the transient one (10 ms).
  expect(retry.sleeps).toEqual([38])
})

test('45009 that persists: bounded, then returned', async () => {
  const { client } = clientFor(emulator)
  const thumb = await client.media.addThumb(jpeg(2048))
  const { mediaId } = await client.draft.add([{ title: '通知', content: '<p>正文</p>', thumb_media_id: thumb.mediaId }])
  emulator.account().sendallCallTimes.push(...Array.from({ length: 60 }, () => now))
  await expect(client.mass.sendAll({ mediaId, clientMsgId: 'weekly-12' })).rejects.toMatchObject({ errcode: 45009, attempts: 2 })
})

test('the log never contains the app secret or a token, although urllib error messages carry the URL', async () => {
  const { client, logger } = clientFor(emulator, { timeoutMs: 100 })
  await client.menu.create(MENU)
  emulator.faults.invalidateAllTokens()
  await client.menu.get()
  emulator.faults.set({ latencyMs: 300, paths: ['/cgi-bin/menu/get'] })
  const timeout = (await client.menu.get().catch((e: unknown) => e)) as WeChatApiError
  emulator.faults.clear()
  const wrongSecret = clientFor(emulator, { tokenEndpoint: 'classic', appSecret: 'another-secret-0000000000000000000' })
  await wrongSecret.client.menu.get().catch(() => undefined)

  const text = logger.text() + '\n' + wrongSecret.logger.text() + '\n' + timeout.message
  expect(logger.entries.some((entry) => entry.event === 'wechat.token.refresh')).toBe(true)
  expect(logger.entries.some((entry) => entry.event === 'wechat.http' && String(entry.detail).includes('access_token=***'))).toBe(true)
  expect(text).not.toContain(ACCOUNT.appSecret)
  expect(text).not.toContain('another-secret-0000000000000000000')
  const tokens = issuedTokens(emulator)
  expect(tokens.length).toBeGreaterThanOrEqual(2)
  for (const token of tokens) expect(text).not.toContain(token)
})
