import type { CollectionConfig } from 'payload'
import { isAdmin } from '../src/access/roles'

const nobody = () => false

/**
 * One row per counted click, unique by the inbound queue key: the ledger `menu-clicks` totals are
 * recomputed from, which is what makes counting idempotent when the worker retries a row.
 */
export const MenuClickLog: CollectionConfig = {
  slug: 'menu-click-log',
  labels: { singular: { zh: '菜单点击记录', en: 'Menu click log' }, plural: { zh: '菜单点击记录', en: 'Menu click log' } },
  admin: { group: { zh: '系统', en: 'System' } },
  access: { read: isAdmin, create: nobody, update: nobody, delete: isAdmin },
  fields: [
    { name: 'inboundKey', type: 'text', required: true, unique: true, index: true, label: { zh: '回调队列键', en: 'Inbound key' } },
    { name: 'bucket', type: 'text', required: true, index: true, label: { zh: '统计分组', en: 'Bucket' } },
    { name: 'at', type: 'date', required: true, label: { zh: '点击时间', en: 'Clicked at' }, admin: { date: { pickerAppearance: 'dayAndTime' } } },
  ],
  timestamps: false,
}
