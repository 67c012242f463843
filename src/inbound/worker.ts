/**
 * Processes the `wechat-inbound` queue after the callback has answered. Each row is claimed with
 * a compare-and-set on (status, attempts, leaseUntil), so two CMS instances draining the same
 * database never process one message twice; a claim whose holder crashed expires after the lease.
 * Failures are retried with backoff, then marked failed.
 */
import type { Payload, Where } from 'payload'
import { compareAndSet } from '../shared/cas'
import { journalDirectory } from './journal'
import { importJournal, readySegments } from './journal-import'
import { processInbound, type InboundRow } from './process-inbound'
import { retryDueResidentMedia } from '../services/inbox/resident-media'

export interface InboundWorkerOptions {
  now?: () => number
  leaseMs?: number
  maxAttempts?: number
  batchSize?: number
  /** Sweep for retries and rows left by a crash; 0 disables the timer. */
  intervalMs?: number
  process?: (payload: Payload, row: InboundRow) => Promise<void>
  /** The callback's journal to import before each pass; null: none. Default: journalDirectory(). */
  journalDirectory?: string | null
  /** Leave segments younger than this to another process (a web server to the scheduler). */
  journalMinAgeMs?: number
  /** Look for closed segments this often (ms); 0: only on each pass. */
  journalPollMs?: number
}

export class InboundWorker {
  private readonly now: () => number
  private readonly leaseMs: number
  private readonly maxAttempts: number
  private readonly batchSize: number
  private readonly intervalMs: number
  private readonly process: (payload: Payload, row: InboundRow) => Promise<void>
  private running: Promise<number> | null = null
  private again = false
  private timer: NodeJS.Timeout | null = null
  private poller: NodeJS.Timeout | null = null
  private readonly journal: string | null
  private readonly journalMinAgeMs: number
  private readonly journalPollMs: number

  constructor(
    private readonly payload: Payload,
    options: InboundWorkerOptions = {},
  ) {
    this.now = options.now ?? Date.now
    this.leaseMs = options.leaseMs ?? 60_000
    this.maxAttempts = options.maxAttempts ?? 5
    this.batchSize = options.batchSize ?? 20
    this.intervalMs = options.intervalMs ?? 30_000
    this.process = options.process ?? processInbound
    this.journal = options.journalDirectory === undefined ? journalDirectory() : options.journalDirectory
    this.journalMinAgeMs = options.journalMinAgeMs ?? 0
    this.journalPollMs = options.journalPollMs ?? 0
  }

  /** Imports journal segments as soon as they close (the scheduler, or a web server with no delay). */
  get importsAtOnce(): boolean {
    return this.journal !== null && this.journalMinAgeMs === 0
  }

  /** Starts the sweep timer and drains once (on startup: rows left by a previous run). */
  start(): void {
    if (this.timer || this.intervalMs <= 0) return
    this.timer = setInterval(() => this.kick(), this.intervalMs)
    this.timer.unref()
    const journal = this.journal
    if (journal && this.journalPollMs > 0) {
      this.poller = setInterval(() => {
        if (!this.running && readySegments(journal).length > 0) this.kick()
      }, this.journalPollMs)
      this.poller.unref()
    }
    this.kick()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    if (this.poller) clearInterval(this.poller)
    this.timer = null
    this.poller = null
  }

  /** Asks for a drain soon; calls during a drain coalesce into one more pass. */
  kick(): void {
    setImmediate(() => void this.drain().catch((error) => this.log('error', { event: 'wechat.inbound.drain-failed', error: String(error) })))
  }

  /** Processes every ready row; resolves with how many this call processed. */
  async drain(): Promise<number> {
    if (this.running) {
      this.again = true
      return this.running
    }
    this.running = this.drainLoop().finally(() => {
      this.running = null
    })
    return this.running
  }

  private async drainLoop(): Promise<number> {
    let processed = 0
    do {
      this.again = false
      await this.importJournal()
      for (;;) {
        const rows = await this.readyRows()
        if (rows.length === 0) break
        let claimedAny = false
        for (const row of rows) {
          if (await this.handle(row)) {
            processed++
            claimedAny = true
          }
        }
        if (!claimedAny) break
      }
      await this.retryResidentMedia()
    } while (this.again)
    return processed
  }

  /** Residents' images and voice whose fetch failed: retried until WeChat's 3 days are over. */
  private async retryResidentMedia(): Promise<void> {
    try {
      await retryDueResidentMedia(this.payload, { now: this.now })
    } catch (error) {
      // A database hiccup here must not stop the queue; the next pass tries again.
      this.log('warn', { event: 'wechat.resident-media.retry-failed', error: error instanceof Error ? error.message : String(error) })
    }
  }

  private async importJournal(): Promise<void> {
    if (!this.journal) return
    // Real time, not this.now: segment ages are file times.
    const report = await importJournal(this.payload, this.journal, { minAgeMs: this.journalMinAgeMs })
    if (report.segments > 0) this.log('info', { event: 'wechat.journal.imported', ...report })
  }

  private async readyRows(): Promise<InboundRow[]> {
    const found = await this.payload.find({
      collection: 'wechat-inbound',
      overrideAccess: true,
      depth: 0,
      limit: this.batchSize,
      sort: 'receivedAt',
      where: { and: [{ status: { in: ['pending', 'processing'] } }, { leaseUntil: { less_than_equal: new Date(this.now()).toISOString() } }] },
    })
    return found.docs
  }

  /** Claims and processes one row; false when another worker got it first. */
  private async handle(row: InboundRow): Promise<boolean> {
    const attempts = Number(row.attempts ?? 0)
    const nowIso = new Date(this.now()).toISOString()
    const claimed = await compareAndSet(
      this.payload,
      'wechat-inbound',
      {
        and: [
          { id: { equals: row.id } },
          { attempts: { equals: attempts } },
          { status: { in: ['pending', 'processing'] } },
          { leaseUntil: { less_than_equal: nowIso } },
        ],
      },
      { status: 'processing', attempts: attempts + 1, leaseUntil: new Date(this.now() + this.leaseMs).toISOString() },
    )
    if (!claimed) return false
    const mine: Where = { and: [{ id: { equals: row.id } }, { attempts: { equals: attempts + 1 } }, { status: { equals: 'processing' } }] }
    try {
      await this.process(this.payload, { ...row, attempts: attempts + 1 })
      await compareAndSet(this.payload, 'wechat-inbound', mine, { status: 'done', error: null })
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const final = attempts + 1 >= this.maxAttempts
      this.log(final ? 'error' : 'warn', { event: 'wechat.inbound.failed', id: row.id, type: row.type, attempt: attempts + 1, error: message })
      await compareAndSet(this.payload, 'wechat-inbound', mine, {
        status: final ? 'failed' : 'pending',
        error: message.slice(0, 500),
        leaseUntil: new Date(this.now() + backoffMs(attempts + 1)).toISOString(),
      })
    }
    return true
  }

  private log(level: 'info' | 'warn' | 'error', entry: Record<string, unknown>): void {
    this.payload.logger[level](entry)
  }
}

/** 30 s, 1 min, 2 min, … capped at 30 min. */
export const backoffMs = (attempt: number): number => Math.min(30_000 * 2 ** (attempt - 1), 30 * 60_000)

/**
 * The scheduler imports the journal as soon as a segment closes and processes the rows. A web
 * server leaves both to it and only sweeps: segments nobody took for
 * WECHAT_INBOUND_WEB_IMPORT_DELAY_SECONDS (30), rows every 30 s — so a burst of callbacks is not
 * slowed by database writes in the process answering them, and nothing waits forever when no
 * scheduler runs. With the delay at 0 the web server does everything itself, right after answering.
 */
export type InboundWorkerRole = 'scheduler' | 'web'

function webImportDelayMs(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.WECHAT_INBOUND_WEB_IMPORT_DELAY_SECONDS ?? 30)
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 30_000
}

/** The journal options of a worker in `role` (see InboundWorkerRole); the web's read from `env`. */
function inboundWorkerRoleOptions(role: InboundWorkerRole, env: NodeJS.ProcessEnv = process.env): InboundWorkerOptions {
  if (role === 'scheduler') return { journalPollMs: 200 }
  const delay = webImportDelayMs(env)
  return { journalMinAgeMs: delay, journalPollMs: delay === 0 ? 200 : 0 }
}

/**
 * A worker for `role`, started (its sweep timer, and a first drain for rows left by a previous
 * run). Called once where a process starts: scripts/worker.ts (the scheduler), the callback's
 * runtime (a web process, callback-runtime.ts); `overrides` win over the role's options. There is no
 * registry: the caller keeps the worker, and stop() ends its timers.
 */
export function startInboundWorker(payload: Payload, role: InboundWorkerRole, overrides: InboundWorkerOptions = {}): InboundWorker {
  const worker = new InboundWorker(payload, { ...inboundWorkerRoleOptions(role), ...overrides })
  worker.start()
  return worker
}
