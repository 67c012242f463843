import path from 'node:path'

/** The journal's folders: `active/` being written, `ready/` closed and waiting, `importing/` claimed by one importer. */
export const JOURNAL_DIRS = { active: 'active', ready: 'ready', importing: 'importing' } as const

/**
 * WECHAT_INBOUND_JOURNAL_DIR, else beside the SQLite file, else ./data/inbound-journal. It must be
 * on a disk that survives a restart: it holds messages WeChat was told were received. Here (not in
 * src/inbound/) because the health check reads the folder too, below the inbound layer.
 */
export function journalDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.WECHAT_INBOUND_JOURNAL_DIR?.trim()
  if (configured) return path.resolve(configured)
  const uri = env.DATABASE_URI?.trim() ?? ''
  if (uri.startsWith('file:')) return path.join(path.dirname(path.resolve(uri.slice('file:'.length))), 'inbound-journal')
  return path.resolve('data', 'inbound-journal')
}
