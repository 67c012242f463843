import { api, freePort, login, startServer, type Session, type TestServer } from '../helpers/server'

// Issue 11, finding 3: cross-site request forgery against the demo as `npm start` runs it, without
// PUBLIC_URL. A page on another port of the same host sends forms (multipart with Payload's
// `_payload` field, and text/plain) to a custom endpoint and to Payload's REST API with the leader's
// session cookie and its own Origin: refused, nothing changes. The admin's own origin with JSON works.

let server: TestServer
let leader: Session
let author: Session
let admin: Session
let coverId: string
let foreignOrigin: string

beforeAll(async () => {
  server = await startServer({ PUBLIC_URL: '' })
  foreignOrigin = `http://127.0.0.1:${await freePort()}`
  admin = await login(server.url, 'admin@demo.local', 'demo-password')
  leader = await login(server.url, 'leader@demo.local', 'demo-password')
  author = await login(server.url, 'editor@demo.local', 'demo-password')
  coverId = (await api(server.url, admin, 'GET', '/api/media?limit=1&depth=0')).body.docs[0].id
}, 120_000)
afterAll(async () => server?.stop())

/** An article by the demo editor, submitted for review, waiting for the leader. */
async function submittedArticle(): Promise<string> {
  const created = await api(server.url, author, 'POST', '/api/articles', {
    title: 'CSRF 待审',
    digest: '摘要',
    cover: coverId,
    body: { root: { type: 'root', version: 1, children: [{ type: 'paragraph', version: 1, children: [{ type: 'text', text: '正文', version: 1 }] }] } },
    policyTitle: '政策',
  })
  expect(created.status).toBe(201)
  const id = created.body.doc.id as string
  expect((await api(server.url, author, 'POST', `/api/articles/${id}/review`, { action: 'submit' })).status).toBe(200)
  return id
}

const article = async (id: string) => (await api(server.url, admin, 'GET', `/api/articles/${id}?depth=0`)).body

/** What a browser sends for a form on `origin` posted to the admin, with the leader's cookie. */
function formPost(pathname: string, origin: string, body: FormData | string, method = 'POST') {
  return fetch(`${server.url}${pathname}`, {
    method,
    headers: {
      Cookie: `payload-token=${leader.token}`,
      Origin: origin,
      'Sec-Fetch-Site': 'same-site',
      ...(typeof body === 'string' ? { 'Content-Type': 'text/plain;charset=UTF-8' } : {}),
    },
    body,
  })
}

function multipart(data: unknown): FormData {
  const form = new FormData()
  form.set('_payload', JSON.stringify(data))
  return form
}

test('a custom endpoint refuses multipart and text/plain forms from another origin with 415 in Chinese; the item stays in review', async () => {
  const id = await submittedArticle()
  const asMultipart = await formPost(`/api/articles/${id}/review`, foreignOrigin, multipart({ action: 'return', reason: '伪造的退回' }))
  expect(asMultipart.status).toBe(415)
  expect((await asMultipart.json()).errors[0].message).toBe('此接口只接受 JSON 请求（Content-Type: application/json）')
  const asText = await formPost(`/api/articles/${id}/review`, foreignOrigin, JSON.stringify({ action: 'return', reason: '伪造的退回' }))
  expect(asText.status).toBe(415)
  // Even from the admin's own origin a form is not JSON.
  expect((await formPost(`/api/articles/${id}/review`, server.url, multipart({ action: 'return', reason: 'x' }))).status).toBe(415)
  expect((await article(id)).reviewStatus).toBe('submitted')
})

test('the session cookie is not honoured for another origin: JSON with the leader cookie from a foreign page is unauthenticated', async () => {
  const id = await submittedArticle()
  const forged = await fetch(`${server.url}/api/articles/${id}/review`, {
    method: 'POST',
    headers: { Cookie: `payload-token=${leader.token}`, Origin: foreignOrigin, 'Content-Type': 'application/json' },
    body: JSON.stringify({ action: 'return', reason: '伪造的退回' }),
  })
  expect(forged.status).toBe(401)
  expect((await article(id)).reviewStatus).toBe('submitted')
})

test("Payload's REST update refuses a foreign origin's form, multipart or text/plain; nothing changes", async () => {
  const id = await submittedArticle()
  for (const method of ['PATCH', 'POST']) {
    const asMultipart = await formPost(`/api/articles/${id}`, foreignOrigin, multipart({ title: '被篡改的标题' }), method)
    expect(asMultipart.status).toBeGreaterThanOrEqual(400)
    const asText = await formPost(`/api/articles/${id}`, foreignOrigin, JSON.stringify({ title: '被篡改的标题' }), method)
    expect(asText.status).toBeGreaterThanOrEqual(400)
  }
  expect((await article(id)).title).toBe('CSRF 待审')
})

test('from the admin’s own origin, JSON with the cookie works: the leader returns the item and edits through REST', async () => {
  const id = await submittedArticle()
  const sameOrigin = { Cookie: `payload-token=${leader.token}`, Origin: server.url, 'Content-Type': 'application/json' }
  const returned = await fetch(`${server.url}/api/articles/${id}/review`, {
    method: 'POST',
    headers: sameOrigin,
    body: JSON.stringify({ action: 'return', reason: '请补充图片说明' }),
  })
  expect(returned.status).toBe(200)
  expect((await article(id)).reviewStatus).toBe('returned')
  const me = await fetch(`${server.url}/api/users/me`, { headers: { Cookie: `payload-token=${leader.token}`, Origin: server.url } })
  expect((await me.json()).user?.email).toBe('leader@demo.local')
  const foreignMe = await fetch(`${server.url}/api/users/me`, { headers: { Cookie: `payload-token=${leader.token}`, Origin: foreignOrigin } })
  expect((await foreignMe.json()).user).toBeNull()
})
