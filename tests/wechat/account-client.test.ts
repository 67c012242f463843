/**
 * An account's WeChat client is built one way (src/services/accounts/account-client.ts) for the weekly push,
 * the menu and the inbox: its calls are logged through Payload's logger — never straight to the
 * console — and no log entry carries the AppSecret or an access token.
 */
import { jest } from '@jest/globals'
import type { Payload } from 'payload'
import { wechatGateway } from '../../src/services/push/wechat-gateway'
import { clientForAccount } from '../../src/services/accounts/account-client'
import { startEmulator, type WeChatEmulator } from '../../src/dev/emulator'
import { cachedClientForAccount } from '../../src/services/accounts/cached-client'
import { menuRemoteFor } from '../../src/services/menu/wechat'
import { createAccount } from '../callback/helpers'
import { startTestPayload, type TestPayload } from '../helpers/payload'

const ACCOUNT = {
  appId: 'wxaccountclient0001',
  appSecret: 'account-client-secret-000000000000001',
  token: 'clienttoken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  messageMode: 'plain' as const,
  originalId: 'gh_accountclient1',
}

let env: TestPayload
let payload: Payload
let emulator: WeChatEmulator
let accountId: string
let previousBase: string | undefined

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  emulator = await startEmulator({ faults: null, accounts: [{ ...ACCOUNT, callbackUrl: 'http://127.0.0.1:9/unused', followerCount: 1 }] })
  previousBase = process.env.WECHAT_API_BASE
  process.env.WECHAT_API_BASE = emulator.url
  accountId = await createAccount(payload, ACCOUNT)
})

afterAll(async () => {
  if (previousBase === undefined) delete process.env.WECHAT_API_BASE
  else process.env.WECHAT_API_BASE = previousBase
  await emulator?.close()
  await env?.close()
})

/** Runs `call` and returns what went to Payload's logger and to the console meanwhile, as text. */
async function logsOf(call: () => Promise<unknown>): Promise<{ payloadLog: string; consoleLog: string }> {
  const levels = ['debug', 'info', 'warn', 'error'] as const
  const payloadEntries: unknown[] = []
  const consoleEntries: unknown[] = []
  const spies = [
    ...levels.map((level) => jest.spyOn(payload.logger, level).mockImplementation(((...args: unknown[]) => void payloadEntries.push(args)) as never)),
    jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void consoleEntries.push(args)),
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void consoleEntries.push(args)),
  ]
  try {
    await call()
  } finally {
    spies.forEach((spy) => spy.mockRestore())
  }
  return { payloadLog: JSON.stringify(payloadEntries), consoleLog: JSON.stringify(consoleEntries) }
}

test.each([
  ['clientForAccount', async () => (await clientForAccount(payload, accountId)).tags.list()],
  ['the inbox (cachedClientForAccount)', async () => (await cachedClientForAccount(payload, accountId)).tags.list()],
  ['the menu (menuRemoteFor)', async () => (await menuRemoteFor(payload, accountId)).get()],
  ['the weekly push (wechatGateway)', async () => (await wechatGateway(payload, accountId)).status('1').catch(() => null)],
])('%s logs its WeChat calls through Payload, scrubbed, and nothing to the console', async (_name, call) => {
  await payload.delete({ collection: 'wechat-tokens', where: { account: { exists: true } }, overrideAccess: true })
  const { payloadLog, consoleLog } = await logsOf(call)
  expect(payloadLog).toContain('wechat.')
  expect(consoleLog).not.toContain('wechat.')
  expect(payloadLog).not.toContain(ACCOUNT.appSecret)
  const token = await (await clientForAccount(payload, accountId)).tokens.current()
  expect(token.length).toBeGreaterThan(5)
  expect(payloadLog).not.toContain(token)
})
