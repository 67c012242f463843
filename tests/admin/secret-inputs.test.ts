import { createLocalReq, getAccessResults, type Payload } from 'payload'
// The admin's form-state builder itself (what its buildFormState server function runs), without the
// rendering of components, whose client modules import CSS.
import { fieldSchemasToFormState } from '@payloadcms/ui/forms/fieldSchemasToFormState'
import { loadAccountCredentials } from '../../src/services/accounts/accounts'
import { mentionsSecret } from '../../collections/wechat-accounts/secret-fields'
import { createFixtures, type Fixtures } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'

// Tryout finding 1: with `read: never` Payload left the four secrets out of the account form, so
// 「在 微信 → 公众号 中填写」 could not be followed. The form (Payload's own form state) must offer them to admins, empty, and to nobody else.

const SECRETS = ['appSecret', 'token', 'encodingAESKey', 'previousEncodingAESKey']
const APP_SECRET = '0123456789abcdef0123456789abcdef'

let t: TestPayload
let payload: Payload
let fx: Fixtures
let accountId: string

beforeAll(async () => {
  t = await startTestPayload()
  payload = t.payload
  fx = await createFixtures(payload)
  const account = await payload.create({
    collection: 'wechat-accounts',
    data: { name: '西关社区服务号', appId: 'wx00000000xiguan02', appSecret: APP_SECRET, token: 'Token123', encodingAESKey: 'A'.repeat(43) },
  })
  accountId = String(account.id)
}, 120_000)
afterAll(async () => t?.close())

/** The edit form's state for `actor`, built as the admin builds it: the document as that user reads it, their permissions. */
async function editFormState(actor: 'admin' | 'leader' | 'author', data?: Record<string, unknown>) {
  const req = await createLocalReq({ user: fx.users[actor] as never }, payload)
  const doc = await payload.findByID({ collection: 'wechat-accounts', id: accountId, overrideAccess: false, req })
  const permissions = await getAccessResults({ req })
  return fieldSchemasToFormState({
    id: accountId,
    collectionSlug: 'wechat-accounts',
    data: data ?? (doc as unknown as Record<string, unknown>),
    fields: payload.collections['wechat-accounts'].config.fields,
    fieldSchemaMap: new Map(),
    permissions: (permissions.collections?.['wechat-accounts']?.fields ?? {}) as never,
    preferences: { fields: {} },
    operation: 'update',
    renderAllFields: true,
    req,
    schemaPath: 'wechat-accounts',
  })
}

test('an admin’s account form has the four secret inputs, empty, and says which are set', async () => {
  const state = await editFormState('admin')
  for (const name of SECRETS) {
    expect(state).toHaveProperty(name)
    expect(state[name].value ?? '').toBe('')
  }
  expect(state.secretsSet?.value).toBe('appSecret, token, encodingAESKey')
  expect(JSON.stringify(state)).not.toContain(APP_SECRET)
  expect(JSON.stringify(state)).not.toContain('enc:v1:')
})

test('leaders and editors get no secret inputs', async () => {
  for (const actor of ['leader', 'author'] as const) {
    const state = await editFormState(actor)
    expect(state).toHaveProperty('name')
    for (const name of SECRETS) expect(state).not.toHaveProperty(name)
  }
})

test('the form checks the formats as the admin types, in Chinese', async () => {
  const state = await editFormState('admin', {
    name: '西关社区服务号',
    appId: 'wx00000000xiguan02',
    appSecret: 'not-hex',
    token: 'ab',
    encodingAESKey: 'short',
  })
  expect(state.appSecret.errorMessage).toContain('开发者密码（AppSecret）：应为 32 位十六进制字符')
  expect(state.token.errorMessage).toContain('令牌（Token）：应为 3–32 位英文字母或数字')
  expect(state.encodingAESKey.errorMessage).toContain('应为 43 位英文字母或数字')
  expect(state.previousEncodingAESKey.valid).not.toBe(false)
})

test('an admin reading through the Local API, directly or through a relationship, gets no secret; server code asking does', async () => {
  const req = await createLocalReq({ user: fx.users.admin as never }, payload)
  const direct = await payload.findByID({ collection: 'wechat-accounts', id: accountId, overrideAccess: false, req })
  for (const name of SECRETS) expect(direct).not.toHaveProperty(name)
  await payload.create({
    collection: 'menu-clicks',
    data: { bucket: 'b1', account: accountId, key: 'MENU_1', event: 'CLICK', day: '2026-12-01', count: 1 },
  })
  const clicks = await payload.find({ collection: 'menu-clicks', depth: 1, overrideAccess: false, req })
  const populated = clicks.docs[0].account as unknown as Record<string, unknown>
  expect(populated.appId).toBe('wx00000000xiguan02')
  for (const name of SECRETS) expect(populated).not.toHaveProperty(name)
  const asked = await payload.findByID({ collection: 'wechat-accounts', id: accountId, context: { includeSecrets: true } })
  expect(String(asked.appSecret)).toMatch(/^enc:v1:/)
  expect((await loadAccountCredentials(payload, accountId)).appSecret).toBe(APP_SECRET)
})

test('server code (Local API) is not held to the console formats; spaces around a typed key are dropped', async () => {
  const created = await payload.create({
    collection: 'wechat-accounts',
    data: { name: '测试', appId: 'wx00000000local003', appSecret: 'any-secret', token: ' Token456 ' },
  })
  const credentials = await loadAccountCredentials(payload, String(created.id))
  expect(credentials.appSecret).toBe('any-secret')
  expect(credentials.token).toBe('Token456')
})

test('distinct values of a secret are refused to anyone but server code that asks', async () => {
  const req = await createLocalReq({ user: fx.users.admin as never }, payload)
  await expect(payload.findDistinct({ collection: 'wechat-accounts', field: 'appSecret', overrideAccess: false, req } as never)).rejects.toThrow()
  await expect(payload.findDistinct({ collection: 'wechat-accounts', field: 'appSecret' } as never)).rejects.toThrow()
  await expect(payload.find({ collection: 'wechat-accounts', where: { token: { exists: true } } })).rejects.toThrow()
  const asked = await payload.find({ collection: 'wechat-accounts', where: { token: { exists: true } }, context: { includeSecrets: true } })
  expect(asked.totalDocs).toBeGreaterThan(0)
})

test('a where or sort naming a secret is recognised, nested and dotted too', () => {
  expect(mentionsSecret({ appSecret: { like: 'enc' } })).toBe(true)
  expect(mentionsSecret({ or: [{ name: { equals: 'x' } }, { and: [{ 'token.x': { exists: true } }] }] })).toBe(true)
  expect(mentionsSecret({ name: { equals: 'x' } }, '-encodingAESKey')).toBe(true)
  expect(mentionsSecret(undefined, ['name', 'previousEncodingAESKey'])).toBe(true)
  expect(mentionsSecret({ name: { equals: 'appSecret' } }, '-createdAt')).toBe(false)
})
