import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

const PREFIX = 'enc:v1:'

/**
 * The key that encrypts stored WeChat secrets: `WECHAT_SECRETS_KEY` (32 bytes, hex or base64), or,
 * when it is unset, one derived from PAYLOAD_SECRET so a demo run needs no extra setup.
 */
function secretsKey(): Buffer {
  const configured = process.env.WECHAT_SECRETS_KEY?.trim()
  if (configured) {
    const key = /^[0-9a-f]{64}$/i.test(configured) ? Buffer.from(configured, 'hex') : Buffer.from(configured, 'base64')
    if (key.length !== 32) throw new Error('WECHAT_SECRETS_KEY 必须是 32 字节（64 位十六进制或 base64）')
    return key
  }
  const base = process.env.PAYLOAD_SECRET ?? ''
  if (base.length < 32) throw new Error('无法加密微信密钥：请设置 WECHAT_SECRETS_KEY 或 PAYLOAD_SECRET')
  return Buffer.from(hkdfSync('sha256', base, 'wechat-secrets', 'street-office-cms', 32))
}

export const isEncrypted = (value: unknown): value is string => typeof value === 'string' && value.startsWith(PREFIX)

/** AES-256-GCM; the stored form is `enc:v1:<iv>.<tag>.<ciphertext>` in base64url. */
export function encryptSecret(plain: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', secretsKey(), iv)
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return `${PREFIX}${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${body.toString('base64url')}`
}

export function decryptSecret(stored: string): string {
  if (!isEncrypted(stored)) throw new Error('not an encrypted secret')
  const [iv, tag, body] = stored.slice(PREFIX.length).split('.')
  const decipher = createDecipheriv('aes-256-gcm', secretsKey(), Buffer.from(iv, 'base64url'))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
}
