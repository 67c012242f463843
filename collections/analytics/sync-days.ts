import type { CollectionConfig } from 'payload'
import { accountField, analyticsAccess, analyticsGroup, keyField } from './shared'

/**
 * 同步记录: the analytics sync's state per account, Beijing day and WeChat datacube endpoint — ok,
 * failed (with WeChat's errcode/errmsg, retried by the next run) or pending. `key` is
 * `${accountId}:${date}:${endpoint}`.
 */
export const AnalyticsSyncDays: CollectionConfig = {
  slug: 'analytics-sync-days',
  labels: { singular: { zh: '同步记录', en: 'Sync record' }, plural: { zh: '同步记录', en: 'Sync records' } },
  admin: {
    useAsTitle: 'key',
    group: analyticsGroup,
    defaultColumns: ['date', 'endpoint', 'status', 'errcode', 'attempts', 'lastAttemptAt', 'account'],
  },
  access: analyticsAccess,
  fields: [
    keyField,
    accountField,
    { name: 'date', type: 'text', required: true, index: true, label: { zh: '日期（北京时间）', en: 'Date (Beijing)' } },
    { name: 'endpoint', type: 'text', required: true, index: true, label: { zh: '接口', en: 'Endpoint' } },
    {
      name: 'status',
      type: 'select',
      required: true,
      index: true,
      defaultValue: 'pending',
      options: [
        { value: 'ok', label: { zh: '成功', en: 'OK' } },
        { value: 'failed', label: { zh: '失败', en: 'Failed' } },
        { value: 'pending', label: { zh: '待同步', en: 'Pending' } },
      ],
      label: { zh: '状态', en: 'Status' },
    },
    { name: 'errcode', type: 'number', label: { zh: '错误码', en: 'Error code' } },
    { name: 'errmsg', type: 'text', label: { zh: '错误信息', en: 'Error message' } },
    { name: 'attempts', type: 'number', defaultValue: 0, label: { zh: '尝试次数', en: 'Attempts' } },
    { name: 'lastAttemptAt', type: 'date', label: { zh: '最近尝试', en: 'Last attempt' } },
    { name: 'rows', type: 'number', label: { zh: '行数', en: 'Rows' } },
  ],
  timestamps: true,
}
