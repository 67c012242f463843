import path from 'node:path'
import { createClient } from '@libsql/client'
import { api, graphql, login, startServer, type Session, type TestServer } from '../helpers/server'

// Issue 11, findings 5 and 7: sign-in through the production server with real logins.
// The backoff base is 1 s here (LOGIN_BACKOFF_BASE_MS) so that waiting out a block is quick.

let server: TestServer
let admin: Session
let leader: Session

beforeAll(async () => {
  // As behind one reverse proxy: the last X-Forwarded-For entry is the client (tests/http/login-address.test.ts).
  server = await startServer({ LOGIN_BACKOFF_BASE_MS: '1000', TRUST_PROXY: '1' })
  admin = await login(server.url, 'admin@demo.local', 'demo-password')
  leader = await login(server.url, 'leader@demo.local', 'demo-password')
}, 120_000)
afterAll(async () => server?.stop())

let addressCounter = 0
/** A client address of its own per test (the last X-Forwarded-For entry, TRUST_PROXY=1), so tests do not share address counts. */
const freshAddress = () => `198.51.100.${++addressCounter}`

async function tryLogin(email: string, password: string, address: string, cookie = false) {
  const response = await fetch(`${server.url}/api/users/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': address },
    body: JSON.stringify({ email, password }),
  })
  const text = await response.text()
  let body: any = text
  try {
    body = JSON.parse(text)
  } catch {
    // not JSON
  }
  return { status: response.status, body, setCookie: cookie ? response.headers.get('set-cookie') : null }
}

async function createAccount(email: string, role: 'leader' | 'editor' = 'leader', password = 'a-long-password-1') {
  const extra = role === 'editor' ? { community: leader.user.community ?? (await anyCommunity()) } : {}
  const created = await api(server.url, admin, 'POST', '/api/users', { email, password, name: email.split('@')[0], role, ...extra })
  expect(created.status).toBe(201)
  return { id: String(created.body.doc.id), email, password }
}

async function anyCommunity(): Promise<string> {
  const found = await api(server.url, admin, 'GET', '/api/communities?limit=1&depth=0')
  return String(found.body.docs[0].id)
}

/** Sets `active = false` straight in the SQLite file: a deactivation whose sessions were not ended. */
async function deactivateInDatabase(id: string) {
  const client = createClient({ url: `file:${path.join(server.directory, 'cms.db')}` })
  try {
    await client.execute({ sql: 'UPDATE users SET active = 0 WHERE id = ?', args: [id] })
  } finally {
    client.close()
  }
}

describe('deactivated accounts (finding 7)', () => {
  test('a deactivated account cannot sign in, and gets the same answer as a wrong password', async () => {
    const account = await createAccount('leaver-login@example.test')
    const address = freshAddress()
    expect((await tryLogin(account.email, account.password, address)).status).toBe(200)
    expect((await api(server.url, admin, 'PATCH', `/api/users/${account.id}`, { active: false })).status).toBe(200)
    const refused = await tryLogin(account.email, account.password, address)
    const other = await createAccount('still-here@example.test')
    const wrong = await tryLogin(other.email, 'not-the-password', freshAddress())
    expect(refused.status).toBe(401)
    expect(refused.body).toEqual(wrong.body)
    expect(JSON.stringify(refused.body)).not.toContain('token')
  })

  test('deactivation ends the sessions the account already had (token and cookie)', async () => {
    const account = await createAccount('leaver-session@example.test')
    const signedIn = await tryLogin(account.email, account.password, freshAddress(), true)
    expect(signedIn.status).toBe(200)
    const token = signedIn.body.token as string
    const cookie = (signedIn.setCookie ?? '').split(';')[0]!
    expect(cookie).toMatch(/^payload-token=/)
    // A browser sends its Origin with the cookie (Payload's CSRF check).
    const browser = { Cookie: cookie, Origin: server.url }
    const me = async (headers: Record<string, string>) => (await (await fetch(`${server.url}/api/users/me`, { headers })).json()).user
    expect((await me({ Authorization: `JWT ${token}` }))?.id).toBe(account.id)
    expect((await me(browser))?.id).toBe(account.id)

    expect((await api(server.url, admin, 'PATCH', `/api/users/${account.id}`, { active: false })).status).toBe(200)
    expect(await me({ Authorization: `JWT ${token}` })).toBeNull()
    expect(await me(browser)).toBeNull()
    const refresh = await fetch(`${server.url}/api/users/refresh-token`, { method: 'POST', headers: browser })
    expect(refresh.status).not.toBe(200)
    expect((await fetch(`${server.url}/api/articles?limit=1`, { headers: browser })).status).toBe(403)
  })

  test('a deactivated leader cannot trigger previews, even with a session that survived', async () => {
    const account = await createAccount('leaver-preview@example.test')
    const session = await login(server.url, account.email, account.password)
    const pushId = '00000000-0000-4000-8000-000000000000'
    // A live leader passes the role check (and then finds no such push).
    expect((await api(server.url, session, 'POST', `/api/weekly-pushes/${pushId}/action`, { action: 'preview' })).status).toBe(404)
    await deactivateInDatabase(account.id)
    const preview = await api(server.url, session, 'POST', `/api/weekly-pushes/${pushId}/action`, { action: 'preview' })
    // The push actions check the role through staffOf, for which a deactivated account is nobody.
    expect(preview.status).toBe(401)
    expect(preview.body.errors[0].message).toBe('请先登录')
  })
})

describe('sign-in throttling (finding 5)', () => {
  test('an unknown email and a known one with a wrong password get the same answers, failure after failure', async () => {
    const known: Array<{ status: number; body: unknown }> = []
    const unknown: Array<{ status: number; body: unknown }> = []
    for (let attempt = 0; attempt < 5; attempt++) {
      known.push(await tryLogin('leader@demo.local', `wrong-password-${attempt}`, freshAddress()))
      unknown.push(await tryLogin('nobody-here@demo.local', `wrong-password-${attempt}`, freshAddress()))
    }
    const shape = (answers: typeof known) => answers.map(({ status, body }) => ({ status, body }))
    expect(shape(unknown)).toEqual(shape(known))
    expect(known.slice(0, 4).every((answer) => answer.status === 401)).toBe(true)
    expect(known[4]).toMatchObject({ status: 429, body: { errors: [{ message: '登录失败次数过多，请 1 秒后再试' }] } })
    // Never Payload's lock message, which told that the account exists.
    expect(JSON.stringify(known)).not.toMatch(/locked/i)
    // Wait out the block so the leader's later logins in this file are not slowed down.
    await new Promise((resolve) => setTimeout(resolve, 2100))
    expect((await tryLogin('leader@demo.local', 'demo-password', freshAddress())).status).toBe(200)
  })

  test('the fifth failure for an account blocks it for a while (429 「请 X 秒后再试」); after the wait the right password works', async () => {
    const account = await createAccount('backoff@example.test')
    const answers = []
    for (let attempt = 0; attempt < 5; attempt++) answers.push(await tryLogin(account.email, 'wrong-password!', freshAddress()))
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 429])
    const message = answers[4]!.body.errors[0].message as string
    expect(message).toMatch(/^登录失败次数过多，请 \d+ 秒后再试$/)
    const seconds = Number(/请 (\d+) 秒/.exec(message)![1])
    expect(seconds).toBe(1)
    // Blocked: even the right password waits (so the block cannot be used to test guesses).
    expect((await tryLogin(account.email, account.password, freshAddress())).status).toBe(429)
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 200))
    expect((await tryLogin(account.email, account.password, freshAddress())).status).toBe(200)
    // A success clears the count: the next mistake is an ordinary 401 again.
    expect((await tryLogin(account.email, 'wrong-password!', freshAddress())).status).toBe(401)
  })

  test('the backoff doubles with each further failure', async () => {
    const account = await createAccount('doubling@example.test')
    for (let attempt = 0; attempt < 5; attempt++) await tryLogin(account.email, 'wrong-password!', freshAddress())
    await new Promise((resolve) => setTimeout(resolve, 1200))
    const sixth = await tryLogin(account.email, 'wrong-password!', freshAddress())
    expect(sixth.status).toBe(429)
    expect(sixth.body.errors[0].message).toBe('登录失败次数过多，请 2 秒后再试')
  })

  test('one address trying many accounts is slowed down, other addresses are not', async () => {
    const address = freshAddress()
    const statuses: number[] = []
    for (let attempt = 0; attempt < 20; attempt++) statuses.push((await tryLogin(`guess-${attempt}@demo.local`, 'wrong-password!', address)).status)
    expect(statuses.slice(0, 19).every((status) => status === 401)).toBe(true)
    expect(statuses[19]).toBe(429)
    expect((await tryLogin('editor@demo.local', 'demo-password', address)).status).toBe(429)
    expect((await tryLogin('editor@demo.local', 'demo-password', freshAddress())).status).toBe(200)
  }, 60_000)

  test('the throttle keeps no email or address in clear', async () => {
    const client = createClient({ url: `file:${path.join(server.directory, 'cms.db')}` })
    try {
      const rows = (await client.execute('SELECT * FROM login_throttles')).rows
      expect(rows.length).toBeGreaterThan(0)
      const dump = JSON.stringify(rows)
      expect(dump).not.toContain('@')
      expect(dump).not.toContain('198.51.100')
      expect((await api(server.url, leader, 'GET', '/api/login-throttles')).status).toBe(403)
    } finally {
      client.close()
    }
  })
})

describe('passwords (finding 5)', () => {
  test('passwords shorter than 12 characters are refused with a Chinese message, on create and on change', async () => {
    const created = await api(server.url, admin, 'POST', '/api/users', { email: 'short@example.test', password: 'abc', name: '短密码', role: 'leader' })
    expect(created.status).toBe(400)
    expect(created.body.errors[0].data.errors[0]).toMatchObject({ path: 'password', message: '密码至少需要 12 个字符' })
    const elevenChars = await api(server.url, admin, 'POST', '/api/users', {
      email: 'short@example.test',
      password: 'abcdefghijk',
      name: '短密码',
      role: 'leader',
    })
    expect(elevenChars.status).toBe(400)

    const account = await createAccount('changer-short@example.test')
    const session = await login(server.url, account.email, account.password)
    const change = await api(server.url, session, 'PATCH', `/api/users/${account.id}`, { password: 'short-pass', currentPassword: account.password })
    expect(change.status).toBe(400)
    expect(JSON.stringify(change.body)).toContain('密码至少需要 12 个字符')
    const byAdmin = await api(server.url, admin, 'PATCH', `/api/users/${account.id}`, { password: 'abc' })
    expect(byAdmin.status).toBe(400)
    expect((await tryLogin(account.email, account.password, freshAddress())).status).toBe(200)
  })

  test("changing one's own password or email takes the current password", async () => {
    const account = await createAccount('changer@example.test')
    const session = await login(server.url, account.email, account.password)
    const path = `/api/users/${account.id}`

    const without = await api(server.url, session, 'PATCH', path, { password: 'another-long-password' })
    expect(without.status).toBe(400)
    expect(without.body.errors[0].data.errors[0]).toMatchObject({ path: 'currentPassword', message: '修改邮箱或密码需要输入当前密码' })
    const wrong = await api(server.url, session, 'PATCH', path, { password: 'another-long-password', currentPassword: 'not-my-password' })
    expect(wrong.status).toBe(400)
    expect(JSON.stringify(wrong.body)).toContain('当前密码不正确')
    const email = await api(server.url, session, 'PATCH', path, { email: 'taken-over@example.test' })
    expect(email.status).toBe(400)
    expect(JSON.stringify(email.body)).toContain('修改邮箱或密码需要输入当前密码')
    const viaGraphQL = await graphql(server.url, session, `mutation { updateUser(id: "${account.id}", data: { password: "graphql-long-password" }) { id } }`)
    expect(viaGraphQL.body.errors?.length ?? 0).toBeGreaterThan(0)
    // Nothing changed: the old password still signs in, the email is unchanged.
    expect((await tryLogin(account.email, account.password, freshAddress())).status).toBe(200)
    expect((await tryLogin('taken-over@example.test', account.password, freshAddress())).status).toBe(401)

    // Other fields need no password; with the current password the change goes through.
    expect((await api(server.url, session, 'PATCH', path, { name: '改了名字' })).status).toBe(200)
    const ok = await api(server.url, session, 'PATCH', path, { password: 'another-long-password', currentPassword: account.password })
    expect(ok.status).toBe(200)
    expect(JSON.stringify(ok.body)).not.toContain('another-long-password')
    expect((await tryLogin(account.email, 'another-long-password', freshAddress())).status).toBe(200)
  })

  test("an admin resets another account's password without knowing it", async () => {
    const account = await createAccount('forgetful@example.test')
    expect((await api(server.url, admin, 'PATCH', `/api/users/${account.id}`, { password: 'reset-by-admin-1' })).status).toBe(200)
    expect((await tryLogin(account.email, 'reset-by-admin-1', freshAddress())).status).toBe(200)
  })
})
