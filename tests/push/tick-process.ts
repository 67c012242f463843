/**
 * A scheduler process for the race and crash tests: a real Payload on the test's SQLite file
 * (DATABASE_URI, MEDIA_DIR, PAYLOAD_SECRET from the parent), the WeChat emulator at EMULATOR_URL.
 *
 * Run as `node --conditions=production --import tsx tests/push/tick-process.ts`. Protocol, so the
 * parent can start several of these and make them tick at the same moment:
 * - prints `@@ready` once Payload is up;
 * - reads one JSON command per stdin line, `{"now": "<ISO instant>"}`, runs one weekly-push tick
 *   at that instant and prints `@@report <json>` (or `@@error <message>`);
 * - exits when stdin closes.
 * With CRASH_AT_STEP set, the process SIGKILLs itself as soon as the send executor reports that
 * step saved — no cleanup, no flushing: what a power cut or the OOM killer does.
 */
import { createInterface } from 'node:readline'
import { runWeeklyPushTick } from '../../jobs/weekly-push'
import { emulatorGatewayFor } from './helpers'
import { reportFor } from './scheduler-world'
import { findPushAccounts } from '../../src/services/accounts/accounts'
import { ERROR_MARK, READY_MARK, REPORT_MARK } from './tick-processes'

const required = (name: string): string => {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is required`)
  return value
}

const emulatorUrl = required('EMULATOR_URL')
required('DATABASE_URI')
const owner = process.env.TICK_OWNER ?? `tick-process-${process.pid}`
const crashAtStep = process.env.CRASH_AT_STEP ?? null

const { BasePayload } = await import('payload')
const { default: config } = await import('../../src/payload.config')
// Not getPayload: the same plain init as tests/helpers/payload.ts, on the parent's database file.
const payload = await new BasePayload().init({ config })
const gatewayFor = emulatorGatewayFor(emulatorUrl)

/** The one account the scheduler serves in these tests. */
const onlyAccount = async (): Promise<string> => {
  const accounts = await findPushAccounts(payload)
  if (accounts.length !== 1) throw new Error(`expected one account in the weekly push, found ${accounts.length}`)
  return accounts[0].id
}

const onStep = (step: string) => {
  if (step === crashAtStep) process.kill(process.pid, 'SIGKILL')
}

/** The error and its causes: a failed query's own message hides the SQLite code (e.g. SQLITE_BUSY) in `cause`. */
function describeError(error: unknown): string {
  const parts: string[] = []
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code
    parts.push(current instanceof Error ? `${current.name}${code ? ` ${String(code)}` : ''}: ${current.message.split('\n')[0].slice(0, 200)}` : String(current))
  }
  return parts.join(' <- caused by ')
}

process.stdout.write(`${READY_MARK}\n`)
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue
  try {
    const command = JSON.parse(line) as { now: string }
    // The race and crash tests serve one account: its part of the tick is the answer (its error, @@error).
    const report = reportFor(await runWeeklyPushTick(payload, { now: new Date(command.now), owner, gatewayFor, onStep }), await onlyAccount())
    process.stdout.write(`${REPORT_MARK}${JSON.stringify(report)}\n`)
  } catch (error) {
    process.stdout.write(`${ERROR_MARK}${JSON.stringify(describeError(error))}\n`)
  }
}
await payload.destroy()
process.exit(0)
