import type { CollectionConfig } from 'payload'
import { accountField, analyticsAccess, analyticsGroup, countField, keyField } from './shared'

/**
 * 每日数据: one row per account and Beijing day — WeChat's account-level daily figures (datacube
 * getusersummary, getusercumulate, getuserread, getusershare), written by the analytics sync
 * (`src/services/analytics/sync/`), a day replaced as a whole. `key` is `${accountId}:${date}`.
 */
export const AnalyticsDays: CollectionConfig = {
  slug: 'analytics-days',
  labels: { singular: { zh: '每日数据', en: 'Daily figures' }, plural: { zh: '每日数据', en: 'Daily figures' } },
  admin: {
    useAsTitle: 'date',
    group: analyticsGroup,
    defaultColumns: ['date', 'account', 'newUser', 'cancelUser', 'cumulateUser', 'readUser', 'readCount'],
  },
  access: analyticsAccess,
  fields: [
    keyField,
    accountField,
    { name: 'date', type: 'text', required: true, index: true, label: { zh: '日期（北京时间）', en: 'Date (Beijing)' } },
    countField('newUser', '新关注', 'New followers'),
    countField('cancelUser', '取消关注', 'Unfollows'),
    { name: 'netUser', type: 'number', label: { zh: '净增关注', en: 'Net growth' } },
    { name: 'newUserBySource', type: 'json', label: { zh: '关注来源', en: 'Followers by source' } },
    countField('cumulateUser', '累计关注', 'Total followers'),
    countField('readUser', '阅读人数', 'Readers'),
    countField('readCount', '阅读次数', 'Reads'),
    { name: 'readsBySource', type: 'json', label: { zh: '阅读来源', en: 'Reads by source' } },
    countField('shareUser', '分享人数', 'Sharers'),
    countField('shareCount', '分享次数', 'Shares'),
    countField('favUser', '收藏人数', 'Users who saved'),
    countField('favCount', '收藏次数', 'Saves'),
    { name: 'syncedAt', type: 'date', label: { zh: '同步时间', en: 'Synced at' } },
  ],
  timestamps: true,
}
