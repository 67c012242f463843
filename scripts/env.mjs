// Shared by the npm scripts: the environment every entry point derives the same way (`.env`, the
// generated demo secret, the database, which WeChat to talk to), and child processes with Payload's
// workarounds.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')

/** Where `npm start` keeps what it generates for the demo: the secret, the emulator's address. */
export const dataDir = () => path.join(root, 'data')

/** The demo account's app id (src/dev/demo-account.ts; not a secret): it names the account in the callback URL. */
export const DEMO_APP_ID = 'wx0000000000demo01'

/**
 * The file in which `npm start` records the address of the WeChat emulator it runs, so that a
 * command in a second terminal talks to the same WeChat as the server, whatever port it chose.
 */
export const emulatorAddressFile = () => path.join(dataDir(), '.wechat-emulator')

export function loadDotEnv() {
  const file = path.join(root, '.env')
  if (fs.existsSync(file)) process.loadEnvFile(file)
}

export const isMongo = () => /^mongodb(\+srv)?:\/\//.test(process.env.DATABASE_URI ?? '')

/** A command-line failure: one Chinese line (with the fix to try), never a stack trace. */
export class CliError extends Error {
  constructor(message, exitCode = 1) {
    super(message)
    this.name = 'CliError'
    this.exitCode = exitCode
  }
}

/**
 * A demo run on the embedded database gets a generated secret kept beside the database;
 * MongoDB is production, where a missing secret is an error (CliError).
 */
export function ensureSecret() {
  if ((process.env.PAYLOAD_SECRET ?? '').length >= 32) return
  if (isMongo()) throw new CliError('PAYLOAD_SECRET 未设置（至少 32 个字符）。生产环境请在 .env 中设置。')
  const file = path.join(dataDir(), '.payload-secret')
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir(), { recursive: true })
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
    console.warn(`⚠ 未设置 PAYLOAD_SECRET：已为演示环境生成一个，保存在 data/.payload-secret。正式部署请在 .env 中设置。`)
  }
  process.env.PAYLOAD_SECRET = fs.readFileSync(file, 'utf8').trim()
}

/** Without real credentials (WECHAT_APP_ID) or an explicit WECHAT_API_BASE, the demo talks to the emulator. */
export const usesEmulator = () => !process.env.WECHAT_APP_ID && !process.env.WECHAT_API_BASE

/** The port `npm start` runs the emulator on: WECHAT_EMULATOR_PORT, default 3100. */
export const emulatorPort = () => process.env.WECHAT_EMULATOR_PORT || '3100'

/**
 * The address the demo's admin (`next start`) listens on: HOST, default 127.0.0.1 (this machine
 * only). Set HOST=0.0.0.0 to open it to the network, and PUBLIC_URL to the address the browsers use
 * (only pages from that address may use a login; see src/http/origins.ts).
 */
export const adminHost = () => process.env.HOST?.trim() || '127.0.0.1'

/**
 * The warning to print when PUBLIC_URL names this machine (localhost, 127.0.0.1, [::1]) on another
 * port than the admin's: the admin accepts a login only from PUBLIC_URL's origin (src/http/origins.ts),
 * so the browser at http://localhost:<PORT> would get 「您无权执行此操作」 on every save, and e-mails
 * would link to the wrong port. Null when PUBLIC_URL is unset, not a URL (the server says so itself),
 * another host (a proxy's public address, whose port rightly differs), or on the admin's port.
 *
 * Why a warning and not a wider list of trusted origins: origins.ts trusts PUBLIC_URL's origin only
 * on purpose (any page on another port of the same host could otherwise act as a signed-in leader);
 * guessing that a second origin is also meant would undo that. The operator fixes the one setting.
 * @param {{ PUBLIC_URL?: string, PORT?: string }} env
 * @returns {string | null} Chinese, several lines
 */
export function publicUrlPortWarning(env = process.env) {
  const value = env.PUBLIC_URL?.trim()
  if (!value) return null
  let url
  try {
    url = new URL(value)
  } catch {
    return null
  }
  if (!['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) || url.protocol !== 'http:') return null
  const adminPort = env.PORT?.trim() || '3000'
  const publicPort = url.port || '80'
  if (publicPort === adminPort) return null
  return [
    `⚠ PUBLIC_URL=${value} 的端口（${publicPort}）与后台端口 PORT=${adminPort} 不一致：`,
    `  浏览器打开 http://localhost:${adminPort}/admin 后，保存时会提示「您无权执行此操作」（后台只接受来自 PUBLIC_URL 的页面），邮件中的链接也会指向错误的端口。`,
    `  请在 .env 中改为 PUBLIC_URL=http://localhost:${adminPort}，或删除 PUBLIC_URL（本机使用时会自动跟随 PORT）。`,
    `  （若本机另有代理把 ${url.origin} 转到后台，且只从该地址打开后台，可忽略本提示。）`,
  ].join('\n')
}

/**
 * The environment the WeChat emulator runs with. The emulator refuses NODE_ENV=production
 * (src/dev/emulator/cli.ts): it has no authentication and shows residents' messages. The
 * embedded-database demo is not production even though deriveEnv sets NODE_ENV=production for
 * it, so the emulator gets NODE_ENV=development there; on MongoDB (production) NODE_ENV is
 * passed on as it is, and a production start without real WeChat credentials stops with the
 * emulator's refusal instead of serving an unauthenticated WeChat.
 * @returns {Record<string, string>}
 */
export const emulatorEnv = () => ({ NODE_ENV: isMongo() ? (process.env.NODE_ENV ?? 'production') : 'development' })

/** The callback server's port: WECHAT_CALLBACK_PORT, default 3001. */
export const callbackPort = () => process.env.WECHAT_CALLBACK_PORT || '3001'

/**
 * The address the callback server listens on: WECHAT_CALLBACK_HOST, default 127.0.0.1 (this machine
 * only, like the admin). In production the reverse proxy on the same machine forwards
 * https://<host>/api/wechat/callback/ to it; WECHAT_CALLBACK_HOST=0.0.0.0 only when the proxy runs
 * on another machine. (scripts/callback-server.ts applies the same default when run alone.)
 */
export const callbackHost = () => process.env.WECHAT_CALLBACK_HOST?.trim() || '127.0.0.1'

/**
 * Sets process.env the way every entry point needs it, from one place, so that `npm start` and a
 * command run in a second terminal (`npm run push`, `worker`, `callback`, `payload`,
 * `wechat:emulator`) use the same secret, database and WeChat without any extra variable:
 * `.env`; NODE_ENV=production (migrations, never schema push) and TZ=Asia/Shanghai unless set;
 * PAYLOAD_SECRET (generated for the embedded demo, kept in data/.payload-secret); DATABASE_URI
 * (default file:./data/cms.db); and WECHAT_API_BASE: unset with real credentials (the real API),
 * otherwise the emulator — for `role: 'start'` the one `npm start` is about to run (recorded with
 * `recordEmulatorAddress`), for any other role the address the running (or last) demo recorded,
 * else the default port. Throws CliError.
 * With `needsDatabase`, an embedded database file that does not exist yet is a CliError (requireDatabase).
 * Answers `{ emulator }`: the emulator's address when the demo's emulator is the WeChat in use, else null.
 * @param {{ role?: 'start' | 'client', needsDatabase?: boolean }} [options]
 * @returns {{ emulator: string | null }}
 */
export function deriveEnv({ role = 'client', needsDatabase = false } = {}) {
  loadDotEnv()
  process.env.NODE_ENV ||= 'production'
  process.env.TZ ||= 'Asia/Shanghai'
  if (!isMongo()) process.env.DATABASE_URI ||= 'file:./data/cms.db'
  // Before the secret: a command run before `npm start` ever ran is told so, not given a new secret.
  if (needsDatabase) requireDatabase()
  ensureSecret()
  if (!usesEmulator()) return { emulator: null }
  const recorded = role === 'start' ? '' : readEmulatorAddress()
  process.env.WECHAT_API_BASE = recorded || `http://127.0.0.1:${emulatorPort()}`
  return { emulator: process.env.WECHAT_API_BASE }
}

function readEmulatorAddress() {
  try {
    const address = fs.readFileSync(emulatorAddressFile(), 'utf8').trim()
    return /^https?:\/\/[^\s]+$/.test(address) ? address : ''
  } catch {
    return ''
  }
}

/**
 * The file in which the demo start writes the demo WeChat account's generated secrets for the
 * emulator (the same rule as src/dev/demo-account.ts demoAccountFile): WECHAT_DEMO_ACCOUNT_FILE,
 * else `.wechat-demo-account` beside the SQLite file, else data/.
 */
export function demoAccountFilePath() {
  if (process.env.WECHAT_DEMO_ACCOUNT_FILE) return path.resolve(process.env.WECHAT_DEMO_ACCOUNT_FILE)
  const file = sqliteFile()
  return file ? path.join(path.dirname(file), '.wechat-demo-account') : path.join(dataDir(), '.wechat-demo-account')
}

/** `npm start` records the emulator it runs (see emulatorAddressFile). */
export function recordEmulatorAddress(address) {
  fs.mkdirSync(dataDir(), { recursive: true })
  fs.writeFileSync(emulatorAddressFile(), `${address}\n`)
}

/** The SQLite file of DATABASE_URI (relative to the project), or null on MongoDB. */
export function sqliteFile() {
  const uri = process.env.DATABASE_URI ?? ''
  return uri.startsWith('file:') ? path.resolve(root, uri.slice('file:'.length)) : null
}

/** Commands that read the demo's data need the database `npm start` creates; CliError otherwise. */
export function requireDatabase() {
  const file = sqliteFile()
  if (file && !fs.existsSync(file)) {
    throw new CliError(
      `数据库还没有建立（${path.relative(root, file) || file}）：请先运行 npm start（它会建立数据库并创建演示数据），再在另一个终端运行这条命令。`,
    )
  }
}

/** Resolves when `host:port` can be listened on, else throws CliError naming the port and `hint`. */
export function requireFreePort(port, host, hint) {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', (error) => {
      reject(error.code === 'EADDRINUSE' ? new CliError(`端口 ${port} 已被占用：${hint}`) : error)
    })
    probe.listen(Number(port), host, () => probe.close(() => resolve()))
  })
}

/**
 * Runs an npm script's main function: a failure prints one line (Chinese, with the fix to try)
 * and exits non-zero; the stack only when DEBUG is set.
 * @param {() => Promise<unknown>} main
 */
export async function runMain(main) {
  try {
    await main()
  } catch (error) {
    console.error(`✗ ${error instanceof CliError ? error.message : `出错：${error?.message ?? error}（设置 DEBUG=1 可显示详细信息）`}`)
    if (process.env.DEBUG && error instanceof Error) console.error(error.stack)
    process.exit(error instanceof CliError ? error.exitCode : 1)
  }
}

/** Scripts run outside Next need the `production` export condition (a lexical top-level-await bug). */
export function run(command, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    })
    // A terminal's Ctrl-C already reached the child (same process group); passing SIGINT again would
    // hit a child that handles only the first one. SIGTERM asks for the same orderly stop.
    const forward = () => child.kill('SIGTERM')
    process.on('SIGINT', forward)
    process.on('SIGTERM', forward)
    child.on('error', reject)
    child.on('exit', () => {
      process.off('SIGINT', forward)
      process.off('SIGTERM', forward)
    })
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(
            new CliError(
              `${path.basename(command)} ${args.join(' ')} 没有成功（${signal ? `信号 ${signal}` : `退出码 ${code}`}），原因见上面的输出`,
              code || 1,
            ),
          ),
    )
  })
}

export const bin = (name) => path.join(root, 'node_modules', '.bin', name)

export const payloadEnv = (extra = {}) => ({
  NODE_OPTIONS: [process.env.NODE_OPTIONS, '--conditions=production'].filter(Boolean).join(' '),
  ...extra,
})

function newestSource(dir) {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full))
    else newest = Math.max(newest, fs.statSync(full).mtimeMs)
  }
  return newest
}

/** A build is missing or older than the code it serves. */
export function needsBuild() {
  const buildId = path.join(root, '.next', 'BUILD_ID')
  if (!fs.existsSync(buildId)) return true
  const built = fs.statSync(buildId).mtimeMs
  const sources = ['src', 'collections', 'jobs'].map((dir) => newestSource(path.join(root, dir)))
  return Math.max(...sources, fs.statSync(path.join(root, 'package-lock.json')).mtimeMs) > built
}

/**
 * Starts long-running processes side by side; when one ends (or this process gets SIGINT/SIGTERM),
 * the others are asked to stop — SIGTERM, once each — and the returned promise settles after the
 * last has exited, so `npm start` never leaves half the system running and never ends before a
 * process finished its orderly stop (the scheduler removing its heartbeat).
 */
export function runTogether(services) {
  return new Promise((resolve, reject) => {
    let first = null
    // Each child is asked once: a second SIGTERM may cut its orderly stop short (a scheduler removing its heartbeat).
    const asked = new Set()
    const stopAll = () => {
      for (const child of children) {
        if (child.exitCode !== null || child.signalCode !== null || asked.has(child)) continue
        asked.add(child)
        child.kill('SIGTERM')
      }
    }
    const children = services.map(({ name, command, args, env = {} }) => {
      const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
      child.on('exit', (code, signal) => {
        const message = `${name} 已停止（${signal ? `信号 ${signal}` : `退出码 ${code}`}）`
        console.log(`■ ${message}`)
        first ??= { message, clean: code === 0 || signal === 'SIGTERM' || signal === 'SIGINT', code }
        stopAll()
        // Done when every process has finished its stop, not when the first has: npm start's end means all stopped.
        if (!children.every((other) => other.exitCode !== null || other.signalCode !== null)) return
        if (first.clean) resolve(first.message)
        else reject(new CliError(`${first.message}，原因见上面的输出；其他进程已一并停止`, first.code || 1))
      })
      return child
    })
    // SIGTERM whatever this process got (see run), once per child; a repeated Ctrl-C waits for them too.
    let signalled = false
    const onSignal = () => {
      if (signalled) console.log('■ 正在停止各进程，请稍候…')
      signalled = true
      stopAll()
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
  })
}
