/**
 * The restore drill: a real Payload on a SQLite file with documents in several collections and
 * uploaded files; `npm run backup` (the real command, another process) while this one keeps
 * writing; the database destroyed and an image deleted; `npm run restore`; Payload reopened — every
 * document and file is back, byte for byte, and the messages WeChat delivered that were still in the
 * callback journal come back to be imported; the restored files keep their modes. And the refusals: a damaged or foreign archive, a
 * running system.
 */
import { spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { CollectionSlug, Payload } from 'payload'
import { create as createTar } from 'tar'
import { InboundJournal, type JournalEntry } from '../../src/inbound/journal'
import { importJournal } from '../../src/inbound/journal-import'
import { claimDailyRun, finishDailyRun } from '../../src/services/backup/claim'
import { type BackupManifest } from '../../src/services/backup/manifest'
import { runNightlyBackup } from '../../src/services/backup/nightly'
import { verifyArchive } from '../../src/services/backup/restore'
import { drawCover } from '../../src/seed/covers'
import { createFixtures, createItem, type Fixtures } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { freePort } from '../helpers/server'

/** Each step starts `npm run …` processes (Payload's start included) on a shared machine. */
const SLOW = 300_000

const ROOT = process.cwd()
const COUNTED: CollectionSlug[] = ['users', 'communities', 'media', 'articles', 'policy-explainers', 'community-news']

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex')

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

let env: NodeJS.ProcessEnv = { ...process.env }

/** `node scripts/run.mjs <args>` as an operator types `npm run …`, with this test's database and folders. */
function npmRun(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/run.mjs', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

let tp: TestPayload
let payload: Payload
let fx: Fixtures
let dbFile: string
let mediaDir: string
let backupDir: string
let journalDir: string
let accountId: string

/** A resident's text as the callback journals it (src/inbound/journal.ts). */
const residentText = (msgId: string): JournalEntry => ({
  account: accountId,
  dedupeKey: `${accountId}:${msgId}`,
  type: 'text',
  event: '',
  payload: { ToUserName: 'gh_drill', FromUserName: 'o-drill-resident', CreateTime: '1764460800', MsgType: 'text', Content: `留言 ${msgId}`, MsgId: msgId },
  receivedAt: new Date().toISOString(),
})

const counts = async (p: Payload) => Object.fromEntries(await Promise.all(COUNTED.map(async (slug) => [slug, (await p.count({ collection: slug })).totalDocs])))
const ids = async (p: Payload, slug: CollectionSlug) =>
  (await p.find({ collection: slug, limit: 0, pagination: false, depth: 0 })).docs.map((doc) => String(doc.id))

beforeAll(async () => {
  tp = await startTestPayload()
  payload = tp.payload
  dbFile = path.join(tp.directory, 'test.db')
  mediaDir = path.join(tp.directory, 'media')
  backupDir = path.join(tp.directory, 'backups')
  journalDir = path.join(tp.directory, 'journal')
  env = {
    ...process.env,
    NODE_ENV: 'production',
    NODE_OPTIONS: '',
    DATABASE_URI: `file:${dbFile}`,
    MEDIA_DIR: mediaDir,
    BACKUP_DIR: backupDir,
    WECHAT_INBOUND_JOURNAL_DIR: journalDir,
    PORT: String(await freePort()),
    WECHAT_CALLBACK_PORT: String(await freePort()),
  }
  fx = await createFixtures(payload, 'drill')
  accountId = String(
    (await payload.create({ collection: 'wechat-accounts', data: { name: '演练服务号', appId: 'wxdrill00000000001', isDefault: true } as never })).id,
  )
  for (let seed = 2; seed <= 4; seed++) {
    const image = await drawCover(seed)
    await payload.create({
      collection: 'media',
      data: { alt: `图片 ${seed}` },
      file: { data: image, mimetype: 'image/jpeg', name: `photo-${seed}.jpg`, size: image.length },
    })
  }
  await createItem(payload, fx, 'articles', 'draft')
  await createItem(payload, fx, 'articles', 'approved')
  await createItem(payload, fx, 'policy-explainers', 'submitted')
  await createItem(payload, fx, 'community-news', 'draft')
  // A scheduler running while the backup is made: its heartbeat is in the archive.
  const beat = new Date().toISOString()
  await payload.create({
    collection: 'scheduler-heartbeats',
    data: { processId: 'drill-worker-1', hostname: 'drill', pid: 1, startedAt: beat, lastBeatAt: beat } as never,
  })
}, SLOW)

afterAll(async () => {
  await tp?.close().catch(() => undefined)
})

describe('the nightly claim', () => {
  it('lets exactly one of several schedulers back up a day, and a failed run gives the day back', async () => {
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => claimDailyRun(payload, 'drill-backup', '2026-12-01', `worker-${n}`)))
    expect(results.filter(Boolean)).toHaveLength(1)
    const winner = `worker-${results.indexOf(true) + 1}`
    expect(await claimDailyRun(payload, 'drill-backup', '2026-12-01', 'late')).toBe(false)
    await finishDailyRun(payload, 'drill-backup', '2026-12-01', winner, { ok: false, message: '磁盘已满', releaseTo: '2026-11-30' })
    expect(await claimDailyRun(payload, 'drill-backup', '2026-12-01', 'retry')).toBe(true)
    await finishDailyRun(payload, 'drill-backup', '2026-12-01', 'retry', { ok: true, message: 'cms-20261201-043000.tar.gz' })
    expect(await claimDailyRun(payload, 'drill-backup', '2026-12-01', 'after')).toBe(false)
    expect(await claimDailyRun(payload, 'drill-backup', '2026-12-02', 'tomorrow')).toBe(true)
  })
  it(
    'the nightly job backs up once a day; a failure is told to the admins and retried the same day',
    async () => {
      const nightlyDir = path.join(tp.directory, 'nightly')
      const blocked = path.join(tp.directory, 'not-a-folder')
      fs.writeFileSync(blocked, '')
      try {
        process.env.BACKUP_DIR = nightlyDir
        const night = new Date('2026-12-01T18:30:00Z')
        const first = await runNightlyBackup(payload, { owner: 'scheduler-a', now: night })
        expect(first).toMatchObject({ kind: 'done', file: path.join(nightlyDir, 'cms-20261202-023000.tar.gz') })
        expect(await runNightlyBackup(payload, { owner: 'scheduler-b', now: night })).toMatchObject({ kind: 'skipped' })

        process.env.BACKUP_DIR = blocked
        const next = new Date('2026-12-02T18:30:00Z')
        expect(await runNightlyBackup(payload, { owner: 'scheduler-a', now: next })).toMatchObject({ kind: 'failed' })
        const told = await payload.find({ collection: 'notifications', where: { subject: { equals: '【备份失败】2026-12-03 的每日备份没有完成' } }, depth: 0 })
        expect(told.docs.map((doc) => String(typeof doc.recipient === 'object' ? doc.recipient?.id : doc.recipient))).toEqual([String(fx.users.admin.id)])

        process.env.BACKUP_DIR = nightlyDir
        expect(await runNightlyBackup(payload, { owner: 'scheduler-b', now: new Date(next.getTime() + 2 * 3600_000) })).toMatchObject({ kind: 'done' })
        expect(fs.readdirSync(nightlyDir).sort()).toEqual(['cms-20261202-023000.tar.gz', 'cms-20261203-043000.tar.gz'])
      } finally {
        delete process.env.BACKUP_DIR
      }
    },
    SLOW,
  )
})

describe('the restore drill', () => {
  let archive: string
  let manifest: BackupManifest
  let before: Record<string, string[]>
  let mediaSha: Record<string, string>

  it(
    'backs up while the system keeps writing: a whole archive whose manifest matches its snapshot',
    async () => {
      // Messages WeChat was told were received and no worker has imported yet: one in a closed
      // segment, one in a segment still being written whose last line is half written.
      const journal = new InboundJournal(journalDir)
      await journal.append(residentText('9001'))
      await journal.rotate()
      expect(fs.readdirSync(path.join(journalDir, 'ready'))).toHaveLength(1)
      fs.writeFileSync(
        path.join(journalDir, 'active', `${Date.now()}-drill_writer-1.jsonl`),
        `${JSON.stringify(residentText('9002'))}\n${JSON.stringify(residentText('9003')).slice(0, 40)}`,
        { mode: 0o600 },
      )
      // The modes of an installation that keeps its data to itself.
      fs.chmodSync(dbFile, 0o640)
      fs.chmodSync(mediaDir, 0o750)

      before = Object.fromEntries(await Promise.all(COUNTED.map(async (slug) => [slug, await ids(payload, slug)])))
      mediaSha = Object.fromEntries(fs.readdirSync(mediaDir).map((name) => [name, sha256(path.join(mediaDir, name))]))
      expect(Object.keys(mediaSha).length).toBeGreaterThanOrEqual(4)

      // Writes go on in this process for as long as the backup runs in the other one.
      let running = true
      let written = 0
      const writer = (async () => {
        while (running) {
          await payload.create({ collection: 'communities', data: { name: `并发写入 ${written}`, code: `concurrent-${written}` } })
          written++
          // The local libsql client answers without a turn of the event loop: give the loop one, or the backup's exit is never seen.
          await new Promise((resolve) => setTimeout(resolve, 5))
        }
      })()
      const backup = await npmRun(['backup', '--no-prune'])
      running = false
      await writer
      expect(backup.stderr).not.toMatch(/✗/)
      expect(backup.code).toBe(0)
      expect(backup.stdout).toMatch(/✓ 备份完成：/)
      expect(written).toBeGreaterThan(0)

      const archives = fs.readdirSync(backupDir).filter((name) => /^cms-\d{8}-\d{6}\.tar\.gz$/.test(name))
      expect(archives).toHaveLength(1)
      expect(fs.readdirSync(backupDir).filter((name) => name.startsWith('.'))).toEqual([])
      archive = path.join(backupDir, archives[0])
      expect(fs.statSync(archive).mode & 0o077).toBe(0)

      const verified = await verifyArchive(archive, tp.directory)
      manifest = verified.manifest
      verified.discard()
      const snapshot = Object.fromEntries(manifest.database.collections.map((c) => [c.slug, c.count]))
      for (const slug of COUNTED) {
        if (slug === 'communities') continue
        expect(snapshot[slug]).toBe(before[slug].length)
      }
      // Somewhere between the documents before the backup and those after the writes stopped.
      expect(snapshot.communities).toBeGreaterThanOrEqual(before.communities.length)
      expect(snapshot.communities).toBeLessThanOrEqual(before.communities.length + written)
      const mediaEntries = manifest.files.filter((file) => file.path.startsWith('files/media/'))
      for (const [name, sha] of Object.entries(mediaSha))
        expect(mediaEntries).toContainEqual({ path: `files/media/${name}`, size: expect.any(Number), sha256: sha })
      expect(manifest.journal).toEqual({ source: journalDir, segments: 2 })
      expect(manifest.files.filter((file) => file.path.startsWith('journal/'))).toHaveLength(2)
      expect(backup.stdout).toMatch(/尚未导入的回调消息：2 段/)
    },
    SLOW,
  )

  it(
    'refuses to restore while the system runs, and changes nothing',
    async () => {
      const shaBefore = sha256(dbFile)
      const run = await npmRun(['restore', archive, '--yes'])
      expect(run.code).toBe(3)
      expect(run.stderr).toMatch(/系统似乎正在运行（进程 \d+/)
      expect(sha256(dbFile)).toBe(shaBefore)
      expect(fs.readdirSync(tp.directory).filter((name) => name.startsWith('before-restore-') || name.startsWith('.restore-'))).toEqual([])
    },
    SLOW,
  )

  it(
    'refuses a damaged, truncated or foreign archive before touching anything',
    async () => {
      await payload.destroy()
      ;(payload.db as unknown as { client: { close: () => void } }).client.close()
      // The file itself, not its bytes: the connection libsql leaked in this process (see below) may still
      // checkpoint into it. A restore replaces the database only by renaming, which changes the inode.
      const inodeBefore = fs.statSync(dbFile).ino
      const bytes = fs.readFileSync(archive)

      const flipped = Buffer.from(bytes)
      for (let i = Math.floor(bytes.length / 2); i < Math.floor(bytes.length / 2) + 64; i++) flipped[i] ^= 0xff
      const damaged = path.join(tp.directory, 'damaged.tar.gz')
      fs.writeFileSync(damaged, flipped)
      const truncated = path.join(tp.directory, 'truncated.tar.gz')
      fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)))
      const foreignDir = path.join(tp.directory, 'foreign')
      fs.mkdirSync(path.join(foreignDir, 'database'), { recursive: true })
      fs.writeFileSync(path.join(foreignDir, 'database', 'cms.db'), randomBytes(4096))
      fs.writeFileSync(path.join(foreignDir, 'manifest.json'), JSON.stringify({ format: 'something-else', version: 1 }))
      const foreign = path.join(tp.directory, 'foreign.tar.gz')
      await createTar({ gzip: true, file: foreign, cwd: foreignDir }, ['manifest.json', 'database'])

      for (const [file, reason] of [
        [damaged, /备份文件已损坏|与清单不符/],
        [truncated, /备份文件已损坏|缺少文件|与清单不符/],
        [foreign, /不是本系统的备份/],
      ] as const) {
        const run = await npmRun(['restore', file, '--yes'])
        expect(run.code).toBe(1)
        expect(run.stderr).toMatch(reason)
        expect(run.stderr.trim().split('\n')).toHaveLength(1)
        expect(fs.statSync(dbFile).ino).toBe(inodeBefore)
        expect(fs.readdirSync(tp.directory).filter((name) => name.startsWith('before-restore-') || name.startsWith('.restore-'))).toEqual([])
      }
    },
    SLOW,
  )

  it(
    'puts back every document and file after the database is destroyed and an image deleted',
    async () => {
      // Nothing holds the database now (the previous test closed it). Destroy it and lose an image.
      fs.writeFileSync(dbFile, 'this is no longer a database')
      for (const suffix of ['-wal', '-shm']) fs.rmSync(`${dbFile}${suffix}`, { force: true })
      const lost = Object.keys(mediaSha).find((name) => name.startsWith('photo-3'))!
      fs.rmSync(path.join(mediaDir, lost))
      // The journal as it is now: the backed-up segments gone (imported into the database just destroyed),
      // one that arrived after the backup.
      fs.rmSync(journalDir, { recursive: true })
      const later = new InboundJournal(journalDir)
      await later.append(residentText('9100'))
      await later.rotate()

      // --force: this test process still holds a connection libsql handed to a transaction and never
      // closed (Payload's destroy() leaves the client open); a stopped system holds none.
      const run = await npmRun(['restore', archive, '--yes', '--force'])
      expect(run.stderr).not.toMatch(/✗/)
      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(/✓ 备份完好/)
      expect(run.stdout).toMatch(/✓ 已恢复数据库和上传文件；原来的保存在 .*before-restore-/)
      const aside = fs.readdirSync(tp.directory).filter((name) => name.startsWith('before-restore-'))
      expect(aside).toHaveLength(1)
      expect(fs.readFileSync(path.join(tp.directory, aside[0], 'database', 'test.db'), 'utf8')).toBe('this is no longer a database')
      // The database keeps its mode, not the snapshot's (VACUUM INTO makes it 0644); so does the upload folder.
      expect(fs.statSync(dbFile).mode & 0o777).toBe(0o640)
      expect(fs.statSync(mediaDir).mode & 0o777).toBe(0o750)
      // The backed-up segments wait in ready/ (0600), each ending at its last whole line; the one that came
      // after the backup joins them (it is a message WeChat was told was received), its original kept aside.
      expect(run.stdout).toMatch(/尚未导入的微信回调消息 2 段已放回回调日志/)
      expect(run.stdout).toMatch(/恢复前回调日志中尚未导入的消息 1 段（备份之后收到的）也已放回/)
      const segments = fs.readdirSync(path.join(journalDir, 'ready'))
      expect(segments).toHaveLength(3)
      for (const name of segments) {
        const file = path.join(journalDir, 'ready', name)
        expect(fs.statSync(file).mode & 0o777).toBe(0o600)
        expect(fs.readFileSync(file, 'utf8').endsWith('\n')).toBe(true)
      }
      expect(fs.readdirSync(path.join(tp.directory, aside[0], 'journal', 'ready'))).toHaveLength(1)

      for (const [name, sha] of Object.entries(mediaSha)) expect(sha256(path.join(mediaDir, name))).toBe(sha)

      // Reopen Payload on the restored file, as the next start does.
      const { BasePayload } = await import('payload')
      const { default: config } = await import('../../src/payload.config')
      const reopened = await new BasePayload().init({ config })
      try {
        const restored = await counts(reopened)
        for (const { slug, count } of manifest.database.collections.filter((c) => COUNTED.includes(c.slug as CollectionSlug)))
          expect(restored[slug]).toBe(count)
        for (const slug of COUNTED) {
          const now = await ids(reopened, slug)
          for (const id of before[slug]) expect(now).toContain(id)
        }
        const media = await reopened.find({ collection: 'media', limit: 0, pagination: false, depth: 0 })
        expect(media.docs.length).toBe(before.media.length)
        for (const doc of media.docs) {
          const file = path.join(mediaDir, String(doc.filename))
          expect(fs.existsSync(file)).toBe(true)
          expect(sha256(file)).toBe(mediaSha[String(doc.filename)])
        }
        const users = await reopened.find({ collection: 'users', where: { email: { equals: 'drill-admin@example.test' } }, depth: 0 })
        expect(users.docs).toHaveLength(1)
        // The worker imports the messages the backup held and the one received after it: each one row, ready for the inbox.
        const imported = await importJournal(reopened, journalDir)
        expect(imported).toMatchObject({ segments: 3, inserted: 3, unreadable: 0 })
        const inbound = await reopened.find({ collection: 'wechat-inbound', overrideAccess: true, depth: 0, limit: 10 })
        expect(inbound.docs.map((doc) => doc.dedupeKey).sort()).toEqual([`${accountId}:9001`, `${accountId}:9002`, `${accountId}:9100`])
        // The backed-up scheduler is not running now: no heartbeat of it comes back to read as crashed.
        expect((await reopened.count({ collection: 'scheduler-heartbeats', overrideAccess: true })).totalDocs).toBe(0)
      } finally {
        await reopened.destroy()
        ;(reopened.db as unknown as { client: { close: () => void } }).client.close()
      }
    },
    SLOW,
  )
})
