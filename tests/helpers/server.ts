import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

const root = path.resolve(__dirname_of(import.meta.url), '..', '..')

function __dirname_of(url: string): string {
  return path.dirname(new URL(url).pathname)
}

export interface TestServer {
  url: string
  /** The callback server's base URL (withCallbackServer), else null. */
  callbackUrl: string | null
  directory: string
  stop: () => Promise<void>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

function runToEnd(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} failed (${code}):\n${output}`))))
  })
}

/**
 * The real system as `npm start` runs it: the production build, migrations applied to a fresh
 * SQLite file, the demo accounts seeded, the admin server (scripts/admin-server.mjs) on a free port.
 */
export interface StartServerOptions {
  /** Also run the scheduler process (`payload run scripts/worker.ts`), as npm start does. */
  withScheduler?: boolean
  /** Also run the callback server (`payload run scripts/callback-server.ts`), as npm start does. */
  withCallbackServer?: boolean
}

export async function startServer(extraEnv: Record<string, string> = {}, options: StartServerOptions = {}): Promise<TestServer> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-server-'))
  const port = await freePort()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NODE_OPTIONS: '--conditions=production',
    DATABASE_URI: `file:${path.join(directory, 'cms.db')}`,
    MEDIA_DIR: path.join(directory, 'media'),
    PAYLOAD_SECRET: randomBytes(32).toString('hex'),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    // As npm start on the embedded database: the demo users and the demo WeChat account, whose
    // secrets the seed generates and writes beside the database (tests/helpers/demo-account.ts).
    SEED_DEMO: 'true',
    ...extraEnv,
  }
  const payloadBin = path.join(root, 'node_modules', '.bin', 'payload')
  await runToEnd(payloadBin, ['migrate'], env)
  await runToEnd(payloadBin, ['run', 'scripts/seed.ts'], env)
  let log = ''
  const started = (command: string, args: string[], childEnv: NodeJS.ProcessEnv): ChildProcess => {
    const running = spawn(command, args, { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] })
    running.stdout?.on('data', (chunk) => (log += chunk))
    running.stderr?.on('data', (chunk) => (log += chunk))
    return running
  }
  // As npm start serves it: Next behind scripts/admin-server.mjs, which knows the client's address.
  const child = started(process.execPath, [path.join(root, 'scripts', 'admin-server.mjs'), '-p', String(port), '-H', '127.0.0.1'], { ...env, NODE_OPTIONS: '' })
  const scheduler = options.withScheduler ? started(payloadBin, ['run', 'scripts/worker.ts'], env) : null
  const callbackPort = options.withCallbackServer ? Number(extraEnv.WECHAT_CALLBACK_PORT ?? (await freePort())) : null
  const callbackServer = callbackPort
    ? started(payloadBin, ['run', 'scripts/callback-server.ts'], { ...env, WECHAT_CALLBACK_PORT: String(callbackPort), WECHAT_CALLBACK_HOST: '127.0.0.1' })
    : null
  const callbackUrl = callbackPort ? `http://127.0.0.1:${callbackPort}` : null
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  /** Polls until `isUp` answers true; fails with the processes' output if `running` exits or time runs out. */
  const waitUntilUp = async (what: string, running: ChildProcess, isUp: () => Promise<boolean>) => {
    for (;;) {
      if (running.exitCode !== null) throw new Error(`${what} exited:\n${log}`)
      try {
        if (await isUp()) return
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`${what} did not start:\n${log}`)
      await new Promise((resolve) => setTimeout(resolve, 300))
    }
  }
  await waitUntilUp('server', child, async () => (await fetch(`${url}/api/users/me`)).status < 500)
  if (callbackServer) await waitUntilUp('callback server', callbackServer, async () => (await fetch(`${callbackUrl}/healthz`)).ok)
  return {
    url,
    callbackUrl,
    directory,
    stop: async () => {
      for (const running of [child, scheduler, callbackServer]) {
        if (!running) continue
        running.kill('SIGTERM')
        await new Promise((resolve) => (running.exitCode !== null ? resolve(null) : running.on('exit', resolve)))
      }
      fs.rmSync(directory, { recursive: true, force: true })
    },
  }
}

export interface Session {
  token: string
  user: { id: string; role: string; community?: string | null }
}

export async function login(url: string, email: string, password: string): Promise<Session> {
  const response = await fetch(`${url}/api/users/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (!response.ok) throw new Error(`login ${email}: ${response.status} ${await response.text()}`)
  const body = (await response.json()) as { token: string; user: Session['user'] & { community?: unknown } }
  const community = body.user.community
  // The login answer populates the community; tests compare ids.
  const communityId = community && typeof community === 'object' ? String((community as { id: string }).id) : (community as string | null)
  return { token: body.token, user: { ...body.user, community: communityId ?? null } }
}

/** A REST call as `session` (or anonymous); answers status and parsed body. */
export async function api(url: string, session: Session | null, method: string, pathname: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}${pathname}`, {
    method,
    headers: {
      ...(session ? { Authorization: `JWT ${session.token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  })
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch {
    // not JSON
  }
  return { status: response.status, body: parsed }
}

export async function graphql(url: string, session: Session | null, query: string, variables: Record<string, unknown> = {}) {
  return api(url, session, 'POST', '/api/graphql', { query, variables })
}
