import type { CollectionConfig } from 'payload'
import { isAdmin, isStaff } from '../src/access/roles'

const nobody = () => false

/**
 * Menu clicks (CLICK) and link opens (VIEW) per account, menu key and Beijing day: the click rate of
 * each menu item the case study asks for. Kept by the inbound worker from `menu-click-log`, so a
 * re-processed queue row never counts twice.
 */
export const MenuClicks: CollectionConfig = {
  slug: 'menu-clicks',
  labels: { singular: { zh: '菜单点击', en: 'Menu clicks' }, plural: { zh: '菜单点击', en: 'Menu clicks' } },
  admin: { useAsTitle: 'key', group: { zh: '微信', en: 'WeChat' }, defaultColumns: ['day', 'name', 'key', 'event', 'count'] },
  access: { read: isStaff, create: nobody, update: nobody, delete: isAdmin },
  fields: [
    { name: 'bucket', type: 'text', required: true, unique: true, index: true, admin: { hidden: true } },
    { name: 'account', type: 'relationship', relationTo: 'wechat-accounts', required: true, index: true, label: { zh: '公众号', en: 'Account' } },
    { name: 'key', type: 'text', required: true, index: true, label: { zh: '菜单键 / 网址', en: 'Key / URL' } },
    { name: 'name', type: 'text', label: { zh: '菜单项', en: 'Menu item' } },
    {
      name: 'event',
      type: 'select',
      required: true,
      options: [
        { value: 'CLICK', label: { zh: '点击（CLICK）', en: 'Click (CLICK)' } },
        { value: 'VIEW', label: { zh: '打开网页（VIEW）', en: 'Open link (VIEW)' } },
      ],
      label: { zh: '事件', en: 'Event' },
    },
    { name: 'day', type: 'text', required: true, index: true, label: { zh: '日期（北京时间）', en: 'Day (Beijing)' } },
    { name: 'count', type: 'number', required: true, defaultValue: 0, label: { zh: '次数', en: 'Count' } },
  ],
  timestamps: true,
}
