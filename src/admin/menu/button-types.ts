/** The menu button types staff can choose, with their labels; shared by the menu collection (wechat-menus) and its admin components. */

/** The first-level type that opens a list of sub-buttons (SUB_MENU in src/services/menu/types). */
export const SUB_MENU_TYPE = 'sub'

export const LEAF_TYPES = [
  { value: 'click', label: { zh: '点击回复（click）', en: 'Click' } },
  { value: 'view', label: { zh: '打开网页（view）', en: 'Open URL' } },
  { value: 'miniprogram', label: { zh: '打开小程序', en: 'Mini program' } },
  { value: 'article_id', label: { zh: '发布后的图文（article_id）', en: 'Published article' } },
  { value: 'media_id', label: { zh: '永久素材（media_id）', en: 'Permanent material' } },
  { value: 'scancode_push', label: { zh: '扫码', en: 'Scan code' } },
  { value: 'location_select', label: { zh: '发送位置', en: 'Send location' } },
]

export const SUB_MENU_OPTION = { value: SUB_MENU_TYPE, label: { zh: '子菜单', en: 'Sub-menu' } }

/** The label of a button type in the admin's language (the type itself when unknown). */
export function typeLabel(type: unknown, lang: string): string {
  const option = [SUB_MENU_OPTION, ...LEAF_TYPES].find((entry) => entry.value === type)
  if (!option) return typeof type === 'string' ? type : ''
  return lang === 'en' ? option.label.en : option.label.zh
}
