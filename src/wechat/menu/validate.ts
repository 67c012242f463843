/**
 * WeChat's custom-menu limits, checked before publishing so staff see which button is wrong in
 * Chinese instead of a bare 40018 from menu/create. Mirrors the emulator's 40016–40027 checks.
 */
import type { MenuButton, WeChatMenu } from './types'

export const MENU_LIMITS = { buttons: 3, subButtons: 5, topNameBytes: 16, subNameBytes: 60, keyBytes: 128, urlBytes: 1024 } as const

const KEY_TYPES = new Set(['click', 'scancode_push', 'scancode_waitmsg', 'pic_sysphoto', 'pic_photo_or_album', 'pic_weixin', 'location_select'])
const URL_TYPES = new Set(['view', 'miniprogram'])
const MEDIA_TYPES = new Set(['media_id', 'view_limited'])
const ARTICLE_TYPES = new Set(['article_id', 'article_view_limited'])

export const bytes = (value: string): number => Buffer.byteLength(value, 'utf8')

/** Answers every problem found (empty when WeChat would accept the menu), each naming its button. */
export function validateMenu(menu: WeChatMenu): string[] {
  const buttons = Array.isArray(menu?.button) ? menu.button : []
  const problems: string[] = []
  if (buttons.length < 1 || buttons.length > MENU_LIMITS.buttons) problems.push(`菜单须有 1 至 ${MENU_LIMITS.buttons} 个一级按钮，现有 ${buttons.length} 个`)
  buttons.forEach((button, index) => {
    const label = `第 ${index + 1} 个一级按钮「${button?.name ?? ''}」`
    problems.push(...checkName(button, label, MENU_LIMITS.topNameBytes))
    const subs = button?.sub_button
    if (subs === undefined) {
      problems.push(...checkLeaf(button, label))
      return
    }
    if (!Array.isArray(subs) || subs.length === 0) problems.push(`${label}：设为子菜单时至少要有 1 个子按钮`)
    else if (subs.length > MENU_LIMITS.subButtons) problems.push(`${label}：最多 ${MENU_LIMITS.subButtons} 个子按钮，现有 ${subs.length} 个`)
    for (const sub of Array.isArray(subs) ? subs : []) {
      const subLabel = `「${button.name}」下的子按钮「${sub?.name ?? ''}」`
      if (Array.isArray(sub?.sub_button) && sub.sub_button.length > 0) problems.push(`${subLabel}：菜单只有两级，子按钮不能再有子菜单`)
      problems.push(...checkName(sub, subLabel, MENU_LIMITS.subNameBytes), ...checkLeaf(sub, subLabel))
    }
  })
  problems.push(...duplicateKeys(buttons))
  return problems
}

function checkName(button: MenuButton | undefined, label: string, maxBytes: number): string[] {
  const name = button?.name ?? ''
  if (name.trim() === '') return [`${label}：名称不能为空`]
  if (bytes(name) > maxBytes) return [`${label}：名称 ${bytes(name)} 字节，超过 ${maxBytes} 字节（约 ${Math.floor(maxBytes / 3)} 个汉字）`]
  return []
}

function checkLeaf(button: MenuButton | undefined, label: string): string[] {
  const type = button?.type ?? ''
  const key = button?.key ?? ''
  const url = button?.url ?? ''
  if (!type) return [`${label}：请选择按钮类型`]
  if (KEY_TYPES.has(type)) {
    if (key === '') return [`${label}：${type} 类型必须填写菜单键（key）`]
    if (bytes(key) > MENU_LIMITS.keyBytes) return [`${label}：菜单键超过 ${MENU_LIMITS.keyBytes} 字节`]
    return []
  }
  if (URL_TYPES.has(type)) {
    const problems: string[] = []
    if (url === '') problems.push(`${label}：${type} 类型必须填写网址（url）`)
    else if (bytes(url) > MENU_LIMITS.urlBytes) problems.push(`${label}：网址超过 ${MENU_LIMITS.urlBytes} 字节`)
    else if (!/^https?:\/\//i.test(url)) problems.push(`${label}：网址须以 http:// 或 https:// 开头`)
    if (type === 'miniprogram' && (!button?.appid || !button?.pagepath)) problems.push(`${label}：小程序按钮必须填写 appid 和页面路径（pagepath）`)
    return problems
  }
  if (MEDIA_TYPES.has(type)) return button?.media_id ? [] : [`${label}：${type} 类型必须填写永久素材 media_id`]
  if (ARTICLE_TYPES.has(type)) return button?.article_id ? [] : [`${label}：${type} 类型必须填写发布后的 article_id`]
  return [`${label}：不支持的按钮类型 ${type}`]
}

/** Not a WeChat rule: click counts and click replies are per key, so two buttons must not share one. */
function duplicateKeys(buttons: MenuButton[]): string[] {
  const seen = new Map<string, string>()
  const problems: string[] = []
  for (const button of buttons.flatMap((top) => (Array.isArray(top?.sub_button) && top.sub_button.length ? top.sub_button : [top]))) {
    if (!button?.key) continue
    const first = seen.get(button.key)
    if (first !== undefined) problems.push(`「${first}」和「${button.name}」使用了同一个菜单键 ${button.key}`)
    else seen.set(button.key, button.name)
  }
  return problems
}
