/**
 * The callback's durable write: an append-only journal on local disk, written before WeChat gets
 * its answer. A database insert through Payload costs 1.5–3 ms of CPU per row (bench/README.md);
 * an append is a buffer copy. The scheduler process moves the journal into `wechat-inbound`
 * (journal-import.ts).
 *
 * Two levels of durability (WECHAT_INBOUND_JOURNAL_SYNC), as Redis's appendfsync everysec / always:
 *   interval (default)  written to the file before answering — a killed, crashed or restarted
 *                       process loses nothing, the kernel has it — and fdatasync'ed every
 *                       `syncIntervalMs` (100): a power cut or kernel crash can lose what was
 *                       answered in that last interval. One write() per turn of the event loop.
 *   always              O_DSYNC before answering, with group commit (one disk write for every
 *                       message that arrived meanwhile): nothing answered is ever lost; the
 *                       kernel's flushes cost CPU — ≈ 25–40 % fewer answers per second under a
 *                       burst on our machines (bench/README.md).
 *
 * Layout under the directory:
 *   active/<segment>  being written by one process; rotated within `rotateAfterMs` of its first line
 *   ready/<segment>   closed and synced, waiting for an importer
 *   importing/<segment>~<owner>  claimed by one importer (rename is atomic, so one claim wins)
 * A segment is named `<epoch ms>-<writer>-<seq>.jsonl` so that a sorted listing is oldest first.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import { hostname } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { JOURNAL_DIRS } from '../config/inbound-journal'

const writeOnce = (fd: number, data: Buffer) =>
  new Promise<number>((resolve, reject) => fs.write(fd, data, (error, written) => (error ? reject(error) : resolve(written))))

/** write(2) may take less than asked; a torn line would lose the message. */
async function writeAll(fd: number, data: Buffer): Promise<void> {
  for (let offset = 0; offset < data.length;) offset += await writeOnce(fd, data.subarray(offset))
}

function writeAllSync(fd: number, data: Buffer): void {
  for (let offset = 0; offset < data.length;) offset += fs.writeSync(fd, data, offset)
}
const fdatasync = promisify(fs.fdatasync)
const closeAsync = promisify(fs.close)

/** One message as it will become a `wechat-inbound` row. */
export interface JournalEntry {
  account: string
  dedupeKey: string
  type: string
  event: string
  payload: Record<string, unknown>
  receivedAt: string
  /** See InboundMessage.replayKey (prefixed with the account id); absent for encrypted requests. */
  replayKey?: string
  /** See InboundMessage.untrustedBody; absent when false. */
  untrustedBody?: true
}

export type JournalSync = 'interval' | 'always'

export { JOURNAL_DIRS }

export interface InboundJournalOptions {
  sync?: JournalSync
  /** interval mode: how often written lines are fdatasync'ed. */
  syncIntervalMs?: number
  /** A segment is closed and handed to the importer this long after its first line. */
  rotateAfterMs?: number
  maxSegmentBytes?: number
  /** always mode: writes in flight at once; 1 makes the journal strictly one write after another. */
  maxConcurrentWrites?: number
}

interface Waiting {
  line: string
  resolve: () => void
  reject: (error: unknown) => void
}

interface Segment {
  name: string
  fd: number
  openedAt: number
  bytes: number
  /** Written since the last fdatasync (interval mode). */
  dirty: boolean
  /** Writes and syncs in flight; the file is closed only when none is. */
  inFlight: number
  /** No new writes; closed and handed over when the last operation in flight ends. */
  retired: boolean
  closed?: Promise<void>
  handOver?: () => Promise<void>
}

export function journalSyncFromEnv(env: NodeJS.ProcessEnv = process.env): JournalSync {
  const value = env.WECHAT_INBOUND_JOURNAL_SYNC?.trim() || 'interval'
  if (value !== 'interval' && value !== 'always') throw new Error(`WECHAT_INBOUND_JOURNAL_SYNC 只能是 interval 或 always，当前为 "${value}"`)
  return value
}

export class InboundJournal {
  readonly writer = `${safeName(hostname())}.${process.pid}.${randomBytes(3).toString('hex')}`
  /** For the benchmark and the logs: how well the group commit groups. */
  readonly stats = { writes: 0, entries: 0, writeMs: 0, syncs: 0 }
  readonly sync: JournalSync
  private readonly syncIntervalMs: number
  private readonly rotateAfterMs: number
  private readonly maxSegmentBytes: number
  private readonly maxConcurrentWrites: number
  private waiting: Waiting[] = []
  private writesInFlight = 0
  private segment: Segment | null = null
  private sequence = 0
  private prepared = false
  private syncTimer: NodeJS.Timeout | null = null
  private writeScheduled = false
  private readonly closing = new Set<Promise<void>>()

  constructor(
    readonly directory: string,
    options: InboundJournalOptions = {},
  ) {
    this.sync = options.sync ?? journalSyncFromEnv()
    this.syncIntervalMs = options.syncIntervalMs ?? 100
    this.rotateAfterMs = options.rotateAfterMs ?? 500
    this.maxSegmentBytes = options.maxSegmentBytes ?? 4 * 1024 * 1024
    this.maxConcurrentWrites = Math.max(1, options.maxConcurrentWrites ?? 3)
  }

  /**
   * Resolves once the entry is written as the sync mode promises (in the file, or on the disk);
   * rejects if it could not be written — the callback then answers 500 and WeChat retries.
   */
  append(entry: JournalEntry): Promise<void> {
    const line = `${JSON.stringify(entry)}\n`
    const written = new Promise<void>((resolve, reject) => this.waiting.push({ line, resolve, reject }))
    if (this.sync === 'always') this.pump()
    else if (!this.writeScheduled) {
      // One write() for every message read in this turn of the event loop.
      this.writeScheduled = true
      setImmediate(this.writeWaiting)
    }
    return written
  }

  /** Hands the open segment, and any still closing, to the importer (tests, shutdown). */
  async rotate(): Promise<void> {
    if (this.segment) void this.retire(this.segment).catch(() => undefined)
    await Promise.allSettled([...this.closing])
  }

  /** interval mode: one synchronous write() — the kernel has the lines before the answers go out. */
  private readonly writeWaiting = (): void => {
    this.writeScheduled = false
    const batch = this.waiting
    this.waiting = []
    if (batch.length === 0) return
    let segment: Segment
    const data = Buffer.from(batch.map((waiting) => waiting.line).join(''), 'utf8')
    try {
      segment = this.currentSegment()
      writeAllSync(segment.fd, data)
    } catch (error) {
      if (this.segment) void this.retire(this.segment).catch(() => undefined)
      for (const waiting of batch) waiting.reject(error)
      return
    }
    segment.bytes += data.length
    segment.dirty = true
    this.stats.writes++
    this.stats.entries += batch.length
    for (const waiting of batch) waiting.resolve()
    this.syncTimer ??= setTimeout(() => {
      this.syncTimer = null
      if (this.segment) void this.syncSegment(this.segment).catch(() => undefined)
    }, this.syncIntervalMs)
  }

  /**
   * always mode, group commit: a write takes every entry waiting when it starts. Up to
   * maxConcurrentWrites run at once, so an entry arriving during a slow disk write does not wait
   * for it to finish first.
   */
  private pump(): void {
    while (this.waiting.length > 0 && this.writesInFlight < this.maxConcurrentWrites) {
      const batch = this.waiting
      this.waiting = []
      this.writesInFlight++
      void this.writeDurably(batch).finally(() => {
        this.writesInFlight--
        this.pump()
      })
    }
  }

  private async writeDurably(batch: Waiting[]): Promise<void> {
    let segment: Segment
    try {
      segment = this.currentSegment()
    } catch (error) {
      for (const waiting of batch) waiting.reject(error)
      return
    }
    segment.inFlight++
    const data = Buffer.from(batch.map((waiting) => waiting.line).join(''), 'utf8')
    segment.bytes += data.length
    const started = performance.now()
    try {
      // O_DSYNC: the write returns once the data is on disk, one thread-pool round trip instead of two.
      await writeAll(segment.fd, data)
      this.stats.writes++
      this.stats.entries += batch.length
      this.stats.writeMs += performance.now() - started
      for (const waiting of batch) waiting.resolve()
    } catch (error) {
      for (const waiting of batch) waiting.reject(error)
      // Its complete lines are good, a torn line is skipped by the importer, and WeChat retries
      // the messages that got an error.
      segment.retired = true
    } finally {
      this.settle(segment)
    }
  }

  private async syncSegment(segment: Segment): Promise<void> {
    if (!segment.dirty) return
    segment.dirty = false
    segment.inFlight++
    try {
      await fdatasync(segment.fd)
      this.stats.syncs++
    } catch (error) {
      segment.dirty = true
      throw error
    } finally {
      this.settle(segment)
    }
  }

  private settle(segment: Segment): void {
    segment.inFlight--
    if (segment.retired && segment.inFlight === 0) void this.retire(segment).catch(() => undefined)
  }

  private currentSegment(): Segment {
    const segment = this.segment
    if (segment && !segment.retired && Date.now() - segment.openedAt < this.rotateAfterMs && segment.bytes < this.maxSegmentBytes) return segment
    if (segment) void this.retire(segment).catch(() => undefined)
    return this.openSegment()
  }

  private openSegment(): Segment {
    if (!this.prepared) {
      for (const dir of Object.values(JOURNAL_DIRS)) fs.mkdirSync(path.join(this.directory, dir), { recursive: true, mode: 0o700 })
      this.prepared = true
    }
    const openedAt = Date.now()
    const name = `${openedAt}-${this.writer}-${String(++this.sequence).padStart(6, '0')}.jsonl`
    const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_APPEND | (this.sync === 'always' ? fs.constants.O_DSYNC : 0)
    // Residents' messages: readable by this service's user only. Opened synchronously (once per
    // segment) so that an append in interval mode never waits for the thread pool.
    const fd = fs.openSync(path.join(this.directory, JOURNAL_DIRS.active, name), flags, 0o600)
    const segment: Segment = { name, fd, openedAt, bytes: 0, dirty: false, inFlight: 0, retired: false }
    this.segment = segment
    // Idle segments are handed over too, not only when the next message arrives.
    setTimeout(() => void this.retire(segment).catch(() => undefined), this.rotateAfterMs).unref()
    return segment
  }

  /** Stops new writes to the segment; resolves once it is synced, closed and handed over. */
  private retire(segment: Segment): Promise<void> {
    segment.retired = true
    if (this.segment === segment) this.segment = null
    if (!segment.closed) {
      const closed = new Promise<void>((resolve, reject) => {
        segment.handOver = () => this.handOver(segment).then(resolve, reject)
      })
      segment.closed = closed
      this.closing.add(closed)
      void closed.catch(() => undefined).finally(() => this.closing.delete(closed))
    }
    // Otherwise the last operation in flight calls back here when it ends.
    if (segment.inFlight === 0 && segment.handOver) {
      const handOver = segment.handOver
      segment.handOver = undefined
      void handOver()
    }
    return segment.closed
  }

  private async handOver(segment: Segment): Promise<void> {
    // A segment in ready/ is on disk whatever the mode: the importer deletes it after importing.
    if (segment.dirty) await fdatasync(segment.fd).catch(() => undefined)
    await closeAsync(segment.fd)
    const from = path.join(this.directory, JOURNAL_DIRS.active, segment.name)
    if (segment.bytes === 0) {
      fs.rmSync(from, { force: true })
      return
    }
    try {
      fs.renameSync(from, path.join(this.directory, JOURNAL_DIRS.ready, segment.name))
    } catch (error) {
      // An importer adopted it after a long stall of this process: it is already taken.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
  }
}

export const safeName = (value: string): string => value.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 40) || 'host'

export { journalDirectory } from '../config/inbound-journal'
