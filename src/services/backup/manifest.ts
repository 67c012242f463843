/**
 * The manifest inside every backup archive (`manifest.json`): what a restore checks before it
 * touches anything — each file's size and sha256, the database's row count per collection, the
 * app version and the migrations the database had.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'

/** Names this project's archives; an archive without it is someone else's and is refused. */
export const MANIFEST_FORMAT = 'street-office-cms-backup'
export const MANIFEST_VERSION = 1
export const MANIFEST_NAME = 'manifest.json'
/** The SQLite snapshot's path inside the archive. */
export const DATABASE_ENTRY = 'database/cms.db'
/** The folder of the callback journal's segments inside the archive (`journal/<segment>`). */
export const JOURNAL_ENTRY = 'journal'

export interface ManifestFile {
  /** Path inside the archive, `/`-separated: `database/cms.db`, `files/<collection>/<name>`, `journal/<segment>`, `secrets/<name>`. */
  path: string
  /** Bytes. */
  size: number
  /** Hex sha256 of the content. */
  sha256: string
}

export interface BackupManifest {
  format: typeof MANIFEST_FORMAT
  version: typeof MANIFEST_VERSION
  /** ISO instant the snapshot was taken. */
  createdAt: string
  app: { name: string; version: string }
  database: {
    kind: 'sqlite'
    /** Rows per collection in the snapshot (table name as the SQLite adapter names it). */
    collections: { slug: string; table: string; count: number }[]
    /** Migrations recorded in the snapshot (`payload_migrations`), oldest first; `dev` (schema push) left out. */
    migrations: string[]
    /** The schema was pushed (development, `dev` in payload_migrations) rather than migrated: a restore runs no migrations. */
    pushed: boolean
  }
  /** Upload collections whose files are under `files/<slug>/`, with the directory they came from (relative to the project when inside it). */
  directories: { slug: string; source: string; files: number }[]
  /**
   * The callback's journal (src/config/inbound-journal.ts): messages WeChat was told were received
   * and the worker had not imported yet, one file per segment under `journal/<segment>`, put back
   * into the journal's `ready/` folder. Absent in archives made before the journal was backed up.
   */
  journal?: { source: string; segments: number }
  /** Secrets files under `secrets/<name>` (only the demo's generated ones; production secrets live in .env). */
  secrets: string[]
  /** Every entry of the archive except the manifest itself. */
  files: ManifestFile[]
}

/** Hex sha256 of a file, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** The problem with `value` as a manifest (Chinese), or null when it has the expected shape. */
export function manifestProblem(value: unknown): string | null {
  if (!value || typeof value !== 'object') return '清单不是 JSON 对象'
  const manifest = value as Partial<BackupManifest>
  if (manifest.format !== MANIFEST_FORMAT) return '不是本系统的备份（清单格式不符）'
  if (manifest.version !== MANIFEST_VERSION) return `备份格式版本 ${String(manifest.version)} 不受支持（本程序支持 ${MANIFEST_VERSION}）`
  if (!Array.isArray(manifest.files) || !manifest.database || !Array.isArray(manifest.database.collections) || !Array.isArray(manifest.directories)) {
    return '清单不完整'
  }
  for (const file of manifest.files) {
    if (typeof file?.path !== 'string' || !safeEntryPath(file.path) || typeof file.size !== 'number' || !/^[0-9a-f]{64}$/.test(String(file.sha256))) {
      return `清单中的文件条目无效：${String(file?.path)}`
    }
  }
  if (!manifest.files.some((file) => file.path === DATABASE_ENTRY)) return '备份中没有数据库'
  // Segments go back into one folder by name: nothing deeper than journal/<segment>.
  const journalEntry = manifest.files.find((file) => file.path.startsWith(`${JOURNAL_ENTRY}/`) && !/^journal\/[^/]+\.jsonl$/.test(file.path))
  if (journalEntry) return `清单中的回调日志条目无效：${journalEntry.path}`
  return null
}

/** A relative path with no `..`, no absolute start and no backslash: nothing extracts outside its folder. */
export function safeEntryPath(entry: string): boolean {
  return entry.length > 0 && !entry.startsWith('/') && !entry.includes('\\') && entry.split('/').every((part) => part !== '' && part !== '.' && part !== '..')
}
