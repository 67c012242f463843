import type { CollectionConfig } from 'payload'
import { isAdmin } from '../src/access/roles'
import { RESIDENT_NOTICE_KIND_LABELS, RESIDENT_NOTICE_KINDS } from '../src/services/notifications/resident-notice-layout'

const nobody = () => false
const dayAndTime = { date: { pickerAppearance: 'dayAndTime' as const, displayFormat: 'yyyy-MM-dd HH:mm' } }

/**
 * Every template message sent (or not) to a resident about an appointment or a matter, written by
 * services/notifications `notifyResident()` only. Residents' openids and what their matter is are
 * personal data: administrators read, nobody writes through the API (like `followers`).
 */
export const ResidentNotices: CollectionConfig = {
  slug: 'resident-notices',
  labels: { singular: { zh: '居民通知', en: 'Resident notice' }, plural: { zh: '居民通知', en: 'Resident notices' } },
  admin: {
    useAsTitle: 'clientMsgId',
    // The list shows the masked openid; the full one only on the document.
    defaultColumns: ['kind', 'openidMasked', 'status', 'reason', 'relatedId', 'createdAt'],
    group: { zh: '微信', en: 'WeChat' },
  },
  access: { read: isAdmin, create: nobody, update: nobody, delete: isAdmin },
  indexes: [
    // 43004 in the last 24 h for this resident, and TEMPLATESENDJOBFINISH by msgid, are looked up per account.
    { fields: ['account', 'openid'] },
    { fields: ['account', 'msgid'] },
  ],
  fields: [
    {
      name: 'clientMsgId',
      type: 'text',
      required: true,
      unique: true,
      label: { zh: '防重 ID（client_msg_id）', en: 'client_msg_id' },
      admin: { description: { zh: '同一 ID 只发送一次', en: 'Sent once per id' } },
    },
    {
      type: 'row',
      fields: [
        { name: 'account', type: 'relationship', relationTo: 'wechat-accounts', index: true, label: { zh: '公众号', en: 'Account' } },
        {
          name: 'kind',
          type: 'select',
          required: true,
          label: { zh: '通知类型', en: 'Kind' },
          options: RESIDENT_NOTICE_KINDS.map((kind) => ({ value: kind, label: RESIDENT_NOTICE_KIND_LABELS[kind] })),
        },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'openid', type: 'text', required: true, label: { zh: '居民 OpenID', en: 'Resident OpenID' } },
        { name: 'openidMasked', type: 'text', label: { zh: '居民', en: 'Resident' } },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'relatedCollection', type: 'text', label: { zh: '相关集合', en: 'Related collection' } },
        { name: 'relatedId', type: 'text', index: true, label: { zh: '相关内容 ID', en: 'Related id' } },
      ],
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      index: true,
      label: { zh: '状态', en: 'Status' },
      options: [
        { value: 'pending', label: { zh: '发送中', en: 'Sending' } },
        { value: 'sent', label: { zh: '已提交微信', en: 'Accepted by WeChat' } },
        { value: 'delivered', label: { zh: '已送达', en: 'Delivered' } },
        { value: 'failed', label: { zh: '发送失败', en: 'Failed' } },
        { value: 'skipped', label: { zh: '未发送', en: 'Not sent' } },
      ],
    },
    { name: 'reason', type: 'text', label: { zh: '原因', en: 'Reason' } },
    {
      type: 'row',
      fields: [
        { name: 'errcode', type: 'number', label: { zh: '微信错误码', en: 'WeChat errcode' } },
        { name: 'msgid', type: 'text', label: { zh: '微信消息 ID', en: 'WeChat msgid' } },
        { name: 'resultStatus', type: 'text', label: { zh: '微信送达结果', en: 'WeChat result' } },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'sentAt', type: 'date', label: { zh: '提交时间', en: 'Sent at' }, admin: dayAndTime },
        { name: 'resultAt', type: 'date', label: { zh: '结果时间', en: 'Result at' }, admin: dayAndTime },
        { name: 'attempts', type: 'number', defaultValue: 0, label: { zh: '尝试次数', en: 'Attempts' } },
      ],
    },
    {
      // A timeout or WeChat being busy: another call with the same client_msg_id within WeChat's
      // 10-minute dedupe window may send again (notifyResident re-claims it by compare-and-set).
      name: 'retryable',
      type: 'checkbox',
      defaultValue: false,
      label: { zh: '可重试', en: 'Retryable' },
    },
    { name: 'templateId', type: 'text', label: { zh: '模板 ID', en: 'Template id' } },
    { name: 'url', type: 'text', label: { zh: '跳转链接', en: 'Link' } },
    { name: 'data', type: 'json', label: { zh: '发送的内容', en: 'Data sent' } },
  ],
  timestamps: true,
}
