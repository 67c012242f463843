import type { CollectionConfig } from 'payload'
import { apiEndpoints } from '../src/http/api-endpoints'
import { isAdmin } from '../src/access/roles'
import { issueBindingCodeEndpoint, myBindingsEndpoint, unbindEndpoint } from '../src/services/binding/endpoint'

const nobody = () => false

/**
 * One-time codes that link a staff member's WeChat openid to their user (`绑定 123456` in the chat).
 * Only the HMAC of a code is stored; rows are written through `POST /api/binding-codes/issue` and
 * the callback, never through the REST API.
 */
export const BindingCodes: CollectionConfig = {
  slug: 'binding-codes',
  labels: { singular: { zh: '微信绑定码', en: 'Binding code' }, plural: { zh: '微信绑定码', en: 'Binding codes' } },
  admin: { group: { zh: '系统', en: 'System' }, defaultColumns: ['user', 'expiresAt', 'usedAt', 'outcome'] },
  access: { read: isAdmin, create: nobody, update: nobody, delete: isAdmin },
  endpoints: apiEndpoints([issueBindingCodeEndpoint, myBindingsEndpoint, unbindEndpoint]),
  fields: [
    { name: 'user', type: 'relationship', relationTo: 'users', required: true, index: true, label: { zh: '用户', en: 'User' } },
    { name: 'codeHash', type: 'text', required: true, index: true, admin: { hidden: true } },
    {
      name: 'expiresAt',
      type: 'date',
      required: true,
      index: true,
      label: { zh: '失效时间', en: 'Expires at' },
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
    { name: 'usedAt', type: 'date', label: { zh: '使用时间', en: 'Used at' }, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'openid', type: 'text', label: { zh: '绑定的 OpenID', en: 'Bound openid' } },
    {
      name: 'outcome',
      type: 'select',
      options: [
        { value: 'bound', label: { zh: '已绑定', en: 'Bound' } },
        { value: 'replaced', label: { zh: '已替换原绑定', en: 'Replaced the earlier binding' } },
      ],
      label: { zh: '结果', en: 'Outcome' },
    },
  ],
  timestamps: true,
}
