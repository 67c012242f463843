/** The inbox's WeChat client per account, kept a few minutes, sharing the database token holder with every other instance. */
import type { Payload } from 'payload'
import { clientForAccount } from '../account-client'
import type { WeChatClient } from '../client'

const CLIENT_TTL_MS = 5 * 60_000
const clients = new Map<string, { client: WeChatClient; until: number }>()

/** clientForAccount, cached per account for five minutes (replies and media downloads come in bursts). */
export async function cachedClientForAccount(payload: Payload, accountId: string): Promise<WeChatClient> {
  const cached = clients.get(accountId)
  if (cached && cached.until > Date.now()) return cached.client
  // Rebuilt every few minutes so a changed AppSecret takes effect without a restart.
  const client = await clientForAccount(payload, accountId)
  clients.set(accountId, { client, until: Date.now() + CLIENT_TTL_MS })
  return client
}
