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
import { JOURNAL_DIRS, safeName, type JournalEntry } from './journal'
import { existingKeys, insertInbound } from './queue'

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

// Lines per existence query; the claim is touched after each chunk, so a live importer is never adopted.
const IMPORT_CHUNK = 100

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
  const entries: JournalEntry[] = []
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue
    const entry = parseEntry(line)
    if (entry) entries.push(entry)
    else {
      report.unreadable++
      payload.logger.warn({ event: 'wechat.journal.unreadable-line', file: path.basename(file), bytes: line.length })
    }
  }
  // WeChat retries a message only when its answer was late — when the service is slow — so
  // retries come in numbers exactly then: keys already imported are found with one query per
  // chunk, not with a failed insert each.
  for (let start = 0; start < entries.length; start += IMPORT_CHUNK) {
    const chunk = entries.slice(start, start + IMPORT_CHUNK)
    // Grows as the chunk goes in: a key repeated inside it is found here too.
    const known = await existingKeys(
      payload,
      chunk.map((entry) => entry.dedupeKey),
    )
    for (const entry of chunk) {
      const duplicate = known.has(entry.dedupeKey) || (await insertInbound(payload, entry)) === 'duplicate'
      known.add(entry.dedupeKey)
      if (duplicate) report.duplicates++
      else report.inserted++
    }
    const time = new Date()
    fs.utimesSync(file, time, time)
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
  // Checked field by field above: a line this journal wrote.
  return value as JournalEntry
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
