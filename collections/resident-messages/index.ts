import type { CollectionConfig } from 'payload'
import { apiEndpoints } from '../../src/http/api-endpoints'
import { isAdmin } from '../../src/access/roles'
import { checkAssignment, readOpenid, readResidentMessages, systemOnly, updateCommunity, updateResidentMessages } from '../../src/services/inbox/access'
import { conversationEndpoint, replyEndpoint, replyWindowEndpoint } from './endpoints'
import { maskOpenid } from '../../src/services/inbox/sender'
import { RESIDENT_MESSAGE_STATUS_OPTIONS } from '../../src/services/inbox/message-status'

const readOnly = { update: systemOnly, create: systemOnly }

/** Messages residents send to the account (the inbox); staff answer them with customer-service messages. */
export const ResidentMessages: CollectionConfig = {
  slug: 'resident-messages',
  labels: { singular: { zh: '居民留言', en: 'Resident message' }, plural: { zh: '居民留言', en: 'Resident messages' } },
  admin: {
    useAsTitle: 'content',
    group: { zh: '微信', en: 'WeChat' },
    defaultColumns: ['content', 'sender', 'type', 'status', 'community', 'assignee', 'received'],
  },
  hooks: {
    beforeChange: [checkAssignment],
    // Messages stored before the 居民 column existed show the masked openid too.
    beforeRead: [({ doc }) => (doc && !doc.sender && typeof doc.openid === 'string' ? { ...doc, sender: maskOpenid(doc.openid) } : doc)],
  },
  access: { read: readResidentMessages, create: () => false, update: updateResidentMessages, delete: isAdmin },
  endpoints: apiEndpoints([
    { path: '/:id/reply', method: 'post', handler: replyEndpoint },
    { path: '/:id/reply-window', method: 'get', handler: replyWindowEndpoint },
    { path: '/:id/conversation', method: 'get', handler: conversationEndpoint },
  ]),
  fields: [
    { name: 'replyBox', type: 'ui', admin: { components: { Field: '/src/admin/inbox/ReplyBox#ReplyBox' } } },
    { name: 'residentFiles', type: 'ui', admin: { components: { Field: '/src/admin/inbox/MessageMedia#MessageMedia' } } },
    { name: 'conversationView', type: 'ui', admin: { components: { Field: '/src/admin/inbox/Conversation#Conversation' } } },
    // Who wrote, as lists show it: never the whole openid (see src/services/inbox/sender.ts).
    { name: 'sender', type: 'text', access: readOnly, label: { zh: '居民', en: 'Resident' }, admin: { readOnly: true } },
    {
      name: 'account',
      type: 'relationship',
      relationTo: 'wechat-accounts',
      required: true,
      index: true,
      access: readOnly,
      label: { zh: '公众号', en: 'Account' },
    },
    {
      name: 'openid',
      type: 'text',
      required: true,
      index: true,
      access: { ...readOnly, read: readOpenid },
      label: { zh: '居民 OpenID', en: 'Resident OpenID' },
    },
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
    {
      name: 'received',
      type: 'date',
      required: true,
      index: true,
      access: readOnly,
      label: { zh: '收到时间', en: 'Received' },
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
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
          options: RESIDENT_MESSAGE_STATUS_OPTIONS,
        },
        {
          // The queue the message sits in (see ./access.ts): set when it is stored, from the
          // resident's community tag; empty is the street office's general queue. 转交社区: a leader
          // or an admin changes it.
          name: 'community',
          type: 'relationship',
          relationTo: 'communities',
          index: true,
          access: { create: systemOnly, update: updateCommunity },
          label: { zh: '社区', en: 'Community' },
          admin: {
            description: {
              zh: '空：街道综合队列。审核领导和管理员可转交其他社区',
              en: 'Empty: the street office’s general queue. Leaders and admins may move it to another community',
            },
          },
        },
        // Who may be assigned whom is checked by checkAssignment (./access.ts), with the reason.
        { name: 'assignee', type: 'relationship', relationTo: 'users', index: true, label: { zh: '负责人', en: 'Assignee' } },
      ],
    },
    {
      name: 'autoReply',
      type: 'relationship',
      relationTo: 'auto-replies',
      access: readOnly,
      label: { zh: '自动回复规则', en: 'Auto-reply rule' },
      admin: { readOnly: true, condition: (data) => Boolean(data?.autoReply) },
    },
    {
      type: 'collapsible',
      label: { zh: '图片与语音的保存', en: 'Saving images and voice' },
      admin: { initCollapsed: true, condition: (data) => Boolean(data?.mediaStatus) },
      fields: [
        {
          name: 'mediaStatus',
          type: 'select',
          index: true,
          access: readOnly,
          label: { zh: '保存状态', en: 'Status' },
          admin: { readOnly: true },
          options: [
            { value: 'pending', label: { zh: '待从微信取回', en: 'Waiting to be fetched' } },
            { value: 'fetched', label: { zh: '已保存', en: 'Saved' } },
            { value: 'expired', label: { zh: '已过期（微信 3 天后删除）', en: 'Expired (WeChat deletes after 3 days)' } },
          ],
        },
        { name: 'mediaAttempts', type: 'number', defaultValue: 0, access: readOnly, label: { zh: '取回次数', en: 'Attempts' }, admin: { readOnly: true } },
        {
          name: 'mediaRetryAt',
          type: 'date',
          index: true,
          access: readOnly,
          label: { zh: '下次取回时间', en: 'Next attempt' },
          admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
        },
        { name: 'mediaError', type: 'text', access: readOnly, label: { zh: '最近一次失败原因', en: 'Last failure' }, admin: { readOnly: true } },
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
        // WeChat's answer to the attempt: 0 when sent, else its errcode (45015, 45047, 48001, …).
        { name: 'errcode', type: 'number', label: { zh: '微信返回码', en: 'WeChat errcode' } },
      ],
    },
    // The inbound queue row this message came from: unique, so a re-processed row stores nothing twice.
    { name: 'inboundKey', type: 'text', unique: true, access: { ...readOnly, read: systemOnly }, admin: { hidden: true } },
  ],
  timestamps: true,
}
