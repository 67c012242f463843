import type { CollectionConfig, Field, PayloadRequest } from 'payload'
import { apiEndpoints } from '../../src/http/api-endpoints'
import { roleOf } from '../../src/access/roles'
import { pushActScope, pushReadScope } from '../../src/services/push/account-scope'
import { WEEK_PATTERN } from '../../src/shared/time'
import { CONTENT_COLLECTIONS } from '../../src/services/content/types'
import { mayCreatePush, pushUpdateAccess } from '../../src/services/push/rules'
import { PUSH_STATUS_OPTIONS, OPEN_PUSH_STATUSES, inStatusGroup } from '../../src/services/push/status'
import { previewsField, resultField, stepLogField, systemOnlyAccess, wechatIdsField } from './fields'
import { generateWeekEndpoint, pushActionEndpoint } from './endpoints'
import { guardBundleChanges, syncItemStates } from './hooks'

/**
 * The send's machinery (claims, previews, WeChat ids, step log) is for admins: leaders work on
 * 本周推送, and the form shows them only what they decide on. Hidden in the admin form only; the
 * data stays readable through the API as before.
 */
const adminOnlyInForm = (field: Field): Field =>
  ({
    ...field,
    admin: { ...field.admin, condition: (_data: unknown, _sibling: unknown, { user }: { user?: PayloadRequest['user'] }) => roleOf(user) === 'admin' },
  }) as Field

/** One WeChat mass send: an account's bundle for one ISO week. */
export const WeeklyPushes: CollectionConfig = {
  slug: 'weekly-pushes',
  labels: { singular: { zh: '每周推送', en: 'Weekly push' }, plural: { zh: '每周推送', en: 'Weekly pushes' } },
  admin: {
    useAsTitle: 'week',
    defaultColumns: ['week', 'status', 'account', 'signedOffBy', 'updatedAt'],
    group: { zh: '微信', en: 'WeChat' },
    description: { zh: '每周四/周五的群发：领导审定后才会发送', en: 'The Thursday/Friday mass send; nothing goes out without sign-off' },
  },
  access: {
    // Whose pushes: src/services/push/account-scope.ts (a community's staff, their account's and the street office's).
    read: ({ req }) => pushReadScope(req),
    // Who may change a push in which status: src/services/push/rules.ts (the push store follows the same rules),
    // and a community's leader only their community's account's pushes.
    create: ({ req }) => mayCreatePush(roleOf(req.user)),
    update: ({ req }) => {
      const byStatus = pushUpdateAccess(roleOf(req.user))
      const byAccount = pushActScope(req)
      if (byStatus === false || byAccount === true) return byStatus
      return byStatus === true ? byAccount : { and: [byStatus, byAccount] }
    },
    delete: () => false,
  },
  hooks: { beforeChange: [guardBundleChanges], afterChange: [syncItemStates] },
  endpoints: apiEndpoints([generateWeekEndpoint, pushActionEndpoint]),
  fields: [
    {
      name: 'key',
      type: 'text',
      unique: true,
      index: true,
      access: systemOnlyAccess,
      admin: { hidden: true },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'week',
          type: 'text',
          required: true,
          index: true,
          label: { zh: '周次', en: 'ISO week' },
          access: { update: () => false },
          validate: (value: unknown) => (typeof value === 'string' && WEEK_PATTERN.test(value) ? true : '周次：格式应为 2026-W48'),
        },
        {
          name: 'account',
          type: 'relationship',
          relationTo: 'wechat-accounts',
          required: true,
          label: { zh: '公众号', en: 'Account' },
          access: { update: () => false },
        },
        {
          name: 'status',
          type: 'select',
          defaultValue: 'proposed',
          index: true,
          options: PUSH_STATUS_OPTIONS,
          label: { zh: '状态', en: 'Status' },
          access: systemOnlyAccess,
          admin: { readOnly: true },
        },
      ],
    },
    { name: 'statusReason', type: 'text', label: { zh: '原因', en: 'Reason' }, access: systemOnlyAccess, admin: { readOnly: true } },
    {
      // The leader's pick of this week's send day (本周推送 → 改发送日, or the action `send-date`):
      // validated there (sendDateProblem in services/push/holiday-slots.ts); holidays otherwise move it.
      name: 'sendDate',
      type: 'text',
      label: { zh: '本周改在此日发送', en: 'Send on this day instead' },
      access: systemOnlyAccess,
      admin: {
        readOnly: true,
        description: { zh: 'YYYY-MM-DD，北京时间；空表示按推送设置和节假日安排', en: 'YYYY-MM-DD, Beijing; empty: by the push settings and holidays' },
      },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'audience',
          type: 'select',
          defaultValue: 'all',
          label: { zh: '发送对象', en: 'Audience' },
          options: [
            { value: 'all', label: { zh: '全部粉丝', en: 'All followers' } },
            { value: 'community', label: { zh: '某社区的粉丝（标签）', en: "One community's tag" } },
          ],
        },
        {
          name: 'audienceCommunity',
          type: 'relationship',
          relationTo: 'communities',
          label: { zh: '社区', en: 'Community' },
          admin: { condition: (data) => data?.audience === 'community' },
        },
      ],
    },
    {
      name: 'items',
      type: 'relationship',
      relationTo: [...CONTENT_COLLECTIONS],
      hasMany: true,
      label: { zh: '本周内容（第一条为头条，可拖动排序）', en: 'Items (the first is the headline; drag to reorder)' },
      // Offers only pushable items while the bundle is open; once it is sending or done its items are
      // `sent` (or deleted later) and must not make every later save of the push invalid.
      filterOptions: ({ data }) => (inStatusGroup(OPEN_PUSH_STATUSES, data?.status ?? 'proposed') ? { reviewStatus: { in: ['approved', 'scheduled'] } } : true),
      validate: (value: unknown) => (Array.isArray(value) && value.length > 8 ? '本周内容：一次群发最多 8 条（微信限制）' : true),
    },
    {
      type: 'row',
      fields: [
        {
          name: 'signedOffBy',
          type: 'relationship',
          relationTo: 'users',
          label: { zh: '审定人', en: 'Signed off by' },
          access: systemOnlyAccess,
          admin: { readOnly: true },
        },
        {
          name: 'signedOffAt',
          type: 'date',
          label: { zh: '审定时间', en: 'Signed off at' },
          access: systemOnlyAccess,
          admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
        },
      ],
    },
    adminOnlyInForm({
      type: 'row',
      fields: [
        { name: 'claimedBy', type: 'text', label: { zh: '发送进程', en: 'Claimed by' }, access: systemOnlyAccess, admin: { readOnly: true } },
        { name: 'claimedUntil', type: 'date', label: { zh: '占用至', en: 'Claimed until' }, access: systemOnlyAccess, admin: { readOnly: true } },
        { name: 'attempts', type: 'number', defaultValue: 0, label: { zh: '尝试次数', en: 'Attempts' }, access: systemOnlyAccess, admin: { readOnly: true } },
      ],
    }),
    { name: 'needsAttention', type: 'checkbox', label: { zh: '需要人工处理', en: 'Needs a person' }, access: systemOnlyAccess, admin: { readOnly: true } },
    adminOnlyInForm(previewsField),
    adminOnlyInForm(wechatIdsField),
    resultField,
    // 群发效果: each item's 1/3/7-day readers, sources, sharers and the delivered count once sent (统计分析).
    { name: 'pushFigures', type: 'ui', admin: { components: { Field: '/src/admin/push/PushFigures#PushFiguresField' } } },
    adminOnlyInForm(stepLogField),
  ],
}
