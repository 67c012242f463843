/**
 * Issue 11, finding 2: no WeChat account with published secrets. A start outside the demo invents no
 * account; the demo's account gets secrets generated per install, stored encrypted, handed to the
 * emulator through a 0600 file, and the emulator → callback round trip works with them; an install
 * still holding the published secrets is rotated (demo) or refused (anywhere else).
 */
import { jest } from '@jest/globals'
import fs from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'
import { demoAccountFile, DEMO_APP_ID, DEMO_ORIGINAL_ID, readDemoAccountFile } from '../src/dev/demo-account'
import { prepareWeChatAccounts } from '../src/seed/wechat-account-start'
import { loadAccountCredentials, PublishedCredentialsError } from '../src/services/accounts/accounts'
import { handleCallback } from '../src/wechat/callback/handler'
import { DEMO_ACCOUNT as PUBLISHED, startEmulator } from '../src/dev/emulator'
import { signedPost, testCallbackRuntime, textMessage, serveCallback } from './callback/helpers'
import { startTestPayload, type TestPayload } from './helpers/payload'

let t: TestPayload
let payload: Payload
beforeAll(async () => {
  t = await startTestPayload()
  payload = t.payload
}, 60_000)
afterAll(async () => t?.close())

/** Empties the accounts and the demo file: each test is a first start. */
beforeEach(async () => {
  await payload.delete({ collection: 'wechat-accounts', where: { id: { exists: true } }, overrideAccess: true })
  fs.rmSync(demoAccountFile({ DATABASE_URI: process.env.DATABASE_URI }), { force: true })
})

const accountCount = async () => (await payload.count({ collection: 'wechat-accounts', overrideAccess: true })).totalDocs
const database = () => process.env.DATABASE_URI!

describe('outside the demo no account is invented', () => {
  test('first start with SEED_DEMO=false and no WECHAT_APP_ID: no account, and the office is told to add one', async () => {
    const warnings: string[] = []
    const warn = jest.spyOn(payload.logger, 'warn').mockImplementation(((message: unknown) => void warnings.push(String(message))) as never)
    try {
      expect(await prepareWeChatAccounts(payload, { SEED_DEMO: 'false', DATABASE_URI: database() })).toBe('none')
    } finally {
      warn.mockRestore()
    }
    expect(await accountCount()).toBe(0)
    expect(warnings.join('\n')).toContain('没有默认公众号：请管理员在 微信 → 公众号 中添加公众号并设为默认')
    await expect(loadAccountCredentials(payload)).rejects.toThrow('没有默认公众号')
  })

  test('under NODE_ENV=production: none either — SEED_DEMO unset on the embedded database, or even SEED_DEMO=true on MongoDB', async () => {
    expect(await prepareWeChatAccounts(payload, { NODE_ENV: 'production', DATABASE_URI: database() })).toBe('none')
    expect(await accountCount()).toBe(0)
    expect(await prepareWeChatAccounts(payload, { NODE_ENV: 'production', SEED_DEMO: 'true', DATABASE_URI: 'mongodb://127.0.0.1/cms' })).toBe('none')
    expect(await accountCount()).toBe(0)
    expect(fs.existsSync(demoAccountFile({ DATABASE_URI: database() }))).toBe(false)
  })

  test('with WECHAT_APP_ID and its secrets, the default account comes from them (not the demo)', async () => {
    const env = {
      SEED_DEMO: 'true',
      DATABASE_URI: database(),
      WECHAT_APP_ID: 'wxreal000000000001',
      WECHAT_APP_SECRET: 'real-secret-000000000000000000001',
      WECHAT_TOKEN: 'realtoken',
      WECHAT_ENCODING_AES_KEY: 'B'.repeat(43),
    }
    expect(await prepareWeChatAccounts(payload, env)).toBe('created-from-env')
    const account = await loadAccountCredentials(payload)
    expect(account).toMatchObject({ appId: 'wxreal000000000001', token: 'realtoken' })
    expect(fs.existsSync(demoAccountFile(env))).toBe(false)
  })
})

describe('the demo', () => {
  const demoEnv = () => ({ SEED_DEMO: 'true', NODE_ENV: 'production', DATABASE_URI: database() })

  test('creates one whose Token, EncodingAESKey and AppSecret are generated, stored encrypted, and handed to the emulator in a 0600 file', async () => {
    expect(await prepareWeChatAccounts(payload, demoEnv())).toBe('demo-created')
    const account = await loadAccountCredentials(payload)
    expect(account).toMatchObject({ appId: DEMO_APP_ID, originalId: DEMO_ORIGINAL_ID, messageMode: 'safe' })
    expect(account.token).toMatch(/^[A-Za-z0-9]{32}$/) // WeChat: 3–32 letters and digits
    expect(account.encodingAESKey).toMatch(/^[A-Za-z0-9]{43}$/)
    expect(Buffer.from(`${account.encodingAESKey}=`, 'base64')).toHaveLength(32)
    expect(account.token).not.toBe(PUBLISHED.token)
    expect(account.encodingAESKey).not.toBe(PUBLISHED.encodingAESKey)
    expect(account.appSecret).not.toBe(PUBLISHED.appSecret)

    const file = demoAccountFile(demoEnv())
    expect(path.dirname(file)).toBe(path.dirname(database().slice('file:'.length)))
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    expect(readDemoAccountFile(file)).toEqual({
      appId: DEMO_APP_ID,
      originalId: DEMO_ORIGINAL_ID,
      appSecret: account.appSecret,
      token: account.token,
      encodingAESKey: account.encodingAESKey,
    })

    // At rest only ciphertext: the SQLite file (and its WAL) never holds the plain secrets.
    const stored = fs
      .readdirSync(path.dirname(file))
      .filter((name) => name.startsWith('test.db'))
      .map((name) => fs.readFileSync(path.join(path.dirname(file), name)).toString('latin1'))
      .join('')
    for (const secret of [account.token, account.encodingAESKey, account.appSecret]) expect(stored).not.toContain(secret)

    // A second start keeps them (and rewrites the same file).
    expect(await prepareWeChatAccounts(payload, demoEnv())).toBe('demo-kept')
    expect((await loadAccountCredentials(payload)).token).toBe(account.token)
  })

  test('two installs get different secrets', async () => {
    expect(await prepareWeChatAccounts(payload, demoEnv())).toBe('demo-created')
    const first = await loadAccountCredentials(payload)
    // Another install: a database without accounts and without the file.
    await payload.delete({ collection: 'wechat-accounts', where: { id: { exists: true } }, overrideAccess: true })
    fs.rmSync(demoAccountFile(demoEnv()), { force: true })
    expect(await prepareWeChatAccounts(payload, demoEnv())).toBe('demo-created')
    const second = await loadAccountCredentials(payload)
    expect(second.token).not.toBe(first.token)
    expect(second.encodingAESKey).not.toBe(first.encodingAESKey)
    expect(second.appSecret).not.toBe(first.appSecret)
  })

  test('the emulator, told the generated account through the file, gets through to the callback and its reply', async () => {
    await prepareWeChatAccounts(payload, demoEnv())
    const demo = await loadAccountCredentials(payload)
    await payload.create({
      collection: 'auto-replies',
      overrideAccess: true,
      data: { name: '默认', kind: 'default', replyType: 'text', text: '已收到您的留言。' } as never,
    })
    const runtime = testCallbackRuntime(payload)
    const { server: server, base: serverBase } = await serveCallback(() => runtime.deps)
    // What src/dev/emulator/cli.ts does: the account from the file the demo start wrote.
    const fromFile = readDemoAccountFile(demoAccountFile(demoEnv()))!
    const callbackUrl = `${serverBase}/${DEMO_APP_ID}`
    const emulator = await startEmulator({ faults: null, accounts: [{ ...fromFile, messageMode: 'safe', followerCount: 2, callbackUrl }] })
    try {
      const openid = [...emulator.account(DEMO_APP_ID).users.keys()][0]!
      const result = await emulator.simulateUserMessage(openid, { content: '路灯坏了' }, DEMO_APP_ID)
      expect(result.delivery?.attempts.map((attempt) => attempt.status)).toEqual([200])
      expect(result.delivery?.reply).toContain('已收到您的留言。')
      // The API side too: the emulator issues tokens for the generated AppSecret only.
      const token = await fetch(`${emulator.url}/cgi-bin/token?grant_type=client_credential&appid=${DEMO_APP_ID}&secret=${demo.appSecret}`)
      expect(((await token.json()) as { access_token?: string }).access_token).toBeTruthy()
      const published = await fetch(`${emulator.url}/cgi-bin/token?grant_type=client_credential&appid=${DEMO_APP_ID}&secret=${PUBLISHED.appSecret}`)
      expect(((await published.json()) as { errcode?: number }).errcode).toBe(40125)
    } finally {
      await emulator.close()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})

describe('an install that still has the published demo secrets', () => {
  const createPublished = () =>
    payload.create({
      collection: 'wechat-accounts',
      overrideAccess: true,
      data: {
        name: '演示服务号（模拟器）',
        appId: PUBLISHED.appId,
        appSecret: PUBLISHED.appSecret,
        token: PUBLISHED.token,
        encodingAESKey: PUBLISHED.encodingAESKey,
        originalId: PUBLISHED.originalId,
        type: 'service',
        messageMode: 'safe',
        isDefault: true,
      } as never,
    })

  test('the demo start rotates them to fresh random values', async () => {
    await createPublished()
    expect(await prepareWeChatAccounts(payload, { SEED_DEMO: 'true', DATABASE_URI: database() })).toBe('demo-rotated')
    const account = await loadAccountCredentials(payload)
    expect(account.token).not.toBe(PUBLISHED.token)
    expect(account.encodingAESKey).not.toBe(PUBLISHED.encodingAESKey)
    expect(account.appSecret).not.toBe(PUBLISHED.appSecret)
    expect(readDemoAccountFile(demoAccountFile({ DATABASE_URI: database() }))?.token).toBe(account.token)
  })

  test('anywhere else its callbacks are refused, with the reason logged in Chinese', async () => {
    const created = await createPublished()
    const errors: string[] = []
    const error = jest.spyOn(payload.logger, 'error').mockImplementation(((message: unknown) => void errors.push(String(message))) as never)
    try {
      expect(await prepareWeChatAccounts(payload, { SEED_DEMO: 'false', NODE_ENV: 'production', DATABASE_URI: database() })).toBe('exists')
      await expect(loadAccountCredentials(payload)).rejects.toBeInstanceOf(PublishedCredentialsError)
      // A callback forged with the published Token and key: refused as an unknown account.
      const runtime = testCallbackRuntime(payload)
      const timestamp = Math.floor(Date.now() / 1000)
      const request = signedPost(String(created.id), textMessage('oForger', '伪造的留言', String(Date.now()), timestamp), {
        timestamp: String(timestamp),
        mode: 'safe',
        account: PUBLISHED,
      })
      const response = await handleCallback(String(created.id), request, runtime.deps)
      expect(response.status).toBe(404)
    } finally {
      error.mockRestore()
    }
    expect(errors.join('\n')).toContain('仍在使用源代码中公开过的演示 Token / EncodingAESKey')
  })
})

describe('every account its own menu', () => {
  const menuCount = async (account: string) =>
    (await payload.count({ collection: 'wechat-menus', overrideAccess: true, where: { account: { equals: account } } })).totalDocs

  test('the demo account gets its menu row; a start gives one to an account without (an older install), once', async () => {
    expect(await prepareWeChatAccounts(payload, { SEED_DEMO: 'true', NODE_ENV: 'production', DATABASE_URI: database() })).toBe('demo-created')
    const demo = await loadAccountCredentials(payload)
    expect(await menuCount(demo.id)).toBe(1)
    await payload.delete({ collection: 'wechat-menus', overrideAccess: true, where: { account: { equals: demo.id } } })
    expect(await menuCount(demo.id)).toBe(0)
    await prepareWeChatAccounts(payload, { SEED_DEMO: 'true', NODE_ENV: 'production', DATABASE_URI: database() })
    await prepareWeChatAccounts(payload, { SEED_DEMO: 'true', NODE_ENV: 'production', DATABASE_URI: database() })
    expect(await menuCount(demo.id)).toBe(1)
  })
})
