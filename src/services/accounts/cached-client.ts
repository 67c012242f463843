/** The inbox's WeChat client per account, kept a few minutes, sharing the database token holder with every other instance. */
import type { Payload } from 'payload'
import { clientForAccount } from './account-client'
import type { WeChatClient } from '../../wechat/client'
import { perPayload } from '../../shared/per-payload'
import { TtlCache } from '../../shared/ttl-cache'

// Rebuilt every few minutes so a changed AppSecret takes effect without a restart.
const CLIENT_TTL_MS = 5 * 60_000

// Per Payload instance: a client holds its Payload (token store, logger), so another instance (another
// database, each test's) must never be handed it. The reply endpoint reaches this with req.payload only.
const clientsOf = perPayload('wechat-inbox-clients', () => new TtlCache<WeChatClient>(CLIENT_TTL_MS))

/**
 * clientForAccount, cached per Payload and account for five minutes (replies and media downloads
 * come in bursts); concurrent first calls share one build, a failed build is not kept.
 */
export function cachedClientForAccount(payload: Payload, accountId: string): Promise<WeChatClient> {
  return clientsOf(payload).get(accountId, () => clientForAccount(payload, accountId))
}
