import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { DEMO_APP_ID, DEMO_ORIGINAL_ID, generateAccountSecrets } from '../../src/dev/demo-account'
import { freePort } from '../helpers/server'

// Issue 11, finding 10: the WeChat emulator (no authentication, residents' messages decrypted) never
// runs under NODE_ENV=production; the demo runs it, and the admin, on this machine only.

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..')

interface Exit {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `node args…` in the project with `env` (nothing else of this process's environment but PATH/HOME; NODE_ENV=test unless given). */
function node(
  args: string[],
  env: Record<string, string>,
  { untilStdout, timeoutMs = 60_000 }: { untilStdout?: RegExp; timeoutMs?: number } = {},
): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { NODE_ENV: 'test', PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`timed out:\n${stdout}\n${stderr}`))
    }, timeoutMs)
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      if (untilStdout?.test(stdout)) child.kill('SIGTERM')
    })
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })

test('under NODE_ENV=production the emulator refuses to start, in Chinese, and listens on nothing', async () => {
  const port = await freePort()
  const result = await node(['--import', 'tsx', 'src/dev/emulator/cli.ts'], { NODE_ENV: 'production', WECHAT_EMULATOR_PORT: String(port) })
  expect(result.code).toBe(1)
  expect(result.stderr).toContain('微信模拟器不能在生产环境（NODE_ENV=production）中运行')
  expect(result.stdout).not.toContain('listening')
  expect(await listening(port)).toBe(false)
}, 90_000)

test('in development it starts, on 127.0.0.1 by default, with the account the demo generated', async () => {
  const port = await freePort()
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-account-'))
  const file = path.join(directory, '.wechat-demo-account')
  fs.writeFileSync(file, JSON.stringify({ appId: DEMO_APP_ID, originalId: DEMO_ORIGINAL_ID, ...generateAccountSecrets() }), { mode: 0o600 })
  try {
    const result = await node(
      ['--import', 'tsx', 'src/dev/emulator/cli.ts'],
      { NODE_ENV: 'development', WECHAT_EMULATOR_PORT: String(port), WECHAT_DEMO_ACCOUNT_FILE: file },
      { untilStdout: /appid \S+, mode/ },
    )
    expect(result.stdout).toContain(`WeChat emulator listening on http://127.0.0.1:${port}`)
    expect(result.stdout).toContain(`appid ${DEMO_APP_ID}`)
  } finally {
    fs.rmSync(directory, { recursive: true, force: true })
  }
}, 90_000)

test('without the demo account the install generated, the emulator does not fall back to constants: it refuses, in Chinese', async () => {
  const port = await freePort()
  const missing = path.join(os.tmpdir(), `no-such-${Date.now()}`, '.wechat-demo-account')
  const result = await node(['--import', 'tsx', 'src/dev/emulator/cli.ts'], {
    NODE_ENV: 'development',
    WECHAT_EMULATOR_PORT: String(port),
    WECHAT_DEMO_ACCOUNT_FILE: missing,
  })
  expect(result.code).toBe(1)
  expect(result.stderr).toContain('微信模拟器找不到演示公众号的凭据')
  expect(await listening(port)).toBe(false)
}, 90_000)

/** Evaluates `expression` with scripts/env.mjs and scripts/demo.mjs imported, in a child with `env`. */
async function scripts(expression: string, env: Record<string, string>): Promise<unknown> {
  const program = `import * as envScript from './scripts/env.mjs'; import * as demo from './scripts/demo.mjs'; console.log(JSON.stringify(${expression}))`
  const result = await node(['--input-type=module', '-e', program], env)
  if (result.code !== 0) throw new Error(result.stderr)
  return JSON.parse(result.stdout.trim().split('\n').pop()!)
}

test("npm start's demo: the admin listens on 127.0.0.1 unless HOST opens it; the emulator runs as development on the embedded database, as production on MongoDB (and so refuses)", async () => {
  const adminArgs = 'demo.demoServices({ emulator: null }).find((service) => service.name === "admin").args'
  expect(await scripts(adminArgs, {})).toEqual(['scripts/admin-server.mjs', '-p', '3000', '-H', '127.0.0.1'])
  expect(await scripts(adminArgs, { HOST: '0.0.0.0', PORT: '3005' })).toEqual(['scripts/admin-server.mjs', '-p', '3005', '-H', '0.0.0.0'])
  expect(await scripts('envScript.emulatorEnv()', { NODE_ENV: 'production', DATABASE_URI: 'file:./data/cms.db' })).toEqual({ NODE_ENV: 'development' })
  expect(await scripts('envScript.emulatorEnv()', { NODE_ENV: 'production', DATABASE_URI: 'mongodb://127.0.0.1/cms' })).toEqual({ NODE_ENV: 'production' })
}, 90_000)

test('the callback server listens on 127.0.0.1 unless WECHAT_CALLBACK_HOST opens it (production puts it behind the reverse proxy)', async () => {
  expect(await scripts('envScript.callbackHost()', {})).toBe('127.0.0.1')
  expect(await scripts('envScript.callbackHost()', { WECHAT_CALLBACK_HOST: '0.0.0.0' })).toBe('0.0.0.0')
  const callbackArgs = 'demo.demoServices({ emulator: null }).find((service) => service.name === "callback").env.WECHAT_CALLBACK_HOST'
  expect(await scripts(callbackArgs, {})).toBe('127.0.0.1')
}, 90_000)

test('npm start runs no emulator when the seed generated no demo account (no file), instead of one with invented secrets', async () => {
  const names = 'demo.demoServices({ emulator: "http://127.0.0.1:3100" }).map((service) => service.name)'
  const missing = path.join(os.tmpdir(), `no-such-${Date.now()}`, '.wechat-demo-account')
  expect(await scripts(names, { WECHAT_DEMO_ACCOUNT_FILE: missing })).toEqual(['scheduler', 'callback', 'admin'])
  // With the file (the demo start wrote it) the emulator runs: tests/admin-push/cli-second-terminal.test.ts.
}, 90_000)

test('the callback server run alone (npm run callback) listens on 127.0.0.1 by default', async () => {
  const port = await freePort()
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'callback-host-'))
  try {
    const result = await node(
      ['node_modules/payload/bin.js', 'run', 'scripts/callback-server.ts'],
      {
        NODE_ENV: 'development',
        NODE_OPTIONS: '--conditions=production',
        DATABASE_URI: `file:${path.join(directory, 'cms.db')}`,
        PAYLOAD_SECRET: 'x'.repeat(40),
        WECHAT_CALLBACK_PORT: String(port),
      },
      { untilStdout: /微信回调服务已启动/, timeoutMs: 120_000 },
    )
    expect(result.stdout).toContain(`微信回调服务已启动：http://127.0.0.1:${port}/`)
    // No account configured outside the demo: the office is told to add one.
    expect(result.stdout).toContain('没有默认公众号：请管理员在 微信 → 公众号 中添加')
  } finally {
    fs.rmSync(directory, { recursive: true, force: true })
  }
}, 150_000)
