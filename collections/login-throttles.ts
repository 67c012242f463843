import type { CollectionConfig } from 'payload'
import { isAdmin } from '../src/access/roles'

const nobody = () => false

/**
 * Failed sign-ins counted per client address and per account, kept in the database so that every
 * CMS instance shares them (collections/users/login-throttle.ts). Keys are keyed hashes
 * (HMAC-SHA256 under PAYLOAD_SECRET) of the address or the lower-cased email: no plain address or
 * email is stored. Written through the Local API only.
 */
export const LoginThrottles: CollectionConfig = {
  slug: 'login-throttles',
  labels: { singular: { zh: '登录限速', en: 'Login throttle' }, plural: { zh: '登录限速', en: 'Login throttles' } },
  admin: {
    group: { zh: '系统', en: 'System' },
    defaultColumns: ['kind', 'failures', 'blockedUntil', 'lastFailureAt'],
  },
  access: { read: isAdmin, create: nobody, update: nobody, delete: nobody },
  lockDocuments: false,
  fields: [
    { name: 'key', type: 'text', required: true, unique: true, index: true, label: { zh: '键（哈希）', en: 'Key (hash)' } },
    {
      name: 'kind',
      type: 'select',
      required: true,
      options: [
        { value: 'address', label: { zh: '客户端地址', en: 'Client address' } },
        { value: 'account', label: { zh: '账号', en: 'Account' } },
      ],
      label: { zh: '类型', en: 'Kind' },
    },
    { name: 'failures', type: 'number', required: true, defaultValue: 0, label: { zh: '连续失败次数', en: 'Failures in a row' } },
    { name: 'blockedUntil', type: 'date', index: true, label: { zh: '暂停至', en: 'Blocked until' }, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'lastFailureAt', type: 'date', index: true, label: { zh: '最近失败', en: 'Last failure' }, admin: { date: { pickerAppearance: 'dayAndTime' } } },
  ],
  timestamps: true,
}
