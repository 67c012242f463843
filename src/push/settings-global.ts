import type { GlobalConfig } from 'payload'
import { isAdmin, isStaff } from '../access/roles'
import { DEFAULT_PUSH_SETTINGS as D } from './settings'

const WEEKDAYS = [
  { value: '1', label: { zh: '周一', en: 'Monday' } },
  { value: '2', label: { zh: '周二', en: 'Tuesday' } },
  { value: '3', label: { zh: '周三', en: 'Wednesday' } },
  { value: '4', label: { zh: '周四', en: 'Thursday' } },
  { value: '5', label: { zh: '周五', en: 'Friday' } },
  { value: '6', label: { zh: '周六', en: 'Saturday' } },
  { value: '7', label: { zh: '周日', en: 'Sunday' } },
]
const time = (value: unknown) => (typeof value === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(value) ? true : '时间：格式应为 HH:MM（北京时间）')

/** The weekly rhythm; admins change it, everyone on staff can see it. */
export const PushSettingsGlobal: GlobalConfig = {
  slug: 'push-settings',
  label: { zh: '推送设置', en: 'Push settings' },
  admin: { group: { zh: '微信', en: 'WeChat' } },
  access: { read: isStaff, update: isAdmin },
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'assembleWeekday', type: 'select', options: WEEKDAYS, defaultValue: String(D.assembleWeekday), label: { zh: '组稿日', en: 'Assemble day' } },
        { name: 'assembleTime', type: 'text', defaultValue: D.assembleTime, validate: time, label: { zh: '组稿时间', en: 'Assemble time' } },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'sendWeekday', type: 'select', options: WEEKDAYS, defaultValue: String(D.sendWeekday), label: { zh: '发送日', en: 'Send day' } },
        { name: 'sendTime', type: 'text', defaultValue: D.sendTime, validate: time, label: { zh: '发送时间', en: 'Send time' } },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'retryWeekday', type: 'select', options: WEEKDAYS, defaultValue: String(D.retryWeekday), label: { zh: '补发日', en: 'Retry day' } },
        { name: 'retryTime', type: 'text', defaultValue: D.retryTime, validate: time, label: { zh: '补发时间', en: 'Retry time' } },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'minItems', type: 'number', min: 1, max: 8, defaultValue: D.minItems, label: { zh: '最少条数', en: 'Minimum items' } },
        { name: 'maxItems', type: 'number', min: 1, max: 8, defaultValue: D.maxItems, label: { zh: '最多条数（微信上限 8）', en: 'Maximum items (WeChat: 8)' } },
        { name: 'maxPerCommunity', type: 'number', min: 1, max: 8, defaultValue: D.maxPerCommunity, label: { zh: '同一社区最多', en: 'Per community at most' } },
      ],
    },
    {
      name: 'quotaPolicy',
      type: 'select',
      defaultValue: D.quotaPolicy,
      label: { zh: '当月第 5 次群发时', en: 'A fifth send in a month' },
      options: [
        { value: 'skip', label: { zh: '跳过该周', en: 'Skip that week' } },
        { value: 'merge', label: { zh: '并入下一周推送', en: 'Merge into the next push' } },
      ],
    },
    {
      name: 'approvalIsSignOff',
      type: 'checkbox',
      defaultValue: D.approvalIsSignOff,
      label: { zh: '每条内容审核通过即视为本周推送已审定', en: "Individual approval of every item counts as sign-off" },
    },
  ],
  hooks: {
    beforeValidate: [
      ({ data }) => {
        if (data && Number(data.minItems) > Number(data.maxItems)) throw new Error('最少条数不能大于最多条数')
        return data
      },
    ],
  },
}
