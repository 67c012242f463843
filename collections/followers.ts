import type { CollectionConfig } from 'payload'
import { isAdmin } from '../src/access/roles'

const nobody = () => false

/**
 * The account's followers as seen through subscribe/unsubscribe events. Openids are personal
 * data: administrators only, and written by the inbound worker alone.
 */
export const Followers: CollectionConfig = {
  slug: 'followers',
  labels: { singular: { zh: '粉丝', en: 'Follower' }, plural: { zh: '粉丝', en: 'Followers' } },
  admin: {
    useAsTitle: 'openid',
    group: { zh: '微信', en: 'WeChat' },
    defaultColumns: ['openid', 'subscribed', 'followedAt', 'unfollowedAt'],
  },
  access: { read: isAdmin, create: nobody, update: nobody, delete: isAdmin },
  indexes: [{ fields: ['account', 'openid'], unique: true }],
  fields: [
    { name: 'account', type: 'relationship', relationTo: 'wechat-accounts', required: true, index: true, label: { zh: '公众号', en: 'Account' } },
    { name: 'openid', type: 'text', required: true, index: true, label: { zh: 'OpenID', en: 'OpenID' } },
    { name: 'subscribed', type: 'checkbox', defaultValue: true, label: { zh: '关注中', en: 'Subscribed' } },
    { name: 'followedAt', type: 'date', label: { zh: '关注时间', en: 'Followed at' }, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'unfollowedAt', type: 'date', label: { zh: '取消关注时间', en: 'Unfollowed at' }, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    // Events can be processed out of order after a retry: an older event never overwrites a newer one.
    {
      name: 'lastEventAt',
      type: 'date',
      label: { zh: '最后事件时间', en: 'Last event at' },
      admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
    { name: 'tags', type: 'number', hasMany: true, label: { zh: '微信标签 ID', en: 'WeChat tag ids' } },
  ],
  timestamps: true,
}
