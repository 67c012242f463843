import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Payload } from 'payload'

export interface TestPayload {
  payload: Payload
  directory: string
  close: () => Promise<void>
}

/** A real Payload on a fresh SQLite file of its own; the schema is pushed as in development. */
export async function startTestPayload(): Promise<TestPayload> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-test-'))
  process.env.DATABASE_URI = `file:${path.join(directory, 'test.db')}`
  process.env.MEDIA_DIR = path.join(directory, 'media')
  process.env.PAYLOAD_SECRET ??= randomBytes(32).toString('hex')
  const { BasePayload } = await import('payload')
  const { default: config } = await import('../../src/payload.config')
  // Not getPayload: it caches one instance per process, and a suite may want several fresh ones.
  const payload = await new BasePayload().init({ config })
  return {
    payload,
    directory,
    close: async () => {
      await payload.destroy()
      fs.rmSync(directory, { recursive: true, force: true })
    },
  }
}
