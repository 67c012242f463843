import type { CollectionConfig } from 'payload'
import { isAdmin } from '../src/access/roles'

const nobody = () => false

/**
 * Counts of failed `绑定 <code>` attempts, per account and per openid, kept in the database so that
 * every instance (callback server, admin) shares them — rate-limiter-flexible's store
 * (src/services/binding/attempt-limits.ts). Keys are keyed hashes; written through the Local API and
 * the database adapter's atomic increment only.
 */
export const BindingAttempts: CollectionConfig = {
  slug: 'binding-attempts',
  labels: { singular: { zh: '绑定尝试计数', en: 'Binding attempt count' }, plural: { zh: '绑定尝试计数', en: 'Binding attempt counts' } },
  admin: { group: { zh: '系统', en: 'System' }, defaultColumns: ['key', 'points', 'expire'] },
  access: { read: isAdmin, create: nobody, update: nobody, delete: nobody },
  lockDocuments: false,
  fields: [
    { name: 'key', type: 'text', required: true, unique: true, index: true, label: { zh: '键（哈希）', en: 'Key (hash)' } },
    { name: 'points', type: 'number', required: true, defaultValue: 0, label: { zh: '本时段失败次数', en: 'Failures in this window' } },
    { name: 'expire', type: 'date', index: true, label: { zh: '时段结束', en: 'Window ends' }, admin: { date: { pickerAppearance: 'dayAndTime' } } },
  ],
  timestamps: true,
}
