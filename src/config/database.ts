import path from 'node:path'
import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import type { DatabaseAdapterObj } from 'payload'

const DEFAULT_DATABASE_URI = 'file:./data/cms.db'

export type DatabaseKind = 'sqlite' | 'mongodb'

/** `mongodb://` or `mongodb+srv://` selects MongoDB; unset or `file:` selects the embedded SQLite file. */
export function databaseKind(uri: string | undefined): DatabaseKind {
  const value = (uri ?? '').trim()
  if (value === '' || value.startsWith('file:')) return 'sqlite'
  if (value.startsWith('mongodb://') || value.startsWith('mongodb+srv://')) return 'mongodb'
  throw new Error(`DATABASE_URI 无法识别："${value.split('@').pop()}"。请使用 file:./data/cms.db（内置 SQLite）或 mongodb://…`)
}

/** Transactions need a replica set; a single mongod refuses them. */
export const mongoUsesTransactions = (uri: string): boolean => /[?&]replicaSet=/.test(uri) || uri.startsWith('mongodb+srv://')

const migrationDir = (kind: DatabaseKind) => path.resolve(process.cwd(), 'src', 'migrations', kind)

export function databaseAdapter(uri: string | undefined = process.env.DATABASE_URI): DatabaseAdapterObj {
  const url = uri?.trim() || DEFAULT_DATABASE_URI
  // Schema push is for development only; production runs the committed migrations.
  const push = process.env.NODE_ENV !== 'production'
  if (databaseKind(url) === 'mongodb') {
    return mongooseAdapter({
      url,
      ensureIndexes: true,
      transactionOptions: mongoUsesTransactions(url) ? {} : false,
      migrationDir: migrationDir('mongodb'),
    })
  }
  return sqliteAdapter({
    client: { url },
    // The admin and the scheduler are two processes on one file: wait for a lock instead of failing,
    // and let readers read while one writes.
    busyTimeout: 5000,
    wal: true,
    idType: 'uuid',
    push,
    migrationDir: migrationDir('sqlite'),
  })
}
