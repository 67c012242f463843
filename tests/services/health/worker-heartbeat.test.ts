/**
 * The real scheduler process (`payload run scripts/worker.ts`, as npm start runs it) on the test's
 * SQLite file: it writes its heartbeat at start, 运行状态's scheduler check reads ok, and a clean
 * stop (SIGTERM) removes the row — after which the check is red again.
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
    env: { ...process.env, NODE_OPTIONS: '--conditions=production', NODE_ENV: 'development' },
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
