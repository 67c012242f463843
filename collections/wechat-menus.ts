import type { CollectionBeforeChangeHook, CollectionConfig, Field } from 'payload'
import { LEAF_TYPES, SUB_MENU_OPTION } from '../src/admin/menu/button-types'
import { apiEndpoints } from '../src/http/api-endpoints'
import { roleOf } from '../src/access/roles'
import { defaultMenuButtons } from '../src/services/menu/defaults'
import { menuEndpoints } from '../src/services/menu/endpoints'
import { menuAccess } from '../src/services/menu/access'
import { menuTitle } from '../src/services/menu/load'
import { SUB_MENU } from '../src/services/menu/types'
import { MENU_LIMITS, requiredFor, validateButtonKey, validateButtonName, validateButtonUrl, validateSubButtons } from '../src/services/menu/validate'

type Sibling = { type?: string }
const when =
  (...types: string[]) =>
  (_: unknown, sibling: Sibling) =>
    types.includes(sibling?.type ?? '')

/** The row's title is its account's name (set on every save; an account's rename rewrites it, collections/wechat-accounts). */
const titleFromAccount: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  const account = data.account ?? originalDoc?.account
  return { ...data, title: await menuTitle(req.payload, account, req) }
}

const rowLabel = (level: 'top' | 'sub') => ({ path: '/src/admin/menu/MenuRowLabel#MenuRowLabel', clientProps: { level } })

/**
 * The fields of one button; the sub-menu list only exists at the top level. Every field checks its own
 * WeChat rule (src/services/menu/validate), so the admin marks the wrong field with the reason; the name
 * shows a live byte counter (WeChat counts names in UTF-8 bytes).
 */
const buttonFields = (top: boolean): Field[] => {
  const maxBytes = top ? MENU_LIMITS.topNameBytes : MENU_LIMITS.subNameBytes
  return [
    {
      type: 'row',
      fields: [
        {
          name: 'name',
          type: 'text',
          required: true,
          label: { zh: '名称', en: 'Name' },
          validate: validateButtonName,
          admin: {
            width: '50%',
            description: top
              ? { zh: '最多 16 字节（约 5 个汉字）', en: '≤ 16 bytes (about 5 Chinese characters)' }
              : { zh: '最多 60 字节，显示约 8 个汉字', en: '≤ 60 bytes; about 8 Chinese characters show' },
            components: {
              afterInput: [{ path: '/src/admin/fields/LengthCounter#LengthCounter', clientProps: { max: maxBytes, unit: 'bytes', rule: 'menuName' } }],
            },
          },
        },
        {
          name: 'type',
          type: 'select',
          required: true,
          defaultValue: top ? SUB_MENU : 'click',
          label: { zh: '类型', en: 'Type' },
          options: top ? [SUB_MENU_OPTION, ...LEAF_TYPES] : LEAF_TYPES,
          admin: { width: '50%' },
        },
      ],
    },
    {
      name: 'key',
      type: 'text',
      label: { zh: '菜单键（key）', en: 'Key' },
      validate: validateButtonKey,
      admin: {
        condition: when('click', 'scancode_push', 'location_select'),
        description: { zh: '用于统计点击和自动回复；GUIDE_LIST 会列出办事指南', en: 'For click counts and replies; GUIDE_LIST lists the service guides' },
      },
    },
    { name: 'replyText', type: 'textarea', label: { zh: '点击后回复', en: 'Reply' }, admin: { condition: when('click'), rows: 2 } },
    { name: 'url', type: 'text', label: { zh: '网址', en: 'URL' }, validate: validateButtonUrl, admin: { condition: when('view', 'miniprogram') } },
    {
      type: 'row',
      fields: [
        {
          name: 'appid',
          type: 'text',
          label: { zh: '小程序 appid', en: 'Mini program appid' },
          validate: requiredFor(['miniprogram'], { zh: '小程序 appid', en: 'appid' }),
          admin: { condition: when('miniprogram'), width: '50%' },
        },
        {
          name: 'pagepath',
          type: 'text',
          label: { zh: '小程序页面路径', en: 'Mini program page' },
          validate: requiredFor(['miniprogram'], { zh: '小程序页面路径', en: 'page path' }),
          admin: { condition: when('miniprogram'), width: '50%' },
        },
      ],
    },
    {
      name: 'articleId',
      type: 'text',
      label: { zh: 'article_id', en: 'article_id' },
      validate: requiredFor(['article_id'], { zh: 'article_id', en: 'article_id' }),
      admin: { condition: when('article_id') },
    },
    {
      name: 'mediaId',
      type: 'text',
      label: { zh: 'media_id', en: 'media_id' },
      validate: requiredFor(['media_id'], { zh: 'media_id', en: 'media_id' }),
      admin: { condition: when('media_id') },
    },
  ]
}

/**
 * The custom menu (自定义菜单), one row per WeChat account (`account`, unique): saved here, checked field
 * by field against WeChat's limits on save, and sent to that account with the 发布 button (publish
 * endpoint): saving alone changes nothing, and publishing refuses a form with unsaved or invalid changes.
 * Each account gets its row with the defaults when it is created (collections/wechat-accounts); an
 * account without one answers clicks from the defaults (services/menu/load.ts).
 */
export const WeChatMenus: CollectionConfig = {
  slug: 'wechat-menus',
  labels: { singular: { zh: '公众号菜单', en: 'WeChat menu' }, plural: { zh: '公众号菜单', en: 'WeChat menus' } },
  admin: { group: { zh: '微信', en: 'WeChat' }, useAsTitle: 'title', defaultColumns: ['title', 'account', 'updatedAt'] },
  access: menuAccess,
  hooks: { beforeChange: [titleFromAccount] },
  endpoints: apiEndpoints(menuEndpoints()),
  fields: [
    { name: 'menuActions', type: 'ui', admin: { components: { Field: '/src/admin/menu/MenuActions#MenuActions' } } },
    {
      name: 'account',
      type: 'relationship',
      relationTo: 'wechat-accounts',
      required: true,
      unique: true,
      label: { zh: '公众号', en: 'Account' },
      // Moving a menu to another account would let a community's leader write into an account not theirs.
      access: { update: ({ req }) => roleOf(req.user) === 'admin' },
      admin: { description: { zh: '每个公众号一份菜单', en: 'One menu per account' } },
    },
    {
      // The list's and the breadcrumb's title: the account's name, written by titleFromAccount.
      name: 'title',
      type: 'text',
      label: { zh: '标题', en: 'Title' },
      access: { create: () => false, update: () => false },
      admin: { hidden: true },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'buttons',
          type: 'array',
          minRows: 1,
          maxRows: MENU_LIMITS.buttons,
          label: { zh: '一级按钮', en: 'Buttons' },
          labels: { singular: { zh: '一级按钮', en: 'Button' }, plural: { zh: '一级按钮', en: 'Buttons' } },
          // A function: the view buttons' address is the running server's PUBLIC_URL.
          defaultValue: () => defaultMenuButtons(),
          admin: { width: '60%', components: { RowLabel: rowLabel('top') } },
          fields: [
            ...buttonFields(true),
            {
              name: 'subButtons',
              type: 'array',
              maxRows: MENU_LIMITS.subButtons,
              label: { zh: '子按钮', en: 'Sub-buttons' },
              labels: { singular: { zh: '子按钮', en: 'Sub-button' }, plural: { zh: '子按钮', en: 'Sub-buttons' } },
              validate: validateSubButtons,
              // Collapsed: each sub-button is one line (its row label) until opened.
              admin: { condition: when(SUB_MENU), initCollapsed: true, components: { RowLabel: rowLabel('sub') } },
              fields: buttonFields(false),
            },
          ],
        },
        { name: 'menuPreview', type: 'ui', admin: { width: '40%', components: { Field: '/src/admin/menu/MenuPreview#MenuPreview' } } },
      ],
    },
  ],
}
