/**
 * The real scheduler process (`payload run scripts/worker.ts`, as npm start runs it) on the test's
 * SQLite file: it writes its heartbeat at start, 运行状态's scheduler check reads ok, and a clean
 * stop removes the row — after which the check is red again. A clean stop is SIGTERM (systemd), a
 * terminal's Ctrl-C (SIGINT to the worker and SIGTERM from npm start, then maybe more), and npm start's
 * own stop (scripts/env.mjs runTogether: each process asked once, npm start ending after the last).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import type { Payload } from 'payload'
import { evaluateHealth } from '../../../src/services/health/evaluate'
import { gatherHealthFacts } from '../../../src/services/health/gather'
import { startTestPayload, type TestPayload } from '../../helpers/payload'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', '..')

let env: TestPayload
let payload: Payload
let worker: ChildProcess | null = null
let log = ''
const workerEnv = (): NodeJS.ProcessEnv => ({ ...process.env, NODE_OPTIONS: '--conditions=production', NODE_ENV: 'development' })
const heartbeats = async () => (await payload.count({ collection: 'scheduler-heartbeats', overrideAccess: true })).totalDocs

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
}, 120_000)
afterAll(async () => {
  if (worker && worker.exitCode === null) worker.kill('SIGKILL')
  await env?.close()
})

const schedulerStatus = async () => evaluateHealth(await gatherHealthFacts(payload), Date.now()).find((check) => check.id === 'scheduler')!

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 90_000): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; worker log:\n${log.slice(-3000)}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

test('the worker beats at start, the check reads ok; SIGTERM removes its row and the check is red', async () => {
  expect((await schedulerStatus()).status).toBe('red')
  worker = spawn(path.join(root, 'node_modules', '.bin', 'payload'), ['run', 'scripts/worker.ts'], {
    cwd: root,
    env: workerEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  worker.stdout?.on('data', (chunk) => (log += chunk))
  worker.stderr?.on('data', (chunk) => (log += chunk))

  const row = await waitFor(
    'the heartbeat row',
    async () => (await payload.find({ collection: 'scheduler-heartbeats', overrideAccess: true, depth: 0 })).docs[0],
  )
  expect(row.jobs).toEqual(expect.arrayContaining(['weekly-push', 'wechat-inbound', 'health-check']))
  expect(Date.now() - Date.parse(row.lastBeatAt)).toBeLessThan(60_000)
  expect(await schedulerStatus()).toMatchObject({ status: 'ok', detail: expect.stringContaining(row.processId) })

  const exited = new Promise<number | null>((resolve) => worker!.once('exit', (code) => resolve(code)))
  worker.kill('SIGTERM')
  expect(await exited).toBe(0)
  expect((await payload.count({ collection: 'scheduler-heartbeats', overrideAccess: true })).totalDocs).toBe(0)
  expect((await schedulerStatus()).status).toBe('red')
}, 150_000)

function startWorker(): ChildProcess {
  const child = spawn(path.join(root, 'node_modules', '.bin', 'payload'), ['run', 'scripts/worker.ts'], {
    cwd: root,
    env: workerEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk) => (log += chunk))
  child.stderr?.on('data', (chunk) => (log += chunk))
  return child
}

test('Ctrl-C in a terminal: SIGINT, then SIGTERM and SIGINT again while it stops — it still removes its row and exits 0', async () => {
  const child = startWorker()
  worker = child
  await waitFor('the heartbeat row', async () => (await heartbeats()) === 1)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  // Apart, as they arrive from the terminal and npm start (signals sent at once would merge in the kernel).
  const pause = () => new Promise((resolve) => setTimeout(resolve, 20))
  child.kill('SIGINT')
  await pause()
  child.kill('SIGTERM')
  await pause()
  child.kill('SIGINT')
  expect(await exited).toBe(0)
  expect(await heartbeats()).toBe(0)
  expect((await schedulerStatus()).status).toBe('red')
}, 150_000)

test('npm start stopped (its runTogether with the scheduler and another process): the scheduler removes its row, npm start ends after it', async () => {
  // What npm start runs, minus the servers: the scheduler and a process that stops at once (as the admin server does).
  const runner = `
    import { runTogether } from ${JSON.stringify(path.join(root, 'scripts', 'env.mjs'))}
    const result = await runTogether([
      { name: 'scheduler', command: ${JSON.stringify(path.join(root, 'node_modules', '.bin', 'payload'))}, args: ['run', 'scripts/worker.ts'] },
      { name: 'quick', command: process.execPath, args: ['-e', 'process.on("SIGTERM", () => process.exit(0)); setInterval(() => {}, 1000)'] },
    ])
    console.log('RESULT ' + result)
  `
  const start = spawn(process.execPath, ['--input-type=module', '-e', runner], { cwd: root, env: workerEnv(), stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  start.stdout?.on('data', (chunk) => (output += chunk))
  start.stderr?.on('data', (chunk) => (output += chunk))
  log = ''
  await waitFor('the heartbeat row', async () => (await heartbeats()) === 1 || (start.exitCode !== null && Promise.reject(new Error(output))))
  const exited = new Promise<number | null>((resolve) => start.once('exit', (code) => resolve(code)))
  // As a restart of npm start (or systemd) would: SIGTERM to npm start, twice (an impatient second stop).
  start.kill('SIGTERM')
  start.kill('SIGTERM')
  expect(await exited).toBe(0)
  // npm start ended only after the scheduler had finished its stop: the row is gone by then.
  expect(await heartbeats()).toBe(0)
  expect(output).toContain('■ scheduler 已停止（退出码 0）')
  expect(output).toMatch(/RESULT quick 已停止/)
}, 150_000)
