/**
 * Restoring a backup archive (create.ts) in two steps: `verifyArchive` unpacks it into a temporary
 * folder and checks it against its manifest — each file's size and sha256, nothing more and nothing
 * less, the database's integrity and row counts — without touching the system; `putBack` then moves
 * the current database and files aside (so the restore can be undone) and the verified ones in.
 * The system must be stopped meanwhile (running.ts tells whether it is).
 */
import fs from 'node:fs'
import path from 'node:path'
import { extract } from 'tar'
import { BackupError, inspectDatabase, listFiles } from './create'
import { JOURNAL_DIRS } from '../../config/inbound-journal'
import { type BackupManifest, DATABASE_ENTRY, JOURNAL_ENTRY, MANIFEST_NAME, manifestProblem, safeEntryPath, sha256File } from './manifest'

export interface VerifiedArchive {
  manifest: BackupManifest
  /** The temporary folder holding the unpacked archive; `discard` removes it. */
  dir: string
  discard: () => void
}

/**
 * Unpacks `archive` into a new temporary folder inside `workDir` (on the same file system as the
 * data, so putting back is a rename) and checks it: a gzip'd tar of regular files and folders only,
 * safe paths, a manifest of this system (manifest.ts) listing exactly the files present with their
 * sizes and sha256, and a database that passes `PRAGMA integrity_check` with the manifest's row
 * count per collection. Throws BackupError (Chinese, naming the first problem) and leaves nothing
 * behind; nothing outside `workDir` is written.
 */
export async function verifyArchive(archive: string, workDir: string): Promise<VerifiedArchive> {
  if (!fs.existsSync(archive) || !fs.statSync(archive).isFile()) throw new BackupError(`找不到备份文件：${archive}`)
  fs.mkdirSync(workDir, { recursive: true })
  const dir = fs.mkdtempSync(path.join(workDir, '.restore-'))
  const discard = () => fs.rmSync(dir, { recursive: true, force: true })
  try {
    let foreign: string | null = null
    try {
      await extract({
        file: archive,
        cwd: dir,
        strict: true,
        preserveOwner: false,
        filter: (entry: string, stat: unknown) => {
          const type = (stat as { type?: string }).type
          const clean = entry.replace(/\/+$/, '')
          if ((type !== 'File' && type !== 'Directory') || !safeEntryPath(clean)) {
            foreign ??= entry
            return false
          }
          return true
        },
      } as never)
    } catch (error) {
      throw new BackupError(`备份文件已损坏或不是 tar.gz（${error instanceof Error ? error.message.split('\n')[0] : String(error)}）`)
    }
    if (foreign) throw new BackupError(`备份中有不应出现的条目：${foreign}（不是本系统的备份？）`)
    const manifestFile = path.join(dir, MANIFEST_NAME)
    if (!fs.existsSync(manifestFile)) throw new BackupError('备份中没有清单 manifest.json：不是本系统的备份，或文件不完整')
    let manifest: BackupManifest
    try {
      manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BackupManifest
    } catch {
      throw new BackupError('备份清单 manifest.json 无法解析：文件已损坏')
    }
    const problem = manifestProblem(manifest)
    if (problem) throw new BackupError(`备份清单无效：${problem}`)

    const listed = new Set(manifest.files.map((file) => file.path))
    const present = listFiles(dir).filter((rel) => rel !== MANIFEST_NAME)
    const extra = present.find((rel) => !listed.has(rel))
    if (extra) throw new BackupError(`备份中有清单未列出的文件：${extra}`)
    for (const file of manifest.files) {
      const full = path.join(dir, ...file.path.split('/'))
      if (!fs.existsSync(full)) throw new BackupError(`备份缺少文件：${file.path}`)
      if (fs.statSync(full).size !== file.size || (await sha256File(full)) !== file.sha256) {
        throw new BackupError(`备份中的文件与清单不符（已损坏）：${file.path}`)
      }
    }
    const inspected = await inspectDatabase(path.join(dir, DATABASE_ENTRY), manifest.database.collections)
    for (const expected of manifest.database.collections) {
      const found = inspected.collections.find((c) => c.slug === expected.slug)
      if (found?.count !== expected.count) {
        throw new BackupError(`备份数据库中「${expected.slug}」有 ${found?.count ?? '?'} 条，清单记录 ${expected.count} 条：备份不一致`)
      }
    }
    return { manifest, dir, discard }
  } catch (error) {
    discard()
    throw error
  }
}

export interface PutBackTargets {
  /** The SQLite file the system uses (its -wal/-shm/-journal companions move with it). */
  databaseFile: string
  /** Upload collection slug → the folder its files go to (the current configuration's). */
  directories: Record<string, string>
  /** Secret name in the archive → the file it goes to. */
  secrets: Record<string, string>
  /** The callback journal's folder (journalDirectory()); none: an archive's journal is not put back. */
  journalDir?: string
  /** The new folder the current state is moved to, e.g. data/before-restore-20261201-093000. */
  asideDir: string
}

export interface PutBackResult {
  asideDir: string
  /** What was moved aside, relative to asideDir. */
  keptAside: string[]
  /** Collections in the archive that this configuration has no folder for (their files were not put back). */
  skipped: string[]
  /** Journal segments put back into the journal's ready/ (the worker imports them at its next pass). */
  journalSegments: number
  /** Segments of the journal as it was (not imported into the replaced database), now under asideDir/journal. */
  journalAside: number
  /** Of those, the segments copied into the restored journal's ready/ too (imported at the worker's next pass). */
  journalCurrent: number
}

/** The permission bits of `file`, or null when there is no such file. */
function modeOf(file: string): number | null {
  try {
    return fs.statSync(file).mode & 0o7777
  } catch {
    return null
  }
}

/** Journal segments (`*.jsonl`) anywhere below a journal folder. */
function countSegments(dir: string): number {
  return listFiles(dir).filter((rel) => rel.split('~', 1)[0]!.endsWith('.jsonl')).length
}

/** rename, or copy and delete across file systems. */
function move(from: string, to: string) {
  fs.mkdirSync(path.dirname(to), { recursive: true })
  try {
    fs.renameSync(from, to)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
    fs.cpSync(from, to, { recursive: true, preserveTimestamps: true })
    fs.rmSync(from, { recursive: true, force: true })
  }
}

/**
 * Moves the current database (with its WAL companions: a stale `-wal` beside the restored file
 * would be replayed into it), upload folders, secrets and — when the archive has one — the callback
 * journal into `targets.asideDir`, then the verified archive's into their places: the journal's
 * segments into a fresh journal's `ready/`, where the worker imports them. Consumes `verified`.
 * Modes: the database gets the mode the current file had (0600 when there was none; the snapshot's
 * own is whatever VACUUM INTO created it with), an upload folder its current folder's, secrets and
 * segments 0600; files keep the modes they had when backed up. When a move fails midway everything
 * already moved is moved back and the error is thrown (BackupError). Only for a stopped system.
 */
export function putBack(verified: VerifiedArchive, targets: PutBackTargets): PutBackResult {
  if (fs.existsSync(targets.asideDir)) throw new BackupError(`目录已存在：${targets.asideDir}`)
  const done: [string, string][] = []
  const step = (from: string, to: string) => {
    move(from, to)
    done.push([from, to])
  }
  const keptAside: string[] = []
  const skipped: string[] = []
  let journalSegments = 0
  let journalAside = 0
  let journalCurrent = 0
  try {
    fs.mkdirSync(targets.asideDir, { recursive: true, mode: 0o700 })
    const databaseMode = modeOf(targets.databaseFile) ?? 0o600
    for (const suffix of ['', '-wal', '-shm', '-journal']) {
      const current = `${targets.databaseFile}${suffix}`
      if (!fs.existsSync(current)) continue
      const aside = path.join(targets.asideDir, 'database', `${path.basename(targets.databaseFile)}${suffix}`)
      step(current, aside)
      keptAside.push(path.relative(targets.asideDir, aside))
    }
    step(path.join(verified.dir, ...DATABASE_ENTRY.split('/')), targets.databaseFile)
    fs.chmodSync(targets.databaseFile, databaseMode)

    for (const { slug } of verified.manifest.directories) {
      const target = targets.directories[slug]
      if (!target) {
        skipped.push(slug)
        continue
      }
      const folderMode = modeOf(target)
      if (folderMode !== null) {
        const aside = path.join(targets.asideDir, 'files', slug)
        step(target, aside)
        keptAside.push(path.relative(targets.asideDir, aside))
      }
      const restored = path.join(verified.dir, 'files', slug)
      if (fs.existsSync(restored)) step(restored, target)
      else fs.mkdirSync(target, { recursive: true })
      if (folderMode !== null) fs.chmodSync(target, folderMode)
    }
    if (verified.manifest.journal && targets.journalDir) {
      const target = targets.journalDir
      if (fs.existsSync(target)) {
        journalAside = countSegments(target)
        const aside = path.join(targets.asideDir, JOURNAL_ENTRY)
        step(target, aside)
        keptAside.push(path.relative(targets.asideDir, aside))
      }
      // Built inside the unpacked archive, then moved in with one rename (undone like the others).
      const fresh = fs.mkdtempSync(path.join(verified.dir, '.journal-'))
      // As the journal makes its folders (src/inbound/journal.ts): only its owner reads residents' messages.
      for (const folder of Object.values(JOURNAL_DIRS)) fs.mkdirSync(path.join(fresh, folder), { mode: 0o700 })
      const restored = path.join(verified.dir, JOURNAL_ENTRY)
      for (const name of fs.existsSync(restored) ? fs.readdirSync(restored).sort() : []) {
        const segment = path.join(fresh, JOURNAL_DIRS.ready, name)
        fs.renameSync(path.join(restored, name), segment)
        fs.chmodSync(segment, 0o600)
        journalSegments++
      }
      // The journal as it was holds messages WeChat was told were received after the backup and not
      // imported yet: they go to ready/ as well (copied: the aside copy stays for an undo). A segment in
      // both is the same file, the current one no shorter; the importer takes each message once anyway.
      const aside = path.join(targets.asideDir, JOURNAL_ENTRY)
      for (const rel of fs.existsSync(aside) ? listFiles(aside) : []) {
        const name = path.basename(rel).split('~', 1)[0]!
        if (!name.endsWith('.jsonl')) continue
        const segment = path.join(fresh, JOURNAL_DIRS.ready, name)
        fs.copyFileSync(path.join(aside, rel), segment)
        fs.chmodSync(segment, 0o600)
        journalCurrent++
      }
      fs.chmodSync(fresh, 0o700)
      step(fresh, target)
    }
    for (const name of verified.manifest.secrets ?? []) {
      const target = targets.secrets[name]
      if (!target) continue
      if (fs.existsSync(target)) {
        const aside = path.join(targets.asideDir, 'secrets', name)
        step(target, aside)
        keptAside.push(path.relative(targets.asideDir, aside))
      }
      step(path.join(verified.dir, 'secrets', name), target)
      fs.chmodSync(target, 0o600)
    }
  } catch (error) {
    for (const [from, to] of done.reverse()) {
      try {
        move(to, from)
      } catch {
        // Keep undoing the rest; what could not be moved back is still in asideDir.
      }
    }
    verified.discard()
    throw new BackupError(`恢复中途失败，已尽量撤回（原数据在 ${targets.asideDir}）：${error instanceof Error ? error.message : String(error)}`)
  }
  verified.discard()
  return { asideDir: targets.asideDir, keptAside, skipped, journalSegments, journalAside, journalCurrent }
}

/** The migrations the code has that the restored database lacks (to run), and those it has that the code lacks (a newer backup). */
export function compareMigrations(backup: string[], code: string[]): { missing: string[]; unknown: string[] } {
  return { missing: code.filter((name) => !backup.includes(name)), unknown: backup.filter((name) => !code.includes(name)) }
}

/**
 * After a restore, the scheduler heartbeats in the backup are of processes that ran when it was made:
 * kept, 运行状态 would call them crashed for a day. Deletes them from the restored database file
 * (an older backup without the table has none to delete). Errors other than a missing table throw.
 */
export async function forgetBackedUpHeartbeats(databaseFile: string): Promise<void> {
  const { createClient } = await import('@libsql/client')
  const client = createClient({ url: `file:${databaseFile}` })
  try {
    await client.execute('DELETE FROM scheduler_heartbeats')
  } catch (error) {
    if (!/no such table/i.test(error instanceof Error ? error.message : String(error))) throw error
  } finally {
    client.close()
  }
}
