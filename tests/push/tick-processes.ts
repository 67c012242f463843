/**
 * The parent side of tests/push/tick-process.ts: real scheduler processes on the test's SQLite
 * file, ticking when told, so two of them can hit the same slot at the same moment and one can be
 * SIGKILLed mid-send.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import type { TickReport } from '../../jobs/weekly-push'

export const READY_MARK = '@@ready'
export const REPORT_MARK = '@@report '
export const ERROR_MARK = '@@error '

const SCRIPT = path.resolve(process.cwd(), 'tests/push/tick-process.ts')
const STARTUP_TIMEOUT_MS = 90_000
const TICK_TIMEOUT_MS = 60_000

export type TickAnswer = { report: TickReport } | { error: string }

export interface TickProcess {
  readonly child: ChildProcess
  /** Runs one tick at `now` in the child; resolves with its report or its error. */
  tick(now: Date): Promise<TickAnswer>
  /** Resolves with the exit signal (e.g. SIGKILL) or code once the child is gone. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Closes stdin (the child destroys Payload and exits) and waits for it. */
  stop(): Promise<void>
  /** The child's last output lines, for failure messages. */
  tail(): string
}

export interface TickProcessOptions {
  emulatorUrl: string
  owner: string
  /** The child SIGKILLs itself once the send executor reports this step saved. */
  crashAtStep?: string
}

/** Starts a scheduler process on the database the test process uses, and waits until its Payload is up. */
export async function startTickProcess(options: TickProcessOptions): Promise<TickProcess> {
  const child = spawn(process.execPath, ['--conditions=production', '--import', 'tsx', SCRIPT], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      // Jest's VM-modules flag is not wanted in a plain node process.
      NODE_OPTIONS: '',
      EMULATOR_URL: options.emulatorUrl,
      TICK_OWNER: options.owner,
      CRASH_AT_STEP: options.crashAtStep ?? '',
      // The test process pushed the schema already; a second push from every child would race it.
      PAYLOAD_MIGRATING: 'true',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  const waiting: Array<(line: string) => boolean> = []
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  const onLine = (line: string) => {
    lines.push(line)
    if (lines.length > 200) lines.shift()
    const index = waiting.findIndex((accept) => accept(line))
    if (index >= 0) waiting.splice(index, 1)
  }
  for (const stream of [child.stdout!, child.stderr!]) {
    let buffered = ''
    stream.setEncoding('utf8')
    stream.on('data', (chunk: string) => {
      buffered += chunk
      const parts = buffered.split('\n')
      buffered = parts.pop() ?? ''
      parts.forEach(onLine)
    })
  }
  const tail = () => lines.slice(-40).join('\n')

  /** The next line starting with one of `marks`, or a rejection if the child exits first or takes too long. */
  const nextMarked = (marks: string[], timeoutMs: number) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`tick process ${options.owner}: no answer within ${timeoutMs} ms\n${tail()}`)), timeoutMs)
      waiting.push((line) => {
        if (!marks.some((mark) => line.startsWith(mark))) return false
        clearTimeout(timer)
        resolve(line)
        return true
      })
      void exited.then(({ code, signal }) => {
        clearTimeout(timer)
        reject(new Error(`tick process ${options.owner} exited (code ${code}, signal ${signal})\n${tail()}`))
      })
    })

  await nextMarked([READY_MARK], STARTUP_TIMEOUT_MS)
  return {
    child,
    exited,
    tail,
    async tick(now) {
      const answer = nextMarked([REPORT_MARK, ERROR_MARK], TICK_TIMEOUT_MS)
      child.stdin!.write(`${JSON.stringify({ now: now.toISOString() })}\n`)
      const line = await answer
      return line.startsWith(REPORT_MARK)
        ? { report: JSON.parse(line.slice(REPORT_MARK.length)) as TickReport }
        : { error: JSON.parse(line.slice(ERROR_MARK.length)) as string }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.stdin!.end()
      await exited
    },
  }
}
