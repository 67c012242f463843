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
  admin: { group: { zh: '系统', en: 'System' }, hidden: ({ user }) => (user as { role?: string } | null)?.role !== 'admin' },
  access: { read: isAdmin, create: nobody, update: nobody, delete: isAdmin },
  fields: [
    { name: 'inboundKey', type: 'text', required: true, unique: true, index: true },
    { name: 'bucket', type: 'text', required: true, index: true },
    { name: 'at', type: 'date', required: true },
  ],
  timestamps: false,
}
