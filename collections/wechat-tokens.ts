import type { CollectionConfig, FieldAccess } from 'payload'
import { isAdmin } from '../src/access/roles'

const nobody = () => false
/** Field-level: the token itself is never readable or writable through REST, GraphQL or the admin. */
const secretField: { read: FieldAccess; create: FieldAccess; update: FieldAccess } = { read: nobody, create: nobody, update: nobody }

/**
 * The central holder (中控) of each WeChat account's access_token, shared by every CMS instance,
 * and the lock that lets only one of them refresh it. Written by the WeChat client through the
 * Local API only (src/wechat/client/payload-token-store.ts).
 */
export const WeChatTokens: CollectionConfig = {
  slug: 'wechat-tokens',
  labels: { singular: { zh: '微信接口凭证', en: 'WeChat token' }, plural: { zh: '微信接口凭证', en: 'WeChat tokens' } },
  admin: {
    useAsTitle: 'account',
    group: { zh: '系统', en: 'System' },
    defaultColumns: ['account', 'expiresAt', 'lockedUntil', 'lockOwner'],
  },
  access: { read: isAdmin, create: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'account', type: 'text', required: true, unique: true, index: true, label: { zh: '公众号 AppID', en: 'App ID' } },
    // WeChat asks for at least 512 characters of storage; text has no length limit.
    { name: 'accessToken', type: 'text', access: secretField, admin: { hidden: true } },
    { name: 'expiresAt', type: 'date', label: { zh: '过期时间', en: 'Expires at' }, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'lockedUntil', type: 'date', label: { zh: '刷新锁到期', en: 'Refresh lock until' }, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'lockOwner', type: 'text', label: { zh: '刷新锁持有者', en: 'Refresh lock owner' } },
  ],
  timestamps: true,
}
