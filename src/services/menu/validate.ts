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

export const bytes = (value: string): number => new TextEncoder().encode(value).length

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

// ── Field-level checks for the admin form ────────────────────────────────────────────────────────
// The same rules as validateMenu, one field at a time, so the admin marks the very field that is
// wrong with the reason (Payload shows a validator's string on its field) instead of one message on
// the whole button list. validateMenu stays the final check before publishing.

type Lang = 'zh' | 'en'
interface FieldOptions {
  req?: { i18n?: { language?: string } }
  /** Payload's path of the field, e.g. ['buttons', '0', 'subButtons', '2', 'name']. */
  path?: Array<string | number>
  siblingData?: Record<string, unknown>
  data?: Record<string, unknown>
}

const langOf = (options?: FieldOptions): Lang => (options?.req?.i18n?.language === 'en' ? 'en' : 'zh')
const str = (value: unknown): string => (typeof value === 'string' ? value : '')

/** 「第 2 个一级按钮」/「第 2 个一级按钮的第 3 个子按钮」 from the field's path: which button is meant. */
function buttonPosition(path: Array<string | number> | undefined, lang: Lang): string {
  const segments = (path ?? []).map(String)
  const top = Number(segments[1] ?? 0) + 1
  const subAt = segments.indexOf('subButtons')
  if (subAt === -1 || segments[subAt + 1] === undefined) return lang === 'en' ? `Button ${top}` : `第 ${top} 个一级按钮`
  const sub = Number(segments[subAt + 1] ?? 0) + 1
  return lang === 'en' ? `Button ${top} sub-button ${sub}` : `第 ${top} 个一级按钮的第 ${sub} 个子按钮`
}

const isSub = (options?: FieldOptions): boolean => {
  const segments = (options?.path ?? []).map(String)
  const at = segments.indexOf('subButtons')
  return at !== -1 && segments[at + 1] !== undefined
}

/** The byte limit of a button's name: 16 for a first-level button, 60 for a sub-button (menu/create). */
const nameLimit = (subButton: boolean): number => (subButton ? MENU_LIMITS.subNameBytes : MENU_LIMITS.topNameBytes)

/** A button's name: not empty, at most 16 / 60 UTF-8 bytes. */
export function validateButtonName(value: unknown, options?: FieldOptions): true | string {
  const lang = langOf(options)
  const where = buttonPosition(options?.path, lang)
  const name = str(value)
  if (name.trim() === '') return lang === 'en' ? `${where} name: required` : `${where}的名称：不能为空`
  const max = nameLimit(isSub(options))
  const size = bytes(name)
  if (size <= max) return true
  return lang === 'en'
    ? `${where} name: at most ${max} bytes (about ${Math.floor(max / 3)} Chinese characters; WeChat's limit); now ${size} bytes`
    : `${where}的名称：最多 ${max} 字节（约 ${Math.floor(max / 3)} 个汉字，微信限制），当前 ${size} 字节`
}

/** The key of click-like buttons: required, ≤ 128 bytes, and not shared with another button (click counts go by key). */
export function validateButtonKey(value: unknown, options?: FieldOptions): true | string {
  const type = str(options?.siblingData?.type)
  if (!KEY_TYPES.has(type)) return true
  const lang = langOf(options)
  const where = buttonPosition(options?.path, lang)
  const key = str(value)
  if (key === '') return lang === 'en' ? `${where} key: required for this type` : `${where}的菜单键（key）：此类型必须填写`
  if (bytes(key) > MENU_LIMITS.keyBytes)
    return lang === 'en'
      ? `${where} key: at most ${MENU_LIMITS.keyBytes} bytes`
      : `${where}的菜单键：最多 ${MENU_LIMITS.keyBytes} 字节，当前 ${bytes(key)} 字节`
  // Only the later of two buttons sharing a key is marked, naming the earlier one.
  const buttons = Array.isArray(options?.data?.buttons) ? (options!.data!.buttons as Array<Record<string, unknown>>) : []
  const leaves = buttons.flatMap((top, index) =>
    top?.type === SUB_MENU_TYPE
      ? (Array.isArray(top.subButtons) ? (top.subButtons as Array<Record<string, unknown>>) : []).map((sub, subIndex) => ({
          at: `buttons.${index}.subButtons.${subIndex}`,
          leaf: sub,
        }))
      : [{ at: `buttons.${index}`, leaf: top }],
  )
  const here = (options?.path ?? []).map(String).slice(0, -1).join('.')
  const position = leaves.findIndex((entry) => entry.at === here)
  const earlier = leaves.slice(0, position === -1 ? 0 : position).find((entry) => KEY_TYPES.has(str(entry.leaf?.type)) && str(entry.leaf?.key) === key)
  if (earlier) {
    const other = str(earlier.leaf?.name)
    return lang === 'en' ? `${where} key: ${key} is already used by "${other}"` : `${where}的菜单键：${key} 已被「${other}」使用（点击统计和回复按菜单键区分）`
  }
  return true
}

/** The web address of view / miniprogram buttons: required, http or https, ≤ 1024 bytes. */
export function validateButtonUrl(value: unknown, options?: FieldOptions): true | string {
  const type = str(options?.siblingData?.type)
  if (!URL_TYPES.has(type)) return true
  const lang = langOf(options)
  const where = buttonPosition(options?.path, lang)
  const url = str(value)
  if (url === '') return lang === 'en' ? `${where} URL: required for this type` : `${where}的网址：此类型必须填写`
  if (!/^https?:\/\/\S+$/i.test(url)) return lang === 'en' ? `${where} URL: must start with http or https` : `${where}的网址：须以 http 或 https 开头`
  if (bytes(url) > MENU_LIMITS.urlBytes)
    return lang === 'en' ? `${where} URL: at most ${MENU_LIMITS.urlBytes} bytes` : `${where}的网址：最多 ${MENU_LIMITS.urlBytes} 字节，当前 ${bytes(url)} 字节`
  return true
}

/** A field a type needs (appid and pagepath for miniprogram, media_id, article_id). */
export const requiredFor =
  (types: string[], label: { zh: string; en: string }) =>
  (value: unknown, options?: FieldOptions): true | string => {
    if (!types.includes(str(options?.siblingData?.type))) return true
    if (str(value).trim() !== '') return true
    const lang = langOf(options)
    return lang === 'en'
      ? `${buttonPosition(options?.path, lang)} ${label.en}: required for this type`
      : `${buttonPosition(options?.path, lang)}的${label.zh}：此类型必须填写`
  }

/** A first-level button set to open a sub-menu needs 1 to 5 sub-buttons. */
export function validateSubButtons(value: unknown, options?: FieldOptions): true | string {
  if (str(options?.siblingData?.type) !== SUB_MENU_TYPE) return true
  const count = Array.isArray(value) ? value.length : typeof value === 'number' ? value : 0
  const lang = langOf(options)
  const where = buttonPosition(options?.path, lang)
  if (count < 1) return lang === 'en' ? `${where}: a sub-menu needs at least 1 sub-button` : `${where}：设为子菜单时至少要有 1 个子按钮`
  if (count > MENU_LIMITS.subButtons)
    return lang === 'en' ? `${where}: at most ${MENU_LIMITS.subButtons} sub-buttons` : `${where}：最多 ${MENU_LIMITS.subButtons} 个子按钮，现有 ${count} 个`
  return true
}

const SUB_MENU_TYPE = 'sub'
