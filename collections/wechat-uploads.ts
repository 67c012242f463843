import type { CollectionConfig } from 'payload'
import { isStaff } from '../src/access/roles'

const nobody = () => false

/**
 * Images already uploaded to WeChat, by sha256 of the exact bytes sent: an unchanged image is
 * never uploaded twice. `inline` = media/uploadimg (a URL for article content), `thumb` = permanent
 * thumb material (a media_id for the cover). Written by src/wechat/convert through the Local API.
 */
export const WeChatUploads: CollectionConfig = {
  slug: 'wechat-uploads',
  labels: { singular: { zh: '微信图片上传记录', en: 'WeChat upload' }, plural: { zh: '微信图片上传记录', en: 'WeChat uploads' } },
  admin: { useAsTitle: 'hash', group: { zh: '系统', en: 'System' }, defaultColumns: ['kind', 'account', 'url', 'createdAt'] },
  access: { read: isStaff, create: nobody, update: nobody, delete: nobody },
  indexes: [{ fields: ['account', 'kind', 'hash'], unique: true }],
  fields: [
    { name: 'account', type: 'text', required: true, label: { zh: '公众号 AppID', en: 'App ID' } },
    {
      name: 'kind',
      type: 'select',
      required: true,
      label: { zh: '类型', en: 'Kind' },
      options: [
        { value: 'inline', label: { zh: '正文图片', en: 'Inline image' } },
        { value: 'thumb', label: { zh: '封面缩略图', en: 'Cover thumb' } },
      ],
    },
    { name: 'hash', type: 'text', required: true, index: true, label: { zh: 'SHA-256', en: 'SHA-256' } },
    { name: 'url', type: 'text', label: { zh: '微信图片地址', en: 'WeChat URL' } },
    { name: 'mediaId', type: 'text', label: { zh: '永久素材 media_id', en: 'media_id' } },
    { name: 'bytes', type: 'number', label: { zh: '字节数', en: 'Bytes' } },
  ],
  timestamps: true,
}
