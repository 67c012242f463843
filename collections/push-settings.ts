import type { Field, GlobalConfig } from 'payload'
import { isAdmin, isStaff } from '../src/access/roles'
import { DEFAULT_PUSH_SETTINGS as D } from '../src/services/push/settings'
import { WEEKDAY_OPTIONS } from './weekday-options'
import { HOLIDAY_RULE_LABELS, HOLIDAY_RULES } from '../src/services/push/holiday-slots'

type ValidateOptions = { req?: { i18n?: { language?: string } }; data?: Record<string, unknown>; siblingData?: Record<string, unknown> }
const english = (options?: ValidateOptions) => options?.req?.i18n?.language === 'en'

/** A Beijing-time HH:MM field; the message names the field (the admin shows it on the field). */
const time =
  (label: { zh: string; en: string }) =>
  (value: unknown, options?: ValidateOptions): true | string => {
    if (typeof value === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(value)) return true
    return english(options)
      ? `${label.en}: use HH:MM in Beijing time (e.g. 10:00); got "${String(value ?? '')}"`
      : `${label.zh}：格式应为 HH:MM（北京时间，如 10:00），当前为“${String(value ?? '')}”`
  }

/** A whole number from 1 to 8 (WeChat's articles per news message); the minimum may not exceed the maximum. */
const itemCount =
  (label: { zh: string; en: string }, role: 'min' | 'max' | 'community') =>
  (value: unknown, options?: ValidateOptions): true | string => {
    const en = english(options)
    if (value == null || value === '') return true
    const count = Number(value)
    if (!Number.isInteger(count) || count < 1 || count > 8) {
      return en
        ? `${label.en}: a whole number from 1 to 8 (a WeChat news message holds at most 8 articles)`
        : `${label.zh}：应为 1 至 8 的整数（一条微信图文消息最多 8 篇）`
    }
    // The sibling fields: the global's own, or the account's 本号推送设置 group.
    const other = Number((options?.siblingData ?? options?.data)?.[role === 'min' ? 'maxItems' : 'minItems'])
    if (role === 'min' && Number.isFinite(other) && count > other)
      return en ? `${label.en}: ${count} is more than the maximum (${other})` : `${label.zh}：${count} 条多于最多条数（${other} 条）`
    if (role === 'max' && Number.isFinite(other) && count < other)
      return en ? `${label.en}: ${count} is less than the minimum (${other})` : `${label.zh}：${count} 条少于最少条数（${other} 条）`
    return true
  }

/**
 * The rhythm's fields, shared by the street-wide global and each account's 本号推送设置
 * (collections/wechat-accounts), so both validate and read the same way (services/push/settings-load.ts).
 */
export const PUSH_RHYTHM_FIELDS: Field[] = [
  {
    type: 'row',
    fields: [
      {
        name: 'assembleWeekday',
        type: 'select',
        options: WEEKDAY_OPTIONS,
        defaultValue: String(D.assembleWeekday),
        label: { zh: '组稿日', en: 'Assemble day' },
      },
      {
        name: 'assembleTime',
        type: 'text',
        defaultValue: D.assembleTime,
        validate: time({ zh: '组稿时间', en: 'Assemble time' }),
        label: { zh: '组稿时间', en: 'Assemble time' },
      },
    ],
  },
  {
    type: 'row',
    fields: [
      { name: 'sendWeekday', type: 'select', options: WEEKDAY_OPTIONS, defaultValue: String(D.sendWeekday), label: { zh: '发送日', en: 'Send day' } },
      {
        name: 'sendTime',
        type: 'text',
        defaultValue: D.sendTime,
        validate: time({ zh: '发送时间', en: 'Send time' }),
        label: { zh: '发送时间', en: 'Send time' },
      },
    ],
  },
  {
    type: 'row',
    fields: [
      { name: 'retryWeekday', type: 'select', options: WEEKDAY_OPTIONS, defaultValue: String(D.retryWeekday), label: { zh: '补发日', en: 'Retry day' } },
      {
        name: 'retryTime',
        type: 'text',
        defaultValue: D.retryTime,
        validate: time({ zh: '补发时间', en: 'Retry time' }),
        label: { zh: '补发时间', en: 'Retry time' },
      },
    ],
  },
  {
    type: 'row',
    fields: [
      {
        name: 'minItems',
        type: 'number',
        min: 1,
        max: 8,
        defaultValue: D.minItems,
        validate: itemCount({ zh: '最少条数', en: 'Minimum items' }, 'min'),
        label: { zh: '最少条数', en: 'Minimum items' },
      },
      {
        name: 'maxItems',
        type: 'number',
        min: 1,
        max: 8,
        defaultValue: D.maxItems,
        validate: itemCount({ zh: '最多条数', en: 'Maximum items' }, 'max'),
        label: { zh: '最多条数（微信上限 8）', en: 'Maximum items (WeChat: 8)' },
      },
      {
        name: 'maxPerCommunity',
        type: 'number',
        min: 1,
        max: 8,
        defaultValue: D.maxPerCommunity,
        validate: itemCount({ zh: '同一社区最多', en: 'Per community at most' }, 'community'),
        label: { zh: '同一社区最多', en: 'Per community at most' },
        admin: {
          description: {
            zh: '街道办公众号中同一社区的内容每周最多几条；社区自己的公众号不限本社区的内容（全街道的内容不计入）',
            en: "In the street office's account, at most this many items of one community a week; a community's own account does not cap its own items (street-wide items never count)",
          },
        },
      },
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
    // China's public holidays and 调休 from services/calendar (chinese-days); see services/push/holiday-slots.ts.
    name: 'holidayRule',
    type: 'select',
    defaultValue: D.holidayRule,
    label: { zh: '发送日遇法定节假日', en: 'A send day on a public holiday' },
    options: HOLIDAY_RULES.map((rule) => ({ value: rule, label: HOLIDAY_RULE_LABELS[rule] })),
    admin: {
      description: {
        zh: '发送日、补发日遇法定节假日（含调休放假的工作日）时的处理；组稿日随发送日一起调整。顺延只在本周内，节后第一个工作日已是下一周时改为提前。日历数据尚未收录的年份按周一至周五安排。',
        en: 'What happens to a send or retry day on a public holiday (incl. weekdays off for 调休); the assemble day moves with the send day. "After" stays within the week, else the day moves before. A year the calendar does not know yet counts Monday–Friday.',
      },
    },
  },
  {
    name: 'approvalIsSignOff',
    type: 'checkbox',
    defaultValue: D.approvalIsSignOff,
    label: { zh: '每条内容审核通过即视为本周推送已审定', en: 'Individual approval of every item counts as sign-off' },
  },
]

/** The weekly rhythm; admins change it, everyone on staff can see it. */
export const PushSettingsGlobal: GlobalConfig = {
  slug: 'push-settings',
  label: { zh: '推送设置', en: 'Push settings' },
  admin: { group: { zh: '微信', en: 'WeChat' } },
  access: { read: isStaff, update: isAdmin },
  fields: PUSH_RHYTHM_FIELDS,
}
