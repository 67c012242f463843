/**
 * Moves closed journal segments into `wechat-inbound`. A segment is claimed by renaming it into
 * importing/ (atomic: one importer wins); each line becomes a row whose unique dedupeKey makes a
 * second import of the same line — after a crash, or a WeChat retry that reached another process —
 * a no-op. Segments left by a process that died are adopted once they have been still for
 * `abandonAfterMs`: a live writer closes its segment within a second, a live importer touches its
 * claim as it goes.
 */
import fs from 'node:fs'
import { hostname } from 'node:os'
import path from 'node:path'
import type { Payload } from 'payload'
import { JOURNAL_DIRS, safeName, type JournalEntry } from './inbound-journal'
import { insertInbound } from './inbound-queue'

export interface JournalImportOptions {
  /** Only segments opened at least this long ago (a web server leaves them to the scheduler first). */
  minAgeMs?: number
  abandonAfterMs?: number
  now?: () => number
  owner?: string
}

export interface JournalImportReport {
  segments: number
  inserted: number
  duplicates: number
  /** Lines that were not a complete entry: the torn last line of a crashed write. */
  unreadable: number
}

const TOUCH_EVERY_LINES = 100

const emptyReport = (): JournalImportReport => ({ segments: 0, inserted: 0, duplicates: 0, unreadable: 0 })

export async function importJournal(payload: Payload, directory: string, options: JournalImportOptions = {}): Promise<JournalImportReport> {
  const report = emptyReport()
  if (!fs.existsSync(path.join(directory, JOURNAL_DIRS.ready))) return report
  const now = options.now ?? Date.now
  const owner = options.owner ?? `${safeName(hostname())}.${process.pid}`
  fs.mkdirSync(path.join(directory, JOURNAL_DIRS.importing), { recursive: true, mode: 0o700 })
  adoptAbandoned(directory, now(), options.abandonAfterMs ?? 30_000)

  const newestOpening = now() - (options.minAgeMs ?? 0)
  for (const name of readySegments(directory)) {
    if (openedAt(name) > newestOpening) continue
    const claimed = path.join(directory, JOURNAL_DIRS.importing, `${name}~${owner}`)
    try {
      fs.renameSync(path.join(directory, JOURNAL_DIRS.ready, name), claimed)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue // another importer took it
      throw error
    }
    try {
      await importSegment(payload, claimed, report)
    } catch (error) {
      // Database unavailable: hand the segment back; the lines already in are duplicates next time.
      fs.renameSync(claimed, path.join(directory, JOURNAL_DIRS.ready, name))
      throw error
    }
    fs.rmSync(claimed, { force: true })
    report.segments++
  }
  return report
}

/** Closed segments, oldest first. */
export function readySegments(directory: string): string[] {
  try {
    return fs
      .readdirSync(path.join(directory, JOURNAL_DIRS.ready))
      .filter((name) => name.endsWith('.jsonl'))
      .sort()
  } catch {
    return []
  }
}

async function importSegment(payload: Payload, file: string, report: JournalImportReport): Promise<void> {
  const lines = fs.readFileSync(file, 'utf8').split('\n')
  let sinceTouch = 0
  for (const line of lines) {
    if (!line.trim()) continue
    const entry = parseEntry(line)
    if (!entry) {
      report.unreadable++
      payload.logger.warn({ event: 'wechat.journal.unreadable-line', file: path.basename(file), bytes: line.length })
      continue
    }
    const result = await insertInbound(payload, entry)
    if (result === 'stored') report.inserted++
    else report.duplicates++
    if (++sinceTouch >= TOUCH_EVERY_LINES) {
      sinceTouch = 0
      const time = new Date()
      fs.utimesSync(file, time, time)
    }
  }
}

function parseEntry(line: string): JournalEntry | null {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return null
  }
  if (!value || typeof value !== 'object') return null
  const entry = value as Record<string, unknown>
  const texts = ['account', 'dedupeKey', 'type', 'event', 'receivedAt'] as const
  if (texts.some((key) => typeof entry[key] !== 'string')) return null
  if (!entry.payload || typeof entry.payload !== 'object' || Number.isNaN(Date.parse(entry.receivedAt as string))) return null
  return entry as unknown as JournalEntry
}

const openedAt = (segment: string): number => Number(segment.split('-', 1)[0]) || 0

/** Segments of a process that died: still active, or claimed by an importer that stopped. */
function adoptAbandoned(directory: string, nowMs: number, abandonAfterMs: number): void {
  for (const [dir, nameOf] of [
    [JOURNAL_DIRS.active, (name: string) => name],
    [JOURNAL_DIRS.importing, (name: string) => name.split('~', 1)[0]!],
  ] as const) {
    let names: string[]
    try {
      names = fs.readdirSync(path.join(directory, dir))
    } catch {
      continue
    }
    for (const name of names) {
      const file = path.join(directory, dir, name)
      try {
        if (nowMs - fs.statSync(file).mtimeMs < abandonAfterMs) continue
        fs.renameSync(file, path.join(directory, JOURNAL_DIRS.ready, nameOf(name)))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      }
    }
  }
}
