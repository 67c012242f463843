import type { CollectionConfig } from 'payload'
import { roleOf, staffOf } from '../src/access/roles'

/** Every notification the system sent to a staff member: what, to whom, and whether it went out. */
export const Notifications: CollectionConfig = {
  slug: 'notifications',
  labels: { singular: { zh: '通知', en: 'Notification' }, plural: { zh: '通知记录', en: 'Notifications' } },
  admin: {
    useAsTitle: 'subject',
    defaultColumns: ['subject', 'recipient', 'status', 'createdAt'],
    group: { zh: '系统', en: 'System' },
  },
  access: {
    read: ({ req }) => {
      const staff = staffOf(req.user)
      if (!staff) return false
      return staff.role === 'admin' ? true : { recipient: { equals: staff.id } }
    },
    create: () => false,
    update: () => false,
    delete: ({ req }) => roleOf(req.user) === 'admin',
  },
  fields: [
    { name: 'recipient', type: 'relationship', relationTo: 'users', index: true, label: { zh: '收件人', en: 'Recipient' } },
    { name: 'to', type: 'text', label: { zh: '邮箱', en: 'Address' } },
    {
      name: 'channel',
      type: 'select',
      defaultValue: 'email',
      options: [
        { value: 'email', label: { zh: '邮件', en: 'Email' } },
        { value: 'wechat', label: { zh: '微信模板消息', en: 'WeChat template message' } },
      ],
      label: { zh: '渠道', en: 'Channel' },
    },
    { name: 'subject', type: 'text', required: true, label: { zh: '标题', en: 'Subject' } },
    { name: 'body', type: 'textarea', label: { zh: '内容', en: 'Body' } },
    { name: 'relatedCollection', type: 'text', label: { zh: '相关集合', en: 'Related collection' } },
    { name: 'relatedId', type: 'text', label: { zh: '相关内容 ID', en: 'Related id' } },
    {
      name: 'status',
      type: 'select',
      defaultValue: 'pending',
      options: [
        { value: 'pending', label: { zh: '发送中', en: 'Pending' } },
        { value: 'sent', label: { zh: '已发送', en: 'Sent' } },
        { value: 'failed', label: { zh: '发送失败', en: 'Failed' } },
      ],
      label: { zh: '状态', en: 'Status' },
    },
    { name: 'error', type: 'text', label: { zh: '错误', en: 'Error' } },
    { name: 'sentAt', type: 'date', label: { zh: '发送时间', en: 'Sent at' } },
  ],
}
