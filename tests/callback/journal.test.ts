/**
 * The callback's journal: group commit, hand-over of segments, import into `wechat-inbound` with
 * every retry and crash case collapsing to one row per message, on a real SQLite file.
 */
import { startTestPayload, type TestPayload } from '../helpers/payload'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Payload } from 'payload'
import { InboundJournal, JOURNAL_DIRS, type JournalEntry } from '../../src/inbound/journal'
import { importJournal, readySegments } from '../../src/inbound/journal-import'
import { createAccount } from './helpers'

let env: TestPayload
let payload: Payload
let accountId: string
let directory: string

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  accountId = await createAccount(payload, {
    appId: 'wxjournaltest00001',
    token: 'jtoken',
    encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
    messageMode: 'safe',
  })
})
afterAll(async () => env?.close())
beforeEach(() => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-'))
})
afterEach(() => fs.rmSync(directory, { recursive: true, force: true }))

let seq = 0
const entry = (key = `k${++seq}-${Date.now()}`): JournalEntry => ({
  account: accountId,
  dedupeKey: `${accountId}:msg:${key}`,
  type: 'text',
  event: '',
  payload: { FromUserName: 'oJournal', MsgType: 'text', Content: `第 ${seq} 条`, MsgId: key },
  receivedAt: new Date().toISOString(),
})
const rowsWithKeys = async (keys: string[]) =>
  (await payload.count({ collection: 'wechat-inbound', overrideAccess: true, where: { dedupeKey: { in: keys } } as never })).totalDocs
const linesIn = (dir: string) =>
  fs
    .readdirSync(path.join(directory, dir))
    .flatMap((name) => fs.readFileSync(path.join(directory, dir, name), 'utf8').split('\n'))
    .filter(Boolean)

test('always mode, group commit: 300 messages arriving together take a couple of disk writes, each line once', async () => {
  const journal = new InboundJournal(directory, { sync: 'always', maxConcurrentWrites: 1 })
  const entries = Array.from({ length: 300 }, () => entry())
  await Promise.all(entries.map((one) => journal.append(one)))
  expect(journal.stats.entries).toBe(300)
  // The first write takes the first message; every other one waited for it and shares the next.
  expect(journal.stats.writes).toBeLessThanOrEqual(3)
  await journal.rotate()
  const lines = linesIn(JOURNAL_DIRS.ready).map((line) => JSON.parse(line) as JournalEntry)
  expect(lines.map((line) => line.dedupeKey).sort()).toEqual(entries.map((one) => one.dedupeKey).sort())
  expect(fs.readdirSync(path.join(directory, JOURNAL_DIRS.active))).toEqual([])
})

test('always mode: concurrent writes never interleave inside a line', async () => {
  const journal = new InboundJournal(directory, { sync: 'always', maxConcurrentWrites: 4 })
  const entries = Array.from({ length: 500 }, () => entry())
  for (let start = 0; start < entries.length; start += 25) {
    // Bursts spread over several turns of the event loop, so several writes are in flight.
    await Promise.all([...entries.slice(start, start + 25).map((one) => journal.append(one)), new Promise((resolve) => setImmediate(resolve))])
  }
  await journal.rotate()
  const lines = linesIn(JOURNAL_DIRS.ready)
  expect(lines).toHaveLength(500)
  expect(new Set(lines.map((line) => (JSON.parse(line) as JournalEntry).dedupeKey)).size).toBe(500)
})

test('interval mode: the line is in the file when append resolves, and synced within the interval', async () => {
  const journal = new InboundJournal(directory, { sync: 'interval', syncIntervalMs: 50, rotateAfterMs: 10_000 })
  const one = entry()
  await journal.append(one)
  // Before any fdatasync: what a killed process leaves behind (the kernel has it).
  expect(linesIn(JOURNAL_DIRS.active).map((line) => (JSON.parse(line) as JournalEntry).dedupeKey)).toEqual([one.dedupeKey])
  expect(journal.stats.syncs).toBe(0)
  await new Promise((resolve) => setTimeout(resolve, 200))
  expect(journal.stats.syncs).toBe(1)
  await journal.rotate()
  expect(readySegments(directory)).toHaveLength(1)
})

test('a segment is handed to the importer on its own shortly after its first message', async () => {
  const journal = new InboundJournal(directory, { rotateAfterMs: 50 })
  await journal.append(entry())
  expect(fs.readdirSync(path.join(directory, JOURNAL_DIRS.active))).toHaveLength(1)
  await new Promise((resolve) => setTimeout(resolve, 200))
  expect(fs.readdirSync(path.join(directory, JOURNAL_DIRS.active))).toEqual([])
  expect(readySegments(directory)).toHaveLength(1)
  // The next message opens a new segment.
  await journal.append(entry())
  await journal.rotate()
  expect(readySegments(directory)).toHaveLength(2)
})

test('import stores each line once; importing the same segment again (a crash before it was deleted) adds nothing', async () => {
  const journal = new InboundJournal(directory)
  const entries = Array.from({ length: 20 }, () => entry())
  await Promise.all(entries.map((one) => journal.append(one)))
  await journal.rotate()
  const [segment] = readySegments(directory)
  const copy = fs.readFileSync(path.join(directory, JOURNAL_DIRS.ready, segment!))

  expect(await importJournal(payload, directory)).toEqual({ segments: 1, inserted: 20, duplicates: 0, unreadable: 0 })
  expect(readySegments(directory)).toEqual([])
  fs.writeFileSync(path.join(directory, JOURNAL_DIRS.ready, segment!), copy)
  expect(await importJournal(payload, directory)).toEqual({ segments: 1, inserted: 0, duplicates: 20, unreadable: 0 })
  expect(await rowsWithKeys(entries.map((one) => one.dedupeKey))).toBe(20)
})

test('WeChat retries journaled again (150 lines, 100 of them repeats) cost a query, not an insert each', async () => {
  const journal = new InboundJournal(directory)
  const first = Array.from({ length: 50 }, () => entry())
  await Promise.all(first.map((one) => journal.append(one)))
  await journal.rotate()
  expect(await importJournal(payload, directory)).toMatchObject({ inserted: 50, duplicates: 0 })

  const fresh = Array.from({ length: 50 }, () => entry())
  // Retries of the imported ones, and a fresh message retried inside the same segment.
  await Promise.all([...first, ...fresh, ...first.slice(0, 49), fresh[0]!].map((one) => journal.append(one)))
  await journal.rotate()
  let creates = 0
  const create = payload.create
  payload.create = ((args: Parameters<Payload['create']>[0]) => {
    creates++
    return create.call(payload, args)
  }) as Payload['create']
  try {
    expect(await importJournal(payload, directory)).toEqual({ segments: 1, inserted: 50, duplicates: 100, unreadable: 0 })
    expect(creates).toBe(50)
  } finally {
    payload.create = create
  }
  expect(await rowsWithKeys([...first, ...fresh].map((one) => one.dedupeKey))).toBe(100)
})

test('a torn last line (killed mid-write) is skipped; the complete lines are imported', async () => {
  fs.mkdirSync(path.join(directory, JOURNAL_DIRS.ready), { recursive: true })
  const good = [entry(), entry()]
  const torn = JSON.stringify(entry()).slice(0, 40)
  fs.writeFileSync(path.join(directory, JOURNAL_DIRS.ready, `${Date.now()}-torn-000001.jsonl`), `${good.map((one) => JSON.stringify(one)).join('\n')}\n${torn}`)
  expect(await importJournal(payload, directory)).toMatchObject({ inserted: 2, unreadable: 1 })
  expect(await rowsWithKeys(good.map((one) => one.dedupeKey))).toBe(2)
})

test('segments of a process that died are adopted once still for the abandon time; a live one is left alone', async () => {
  for (const dir of Object.values(JOURNAL_DIRS)) fs.mkdirSync(path.join(directory, dir), { recursive: true })
  const [dead, claimed, live] = [entry(), entry(), entry()]
  const old = new Date(Date.now() - 120_000)
  const write = (dir: string, name: string, one: JournalEntry, time?: Date) => {
    const file = path.join(directory, dir, name)
    fs.writeFileSync(file, `${JSON.stringify(one)}\n`)
    if (time) fs.utimesSync(file, time, time)
  }
  write(JOURNAL_DIRS.active, `${old.getTime()}-deadwriter-000001.jsonl`, dead, old)
  write(JOURNAL_DIRS.importing, `${old.getTime()}-otherwriter-000001.jsonl~deadimporter.1`, claimed, old)
  write(JOURNAL_DIRS.active, `${Date.now()}-livewriter-000001.jsonl`, live)

  expect(await importJournal(payload, directory, { abandonAfterMs: 30_000 })).toMatchObject({ segments: 2, inserted: 2 })
  expect(await rowsWithKeys([dead.dedupeKey, claimed.dedupeKey])).toBe(2)
  expect(await rowsWithKeys([live.dedupeKey])).toBe(0)
  expect(fs.readdirSync(path.join(directory, JOURNAL_DIRS.active))).toHaveLength(1)
})

test('a web server leaves young segments to the scheduler (minAgeMs)', async () => {
  const journal = new InboundJournal(directory)
  const one = entry()
  await journal.append(one)
  await journal.rotate()
  expect(await importJournal(payload, directory, { minAgeMs: 60_000 })).toMatchObject({ segments: 0 })
  expect(readySegments(directory)).toHaveLength(1)
  expect(await importJournal(payload, directory, { minAgeMs: 0 })).toMatchObject({ segments: 1, inserted: 1 })
})

test('two importers at once: every segment claimed by one, every message stored once', async () => {
  const journal = new InboundJournal(directory, { maxSegmentBytes: 2_000 })
  const entries = Array.from({ length: 60 }, () => entry())
  for (const one of entries) await journal.append(one)
  await journal.rotate()
  const segments = readySegments(directory).length
  expect(segments).toBeGreaterThan(5)
  const [a, b] = await Promise.all([importJournal(payload, directory, { owner: 'a' }), importJournal(payload, directory, { owner: 'b' })])
  expect(a.segments + b.segments).toBe(segments)
  expect(a.inserted + b.inserted).toBe(60)
  expect(a.duplicates + b.duplicates).toBe(0)
  expect(await rowsWithKeys(entries.map((one) => one.dedupeKey))).toBe(60)
})

test('a failing append is reported to the caller (the callback then answers 500 and WeChat retries)', async () => {
  const blocked = path.join(directory, 'not-a-directory')
  fs.writeFileSync(blocked, 'a file where the journal wants a directory')
  const journal = new InboundJournal(blocked)
  await expect(journal.append(entry())).rejects.toThrow()
})
