/** The menu API of the account the menu belongs to, over the shared client and token store. */
import type { Payload } from 'payload'
import { loadAccountCredentials } from '../accounts'
import { createWeChatClient, type WeChatClientOptions } from '../client'
import { WeChatApiError } from '../client/errors'
import { PayloadTokenStore } from '../client/payload-token-store'
import type { WeChatMenu } from './types'

export interface MenuRemote {
  create(menu: WeChatMenu): Promise<void>
  /** null when WeChat has no menu (46003). */
  get(): Promise<WeChatMenu | null>
}

export async function menuRemoteFor(payload: Payload, accountId: string | null, options: Partial<WeChatClientOptions> = {}): Promise<MenuRemote> {
  const account = await loadAccountCredentials(payload, accountId ?? undefined)
  const client = createWeChatClient({
    appId: account.appId,
    appSecret: account.appSecret,
    store: new PayloadTokenStore(payload),
    logger: { log: (level, entry) => payload.logger[level === 'debug' ? 'debug' : level](entry) },
    ...options,
  })
  return {
    create: (menu) => client.menu.create(menu),
    async get() {
      try {
        return await client.menu.get()
      } catch (error) {
        if (error instanceof WeChatApiError && error.errcode === 46003) return null
        throw error
      }
    },
  }
}
