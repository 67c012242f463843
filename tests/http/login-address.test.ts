import { startServer, type TestServer } from '../helpers/server'

// Issue 11, finding 5 (review): the per-address sign-in limit took the client's own
// X-Forwarded-For, so a fresh header per request escaped it (or put the blame on someone else).
// The address is now the connection's (scripts/admin-server.mjs), or with TRUST_PROXY the entry
// the trusted proxy appended. 20 failures in a row block an address (collections/users/login-throttle.ts).
// The backoff base is a minute here, so a slow machine cannot let the block lapse between two requests.

const ADDRESS_FREE = 20

async function tryLogin(server: TestServer, email: string, password: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/api/users/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  })
  await response.text()
  return response.status
}

describe('TRUST_PROXY unset: the connection is the address', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer({ LOGIN_BACKOFF_BASE_MS: '60000' })
  }, 120_000)
  afterAll(async () => server?.stop())

  test('a fresh X-Forwarded-For (and a forged address header) per request does not escape the per-address limit', async () => {
    const statuses: number[] = []
    for (let attempt = 0; attempt < ADDRESS_FREE; attempt++) {
      // A different account each time, so that only the address limit can apply.
      statuses.push(
        await tryLogin(server, `rotating-${attempt}@example.test`, 'wrong-password!', {
          'X-Forwarded-For': `203.0.113.${attempt + 1}`,
          'X-Real-IP': `203.0.113.${attempt + 1}`,
          'X-Street-Office-Client-Address': `198.51.100.${attempt + 1}`,
        }),
      )
    }
    expect(statuses.slice(0, ADDRESS_FREE - 1).every((status) => status === 401)).toBe(true)
    expect(statuses[ADDRESS_FREE - 1]).toBe(429)
    // Blocked whatever the next request claims.
    expect(await tryLogin(server, 'editor@demo.local', 'demo-password', { 'X-Forwarded-For': '192.0.2.77' })).toBe(429)
  }, 90_000)
})

describe('TRUST_PROXY=1: the entry the proxy appended is the address', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer({ LOGIN_BACKOFF_BASE_MS: '60000', TRUST_PROXY: '1' })
  }, 120_000)
  afterAll(async () => server?.stop())

  test("the client's own entries are ignored; the proxy's entry is counted; another client behind the proxy is not blocked", async () => {
    const statuses: number[] = []
    for (let attempt = 0; attempt < ADDRESS_FREE; attempt++) {
      // The client writes a fresh address of its own; the proxy appends the one it saw (203.0.113.9).
      statuses.push(
        await tryLogin(server, `proxied-${attempt}@example.test`, 'wrong-password!', { 'X-Forwarded-For': `198.51.100.${attempt + 1}, 203.0.113.9` }),
      )
    }
    expect(statuses.slice(0, ADDRESS_FREE - 1).every((status) => status === 401)).toBe(true)
    expect(statuses[ADDRESS_FREE - 1]).toBe(429)
    expect(await tryLogin(server, 'editor@demo.local', 'demo-password', { 'X-Forwarded-For': '192.0.2.1, 203.0.113.9' })).toBe(429)
    // Another client (the proxy saw 203.0.113.10), and the proxy's own connection, are not blocked.
    expect(await tryLogin(server, 'editor@demo.local', 'demo-password', { 'X-Forwarded-For': '203.0.113.9, 203.0.113.10' })).toBe(200)
  }, 90_000)
})
