import type { Payload } from 'payload'
import { passwordHashing, type DeriveKey } from '../collections/users/password-hash'
import { createFixtures, type Fixtures } from './helpers/fixtures'
import { startTestPayload, type TestPayload } from './helpers/payload'

// Issue 11, finding 5 (review): the failure count was read, then written, so wrong passwords sent
// at once were all checked and most of them lost their count — parallel guessing beat the backoff.

let t: TestPayload
let payload: Payload
let fx: Fixtures
const original: DeriveKey = passwordHashing.derive
let derivations = 0

beforeAll(async () => {
  t = await startTestPayload()
  payload = t.payload
  fx = await createFixtures(payload, 'lc')
  passwordHashing.derive = (password, salt, iterations, keyLength) => {
    derivations++
    return original(password, salt, iterations, keyLength)
  }
})
afterAll(async () => {
  passwordHashing.derive = original
  await t?.close()
})

const attempt = (email: string, password: string) =>
  payload.login({ collection: 'users', data: { email, password } }).then(
    () => 200,
    (error: { status?: number }) => error.status ?? 500,
  )

test('30 wrong passwords at once for one account: each checked one is counted, and once the count blocks the account the rest are refused unchecked', async () => {
  derivations = 0
  const statuses = await Promise.all(Array.from({ length: 30 }, (_, index) => attempt(fx.users.leader.email, `wrong-password-${index}`)))
  const rows = await payload.find({ collection: 'login-throttles', where: { kind: { equals: 'account' } }, overrideAccess: true })
  expect(rows.docs).toHaveLength(1)
  const failures = (rows.docs[0] as unknown as { failures: number }).failures
  // As many passwords were checked as one at a time would have been: four free failures and the
  // fifth, which blocks the account; every one of them is in the count.
  expect(derivations).toBe(5)
  expect(failures).toBe(5)
  expect(statuses.filter((status) => status === 401)).toHaveLength(4)
  expect(statuses.filter((status) => status === 429)).toHaveLength(26)
})

test('an unknown email is throttled the same way (no count is lost, no extra password checked)', async () => {
  derivations = 0
  const statuses = await Promise.all(Array.from({ length: 12 }, (_, index) => attempt('nobody-concurrent@example.test', `wrong-password-${index}`)))
  expect(derivations).toBe(5)
  expect(statuses.filter((status) => status === 429)).toHaveLength(8)
})
