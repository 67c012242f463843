/**
 * The README's promise, end to end on a fresh copy of the project: `npm start`'s own setup
 * (scripts/demo.mjs: the generated secret, migrations, demo seed, the emulator it runs — here on a
 * port of its choosing) in one process, then the commands the README names in a "second terminal"
 * with NO environment beyond PATH and HOME: they find the secret, the database and the emulator
 * the demo account belongs to; failures are one Chinese line, with the stack only under DEBUG.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { freePort } from '../helpers/server'

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..')
/** Each command starts Payload anew (several seconds on a busy machine). */
const SLOW = 120_000
const STACK_FRAME = /^\s+at .+[(:]\d+/m

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * A fresh clone as far as the commands can tell: its own scripts/, package.json and (empty) data/;
 * the code and node_modules linked from this worktree.
 */
function freshProject(): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'second-terminal-'))
  fs.cpSync(path.join(repo, 'scripts'), path.join(directory, 'scripts'), { recursive: true })
  fs.copyFileSync(path.join(repo, 'package.json'), path.join(directory, 'package.json'))
  for (const name of ['src', 'collections', 'jobs', 'tests', 'node_modules', 'tsconfig.json', 'next.config.mjs']) {
    fs.symlinkSync(path.join(repo, name), path.join(directory, name))
  }
  return directory
}

/** What a new terminal has: no PAYLOAD_SECRET, DATABASE_URI, WECHAT_API_BASE, NODE_OPTIONS … */
const bareEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv =>
  ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.homedir(), ...extra }) as unknown as NodeJS.ProcessEnv

function runToEnd(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] })
    child.stdin.end()
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

const npmRun = (cwd: string, script: string, args: string[] = [], env = bareEnv()) => runToEnd(cwd, 'npm', ['run', '--silent', script, '--', ...args], env)
const explain = (run: Run) => `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`

/** Starts a long-running command and resolves once `ready` appears in its output. */
function startUntil(
  cwd: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  timeoutMs: number,
): Promise<{ child: ChildProcess; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    let output = ''
    const timer = setTimeout(() => reject(new Error(`not ready after ${timeoutMs} ms:\n${output}`)), timeoutMs)
    const onData = (chunk: Buffer) => {
      output += chunk
      if (ready.test(output)) {
        clearTimeout(timer)
        resolve({ child, output: () => output })
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`exited (${code}) before it was ready:\n${output}`))
    })
  })
}

/** Stops a process group started by startUntil (npm and its children). */
function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    process.kill(-child.pid!, 'SIGTERM')
  })
}

// `npm start` without the build and the admin: exactly its setup, and the emulator it runs.
const FIRST_TERMINAL = `
import { demoServices, prepareDemo } from './scripts/demo.mjs'
import { runMain, runTogether } from './scripts/env.mjs'
await runMain(async () => {
  const prepared = await prepareDemo({ build: false })
  await runTogether(demoServices(prepared).filter((service) => service.name === 'WeChat emulator'))
})
`

describe('right after npm start, in a second terminal', () => {
  let project: string
  let emulatorUrl: string
  let demo: { child: ChildProcess; output: () => string } | undefined

  beforeAll(async () => {
    project = freshProject()
    const port = await freePort()
    emulatorUrl = `http://127.0.0.1:${port}`
    demo = await startUntil(
      project,
      process.execPath,
      ['--input-type=module', '-e', FIRST_TERMINAL],
      bareEnv({ WECHAT_EMULATOR_PORT: String(port) }),
      /WeChat emulator listening on/,
      300_000,
    )
  }, 320_000)

  afterAll(async () => {
    await stop(demo?.child)
    if (project) fs.rmSync(project, { recursive: true, force: true })
  })

  const sendallCalls = async () => {
    const response = await fetch(`${emulatorUrl}/__emulator/log?path=${encodeURIComponent('/cgi-bin/message/mass/sendall')}`)
    return ((await response.json()) as { entries: unknown[] }).entries.length
  }

  test('npm start generated the secret and recorded the emulator it runs', () => {
    expect(fs.readFileSync(path.join(project, 'data', '.payload-secret'), 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/)
    expect(fs.readFileSync(path.join(project, 'data', '.wechat-emulator'), 'utf8').trim()).toBe(emulatorUrl)
    expect(demo!.output()).toContain(`微信接口指向本机模拟器 ${emulatorUrl}`)
  })

  test(
    'npm run push -- status: works with no variables, reads the demo database',
    async () => {
      const result = await npmRun(project, 'push', ['status'])
      expect({ code: result.code, out: result.code === 0 ? '' : explain(result) }).toEqual({ code: 0, out: '' })
      expect(result.stdout).toContain('公众号：演示服务号（模拟器）')
      expect(result.stdout).toMatch(/待推送池：\d+ 条已审核内容/)
      expect(result.stderr).not.toMatch(STACK_FRAME)
    },
    SLOW,
  )

  test(
    'npm run push -- send --yes reaches the emulator npm start runs (not the real WeChat)',
    async () => {
      // The week assembled and signed off by the demo leader, through `npm run payload` with no variables either.
      const setup = await npmRun(project, 'payload', ['run', 'tests/admin-push/setup-week.ts', '--', '--sign-off'])
      expect({ code: setup.code, out: setup.stdout.includes('SETUP ') ? '' : explain(setup) }).toEqual({ code: 0, out: '' })
      expect(await sendallCalls()).toBe(0)

      const sent = await npmRun(project, 'push', ['send', '--yes'])
      expect({ code: sent.code, out: sent.code === 0 ? '' : explain(sent) }).toEqual({ code: 0, out: '' })
      expect(sent.stdout).toMatch(/已群发，msg_id \d+/)
      expect(await sendallCalls()).toBe(1)
    },
    SLOW * 2,
  )

  test(
    'npm run worker starts beside npm start with no variables',
    async () => {
      const worker = await startUntil(project, 'npm', ['run', '--silent', 'worker'], bareEnv(), /调度进程已启动/, SLOW - 10_000)
      expect(worker.output()).not.toMatch(/PAYLOAD_SECRET|Error running script/)
      await stop(worker.child)
    },
    SLOW,
  )

  test(
    'npm run wechat:emulator while npm start runs one: one Chinese line naming the fix, no stack',
    async () => {
      const result = await npmRun(project, 'wechat:emulator', [], bareEnv({ WECHAT_EMULATOR_PORT: new URL(emulatorUrl).port }))
      expect(result.code).not.toBe(0)
      expect(result.stderr).toContain(`端口 ${new URL(emulatorUrl).port} 已被占用：npm start 已经运行了模拟器`)
      expect(result.stderr).not.toMatch(STACK_FRAME)
    },
    SLOW,
  )
})

describe('errors on the command line', () => {
  let project: string
  beforeAll(() => {
    project = freshProject()
  })
  afterAll(() => fs.rmSync(project, { recursive: true, force: true }))

  test(
    'before npm start ever ran: the missing database is one line with the fix',
    async () => {
      const result = await npmRun(project, 'push', ['status'])
      expect(result.code).toBe(1)
      expect(result.stderr.trim()).toBe('✗ 数据库还没有建立（data/cms.db）：请先运行 npm start（它会建立数据库并创建演示数据），再在另一个终端运行这条命令。')
    },
    SLOW,
  )

  test(
    'a configuration Payload refuses: one Chinese line, the stack only with DEBUG=1',
    async () => {
      fs.writeFileSync(path.join(project, '.env'), 'DATABASE_URI=postgres://db.example/cms\n')
      try {
        const plain = await npmRun(project, 'push', ['status'])
        expect(plain.code).toBe(1)
        expect(plain.stderr).toContain('DATABASE_URI 无法识别')
        expect(plain.stderr).toContain('设置 DEBUG=1 可显示详细信息')
        expect(plain.stderr).not.toMatch(STACK_FRAME)
        expect(plain.stderr).not.toContain('Error running script')

        const debug = await npmRun(project, 'push', ['status'], bareEnv({ DEBUG: '1' }))
        expect(debug.code).toBe(1)
        expect(debug.stderr).toMatch(STACK_FRAME)
      } finally {
        fs.rmSync(path.join(project, '.env'), { force: true })
      }
    },
    SLOW,
  )

  test(
    'the emulator not running: send says so and how to start it, sends nothing, no stack',
    async () => {
      // A demo database, and the address of an emulator that is not running.
      const setup = await runToEnd(
        project,
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import { prepareDemo } from './scripts/demo.mjs'; import { runMain } from './scripts/env.mjs'; await runMain(() => prepareDemo({ build: false }))`,
        ],
        bareEnv(),
      )
      expect({ code: setup.code, out: setup.code === 0 ? '' : explain(setup) }).toEqual({ code: 0, out: '' })
      const closed = `http://127.0.0.1:${await freePort()}`
      fs.writeFileSync(path.join(project, 'data', '.wechat-emulator'), `${closed}\n`)
      const week = await npmRun(project, 'payload', ['run', 'tests/admin-push/setup-week.ts', '--', '--sign-off'])
      expect(week.code).toBe(0)

      const result = await npmRun(project, 'push', ['send', '--yes'])
      expect(result.code).toBe(4)
      expect(result.stdout).toContain(`没有发送。无法连接微信接口 ${closed}`)
      expect(result.stdout).toContain('请先在另一个终端运行 npm start')
      expect(result.stderr).not.toMatch(STACK_FRAME)
      const status = await npmRun(project, 'push', ['status'])
      expect(status.stdout).toContain('状态：已审定')
    },
    SLOW * 3,
  )
})
