import type { CollectionConfig } from 'payload'
import { isAdmin } from '../src/access/roles'

const nobody = () => false

/**
 * The last WeChat API error of each account, one row per account, written by the client's log hook
 * (src/services/accounts/account-client.ts → src/services/accounts/api-errors.ts), and the last
 * successful call after it (which clears the error on 运行状态). No secrets: the endpoint path, the
 * errcode and its meaning (the client scrubs tokens from every message).
 */
export const WeChatApiErrors: CollectionConfig = {
  slug: 'wechat-api-errors',
  labels: { singular: { zh: '微信接口错误', en: 'WeChat API error' }, plural: { zh: '微信接口错误', en: 'WeChat API errors' } },
  admin: { group: { zh: '系统', en: 'System' }, useAsTitle: 'endpoint', defaultColumns: ['account', 'endpoint', 'errcode', 'meaning', 'at', 'lastSuccessAt'] },
  access: { read: isAdmin, create: nobody, update: nobody, delete: isAdmin },
  fields: [
    // Not required: deleting an account leaves its row without one (no foreign key blocks the delete).
    { name: 'account', type: 'relationship', relationTo: 'wechat-accounts', unique: true, index: true, label: { zh: '公众号', en: 'Account' } },
    {
      name: 'at',
      type: 'date',
      required: true,
      label: { zh: '时间', en: 'At' },
      admin: { date: { pickerAppearance: 'dayAndTime', displayFormat: 'yyyy-MM-dd HH:mm' } },
    },
    { name: 'endpoint', type: 'text', label: { zh: '接口', en: 'Endpoint' } },
    // wechat: WeChat answered an errcode; http / network / timeout: no usable answer.
    { name: 'kind', type: 'text', label: { zh: '类型', en: 'Kind' } },
    { name: 'errcode', type: 'number', label: { zh: '错误码', en: 'errcode' } },
    { name: 'meaning', type: 'text', label: { zh: '含义', en: 'Meaning' } },
    // A later successful call clears the error on 运行状态 (a fixed AppSecret turns green at the next call):
    // the client's \`wechat.call\` entries, written at most once a minute per account and endpoint.
    {
      name: 'lastSuccessAt',
      type: 'date',
      label: { zh: '最近一次调用成功', en: 'Last successful call' },
      admin: { date: { pickerAppearance: 'dayAndTime', displayFormat: 'yyyy-MM-dd HH:mm' } },
    },
    { name: 'lastSuccessEndpoint', type: 'text', label: { zh: '成功调用的接口', en: 'Endpoint of that call' } },
    {
      // The error's own endpoint succeeding: what clears an error about one interface (48001 no permission).
      name: 'endpointSuccessAt',
      type: 'date',
      label: { zh: '出错接口最近一次成功', en: "The failed endpoint's last success" },
      admin: { date: { pickerAppearance: 'dayAndTime', displayFormat: 'yyyy-MM-dd HH:mm' } },
    },
  ],
  timestamps: true,
}
