import type { Access, Field } from 'payload'
import { isAdmin, isStaff } from '../../src/access/roles'

const nobody: Access = () => false

/**
 * The analytics collections' access: staff read (leaders, admins, editors), nobody writes through the
 * API (the sync writes with overrideAccess), admins may delete a row (the next sync writes it again).
 */
export const analyticsAccess = { read: isStaff, create: nobody, update: nobody, delete: isAdmin }

/** The admin group the analytics collections sit in. */
export const analyticsGroup = { zh: '数据统计', en: 'Analytics' }

/** The unique hidden key every analytics row is upserted by (its shape is given per collection). */
export const keyField: Field = { name: 'key', type: 'text', required: true, unique: true, index: true, admin: { hidden: true } }

/** The account a row belongs to (required, indexed). */
export const accountField: Field = {
  name: 'account',
  type: 'relationship',
  relationTo: 'wechat-accounts',
  required: true,
  index: true,
  label: { zh: '公众号', en: 'Account' },
}

/** A whole-number figure (a count). */
export function countField(name: string, zh: string, en: string): Field {
  return { name, type: 'number', min: 0, label: { zh, en } }
}
