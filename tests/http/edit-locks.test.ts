import { api, graphql, login, startServer, type Session, type TestServer } from '../helpers/server'

// Issue 11, finding 6: Payload's edit locks (`payload-locked-documents`) only in one's own name,
// on documents one can read — through REST and GraphQL with real logins.

let server: TestServer
let admin: Session
let leader: Session
let editor: Session
let readable: string
let unreadable: string

const lockOf = (owner: Session, article: string) => ({
  document: { relationTo: 'articles', value: article },
  user: { relationTo: 'users', value: owner.user.id },
})

beforeAll(async () => {
  server = await startServer()
  admin = await login(server.url, 'admin@demo.local', 'demo-password')
  leader = await login(server.url, 'leader@demo.local', 'demo-password')
  editor = await login(server.url, 'editor@demo.local', 'demo-password')
  const all = await api(server.url, admin, 'GET', '/api/articles?limit=100&depth=0')
  for (const doc of all.body.docs as Array<{ id: string }>) {
    const seen = (await api(server.url, editor, 'GET', `/api/articles/${doc.id}?depth=0`)).status === 200
    if (seen) readable ??= String(doc.id)
    else unreadable ??= String(doc.id)
  }
  expect(readable).toBeDefined()
  expect(unreadable).toBeDefined()
}, 120_000)
afterAll(async () => server?.stop())

test("an editor cannot lock a document in the leader's name", async () => {
  const forged = await api(server.url, editor, 'POST', '/api/payload-locked-documents', lockOf(leader, readable))
  expect(forged.status).toBe(403)
  const viaGraphQL = await graphql(
    server.url,
    editor,
    `mutation { createPayloadLockedDocument(data: { document: { relationTo: articles, value: "${readable}" }, user: { relationTo: users, value: "${leader.user.id}" } }) { id } }`,
  )
  expect(viaGraphQL.body.data?.createPayloadLockedDocument ?? null).toBeNull()
  // Nothing was created, so the leader edits freely.
  const locks = await api(server.url, admin, 'GET', `/api/payload-locked-documents?where[document.value][equals]=${readable}`)
  expect(locks.body.totalDocs).toBe(0)
})

test('an editor cannot lock a document it cannot read, even in its own name', async () => {
  const result = await api(server.url, editor, 'POST', '/api/payload-locked-documents', lockOf(editor, unreadable))
  expect(result.status).toBe(403)
  const global = await api(server.url, editor, 'POST', '/api/payload-locked-documents', {
    globalSlug: 'no-such-global',
    user: { relationTo: 'users', value: editor.user.id },
  })
  expect(global.status).toBe(403)
  const anonymous = await api(server.url, null, 'POST', '/api/payload-locked-documents', lockOf(editor, readable))
  expect(anonymous.status).toBe(403)
})

test("an editor's own lock on a readable document works; it cannot be moved into another name or onto another document", async () => {
  const own = await api(server.url, editor, 'POST', '/api/payload-locked-documents', lockOf(editor, readable))
  expect(own.status).toBe(201)
  const id = own.body.doc.id as string
  const rename = await api(server.url, editor, 'PATCH', `/api/payload-locked-documents/${id}`, { user: { relationTo: 'users', value: leader.user.id } })
  expect(rename.status).toBe(403)
  const move = await api(server.url, editor, 'PATCH', `/api/payload-locked-documents/${id}`, { document: { relationTo: 'articles', value: unreadable } })
  expect(move.status).toBe(403)
  const bulk = await api(server.url, editor, 'PATCH', `/api/payload-locked-documents?where[id][exists]=true`, {
    user: { relationTo: 'users', value: leader.user.id },
  })
  expect(bulk.status).not.toBe(200)
  // A bulk write is not checked lock by lock: it may not move one's own lock onto another target.
  const bulkMove = await api(server.url, editor, 'PATCH', `/api/payload-locked-documents?where[id][equals]=${id}`, {
    document: { relationTo: 'articles', value: unreadable },
  })
  expect(bulkMove.status).not.toBe(200)
  const bulkGlobal = await api(server.url, editor, 'PATCH', `/api/payload-locked-documents?where[id][equals]=${id}`, { globalSlug: 'push-settings' })
  expect(bulkGlobal.status).not.toBe(200)
  // A readable document does not carry a global along with it.
  const both = await api(server.url, editor, 'POST', '/api/payload-locked-documents', { ...lockOf(editor, readable), globalSlug: 'push-settings' })
  expect(both.status).toBe(403)
  const still = await api(server.url, admin, 'GET', `/api/payload-locked-documents/${id}?depth=0`)
  expect(still.body.user.value).toBe(editor.user.id)
  expect(still.body.document.value).toBe(readable)
  expect(still.body.globalSlug ?? null).toBeNull()

  // The admin's "take over": the leader moves the lock into her own name; the editor cannot delete it then.
  const takeOver = await api(server.url, leader, 'PATCH', `/api/payload-locked-documents/${id}`, { user: { relationTo: 'users', value: leader.user.id } })
  expect(takeOver.status).toBe(200)
  expect((await api(server.url, editor, 'DELETE', `/api/payload-locked-documents/${id}`)).status).not.toBe(200)
  expect((await api(server.url, leader, 'DELETE', `/api/payload-locked-documents/${id}`)).status).toBe(200)

  // Releasing one's own lock (what the admin does on leaving a document) still works.
  const again = await api(server.url, editor, 'POST', '/api/payload-locked-documents', lockOf(editor, readable))
  expect(again.status).toBe(201)
  expect((await api(server.url, editor, 'GET', `/api/payload-locked-documents?where[document.value][equals]=${readable}`)).body.totalDocs).toBe(1)
  expect((await api(server.url, editor, 'DELETE', `/api/payload-locked-documents/${again.body.doc.id}`)).status).toBe(200)
})
