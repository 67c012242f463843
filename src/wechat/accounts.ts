import type { Payload } from 'payload'
import { decryptSecret, isEncrypted } from '../secrets'
import { DEMO_ACCOUNT } from './emulator/state'

export interface AccountCredentials {
  id: string
  name: string
  appId: string
  appSecret: string
  token: string
  encodingAESKey: string
  previousEncodingAESKey: string | null
  type: 'service' | 'subscription'
  messageMode: 'plain' | 'compatible' | 'safe'
  originalId: string | null
}

const reveal = (value: unknown): string | null => (isEncrypted(value) ? decryptSecret(value) : null)

/**
 * Server-side only: the account with its secrets decrypted. Never hand this to a client.
 * `id` is the document id or the app id (the callback URL may name either); none is the default.
 */
export async function loadAccountCredentials(payload: Payload, id?: string): Promise<AccountCredentials> {
  const found = await payload.find({
    collection: 'wechat-accounts',
    overrideAccess: true,
    context: { includeSecrets: true },
    where: id ? { or: [{ id: { equals: id } }, { appId: { equals: id } }] } : { isDefault: { equals: true } },
    limit: 1,
    depth: 0,
  })
  const account = found.docs[0] as unknown as Record<string, unknown> | undefined
  if (!account) throw new Error(id ? `公众号 ${id} 不存在` : '没有默认公众号：请在 微信 → 公众号 中添加并设为默认')
  return {
    id: String(account.id),
    name: String(account.name),
    appId: String(account.appId),
    appSecret: reveal(account.appSecret) ?? '',
    token: reveal(account.token) ?? '',
    encodingAESKey: reveal(account.encodingAESKey) ?? '',
    previousEncodingAESKey: reveal(account.previousEncodingAESKey),
    type: account.type === 'subscription' ? 'subscription' : 'service',
    messageMode: (account.messageMode as AccountCredentials['messageMode']) ?? 'safe',
    originalId: (account.originalId as string | null) ?? null,
  }
}

/**
 * The default account from WECHAT_APP_ID / WECHAT_APP_SECRET / WECHAT_TOKEN / WECHAT_ENCODING_AES_KEY;
 * without them, the emulator's demo account, so a demo run can push to the emulator.
 */
export async function ensureDefaultAccount(payload: Payload): Promise<'created' | 'exists'> {
  const { totalDocs } = await payload.count({ collection: 'wechat-accounts', overrideAccess: true })
  if (totalDocs > 0) return 'exists'
  const fromEnv = process.env.WECHAT_APP_ID && process.env.WECHAT_APP_SECRET
  await payload.create({
    collection: 'wechat-accounts',
    overrideAccess: true,
    data: fromEnv
      ? {
          name: process.env.WECHAT_ACCOUNT_NAME ?? '街道办服务号',
          appId: process.env.WECHAT_APP_ID,
          appSecret: process.env.WECHAT_APP_SECRET,
          token: process.env.WECHAT_TOKEN,
          encodingAESKey: process.env.WECHAT_ENCODING_AES_KEY,
          type: 'service',
          messageMode: 'safe',
          isDefault: true,
        }
      : {
          name: '演示服务号（模拟器）',
          appId: DEMO_ACCOUNT.appId,
          appSecret: DEMO_ACCOUNT.appSecret,
          token: DEMO_ACCOUNT.token,
          encodingAESKey: DEMO_ACCOUNT.encodingAESKey,
          originalId: DEMO_ACCOUNT.originalId,
          type: 'service',
          messageMode: 'safe',
          isDefault: true,
        },
  } as never)
  return 'created'
}
