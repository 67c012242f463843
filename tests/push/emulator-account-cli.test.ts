import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { emulatorAccountsFile } from '../../src/dev/emulator-accounts'
import { DEMO_APP_ID } from '../../src/dev/demo-account'
import { createCliWorld, type CliWorld } from '../admin-push/cli-helpers'
import { freePort } from '../helpers/server'

// `npm run wechat:emulator:account` as a new user runs it beside `npm start`: the database npm start
// made (migrated, the demo seeded), the emulator as npm start runs it (src/dev/emulator/cli.ts, its
// own process), an account added in the admin; the command registers it with the running emulator.

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..')
const APP_ID = 'wx00000000xiguan02'

let world: CliWorld
let emulator: ChildProcess
let emulatorOut = ''
let url = ''

beforeAll(async () => {
  world = await createCliWorld('http://127.0.0.1:1')
  const port = await freePort()
  emulator = spawn(process.execPath, ['--import', 'tsx', 'src/dev/emulator/cli.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'development',
      DATABASE_URI: world.env.DATABASE_URI,
      WECHAT_EMULATOR_PORT: String(port),
      WECHAT_EMULATOR_HISTORY_DAYS: '0',
      WECHAT_EMULATOR_CALLBACK_URL: `http://127.0.0.1:9/api/wechat/callback/${DEMO_APP_ID}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  emulator.stdout!.on('data', (chunk) => (emulatorOut += chunk))
  emulator.stderr!.on('data', (chunk) => (emulatorOut += chunk))
  const deadline = Date.now() + 60_000
  while (!emulatorOut.includes('listening on') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
  url = `http://127.0.0.1:${port}`
  world.env.WECHAT_API_BASE = url
}, 240_000)

afterAll(() => {
  emulator?.kill('SIGTERM')
  world?.remove()
})

const accounts = async () =>
  ((await (await fetch(`${url}/__emulator/accounts`)).json()) as { accounts: { appId: string; followers: number; callbackUrl: string }[] }).accounts

test('refused with a real account configured; then an account added in the admin is registered with the running emulator, and a second run keeps its keys', async () => {
  expect(emulatorOut).toContain('listening on')
  const added = await world.run('tests/push/fixtures/add-account.ts', [APP_ID, '西关社区服务号'])
  expect(added.code).toBe(0)
  const accountId = /account (\S+)/.exec(added.stdout)![1]!

  // A real account configured: refused, in Chinese, and nothing written.
  const real = await world.runWith({ WECHAT_APP_ID: 'wxrealaccount00001' }, 'scripts/emulator-account.ts', [APP_ID])
  expect(real.code).toBe(3)
  expect(real.stderr).toContain('真实公众号的 AppSecret、Token 和 EncodingAESKey 要在微信公众平台')
  const file = emulatorAccountsFile({ DATABASE_URI: world.env.DATABASE_URI })
  expect(fs.existsSync(file)).toBe(false)

  const first = await world.run('scripts/emulator-account.ts', [APP_ID])
  expect(first.code).toBe(0)
  expect(first.stdout).toContain(`公众号「西关社区服务号」（${APP_ID}，id ${accountId}）`)
  expect(first.stdout).toContain('已生成 AppSecret、Token、EncodingAESKey，加密保存到该公众号')
  expect(first.stdout).toContain('已写入')
  expect(first.stdout).toContain('用这组密钥获取 access_token 成功；演示粉丝 100 人')
  expect(first.stdout).toContain(`http://127.0.0.1:9/api/wechat/callback/${accountId}`)
  expect(fs.statSync(file).mode & 0o777).toBe(0o600)
  expect(await accounts()).toContainEqual({ appId: APP_ID, followers: 100, callbackUrl: `http://127.0.0.1:9/api/wechat/callback/${accountId}` })
  expect(emulatorOut).toContain(`已登记公众号 ${APP_ID}`)
  const written = fs.readFileSync(file, 'utf8')

  const second = await world.run('scripts/emulator-account.ts', [accountId])
  expect(second.code).toBe(0)
  expect(second.stdout).toContain('沿用该公众号已有的 AppSecret、Token、EncodingAESKey')
  expect(second.stdout).toContain('已有，无变化')
  expect(second.stdout).toContain('获取 access_token 成功')
  expect(fs.readFileSync(file, 'utf8')).toBe(written)

  const missing = await world.run('scripts/emulator-account.ts', ['wxnosuchaccount001'])
  expect(missing.code).toBe(2)
  expect(missing.stderr).toContain('没有找到公众号 wxnosuchaccount001')
}, 240_000)
