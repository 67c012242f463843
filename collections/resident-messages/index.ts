import type { CollectionConfig } from 'payload'
import { isAdmin } from '../../src/access/roles'
import { readOpenid, readResidentMessages, systemOnly, updateAssignee, updateResidentMessages } from './access'
import { replyEndpoint, replyWindowEndpoint } from './endpoints'

const readOnly = { update: systemOnly, create: systemOnly }

/** Messages residents send to the account (the inbox); staff answer them with customer-service messages. */
export const ResidentMessages: CollectionConfig = {
  slug: 'resident-messages',
  labels: { singular: { zh: '居民留言', en: 'Resident message' }, plural: { zh: '居民留言', en: 'Resident messages' } },
  admin: {
    useAsTitle: 'content',
    group: { zh: '微信', en: 'WeChat' },
    defaultColumns: ['content', 'type', 'status', 'assignee', 'received'],
  },
  access: { read: readResidentMessages, create: () => false, update: updateResidentMessages, delete: isAdmin },
  endpoints: [
    { path: '/:id/reply', method: 'post', handler: replyEndpoint },
    { path: '/:id/reply-window', method: 'get', handler: replyWindowEndpoint },
  ],
  fields: [
    { name: 'replyBox', type: 'ui', admin: { components: { Field: '/src/admin/inbox/ReplyBox#ReplyBox' } } },
    { name: 'account', type: 'relationship', relationTo: 'wechat-accounts', required: true, index: true, access: readOnly, label: { zh: '公众号', en: 'Account' } },
    { name: 'openid', type: 'text', required: true, index: true, access: { ...readOnly, read: readOpenid }, label: { zh: '居民 OpenID', en: 'Resident OpenID' } },
    {
      name: 'type',
      type: 'select',
      required: true,
      access: readOnly,
      label: { zh: '消息类型', en: 'Type' },
      options: [
        { value: 'text', label: { zh: '文字', en: 'Text' } },
        { value: 'image', label: { zh: '图片', en: 'Image' } },
        { value: 'voice', label: { zh: '语音', en: 'Voice' } },
        { value: 'video', label: { zh: '视频', en: 'Video' } },
        { value: 'shortvideo', label: { zh: '小视频', en: 'Short video' } },
        { value: 'location', label: { zh: '位置', en: 'Location' } },
        { value: 'link', label: { zh: '链接', en: 'Link' } },
        { value: 'file', label: { zh: '文件', en: 'File' } },
        { value: 'other', label: { zh: '其他', en: 'Other' } },
      ],
    },
    { name: 'content', type: 'textarea', access: readOnly, label: { zh: '内容', en: 'Content' } },
    { name: 'media', type: 'json', access: readOnly, label: { zh: '媒体信息', en: 'Media' } },
    { name: 'received', type: 'date', required: true, index: true, access: readOnly, label: { zh: '收到时间', en: 'Received' }, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    {
      type: 'row',
      fields: [
        {
          name: 'status',
          type: 'select',
          required: true,
          defaultValue: 'new',
          index: true,
          label: { zh: '状态', en: 'Status' },
          options: [
            { value: 'new', label: { zh: '未处理', en: 'New' } },
            { value: 'replied', label: { zh: '已回复', en: 'Replied' } },
            { value: 'closed', label: { zh: '已关闭', en: 'Closed' } },
          ],
        },
        { name: 'assignee', type: 'relationship', relationTo: 'users', index: true, access: { update: updateAssignee }, label: { zh: '负责人', en: 'Assignee' } },
      ],
    },
    {
      name: 'thread',
      type: 'array',
      access: readOnly,
      label: { zh: '回复记录', en: 'Replies' },
      labels: { singular: { zh: '回复', en: 'Reply' }, plural: { zh: '回复', en: 'Replies' } },
      admin: { readOnly: true },
      fields: [
        { name: 'by', type: 'relationship', relationTo: 'users', label: { zh: '回复人', en: 'By' } },
        { name: 'at', type: 'date', label: { zh: '时间', en: 'At' }, admin: { date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'content', type: 'textarea', label: { zh: '内容', en: 'Content' } },
        {
          name: 'status',
          type: 'select',
          label: { zh: '结果', en: 'Status' },
          options: [
            { value: 'sent', label: { zh: '已发送', en: 'Sent' } },
            { value: 'failed', label: { zh: '发送失败', en: 'Failed' } },
          ],
        },
        { name: 'error', type: 'text', label: { zh: '错误', en: 'Error' } },
      ],
    },
    // The inbound queue row this message came from: unique, so a re-processed row stores nothing twice.
    { name: 'inboundKey', type: 'text', unique: true, access: { ...readOnly, read: systemOnly }, admin: { hidden: true } },
  ],
  timestamps: true,
}
