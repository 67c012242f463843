/** Differences between the saved menu and the one WeChat shows, in words staff can act on. */
import type { MenuButton, WeChatMenu } from './types'

const FIELDS = ['type', 'key', 'url', 'appid', 'pagepath', 'media_id', 'article_id'] as const
const FIELD_LABELS: Record<(typeof FIELDS)[number], string> = {
  type: '类型',
  key: '菜单键',
  url: '网址',
  appid: '小程序 appid',
  pagepath: '小程序页面',
  media_id: '素材 media_id',
  article_id: 'article_id',
}

/** menu/get lists leaves with `sub_button: []`; create takes them without. */
const subsOf = (button: MenuButton): MenuButton[] | null => (Array.isArray(button.sub_button) && button.sub_button.length > 0 ? button.sub_button : null)
const show = (value: unknown): string => (value === undefined || value === null || value === '' ? '（空）' : String(value))

export function compareMenus(saved: WeChatMenu, live: WeChatMenu | null): string[] {
  if (!live) return ['微信上还没有菜单：请先发布']
  const differences: string[] = []
  compareLists(saved.button, live.button, '一级按钮', '', differences)
  return differences
}

function compareLists(saved: MenuButton[], live: MenuButton[], level: string, parent: string, out: string[]): void {
  const count = Math.max(saved.length, live.length)
  for (let index = 0; index < count; index++) {
    const label = `${parent}第 ${index + 1} 个${level}`
    const ours = saved[index]
    const theirs = live[index]
    if (!theirs) out.push(`${label}「${ours!.name}」只在已保存的菜单中，线上没有`)
    else if (!ours) out.push(`${label}「${theirs.name}」只在线上，已保存的菜单中没有`)
    else compareButtons(ours, theirs, label, out)
  }
}

function compareButtons(ours: MenuButton, theirs: MenuButton, label: string, out: string[]): void {
  if (ours.name !== theirs.name) out.push(`${label}名称不同：已保存「${ours.name}」，线上「${theirs.name}」`)
  const named = `${label}「${ours.name}」`
  const ourSubs = subsOf(ours)
  const theirSubs = subsOf(theirs)
  if (ourSubs && theirSubs) return compareLists(ourSubs, theirSubs, '子按钮', `${named}下`, out)
  if (ourSubs || theirSubs) {
    out.push(`${named}：${ourSubs ? '已保存的是子菜单，线上是按钮' : '已保存的是按钮，线上是子菜单'}`)
    return
  }
  for (const field of FIELDS) {
    if (show(ours[field]) !== show(theirs[field])) out.push(`${named}的${FIELD_LABELS[field]}不同：已保存 ${show(ours[field])}，线上 ${show(theirs[field])}`)
  }
}
