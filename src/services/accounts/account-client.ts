/**
 * The one way to build an account's WeChat client: its AppSecret decrypted from `wechat-accounts`,
 * tokens shared through the database with every other instance (PayloadTokenStore), and every log
 * entry written through Payload's logger with the AppSecret and access tokens scrubbed (the client
 * wraps the logger in its SecretScrubber); a call that finally fails is also kept as the account's
 * last API error (`wechat-api-errors`, api-errors.ts).
 */
import type { Payload } from 'payload'
import { loadAccountCredentials } from './accounts'
import { createWeChatClient, PayloadTokenStore, type WeChatClient, type WeChatClientOptions } from '../../wechat/client'
import { payloadLogger } from '../../wechat/client/log'
import { recordingApiErrors } from './api-errors'

/**
 * A fresh client for the account with document id or app id `accountId` (none: the default
 * account). `options` override the defaults (tests point `baseUrl` at the emulator). Throws what
 * loadAccountCredentials throws (AccountNotFoundError, PublishedCredentialsError).
 */
export async function clientForAccount(payload: Payload, accountId?: string | null, options: Partial<WeChatClientOptions> = {}): Promise<WeChatClient> {
  const account = await loadAccountCredentials(payload, accountId ?? undefined)
  return createWeChatClient({
    appId: account.appId,
    appSecret: account.appSecret,
    store: new PayloadTokenStore(payload),
    // The last error per account is kept for the health page (运行状态).
    logger: recordingApiErrors(payload, account.id, payloadLogger(payload.logger)),
    ...options,
  })
}
