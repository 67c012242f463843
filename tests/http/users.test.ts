import { api, login, startServer, type Session, type TestServer } from '../helpers/server'

let server: TestServer
let admin: Session
let leader: Session
let editor: Session
let editor2: Session

beforeAll(async () => {
  server = await startServer()
  admin = await login(server.url, 'admin@demo.local', 'demo-password')
  leader = await login(server.url, 'leader@demo.local', 'demo-password')
  editor = await login(server.url, 'editor@demo.local', 'demo-password')
  editor2 = await login(server.url, 'editor2@demo.local', 'demo-password')
}, 120_000)
afterAll(async () => server?.stop())

test('only admins create accounts', async () => {
  const account = { email: 'new@example.test', password: 'new-password-1', name: '新同事', role: 'leader' }
  expect((await api(server.url, leader, 'POST', '/api/users', account)).status).toBe(403)
  expect((await api(server.url, editor, 'POST', '/api/users', account)).status).toBe(403)
  expect((await api(server.url, null, 'POST', '/api/users', account)).status).toBe(403)
  expect((await api(server.url, admin, 'POST', '/api/users', account)).status).toBe(201)
})

test('nobody raises their own role, changes their community or reactivates themselves', async () => {
  const me = editor.user.id
  const result = await api(server.url, editor, 'PATCH', `/api/users/${me}`, { role: 'admin', community: null, active: true, name: '改名了' })
  expect(result.status).toBe(200)
  expect(result.body.doc.role).toBe('editor')
  expect(result.body.doc.community.id).toBe(editor.user.community)
  expect(result.body.doc.name).toBe('改名了')
  const viaGraphQL = await api(server.url, leader, 'POST', '/api/graphql', {
    query: `mutation { updateUser(id: "${leader.user.id}", data: { role: admin }) { role } }`,
  })
  expect(viaGraphQL.body.data?.updateUser?.role ?? 'leader').toBe('leader')
})

test('editors cannot edit other accounts and see only their community', async () => {
  expect((await api(server.url, editor, 'PATCH', `/api/users/${leader.user.id}`, { name: 'x' })).status).toBe(403)
  const visible = await api(server.url, editor, 'GET', '/api/users?limit=50&depth=0')
  const emails = visible.body.docs.map((u: { email: string }) => u.email)
  expect(emails).toContain('editor@demo.local')
  expect(emails).not.toContain('editor2@demo.local')
  expect(emails).not.toContain('admin@demo.local')
  expect((await api(server.url, editor2, 'GET', `/api/users/${editor.user.id}`)).status).toBe(404)
})

test('an editor must belong to a community', async () => {
  const result = await api(server.url, admin, 'POST', '/api/users', {
    email: 'nocommunity@example.test',
    password: 'password-123',
    name: '无社区',
    role: 'editor',
  })
  expect(result.status).toBe(400)
  expect(JSON.stringify(result.body)).toContain('社区编辑必须选择所属社区')
})

test('a deactivated account loses access at once', async () => {
  const created = await api(server.url, admin, 'POST', '/api/users', {
    email: 'leaver@example.test',
    password: 'leaver-password',
    name: '离职编辑',
    role: 'leader',
  })
  const leaver = await login(server.url, 'leaver@example.test', 'leaver-password')
  expect((await api(server.url, leaver, 'GET', '/api/articles?limit=1')).status).toBe(200)
  expect((await api(server.url, admin, 'PATCH', `/api/users/${created.body.doc.id}`, { active: false })).status).toBe(200)
  expect((await api(server.url, leaver, 'GET', '/api/articles?limit=1')).status).toBe(403)
})

// Runs last: it demotes the demo admin.
test('the last admin can be neither removed, demoted nor deactivated', async () => {
  const me = admin.user.id
  const demote = await api(server.url, admin, 'PATCH', `/api/users/${me}`, { role: 'leader' })
  expect(demote.status).toBe(409)
  expect(demote.body.errors[0].message).toContain('最后一个管理员')
  expect((await api(server.url, admin, 'PATCH', `/api/users/${me}`, { active: false })).status).toBe(409)
  expect((await api(server.url, admin, 'DELETE', `/api/users/${me}`)).status).toBe(409)
  const still = await api(server.url, admin, 'GET', `/api/users/${me}`)
  expect(still.body.role).toBe('admin')

  // With a second admin, the first may step down.
  const second = await api(server.url, admin, 'POST', '/api/users', {
    email: 'admin2@example.test',
    password: 'admin2-password',
    name: '第二管理员',
    role: 'admin',
  })
  expect(second.status).toBe(201)
  expect((await api(server.url, admin, 'PATCH', `/api/users/${me}`, { role: 'leader' })).status).toBe(200)
  const admin2 = await login(server.url, 'admin2@example.test', 'admin2-password')
  expect((await api(server.url, admin2, 'DELETE', `/api/users/${admin2.user.id}`)).status).toBe(409)
})
