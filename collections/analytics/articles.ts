import type { CollectionConfig } from 'payload'
import { accountField, analyticsAccess, analyticsGroup, countField, keyField } from './shared'

/**
 * 图文数据: one row per published article (one item of a mass send) — WeChat's cumulative figures
 * (datacube getarticletotal / getarticletotaldetail) as of `statUpTo`, joined to its weekly push and
 * item by `src/services/analytics/join.ts`. `key` is `${accountId}:${msgid}`, `msgid` WeChat's
 * `msgDataId_index`.
 */
export const AnalyticsArticles: CollectionConfig = {
  slug: 'analytics-articles',
  labels: { singular: { zh: '图文数据', en: 'Article figures' }, plural: { zh: '图文数据', en: 'Article figures' } },
  admin: {
    useAsTitle: 'title',
    group: analyticsGroup,
    defaultColumns: ['title', 'sentDate', 'account', 'targetUser', 'readUser', 'shareUser', 'statUpTo'],
  },
  access: analyticsAccess,
  fields: [
    keyField,
    accountField,
    { name: 'msgid', type: 'text', required: true, label: { zh: '图文 ID（msgid）', en: 'Article id (msgid)' } },
    { name: 'msgDataId', type: 'text', required: true, index: true, label: { zh: '群发 ID（msg_data_id）', en: 'Mass send id (msg_data_id)' } },
    { name: 'index', type: 'number', min: 1, label: { zh: '第几篇', en: 'Position' } },
    { name: 'title', type: 'text', label: { zh: '标题', en: 'Title' } },
    { name: 'sentDate', type: 'text', index: true, label: { zh: '群发日期', en: 'Sent on' } },
    countField('targetUser', '送达人数', 'Delivered to'),
    countField('readUser', '阅读人数', 'Readers'),
    countField('readCount', '阅读次数', 'Reads'),
    countField('oriReadUser', '原文阅读人数', 'Original-page readers'),
    countField('shareUser', '分享人数', 'Sharers'),
    countField('shareCount', '分享次数', 'Shares'),
    countField('favUser', '收藏人数', 'Users who saved'),
    countField('favCount', '收藏次数', 'Saves'),
    countField('readUserDay1', '首日阅读人数', 'Readers after 1 day'),
    countField('readUserDay3', '3 日阅读人数', 'Readers after 3 days'),
    countField('readUserDay7', '7 日阅读人数', 'Readers after 7 days'),
    { name: 'readsBySource', type: 'json', label: { zh: '阅读来源', en: 'Reads by source' } },
    { name: 'daily', type: 'json', label: { zh: '逐日累计', en: 'Cumulative per day' } },
    { name: 'statUpTo', type: 'text', label: { zh: '统计截至', en: 'Figures up to' } },
    { name: 'isDelay', type: 'checkbox', defaultValue: false, label: { zh: '数据未最终确定', en: 'Figures not final' } },
    {
      name: 'weeklyPush',
      type: 'relationship',
      relationTo: 'weekly-pushes',
      index: true,
      label: { zh: '每周推送', en: 'Weekly push' },
    },
    {
      name: 'item',
      type: 'relationship',
      relationTo: ['articles', 'policy-explainers', 'community-news'],
      label: { zh: '内容', en: 'Item' },
    },
    {
      name: 'contentType',
      type: 'select',
      index: true,
      options: [
        { value: 'articles', label: { zh: '文章', en: 'Article' } },
        { value: 'policy-explainers', label: { zh: '政策解读', en: 'Policy explainer' } },
        { value: 'community-news', label: { zh: '社区要闻', en: 'Community news' } },
      ],
      label: { zh: '内容类型', en: 'Content type' },
    },
    { name: 'community', type: 'relationship', relationTo: 'communities', index: true, label: { zh: '社区', en: 'Community' } },
  ],
  timestamps: true,
}
