/** The saved menu → the JSON `menu/create` takes (our reply texts stay here, WeChat never sees them). */
import type { MenuButton } from '../../wechat/client/menu'
import { SUB_MENU, type SavedMenu, type SavedMenuItem, type WeChatMenu } from './types'

const text = (value: string | null | undefined): string | undefined => (value == null || value === '' ? undefined : value)

function leaf(item: SavedMenuItem): MenuButton {
  const button: MenuButton = { type: item.type, name: item.name }
  const fields: Array<['key' | 'url' | 'appid' | 'pagepath' | 'media_id' | 'article_id', string | undefined]> = [
    ['key', text(item.key)],
    ['url', text(item.url)],
    ['appid', text(item.appid)],
    ['pagepath', text(item.pagepath)],
    ['media_id', text(item.mediaId)],
    ['article_id', text(item.articleId)],
  ]
  for (const [name, value] of fields) if (value !== undefined) button[name] = value
  return button
}

export function toWeChatMenu(saved: SavedMenu): WeChatMenu {
  return {
    button: (saved.buttons ?? []).map((button) =>
      button.type === SUB_MENU ? { name: button.name, sub_button: (button.subButtons ?? []).map(leaf) } : leaf(button),
    ),
  }
}

/** Every leaf of the saved menu, top-level leaves included. */
export function savedLeaves(saved: SavedMenu): SavedMenuItem[] {
  return (saved.buttons ?? []).flatMap((button) => (button.type === SUB_MENU ? (button.subButtons ?? []) : [button]))
}
