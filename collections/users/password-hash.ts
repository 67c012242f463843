import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * Payload 3.90's stored password format (payload/dist/auth/strategies/local/generatePasswordSaltHash.js):
 * `pbkdf2-sha256-v1:<hex>` = PBKDF2-SHA256, 600 000 iterations, 32-byte key; older hashes without
 * the prefix are PBKDF2-SHA256, 25 000 iterations, 512-byte key. Mirrored here because Payload does
 * not export its checker, and the login guard must do the same work whether or not the account exists.
 */
const CURRENT_PREFIX = 'pbkdf2-sha256-v1:'
const CURRENT = { iterations: 600_000, keyLength: 32 }
const LEGACY = { iterations: 25_000, keyLength: 512 }

/** A salt and hash nobody's password matches: checked for unknown or deactivated accounts. */
const DUMMY = { salt: randomBytes(32).toString('hex'), hash: `${CURRENT_PREFIX}${'0'.repeat(CURRENT.keyLength * 2)}` }

export type DeriveKey = (password: string, salt: string, iterations: number, keyLength: number) => Promise<Buffer>

/**
 * The key derivation used by every password check. A property of an object so that a test can
 * observe that unknown accounts pay for it too.
 */
export const passwordHashing: { derive: DeriveKey } = {
  derive: (password, salt, iterations, keyLength) =>
    new Promise((resolve, reject) => pbkdf2(password, salt, iterations, keyLength, 'sha256', (error, key) => (error ? reject(error) : resolve(key)))),
}

/**
 * True when `password` matches the account's stored `hash`/`salt` (as `payload.db.findOne` returns
 * them). For a missing account, or one without a password, the same derivation runs against a dummy
 * hash and the answer is false: the work (and so the response time) does not reveal which emails exist.
 */
export async function verifyStoredPassword(account: { hash?: unknown; salt?: unknown } | null | undefined, password: string): Promise<boolean> {
  const real = typeof account?.hash === 'string' && typeof account?.salt === 'string'
  const hash = real ? (account!.hash as string) : DUMMY.hash
  const salt = real ? (account!.salt as string) : DUMMY.salt
  const current = hash.startsWith(CURRENT_PREFIX)
  const { iterations, keyLength } = current ? CURRENT : LEGACY
  const stored = Buffer.from(current ? hash.slice(CURRENT_PREFIX.length) : hash, 'hex')
  const derived = await passwordHashing.derive(password, salt, iterations, keyLength)
  return real && derived.length === stored.length && timingSafeEqual(derived, stored)
}
