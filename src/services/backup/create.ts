/**
 * Making a backup archive while the system runs: an online snapshot of the SQLite database
 * (`VACUUM INTO` through the libsql client Payload itself uses, so it is a consistent copy even under
 * concurrent writes — never a copy of the live file), the upload collections' files, the demo's
 * generated secrets, the callback's journal (messages answered but not imported yet) and a manifest
 * (manifest.ts), packed into one `cms-YYYYMMDD-HHmmss.tar.gz`.
 * The archive is written under a hidden temporary name and renamed when complete: a `cms-*.tar.gz`
 * in the backup folder is always whole (the health page reads the newest one's time as "last backup").
 */
import fs from 'node:fs'
import path from 'node:path'
import { createClient } from '@libsql/client'
import type { Payload } from 'payload'
import { create as createTar } from 'tar'
import { JOURNAL_DIRS } from '../../config/inbound-journal'
import { type BackupManifest, DATABASE_ENTRY, JOURNAL_ENTRY, MANIFEST_FORMAT, MANIFEST_NAME, MANIFEST_VERSION, type ManifestFile, sha256File } from './manifest'
import { archiveName, chooseRetained, DEFAULT_RETENTION, type RetentionPolicy } from './retention'

/** A backup that cannot be made; the message is one Chinese line with the fix to try. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BackupError'
  }
}

export interface CreateBackupOptions {
  /** The folder the archive goes to (created, mode 0700). */
  backupDir: string
  /** The project's folder: directories inside it are recorded relative to it. */
  projectRoot: string
  /** The callback's journal folder (journalDirectory() of src/config/inbound-journal.ts); none: not backed up. */
  journalDir?: string
  /** Secret files to include, by their name in the archive (`payload-secret`, `wechat-demo-account`); missing ones are skipped. */
  secrets?: Record<string, string>
  app: { name: string; version: string }
  now?: Date
}

export interface CreatedBackup {
  file: string
  bytes: number
  manifest: BackupManifest
}

/** The upload collections and the folders their files are stored in (the running config's staticDir). */
export function uploadDirectories(payload: Payload): { slug: string; dir: string }[] {
  return payload.config.collections
    .filter((collection) => collection.upload && typeof collection.upload === 'object' && collection.upload.staticDir)
    .map((collection) => ({ slug: collection.slug, dir: path.resolve((collection.upload as { staticDir: string }).staticDir) }))
}

/** The SQLite adapter's table for a collection (Payload names it by the slug in snake case). */
function tableOf(payload: Payload, slug: string): string | null {
  const map = (payload.db as unknown as { tableNameMap?: Map<string, string> }).tableNameMap
  const snake = slug
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .replace(/[-\s]+/g, '_')
    .toLowerCase()
  return map?.get(snake) ?? null
}

/** Every regular file below `dir`, as paths relative to it (`/`-separated); none when it does not exist. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  const out: string[] = []
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(rel)
      else if (entry.isFile()) out.push(rel)
    }
  }
  walk('')
  return out.sort()
}

/** A hard link when the folders share a file system (instant, and fixes the file's content as it is now), else a copy. */
function linkOrCopy(from: string, to: string) {
  fs.mkdirSync(path.dirname(to), { recursive: true })
  try {
    fs.linkSync(from, to)
  } catch {
    fs.copyFileSync(from, to)
  }
}

/**
 * Copies the callback journal's segments (active/, ready/, importing/ of src/inbound/journal.ts)
 * into `stageDir/journal/<segment>` and answers how many were copied. Each copy ends at its last
 * whole line: a segment still being written may end in half a line, whose message is answered
 * only once the whole line is in the file. Folders are read in the order a segment moves through
 * them (active → ready → importing → deleted once imported), so a segment that moves while they are
 * read is found in the next one; one read twice keeps its later, longer copy. Copied, never
 * hard-linked: the writer appends to an active segment in place.
 */
export function copyJournal(journalDir: string, stageDir: string): number {
  const copied = new Set<string>()
  for (const folder of [JOURNAL_DIRS.active, JOURNAL_DIRS.ready, JOURNAL_DIRS.importing]) {
    let names: string[]
    try {
      names = fs.readdirSync(path.join(journalDir, folder))
    } catch {
      continue
    }
    for (const name of names.sort()) {
      // A claimed segment is `<segment>~<importer>`; restored, it is a closed segment again.
      const segment = name.split('~', 1)[0]!
      if (!segment.endsWith('.jsonl') || segment.includes('/')) continue
      let content: Buffer
      try {
        content = fs.readFileSync(path.join(journalDir, folder, name))
      } catch (error) {
        // Moved on (closed, claimed) or imported and deleted meanwhile: the next folder or the database has it.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue
        throw error
      }
      const whole = content.subarray(0, content.lastIndexOf(0x0a) + 1)
      if (whole.length === 0) continue
      const target = path.join(stageDir, JOURNAL_ENTRY, segment)
      fs.mkdirSync(path.dirname(target), { recursive: true })
      fs.writeFileSync(target, whole, { mode: 0o600 })
      copied.add(segment)
    }
  }
  return copied.size
}

/**
 * Counts the rows per collection and reads the migrations of a SQLite file, after checking it with
 * `PRAGMA integrity_check`. Throws BackupError when the file is damaged. `tables` as in the manifest.
 */
export async function inspectDatabase(
  file: string,
  tables: { slug: string; table: string }[],
): Promise<{ collections: { slug: string; table: string; count: number }[]; migrations: string[]; pushed: boolean }> {
  const client = createClient({ url: `file:${file}` })
  try {
    const check = await client.execute('PRAGMA integrity_check')
    const verdict = String(check.rows[0]?.[0] ?? '')
    if (verdict !== 'ok') throw new BackupError(`数据库文件损坏（integrity_check：${verdict.slice(0, 80)}）`)
    const existing = new Set((await client.execute("SELECT name FROM sqlite_master WHERE type = 'table'")).rows.map((row) => String(row[0])))
    const collections = []
    // A collection whose table a migration has not made yet has no rows to count (and no rows to lose).
    for (const { slug, table } of tables.filter((entry) => existing.has(entry.table))) {
      const result = await client.execute(`SELECT count(*) FROM "${table.replaceAll('"', '""')}"`)
      collections.push({ slug, table, count: Number(result.rows[0]?.[0] ?? 0) })
    }
    const names = await client
      .execute('SELECT name FROM payload_migrations ORDER BY batch, created_at')
      .then((result) => result.rows.map((row) => String(row[0])))
      .catch(() => [] as string[])
    return { collections, migrations: names.filter((name) => name !== 'dev'), pushed: names.includes('dev') }
  } catch (error) {
    if (error instanceof BackupError) throw error
    throw new BackupError(`无法读取数据库文件：${error instanceof Error ? error.message.split('\n')[0] : String(error)}`)
  } finally {
    client.close()
  }
}

/** A free archive name in `dir` for `now`: `-2`, `-3`, … when one was already made in that second. */
function freeArchivePath(dir: string, now: Date): string {
  for (let suffix = 1; ; suffix++) {
    const file = path.join(dir, archiveName(now, suffix))
    if (!fs.existsSync(file)) return file
  }
}

/**
 * Makes one backup archive of the running system (see the module comment) in `options.backupDir`
 * and answers its path, size (bytes) and manifest. SQLite only: on MongoDB it throws BackupError
 * (mongodump is the tool there: docs/运维手册.md). Leaves nothing behind when it fails.
 */
export async function createBackup(payload: Payload, options: CreateBackupOptions): Promise<CreatedBackup> {
  if (payload.db.name !== 'sqlite') {
    throw new BackupError('数据库是 MongoDB：请用 mongodump 备份数据库、并另行备份上传文件目录（步骤见 docs/运维手册.md「备份与恢复」）')
  }
  const client = (payload.db as unknown as { client?: { execute: (stmt: { sql: string; args: string[] }) => Promise<unknown> } }).client
  if (!client) throw new BackupError('数据库尚未连接')
  const now = options.now ?? new Date()
  fs.mkdirSync(options.backupDir, { recursive: true, mode: 0o700 })
  const stage = fs.mkdtempSync(path.join(options.backupDir, '.staging-'))
  const partial = path.join(options.backupDir, `.${archiveName(now)}.${process.pid}.partial`)
  try {
    // The journal before the snapshot: a line leaves the journal only once it is in the database, so
    // each message journaled by the time of the copy is in the copy or the snapshot (in both: the
    // import's dedupeKey makes it one row).
    let journal: BackupManifest['journal']
    if (options.journalDir) {
      const segments = copyJournal(options.journalDir, stage)
      const relative = path.relative(options.projectRoot, options.journalDir)
      journal = { source: relative.startsWith('..') || path.isAbsolute(relative) ? options.journalDir : relative, segments }
    }
    // The snapshot before the uploads: files uploaded while the rest is gathered are extra, never missing.
    const snapshot = path.join(stage, DATABASE_ENTRY)
    fs.mkdirSync(path.dirname(snapshot), { recursive: true })
    await client.execute({ sql: 'VACUUM INTO ?', args: [snapshot] })
    const tables = payload.config.collections.flatMap((collection) => {
      const table = tableOf(payload, collection.slug)
      return table ? [{ slug: collection.slug, table }] : []
    })
    const database = await inspectDatabase(snapshot, tables)

    const directories: BackupManifest['directories'] = []
    for (const { slug, dir } of uploadDirectories(payload)) {
      const files = listFiles(dir)
      for (const rel of files) linkOrCopy(path.join(dir, rel), path.join(stage, 'files', slug, ...rel.split('/')))
      const relative = path.relative(options.projectRoot, dir)
      directories.push({ slug, source: relative.startsWith('..') || path.isAbsolute(relative) ? dir : relative, files: files.length })
    }
    const secrets: string[] = []
    for (const [name, file] of Object.entries(options.secrets ?? {})) {
      if (!fs.existsSync(file)) continue
      linkOrCopy(file, path.join(stage, 'secrets', name))
      secrets.push(name)
    }

    const files: ManifestFile[] = []
    for (const rel of listFiles(stage)) {
      const full = path.join(stage, ...rel.split('/'))
      files.push({ path: rel, size: fs.statSync(full).size, sha256: await sha256File(full) })
    }
    const manifest: BackupManifest = {
      format: MANIFEST_FORMAT,
      version: MANIFEST_VERSION,
      createdAt: now.toISOString(),
      app: options.app,
      database: { kind: 'sqlite', ...database },
      directories,
      ...(journal ? { journal } : {}),
      secrets,
      files,
    }
    fs.writeFileSync(path.join(stage, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`)
    const top = [MANIFEST_NAME, ...new Set(files.map((file) => file.path.split('/')[0]))]
    await createTar({ gzip: true, file: partial, cwd: stage, portable: true, mode: 0o600 } as never, top)
    fs.chmodSync(partial, 0o600)
    const handle = fs.openSync(partial, 'r')
    fs.fsyncSync(handle)
    fs.closeSync(handle)
    const file = freeArchivePath(options.backupDir, now)
    fs.renameSync(partial, file)
    return { file, bytes: fs.statSync(file).size, manifest }
  } finally {
    fs.rmSync(stage, { recursive: true, force: true })
    fs.rmSync(partial, { force: true })
  }
}

/**
 * Deletes the archives in `dir` that the retention policy (retention.ts: 7 daily, 4 weekly) does
 * not keep, and temporary leftovers of interrupted backups older than an hour. Answers the deleted
 * archives' names. Other files are never touched.
 */
export function pruneBackups(dir: string, policy: RetentionPolicy = DEFAULT_RETENTION, now: Date = new Date()): string[] {
  if (!fs.existsSync(dir)) return []
  const names = fs.readdirSync(dir)
  const { prune } = chooseRetained(names, policy)
  for (const name of prune) fs.rmSync(path.join(dir, name), { force: true })
  for (const name of names) {
    if (!/^\.staging-|^\.cms-.*\.partial$/.test(name)) continue
    const full = path.join(dir, name)
    if (now.getTime() - fs.statSync(full).mtimeMs > 3600_000) fs.rmSync(full, { recursive: true, force: true })
  }
  return prune
}
