// Generates a migration from the collection configs against a throwaway database that has every
// committed migration applied, so the new file holds only what changed.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { bin, payloadEnv, run, runMain } from './env.mjs'

const name = process.argv[2] ?? 'change'
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrate-create-'))
const env = payloadEnv({
  DATABASE_URI: `file:${path.join(dir, 'schema.db')}`,
  NODE_ENV: 'production',
  PAYLOAD_SECRET: process.env.PAYLOAD_SECRET ?? 'x'.repeat(32),
})
await runMain(async () => {
  try {
    await run(bin('payload'), ['migrate:create', name, '--skip-empty'], env)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
