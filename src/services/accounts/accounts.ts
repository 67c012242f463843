import type { Payload } from 'payload'
import type { WechatAccount } from '../../payload-types'
import { ApiError } from '../../http/api-error'
import { decryptSecret, isEncrypted } from '../../shared/secret-encryption'
import type { AccountCredentials } from '../../wechat/account-credentials'

/**
 * The demo account's credentials as they were once published in the source. The emulator's
 * in-process test account still uses them (src/dev/emulator/state.ts reads them from here, so the
 * emulator depends on production code and never the reverse). An install from before the demo
 * generated its own still has them in its database: the demo start rotates them
 * (src/dev/demo-account.ts); anywhere else loadAccountCredentials refuses the account.
 */
export const PUBLISHED_DEMO_CREDENTIALS = {
  appId: 'wx0000000000demo01',
  appSecret: 'demo-app-secret-0000000000000000',
  token: 'demotoken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
} as const
const PUBLISHED_DEMO = PUBLISHED_DEMO_CREDENTIALS

/**
 * True when an account's secrets are the ones once published in the source: its Token (enough to
 * sign forged callbacks), or the demo app id with the published EncodingAESKey or AppSecret.
 * (The EncodingAESKey alone is also Tencent's sample key, used by tests for their own accounts.)
 */
export function usesPublishedDemoCredentials(account: { appId: string; token: string; encodingAESKey: string; appSecret?: string }): boolean {
  if (account.token === PUBLISHED_DEMO.token) return true
  return account.appId === PUBLISHED_DEMO.appId && (account.encodingAESKey === PUBLISHED_DEMO.encodingAESKey || account.appSecret === PUBLISHED_DEMO.appSecret)
}

/**
 * Thrown by loadAccountCredentials when the account asked for cannot be used; an endpoint answers it
 * as it is (an ApiError) or turns it into its own refusal by class, never by its text.
 */
export class AccountUnavailableError extends ApiError {
  override name = 'AccountUnavailableError'
}

/** No such account (404 `account-not-found`), or no default account (404 `no-default-account`). */
export class AccountNotFoundError extends AccountUnavailableError {
  constructor(id?: string) {
    super(404, id ? 'account-not-found' : 'no-default-account', id ? `公众号 ${id} 不存在` : NO_ACCOUNT_MESSAGE)
    this.name = 'AccountNotFoundError'
  }
}

/** An account that still has the published demo secrets (409 `published-demo-credentials`). */
export class PublishedCredentialsError extends AccountUnavailableError {
  constructor(
    readonly accountName: string,
    readonly appId: string,
  ) {
    super(
      409,
      'published-demo-credentials',
      `公众号「${accountName}」（${appId}）仍在使用源代码中公开过的演示 Token / EncodingAESKey，任何人都能伪造它的回调：已拒绝处理它的回调和接口调用。` +
        '请管理员在 微信 → 公众号 中为它填写新的 Token 和 EncodingAESKey（与公众平台一致），或删除它并添加真实公众号。',
    )
    this.name = 'PublishedCredentialsError'
  }
}

/**
 * The default account (`isDefault`), the one the scheduler serves and every command without an
 * account names; null when none is set. Its secrets stay encrypted (or hidden) unless
 * `includeSecrets`. The one place the default account is looked up.
 */
export async function findDefaultAccount(payload: Payload, options: { includeSecrets?: boolean } = {}): Promise<WechatAccount | null> {
  const found = await payload.find({
    collection: 'wechat-accounts',
    overrideAccess: true,
    ...(options.includeSecrets ? { context: { includeSecrets: true } } : {}),
    where: { isDefault: { equals: true } },
    limit: 1,
    depth: 0,
  })
  return found.docs[0] ?? null
}

/** An account the scheduler serves: its id and name, for claims, logs and the per-account tick report. */
export interface PushAccount {
  id: string
  name: string
  appId: string
  isDefault: boolean
}

/**
 * Every account the weekly push serves: all accounts whose 参与每周推送 (`pushEnabled`) is not turned
 * off (an account saved before the field existed has no value and is served). The default account
 * first, then by name, so logs and reports list them in a stable order. Secrets stay hidden.
 */
export async function findPushAccounts(payload: Payload): Promise<PushAccount[]> {
  const found = await payload.find({
    collection: 'wechat-accounts',
    overrideAccess: true,
    depth: 0,
    limit: 200,
    pagination: false,
    // A row written before the column existed holds NULL, which SQL's `<> false` would leave out.
    where: { or: [{ pushEnabled: { equals: true } }, { pushEnabled: { exists: false } }] },
  })
  return found.docs
    .map((doc) => ({ id: String(doc.id), name: String(doc.name), appId: String(doc.appId), isDefault: doc.isDefault === true }))
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name, 'zh') || a.id.localeCompare(b.id))
}

const reveal = (value: unknown): string | null => (isEncrypted(value) ? decryptSecret(value) : null)

/**
 * Server-side only: the account with its secrets decrypted. Never hand this to a client.
 * `id` is the document id or the app id (the callback URL may name either); none is the default.
 * Throws AccountNotFoundError or PublishedCredentialsError (both AccountUnavailableError).
 */
export async function loadAccountCredentials(payload: Payload, id?: string): Promise<AccountCredentials> {
  const account = id
    ? (
        await payload.find({
          collection: 'wechat-accounts',
          overrideAccess: true,
          context: { includeSecrets: true },
          where: { or: [{ id: { equals: id } }, { appId: { equals: id } }] },
          limit: 1,
          depth: 0,
        })
      ).docs[0]
    : await findDefaultAccount(payload, { includeSecrets: true })
  if (!account) throw new AccountNotFoundError(id)
  const credentials: AccountCredentials = {
    id: String(account.id),
    name: String(account.name),
    appId: String(account.appId),
    appSecret: reveal(account.appSecret) ?? '',
    token: reveal(account.token) ?? '',
    encodingAESKey: reveal(account.encodingAESKey) ?? '',
    previousEncodingAESKey: reveal(account.previousEncodingAESKey),
    type: account.type === 'subscription' ? 'subscription' : 'service',
    messageMode: account.messageMode ?? 'safe',
    originalId: account.originalId ?? null,
  }
  if (usesPublishedDemoCredentials(credentials)) throw new PublishedCredentialsError(credentials.name, credentials.appId)
  return credentials
}

/** What the office is told while no account is configured (the admin, the callback server's log). */
export const NO_ACCOUNT_MESSAGE = '没有默认公众号：请管理员在 微信 → 公众号 中添加公众号并设为默认（或在 .env 中设置 WECHAT_APP_ID 等后重新启动）'

export type DefaultAccountOutcome = 'exists' | 'created-from-env' | 'none'

/**
 * The default account from WECHAT_APP_ID / WECHAT_APP_SECRET / WECHAT_TOKEN / WECHAT_ENCODING_AES_KEY
 * on a database without accounts. Without them nothing is invented: 'none', and the office is told
 * to add one (NO_ACCOUNT_MESSAGE). The demo's account is made by the demo start only
 * (src/dev/demo-account.ts), with secrets generated for the install.
 */
export async function ensureDefaultAccount(payload: Payload, env: Partial<Record<string, string>> = process.env): Promise<DefaultAccountOutcome> {
  const { totalDocs } = await payload.count({ collection: 'wechat-accounts', overrideAccess: true })
  if (totalDocs > 0) return 'exists'
  if (!env.WECHAT_APP_ID || !env.WECHAT_APP_SECRET) return 'none'
  await payload.create({
    collection: 'wechat-accounts',
    overrideAccess: true,
    data: {
      name: env.WECHAT_ACCOUNT_NAME ?? '街道办服务号',
      appId: env.WECHAT_APP_ID,
      appSecret: env.WECHAT_APP_SECRET,
      token: env.WECHAT_TOKEN,
      encodingAESKey: env.WECHAT_ENCODING_AES_KEY,
      type: 'service',
      messageMode: 'safe',
      isDefault: true,
    },
  })
  return 'created-from-env'
}
