/** How a `wechat-menus` row stores an account's menu: WeChat's shape in admin-friendly field names, plus a reply text. */
import type { Menu } from '../../wechat/client/menu'

export type { MenuButton } from '../../wechat/client/menu'

export interface SavedMenuItem {
  name: string
  type: string
  key?: string | null
  url?: string | null
  appid?: string | null
  pagepath?: string | null
  mediaId?: string | null
  articleId?: string | null
  /** What a click answers (passive reply); GUIDE_LIST appends the service-guide titles. */
  replyText?: string | null
}

export interface SavedMenuButton extends SavedMenuItem {
  /** Only for `type: 'sub'`: the button opens these. */
  subButtons?: SavedMenuItem[] | null
}

export interface SavedMenu {
  account?: unknown
  buttons?: SavedMenuButton[] | null
}

/** The top-level type that opens a list of sub-buttons instead of acting. */
export const SUB_MENU = 'sub'

/** The key whose click lists the service guides (approved or sent policy explainers). */
export const GUIDE_LIST_KEY = 'GUIDE_LIST'

export type WeChatMenu = Menu
