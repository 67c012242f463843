/**
 * Where backups go and what they take besides the database, from the environment, the same for
 * `npm run backup`, `npm run restore` and the nightly job (all run from the project folder).
 */
import fs from 'node:fs'
import path from 'node:path'

/** BACKUP_DIR (relative to the project), default data/backups. */
export const backupDirectory = (env: NodeJS.ProcessEnv = process.env): string => path.resolve(env.BACKUP_DIR?.trim() || path.join('data', 'backups'))

/** The embedded database's file from DATABASE_URI (default file:./data/cms.db), or null on MongoDB. */
export function sqliteDatabaseFile(env: NodeJS.ProcessEnv = process.env): string | null {
  const uri = env.DATABASE_URI?.trim() || 'file:./data/cms.db'
  return uri.startsWith('file:') ? path.resolve(uri.slice('file:'.length)) : null
}

/**
 * The secrets files a restore on another machine needs and that live beside the data rather than in
 * `.env`: the demo's generated PAYLOAD_SECRET (`data/.payload-secret`: it signs sessions and, without
 * WECHAT_SECRETS_KEY, is the key of the stored WeChat secrets) and the demo account's file for the
 * emulator (the rule of src/dev/demo-account.ts demoAccountFile) with the emulator's further accounts
 * beside it. By name in the archive. The
 * secret file only when it is the secret in use (PAYLOAD_SECRET from .env makes it a stale leftover);
 * `forRestore`: where each goes back to.
 */
export function secretFiles(env: NodeJS.ProcessEnv = process.env, { forRestore = false } = {}): Record<string, string> {
  const database = sqliteDatabaseFile(env)
  const secretFile = path.resolve('data', '.payload-secret')
  // A restore puts a backed-up secret back where `npm start` reads it, whatever is there now.
  let inUse = forRestore
  try {
    inUse = fs.readFileSync(secretFile, 'utf8').trim() === env.PAYLOAD_SECRET
  } catch {
    // No such file: the secret comes from .env.
  }
  const demoAccount = env.WECHAT_DEMO_ACCOUNT_FILE
    ? path.resolve(env.WECHAT_DEMO_ACCOUNT_FILE)
    : database
      ? path.join(path.dirname(database), '.wechat-demo-account')
      : path.resolve('data', '.wechat-demo-account')
  return {
    ...(inUse ? { 'payload-secret': secretFile } : {}),
    'wechat-demo-account': demoAccount,
    // The accounts `npm run wechat:emulator:account` registered with the emulator, beside it
    // (src/dev/emulator-accounts.ts emulatorAccountsFile); running the command again also rewrites it.
    'wechat-emulator-accounts': path.join(path.dirname(demoAccount), '.wechat-emulator-accounts'),
  }
}

/** The app's name and version from package.json in the project folder. */
export function appInfo(): { name: string; version: string } {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.resolve('package.json'), 'utf8')) as { name?: string; version?: string }
    return { name: pkg.name ?? 'unknown', version: pkg.version ?? 'unknown' }
  } catch {
    return { name: 'unknown', version: 'unknown' }
  }
}

/** The migrations the code has (src/migrations/sqlite/*.ts except index.ts), oldest first. */
export function codeMigrations(): string[] {
  const dir = path.resolve('src', 'migrations', 'sqlite')
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.ts') && name !== 'index.ts')
    .map((name) => name.slice(0, -3))
    .sort()
}
