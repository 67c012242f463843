import type { Field, GlobalConfig } from 'payload'
import { jsonOnly } from '../src/http/json-only'
import { isLeaderOrAdmin, isStaff } from '../src/access/roles'
import { toWeChatMenu } from '../src/wechat/menu/convert'
import { DEFAULT_MENU_BUTTONS } from '../src/wechat/menu/defaults'
import { menuEndpoints } from '../src/wechat/menu/endpoints'
import { SUB_MENU, type SavedMenuButton } from '../src/wechat/menu/types'
import { validateMenu } from '../src/wechat/menu/validate'

const LEAF_TYPES = [
  { value: 'click', label: { zh: '点击回复（click）', en: 'Click' } },
  { value: 'view', label: { zh: '打开网页（view）', en: 'Open URL' } },
  { value: 'miniprogram', label: { zh: '打开小程序', en: 'Mini program' } },
  { value: 'article_id', label: { zh: '发布后的图文（article_id）', en: 'Published article' } },
  { value: 'media_id', label: { zh: '永久素材（media_id）', en: 'Permanent material' } },
  { value: 'scancode_push', label: { zh: '扫码', en: 'Scan code' } },
  { value: 'location_select', label: { zh: '发送位置', en: 'Send location' } },
]

type Sibling = { type?: string }
const when = (...types: string[]) => (_: unknown, sibling: Sibling) => types.includes(sibling?.type ?? '')

/** The fields of one button; the sub-menu list only exists at the top level. */
const buttonFields = (top: boolean): Field[] => [
  { name: 'name', type: 'text', required: true, label: { zh: '名称', en: 'Name' }, admin: { description: top ? { zh: '最多 16 字节（约 5 个汉字）', en: '≤ 16 bytes' } : { zh: '最多 60 字节，显示约 8 个汉字', en: '≤ 60 bytes' } } },
  {
    name: 'type',
    type: 'select',
    required: true,
    defaultValue: top ? SUB_MENU : 'click',
    label: { zh: '类型', en: 'Type' },
    options: top ? [{ value: SUB_MENU, label: { zh: '子菜单', en: 'Sub-menu' } }, ...LEAF_TYPES] : LEAF_TYPES,
  },
  { name: 'key', type: 'text', label: { zh: '菜单键（key）', en: 'Key' }, admin: { condition: when('click', 'scancode_push', 'location_select'), description: { zh: '用于统计点击和自动回复；GUIDE_LIST 会列出办事指南', en: 'For click counts and replies; GUIDE_LIST lists the service guides' } } },
  { name: 'replyText', type: 'textarea', label: { zh: '点击后回复', en: 'Reply' }, admin: { condition: when('click') } },
  { name: 'url', type: 'text', label: { zh: '网址', en: 'URL' }, admin: { condition: when('view', 'miniprogram') } },
  { name: 'appid', type: 'text', label: { zh: '小程序 appid', en: 'Mini program appid' }, admin: { condition: when('miniprogram') } },
  { name: 'pagepath', type: 'text', label: { zh: '小程序页面路径', en: 'Mini program page' }, admin: { condition: when('miniprogram') } },
  { name: 'articleId', type: 'text', label: { zh: 'article_id', en: 'article_id' }, admin: { condition: when('article_id') } },
  { name: 'mediaId', type: 'text', label: { zh: 'media_id', en: 'media_id' }, admin: { condition: when('media_id') } },
]

/**
 * The custom menu (自定义菜单) of the service account. Saved here, checked against WeChat's limits on
 * save, and sent to WeChat with the 发布 button (publish endpoint): saving alone changes nothing.
 */
export const WeChatMenuGlobal: GlobalConfig = {
  slug: 'wechat-menu',
  label: { zh: '公众号菜单', en: 'WeChat menu' },
  admin: { group: { zh: '微信', en: 'WeChat' } },
  access: { read: isStaff, update: isLeaderOrAdmin },
  endpoints: jsonOnly(menuEndpoints()),
  fields: [
    { name: 'menuActions', type: 'ui', admin: { components: { Field: '/src/admin/menu/MenuActions#MenuActions' } } },
    { name: 'account', type: 'relationship', relationTo: 'wechat-accounts', label: { zh: '公众号', en: 'Account' }, admin: { description: { zh: '不选则为默认公众号', en: 'Default account when empty' } } },
    {
      name: 'buttons',
      type: 'array',
      minRows: 1,
      maxRows: 3,
      label: { zh: '一级按钮', en: 'Buttons' },
      defaultValue: DEFAULT_MENU_BUTTONS,
      validate: (value: unknown) => {
        const problems = validateMenu(toWeChatMenu({ buttons: (value as SavedMenuButton[] | null) ?? [] }))
        return problems.length === 0 ? true : problems.join('\n')
      },
      fields: [
        ...buttonFields(true),
        {
          name: 'subButtons',
          type: 'array',
          maxRows: 5,
          label: { zh: '子按钮', en: 'Sub-buttons' },
          admin: { condition: when(SUB_MENU) },
          fields: buttonFields(false),
        },
      ],
    },
  ],
}
