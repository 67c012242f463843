import type { Field, Payload } from 'payload'
import { appearanceOf, formatFieldDate } from '../../src/admin/dates/format'
import { describeSecretsSet } from '../../collections/wechat-accounts/secret-labels'
import { startTestPayload, type TestPayload } from '../helpers/payload'

// Findings 13 and 14 as configuration: every date of every collection and global is displayed by the
// Beijing-time components, every JSON/code field by the locally served editor. The browser tests
// check what these render; this one checks no field of the config escapes them.

let t: TestPayload
let payload: Payload

beforeAll(async () => {
  t = await startTestPayload()
  payload = t.payload
}, 120_000)
afterAll(async () => t?.close())

/** Every data field of an entity, with its dotted path, rows/tabs/groups/arrays/blocks included. */
function* walk(fields: Field[], prefix: string): Generator<{ path: string; field: Field }> {
  for (const field of fields) {
    const path = 'name' in field && field.name ? `${prefix}.${field.name}` : prefix
    if ('name' in field && field.name) yield { path, field }
    // Nothing under a field that is never shown (the login sessions Payload keeps on users).
    if (neverShown(field)) continue
    if ('fields' in field && Array.isArray(field.fields)) yield* walk(field.fields, path)
    if (field.type === 'tabs') for (const tab of field.tabs) yield* walk(tab.fields, 'name' in tab && tab.name ? `${path}.${tab.name}` : path)
    if (field.type === 'blocks') for (const block of field.blocks) yield* walk(block.fields, `${path}.${block.slug}`)
  }
}

const neverShown = (field: Field) => {
  const admin = field.admin as { hidden?: boolean; disabled?: boolean } | undefined
  return ('hidden' in field && field.hidden === true) || admin?.hidden === true || admin?.disabled === true
}
const components = (field: Field) => (field.admin as { components?: { Cell?: unknown; Field?: unknown } } | undefined)?.components ?? {}
const entities = () => [...payload.config.collections.filter((c) => !c.slug.startsWith('payload-')), ...payload.config.globals]

test('every date field and timestamp shows in Beijing time (list cell and document field)', () => {
  const dates: string[] = []
  for (const entity of entities()) {
    for (const { path, field } of walk(entity.fields, entity.slug)) {
      if (field.type !== 'date') continue
      // A collection's timestamps are list columns; a global has no list.
      const timestamp = (field.name === 'createdAt' || field.name === 'updatedAt') && payload.config.collections.includes(entity as never)
      // Hidden fields Payload adds for logins (lockUntil, resetPasswordExpiration) are never shown.
      if (neverShown(field) && !timestamp) continue
      dates.push(path)
      expect({ path, cell: components(field).Cell }).toEqual({ path, cell: '/src/admin/dates/BeijingDateCell#BeijingDateCell' })
      // Payload's hidden timestamps have no field on the form; the document header shows them (DocumentDates).
      if (!field.admin?.hidden) expect({ path, field: components(field).Field }).toEqual({ path, field: '/src/admin/dates/BeijingDateField#BeijingDateField' })
    }
  }
  // The timestamps are covered too, not just the fields written in the collection files.
  expect(dates).toEqual(
    expect.arrayContaining(['articles.updatedAt', 'articles.createdAt', 'users.updatedAt', 'articles.reviewHistory.at', 'weekly-pushes.signedOffAt']),
  )
})

test('the document header dates are Beijing time on every collection and global', () => {
  for (const entity of entities()) {
    const before = (entity.admin.components as { edit?: { beforeDocumentControls?: unknown[] } } | undefined)?.edit?.beforeDocumentControls ?? []
    expect({ slug: entity.slug, before }).toEqual({ slug: entity.slug, before: expect.arrayContaining(['/src/admin/dates/DocumentDates#DocumentDates']) })
  }
  expect(payload.config.admin.dateFormat).toBe('yyyy-MM-dd HH:mm')
})

test('every JSON and code field uses the editor served by this server', () => {
  let seen = 0
  for (const entity of entities()) {
    for (const { path, field } of walk(entity.fields, entity.slug)) {
      if (field.type !== 'json' && field.type !== 'code') continue
      seen++
      const want = field.type === 'json' ? '/src/admin/code-editor/LocalCodeField#LocalJSONField' : '/src/admin/code-editor/LocalCodeField#LocalCodeField'
      expect({ path, field: components(field).Field }).toEqual({ path, field: want })
    }
  }
  expect(seen).toBeGreaterThan(0)
})

test('dates format as Beijing time in one format, whatever the process zone', () => {
  // 2026-11-30 03:13 UTC is 11:13 in Beijing and 22:13 the day before in New York.
  expect(formatFieldDate('2026-11-30T03:13:00.000Z', 'dayAndTime')).toBe('2026-11-30 11:13')
  expect(formatFieldDate('2026-11-30T03:13:00.000Z', undefined)).toBe('2026-11-30 11:13')
  // A day-only value is stored at 12:00 UTC of the picked day.
  expect(formatFieldDate('2026-12-24T12:00:00.000Z', 'dayOnly')).toBe('2026-12-24')
  expect(formatFieldDate(null, 'dayAndTime')).toBe('')
  expect(appearanceOf({ admin: { date: { pickerAppearance: 'dayOnly' } } })).toBe('dayOnly')
})

test('the account form names the secrets that are set in the admin language', () => {
  expect(describeSecretsSet('appSecret, token, encodingAESKey', 'zh')).toBe('开发者密码（AppSecret）、令牌（Token）、消息加解密密钥（EncodingAESKey）')
  expect(describeSecretsSet('appSecret, token', 'en')).toBe('App secret (AppSecret), Token')
  expect(describeSecretsSet('—', 'zh')).toBe('未设置')
})

test('every read-only relationship to a user is shown by name, with the name field beside it', () => {
  const seen: string[] = []
  for (const entity of entities()) {
    const all = [...walk(entity.fields, entity.slug)]
    for (const { path, field } of all) {
      if (field.type !== 'relationship' || field.relationTo !== 'users' || !components(field).Field) continue
      seen.push(path)
      expect({ path, field: components(field).Field, cell: components(field).Cell }).toEqual({
        path,
        field: '/src/admin/users/UserName#UserNameField',
        cell: '/src/admin/users/UserName#UserNameCell',
      })
      expect(all.some((entry) => entry.path === `${path}Name`)).toBe(true)
    }
  }
  expect(seen).toEqual(
    expect.arrayContaining(['articles.approvedBy', 'articles.createdBy', 'articles.reviewHistory.by', 'weekly-pushes.signedOffBy', 'media.uploadedBy']),
  )
})
