import type { CollectionConfig } from 'payload'
import { isAdmin, isStaff } from '../src/access/roles'

export const Communities: CollectionConfig = {
  slug: 'communities',
  labels: { singular: { zh: '社区', en: 'Community' }, plural: { zh: '社区', en: 'Communities' } },
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'code'], group: { zh: '系统', en: 'System' } },
  access: { read: isStaff, create: isAdmin, update: isAdmin, delete: isAdmin },
  fields: [
    { name: 'name', type: 'text', required: true, unique: true, label: { zh: '社区名称', en: 'Name' } },
    {
      name: 'code',
      type: 'text',
      required: true,
      unique: true,
      label: { zh: '社区代码', en: 'Code' },
      validate: (value: unknown) => (typeof value === 'string' && /^[a-z0-9-]{2,32}$/.test(value) ? true : '社区代码：只能用小写字母、数字和连字符，2–32 位'),
    },
  ],
}
