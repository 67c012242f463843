/** The menu API of the account the menu belongs to, over the shared client and token store. */
import type { Payload } from 'payload'
import { clientForAccount } from '../accounts/account-client'
import type { WeChatClientOptions } from '../../wechat/client'
import { WeChatApiError } from '../../wechat/client/errors'
import type { WeChatMenu } from './types'

export interface MenuRemote {
  create(menu: WeChatMenu): Promise<void>
  /** null when WeChat has no menu (46003). */
  get(): Promise<WeChatMenu | null>
}

export async function menuRemoteFor(payload: Payload, accountId: string | null, options: Partial<WeChatClientOptions> = {}): Promise<MenuRemote> {
  const client = await clientForAccount(payload, accountId, options)
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
