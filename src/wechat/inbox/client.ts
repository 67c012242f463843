/** One WeChat client per account, sharing the database token holder with every other instance. */
import type { Payload } from 'payload'
import { loadAccountCredentials } from '../accounts'
import { createWeChatClient, PayloadTokenStore, type WeChatClient } from '../client'

const CLIENT_TTL_MS = 5 * 60_000
const clients = new Map<string, { client: WeChatClient; until: number }>()

export async function clientForAccount(payload: Payload, accountId: string): Promise<WeChatClient> {
  const cached = clients.get(accountId)
  if (cached && cached.until > Date.now()) return cached.client
  const account = await loadAccountCredentials(payload, accountId)
  // Rebuilt every few minutes so a changed AppSecret takes effect without a restart.
  const client = createWeChatClient({ appId: account.appId, appSecret: account.appSecret, store: new PayloadTokenStore(payload) })
  clients.set(accountId, { client, until: Date.now() + CLIENT_TTL_MS })
  return client
}
