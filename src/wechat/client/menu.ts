/** The custom menu (自定义菜单). */
import type { WeChatCaller } from './caller'

export interface MenuButton {
  type?: string
  name: string
  key?: string
  url?: string
  media_id?: string
  article_id?: string
  appid?: string
  pagepath?: string
  sub_button?: MenuButton[]
}

export interface Menu {
  button: MenuButton[]
}

export function menuApi(caller: WeChatCaller) {
  return {
    async create(menu: Menu): Promise<void> {
      await caller.call('/cgi-bin/menu/create', (api, done) => api._createMenu(menu, done))
    },
    /** The current menu; WeChat answers 46003 when there is none. */
    async get(): Promise<Menu> {
      const answer = await caller.call<{ menu: Menu }>('/cgi-bin/menu/get', (api, done) => api._getMenu(done))
      return answer.menu
    },
    async remove(): Promise<void> {
      await caller.call('/cgi-bin/menu/delete', (api, done) => api._removeMenu(done))
    },
  }
}
