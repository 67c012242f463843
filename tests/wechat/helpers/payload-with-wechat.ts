/**
 * A real Payload on a temp SQLite file with the collections the WeChat client layer needs:
 * media (images to upload), users and communities (media's relations), wechat-tokens and
 * wechat-uploads. Composed here rather than from src/payload.config.ts, which does not register
 * the WeChat collections yet.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Payload } from 'payload'

export interface WeChatTestPayload {
  payload: Payload
  directory: string
  close: () => Promise<void>
}

export async function startPayloadWithWeChat(): Promise<WeChatTestPayload> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-wechat-'))
  process.env.DATABASE_URI = `file:${path.join(directory, 'test.db')}`
  // Read by collections/media when it is first imported: set before the imports below.
  process.env.MEDIA_DIR = path.join(directory, 'media')
  process.env.PAYLOAD_SECRET ??= randomBytes(32).toString('hex')
  const { buildConfig, getPayload } = await import('payload')
  const { lexicalEditor } = await import('@payloadcms/richtext-lexical')
  const { default: sharp } = await import('sharp')
  const { databaseAdapter } = await import('../../../src/database')
  const { Communities } = await import('../../../collections/communities')
  const { Media } = await import('../../../collections/media')
  const { Users } = await import('../../../collections/users')
  const { WeChatTokens } = await import('../../../collections/wechat-tokens')
  const { WeChatUploads } = await import('../../../collections/wechat-uploads')
  const config = buildConfig({
    secret: process.env.PAYLOAD_SECRET,
    admin: { user: Users.slug },
    collections: [Media, Communities, Users, WeChatTokens, WeChatUploads],
    editor: lexicalEditor(),
    db: databaseAdapter(process.env.DATABASE_URI),
    sharp,
    telemetry: false,
  })
  const payload = await getPayload({ config })
  return {
    payload,
    directory,
    close: async () => {
      await payload.destroy()
      fs.rmSync(directory, { recursive: true, force: true })
    },
  }
}
