/**
 * The data step of the migration that turned the one `wechat-menu` global into a `wechat-menus` row
 * per account: a real SQLite file migrated up to the migration before it, the old global saved as an
 * install had it (no account chosen: the default account's), then the migration — the saved buttons
 * and sub-buttons are the default account's row, nothing else is invented.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import type { Payload } from 'payload'

const NAME = '20261130_221604_per_account_menus'
let payload: Payload
let directory: string

beforeAll(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-migration-'))
  process.env.DATABASE_URI = `file:${path.join(directory, 'test.db')}`
  process.env.MEDIA_DIR = path.join(directory, 'media')
  process.env.PAYLOAD_SECRET ??= randomBytes(32).toString('hex')
  // As in production: the committed migrations build the schema, nothing is pushed.
  ;(process.env as Record<string, string>).NODE_ENV = 'production'
  const { BasePayload } = await import('payload')
  const { default: config } = await import('../../src/payload.config')
  payload = await new BasePayload().init({ config })
}, 120_000)

afterAll(async () => {
  await payload?.destroy()
  fs.rmSync(directory, { recursive: true, force: true })
})

it('moves the saved menu of the old global into the default account’s row, buttons and sub-buttons kept', async () => {
  const { migrations } = await import('../../src/migrations/sqlite')
  const index = migrations.findIndex((migration) => migration.name === NAME)
  expect(index).toBeGreaterThan(0)
  await payload.db.migrate({ migrations: migrations.slice(0, index) as never })
  const client = (payload.db as unknown as { client: { execute: (q: string | { sql: string; args: unknown[] }) => Promise<{ rows: unknown[] }> } }).client
  const now = new Date().toISOString()
  await client.execute({
    sql: `INSERT INTO wechat_accounts (id, name, app_id, type, is_default, message_mode, updated_at, created_at) VALUES (?, ?, ?, 'service', 1, 'safe', ?, ?)`,
    args: ['acc-street', '街道服务号', 'wx0000000000street', now, now],
  })
  await client.execute({ sql: `INSERT INTO wechat_menu (id, account_id, updated_at, created_at) VALUES (1, NULL, ?, ?)`, args: [now, now] })
  await client.execute({
    sql: `INSERT INTO wechat_menu_buttons (_order, _parent_id, id, name, type) VALUES (1, 1, 'b1', '办事', 'sub'), (2, 1, 'b2', '联系我们', 'click')`,
    args: [],
  })
  await client.execute({ sql: `UPDATE wechat_menu_buttons SET key = 'CONTACT', reply_text = '电话 029-1234' WHERE id = 'b2'`, args: [] })
  await client.execute({
    sql: `INSERT INTO wechat_menu_buttons_sub_buttons (_order, _parent_id, id, name, type, url) VALUES (1, 'b1', 's1', '办事指南', 'view', 'https://example.gov.cn/m/guides')`,
    args: [],
  })

  await payload.db.migrate({ migrations: migrations.slice(index, index + 1) as never })

  const rows = await payload.find({ collection: 'wechat-menus', overrideAccess: true, depth: 0 })
  expect(rows.docs).toHaveLength(1)
  const menu = rows.docs[0]!
  expect(String(menu.account)).toBe('acc-street')
  expect(menu.buttons?.map((button) => button.name)).toEqual(['办事', '联系我们'])
  expect(menu.buttons?.[1]).toMatchObject({ type: 'click', key: 'CONTACT', replyText: '电话 029-1234' })
  expect(menu.buttons?.[0]?.subButtons).toEqual([expect.objectContaining({ name: '办事指南', type: 'view', url: 'https://example.gov.cn/m/guides' })])
  const old = await client.execute(`SELECT name FROM sqlite_master WHERE name LIKE 'wechat_menu%' AND type = 'table' ORDER BY name`)
  expect(old.rows.map((row) => (row as { name: string }).name)).toEqual(['wechat_menus', 'wechat_menus_buttons', 'wechat_menus_buttons_sub_buttons'])
}, 120_000)
