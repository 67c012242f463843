import type { CollectionConfig } from 'payload'
import { isAdmin } from '../src/access/roles'

const nobody = () => false

/**
 * The durable queue between the WeChat callback and everything it triggers. The callback writes
 * one row before answering WeChat; the inbound worker (src/inbound/worker.ts)
 * claims rows with a compare-and-set on status/attempts/leaseUntil and processes them after the
 * answer. The unique dedupeKey turns WeChat's retries into failed inserts, so each message acts once.
 */
export const WeChatInbound: CollectionConfig = {
  slug: 'wechat-inbound',
  labels: { singular: { zh: '微信回调队列', en: 'WeChat inbound' }, plural: { zh: '微信回调队列', en: 'WeChat inbound' } },
  admin: {
    useAsTitle: 'dedupeKey',
    group: { zh: '系统', en: 'System' },
    defaultColumns: ['type', 'event', 'status', 'attempts', 'receivedAt'],
  },
  // Written by the callback and the worker through the Local API only.
  access: { read: isAdmin, create: nobody, update: nobody, delete: isAdmin },
  fields: [
    { name: 'account', type: 'relationship', relationTo: 'wechat-accounts', required: true, index: true, label: { zh: '公众号', en: 'Account' } },
    { name: 'dedupeKey', type: 'text', required: true, unique: true, index: true, label: { zh: '去重键', en: 'Dedupe key' } },
    // Plain (unencrypted) requests only: account + timestamp + nonce. WeChat's plain signature covers
    // only those, not the body, so a captured request could be replayed with another body within the
    // timestamp window; the unique key lets one body through per signature (src/wechat/callback/README.md).
    { name: 'replayKey', type: 'text', unique: true, index: true, label: { zh: '签名去重键', en: 'Signature key' }, admin: { readOnly: true } },
    // A plain request to an account set to 安全/兼容模式: its body is not signed, so it goes to the inbox
    // but commands and job results in it are not acted on.
    { name: 'untrustedBody', type: 'checkbox', label: { zh: '明文请求（未验证正文）', en: 'Plain request (body not verified)' }, admin: { readOnly: true } },
    { name: 'type', type: 'text', required: true, label: { zh: '消息类型', en: 'Type' } },
    { name: 'event', type: 'text', label: { zh: '事件', en: 'Event' } },
    { name: 'payload', type: 'json', label: { zh: '消息内容', en: 'Payload' } },
    { name: 'receivedAt', type: 'date', required: true, label: { zh: '收到时间', en: 'Received at' }, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      index: true,
      label: { zh: '状态', en: 'Status' },
      options: [
        { value: 'pending', label: { zh: '待处理', en: 'Pending' } },
        { value: 'processing', label: { zh: '处理中', en: 'Processing' } },
        { value: 'done', label: { zh: '已处理', en: 'Done' } },
        { value: 'failed', label: { zh: '处理失败', en: 'Failed' } },
      ],
    },
    { name: 'attempts', type: 'number', required: true, defaultValue: 0, label: { zh: '尝试次数', en: 'Attempts' } },
    // Not before this time: the claim's lease while processing, the retry backoff while pending.
    { name: 'leaseUntil', type: 'date', index: true, label: { zh: '下次可处理时间', en: 'Lease until' }, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'error', type: 'text', label: { zh: '错误', en: 'Error' } },
  ],
  timestamps: true,
}
