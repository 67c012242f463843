/**
 * "Answered means kept": a web process is SIGKILLed in the middle of a burst of callbacks; every
 * message it answered as stored reaches `wechat-inbound` once the journal is imported, in both
 * sync modes. (A power cut, which only the `always` mode covers, cannot be staged here.)
 */
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import type { Payload } from 'payload'
import { journalDirectory, type JournalSync } from '../../src/inbound/journal'
import { importJournal } from '../../src/inbound/journal-import'
import { createAccount, signedPost, textMessage, type TestAccountInput } from './helpers'

const ACCOUNT: TestAccountInput = {
  appId: 'wxjournalcrash0001',
  token: 'crashtoken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  messageMode: 'safe',
}
const SCRIPT = path.resolve(process.cwd(), 'tests/callback/callback-process.ts')

let env: TestPayload
let payload: Payload
let accountId: string

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  accountId = await createAccount(payload, ACCOUNT)
})
afterAll(async () => env?.close())

async function startWebProcess(sync: JournalSync) {
  const child = spawn(process.execPath, ['--conditions=production', '--import', 'tsx', SCRIPT], {
    env: { ...process.env, NODE_OPTIONS: '', PAYLOAD_MIGRATING: 'true', WECHAT_INBOUND_JOURNAL_SYNC: sync },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web process did not start:\n${output}`)), 90_000)
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk
      const match = /@@ready (\d+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(Number(match[1]))
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (output += chunk))
    child.once('exit', (code) => reject(new Error(`web process exited (${code}):\n${output}`)))
  })
  return { child, port }
}

test.each<JournalSync>(['interval', 'always'])(
  '%s mode: killed mid-burst, every message answered as stored is imported once',
  async (sync) => {
    const { child, port } = await startWebProcess(sync)
    const exited = new Promise((resolve) => child.once('exit', resolve))
    const run = randomBytes(4).toString('hex')
    const answered: string[] = []
    let sent = 0
    let killed = false
    const now = Math.floor(Date.now() / 1000)
    const sender = async () => {
      while (!killed) {
        const msgId = `${run}${String(++sent).padStart(6, '0')}`
        const request = signedPost(accountId, textMessage('oCrashResident', `第 ${sent} 条`, msgId, now), {
          timestamp: String(now),
          mode: 'safe',
          account: ACCOUNT,
        })
        try {
          const response = await fetch(`http://127.0.0.1:${port}${request.url}`, { method: 'POST', body: request.body as string })
          // Every MsgId is new and no auto-reply rule exists: 200 `success` means journaled.
          if (response.status === 200 && (await response.text()) === 'success') answered.push(msgId)
        } catch {
          return // the process is gone
        }
        if (answered.length >= 300 && !killed) {
          killed = true
          child.kill('SIGKILL')
        }
      }
    }
    await Promise.all(Array.from({ length: 16 }, sender))
    await exited
    expect(answered.length).toBeGreaterThanOrEqual(300)

    // The dead process's open segment is adopted at once here (abandonAfterMs 0): the scheduler would after 30 s.
    const report = await importJournal(payload, journalDirectory(), { abandonAfterMs: 0 })
    expect(report.unreadable).toBeLessThanOrEqual(1) // at most the line being written at the kill
    const keys = answered.map((msgId) => `${accountId}:msg:${msgId}`)
    const stored = await payload.find({
      collection: 'wechat-inbound',
      overrideAccess: true,
      depth: 0,
      limit: 0,
      pagination: false,
      where: { dedupeKey: { in: keys } } as never,
    })
    expect(stored.docs).toHaveLength(answered.length)
  },
  180_000,
)
