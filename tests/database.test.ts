import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { databaseAdapter, databaseKind, mongoUsesTransactions } from '../src/config/database'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const fakePayload = { config: {}, logger: console } as never

test('the URI picks the adapter', () => {
  expect(databaseKind(undefined)).toBe('sqlite')
  expect(databaseKind('')).toBe('sqlite')
  expect(databaseKind('file:./data/cms.db')).toBe('sqlite')
  expect(databaseKind('mongodb://db1:27017/cms')).toBe('mongodb')
  expect(databaseKind('mongodb+srv://cluster.example/cms')).toBe('mongodb')
  expect(() => databaseKind('postgres://localhost/cms')).toThrow(/DATABASE_URI 无法识别/)
  expect(databaseAdapter('file:/tmp/x.db').name).toBe('sqlite')
  expect(databaseAdapter(undefined).name).toBe('sqlite')
  expect(databaseAdapter('mongodb://db1:27017/cms').name).toBe('mongoose')
})

test('the error for an unknown URI does not print its credentials', () => {
  expect(() => databaseKind('postgres://admin:secret@db/cms')).toThrow(/db\/cms/)
  expect(() => databaseKind('postgres://admin:secret@db/cms')).not.toThrow(/secret/)
})

test('SQLite uses string ids (uuid), as MongoDB does', () => {
  const sqlite = databaseAdapter('file:/tmp/ids.db').init({ payload: fakePayload }) as unknown as { idType: string; clientConfig: { url: string } }
  expect(sqlite.idType).toBe('uuid')
  expect(sqlite.clientConfig.url).toBe('file:/tmp/ids.db')
})

test('MongoDB: indexes ensured, transactions only with a replica set', () => {
  const single = databaseAdapter('mongodb://db1:27017/cms').init({ payload: fakePayload }) as unknown as Record<string, unknown>
  expect(single.ensureIndexes).toBe(true)
  expect(single.url).toBe('mongodb://db1:27017/cms')
  expect(mongoUsesTransactions('mongodb://db1:27017/cms')).toBe(false)
  expect(mongoUsesTransactions('mongodb://db1,db2,db3/cms?replicaSet=rs0')).toBe(true)
})

test('the committed SQLite migrations match the collection configs', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'migration-drift-'))
  fs.mkdirSync(path.join(scratch, 'src'))
  fs.cpSync(path.join(root, 'src', 'migrations'), path.join(scratch, 'src', 'migrations'), { recursive: true })
  const before = fs.readdirSync(path.join(scratch, 'src', 'migrations', 'sqlite')).sort()
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'payload'), ['migrate:create', 'drift', '--skip-empty'], {
    cwd: scratch,
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      PAYLOAD_CONFIG_PATH: path.join(root, 'src', 'payload.config.ts'),
      DATABASE_URI: `file:${path.join(scratch, 'drift.db')}`,
      NODE_ENV: 'production',
      NODE_OPTIONS: '--conditions=production',
      PAYLOAD_SECRET: randomBytes(32).toString('hex'),
    },
  })
  expect({ status: result.status, stderr: result.status === 0 ? '' : result.stderr }).toEqual({ status: 0, stderr: '' })
  const after = fs.readdirSync(path.join(scratch, 'src', 'migrations', 'sqlite')).sort()
  fs.rmSync(scratch, { recursive: true, force: true })
  // A new file means a collection changed without `npm run migrate:create -- <name>`.
  expect(after).toEqual(before)
}, 150_000)

test('the committed src/payload-types.ts matches the collection configs', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'types-drift-'))
  const generated = path.join(scratch, 'payload-types.ts')
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'payload'), ['generate:types'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      PAYLOAD_CONFIG_PATH: path.join(root, 'src', 'payload.config.ts'),
      // Payload writes here instead of the config's outputFile, so the committed file is left alone.
      PAYLOAD_TS_OUTPUT_PATH: generated,
      DATABASE_URI: `file:${path.join(scratch, 'types.db')}`,
      NODE_ENV: 'production',
      NODE_OPTIONS: '--conditions=production',
      PAYLOAD_SECRET: randomBytes(32).toString('hex'),
    },
  })
  expect({ status: result.status, stderr: result.status === 0 ? '' : result.stderr }).toEqual({ status: 0, stderr: '' })
  const fresh = fs.readFileSync(generated, 'utf8')
  fs.rmSync(scratch, { recursive: true, force: true })
  const committed = fs.readFileSync(path.join(root, 'src', 'payload-types.ts'), 'utf8')
  if (fresh !== committed) {
    const freshLines = fresh.split('\n')
    const committedLines = committed.split('\n')
    const line = freshLines.findIndex((text, index) => text !== committedLines[index])
    throw new Error(
      `src/payload-types.ts lags behind the collection configs from line ${line + 1}: run \`npm run types:generate\` and commit it.\n` +
        `committed: ${committedLines[line] ?? '(end of file)'}\ngenerated: ${freshLines[line] ?? '(end of file)'}`,
    )
  }
  expect(fresh).toBe(committed)
}, 150_000)
