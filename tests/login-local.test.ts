import type { Payload } from 'payload'
import { passwordHashing, type DeriveKey } from '../collections/users/password-hash'
import { createFixtures, PASSWORD, type Fixtures } from './helpers/fixtures'
import { startTestPayload, type TestPayload } from './helpers/payload'

// Issue 11, finding 5: an unknown email costs the same password hash as a known one (so the
// response time does not tell which emails exist), and finding 7 through the Local API.

let t: TestPayload
let payload: Payload
let fx: Fixtures
const original: DeriveKey = passwordHashing.derive
const derivations: number[] = []

beforeAll(async () => {
  t = await startTestPayload()
  payload = t.payload
  fx = await createFixtures(payload, 'lg')
  passwordHashing.derive = (password, salt, iterations, keyLength) => {
    derivations.push(iterations)
    return original(password, salt, iterations, keyLength)
  }
})
afterAll(async () => {
  passwordHashing.derive = original
  await t?.close()
})
beforeEach(() => {
  derivations.length = 0
})

const attempt = (email: string, password: string) =>
  payload.login({ collection: 'users', data: { email, password } }).then(
    () => 'signed in',
    (error: { status?: number; message?: string }) => `${error.status} ${error.message}`,
  )

test('an unknown email runs the same password hash as a known one and gets the same error', async () => {
  const unknown = await attempt('nobody-at-all@example.test', 'some-password-1')
  expect(derivations).toEqual([600_000])
  derivations.length = 0
  const known = await attempt(fx.users.leader.email, 'some-password-1')
  expect(derivations).toEqual([600_000])
  expect(unknown).toBe(known)
  expect(known).toMatch(/^401 /)
})

test('a deactivated account runs the hash too and is refused like a wrong password, even with its right password', async () => {
  await payload.update({ collection: 'users', id: fx.users.colleague.id, data: { active: false } as never })
  const refused = await attempt(fx.users.colleague.email, PASSWORD)
  expect(derivations).toEqual([600_000])
  expect(refused).toBe(await attempt(fx.users.outsider.email, 'wrong-password-1'))
})

test('counts older than a day that block nothing are dropped at the next failure', async () => {
  const old = new Date(Date.now() - 25 * 60 * 60_000).toISOString()
  const stale = await payload.create({
    collection: 'login-throttles',
    data: { key: 'account:stale', kind: 'account', failures: 3, lastFailureAt: old } as never,
  })
  const stillBlocking = await payload.create({
    collection: 'login-throttles',
    data: { key: 'account:blocking', kind: 'account', failures: 9, lastFailureAt: old, blockedUntil: new Date(Date.now() + 60_000).toISOString() } as never,
  })
  await attempt('someone-else@example.test', 'wrong-password-1')
  const left = await payload.find({ collection: 'login-throttles', where: { id: { in: [stale.id, stillBlocking.id] } } })
  expect(left.docs.map((doc) => doc.id)).toEqual([stillBlocking.id])
})

test('the right password of an active account signs in', async () => {
  expect(await attempt(fx.users.author.email, PASSWORD)).toBe('signed in')
})
