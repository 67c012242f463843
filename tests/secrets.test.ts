import { randomBytes } from 'node:crypto'
import { decryptSecret, encryptSecret, isEncrypted } from '../src/shared/secret-encryption'
import { loadAccountCredentials } from '../src/services/accounts/accounts'
import { startTestPayload, type TestPayload } from './helpers/payload'

let t: TestPayload
beforeAll(async () => {
  t = await startTestPayload()
})
afterAll(async () => t?.close())

test('encryption round-trips, uses a fresh IV, and detects tampering', () => {
  const a = encryptSecret('秘密 secret')
  const b = encryptSecret('秘密 secret')
  expect(a).not.toBe(b)
  expect(isEncrypted(a)).toBe(true)
  expect(decryptSecret(a)).toBe('秘密 secret')
  // Flip one bit of the ciphertext itself (editing the base64 text's last characters could change
  // only its unused bits, and then nothing at all).
  const [prefixAndIv, tag, body] = [a.slice(0, a.indexOf('.')), ...a.slice(a.indexOf('.') + 1).split('.')]
  const flipped = Buffer.from(body, 'base64url')
  flipped[0] ^= 0x01
  const tampered = `${prefixAndIv}.${tag}.${flipped.toString('base64url')}`
  expect(tampered).not.toBe(a)
  expect(() => decryptSecret(tampered)).toThrow()
})

test('a configured WECHAT_SECRETS_KEY is used, and a wrong key cannot decrypt', () => {
  const previous = process.env.WECHAT_SECRETS_KEY
  process.env.WECHAT_SECRETS_KEY = randomBytes(32).toString('hex')
  const stored = encryptSecret('app-secret')
  process.env.WECHAT_SECRETS_KEY = randomBytes(32).toString('hex')
  expect(() => decryptSecret(stored)).toThrow()
  process.env.WECHAT_SECRETS_KEY = 'too-short'
  expect(() => encryptSecret('x')).toThrow(/WECHAT_SECRETS_KEY/)
  if (previous === undefined) delete process.env.WECHAT_SECRETS_KEY
  else process.env.WECHAT_SECRETS_KEY = previous
})

test('the server reads the decrypted credentials; the Local API result does not carry them', async () => {
  const doc = await t.payload.create({
    collection: 'wechat-accounts',
    data: { name: '服务号', appId: 'wx00000000000000aa', appSecret: 's3cret-value', token: 'tok', encodingAESKey: 'k'.repeat(43), isDefault: true },
  })
  expect(JSON.stringify(doc)).not.toContain('s3cret-value')
  const credentials = await loadAccountCredentials(t.payload)
  expect(credentials).toMatchObject({ appId: 'wx00000000000000aa', appSecret: 's3cret-value', token: 'tok', previousEncodingAESKey: null })
})
