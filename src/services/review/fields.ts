import type { Field } from 'payload'
import type { FieldAccess } from 'payload'
import { roleOf } from '../../access/roles'
import { REVIEW_ACTION_LABELS, REVIEW_STATES, REVIEW_STATE_LABELS } from './state-machine'

const nobody = () => false
const isAdmin: FieldAccess = ({ req }) => roleOf(req.user) === 'admin'

const reviewStatusField: Field = {
  name: 'reviewStatus',
  type: 'select',
  label: { zh: '审核状态', en: 'Review status' },
  // Not `required`: the hooks always set it, and GraphQL clients must not have to send it.
  defaultValue: 'draft',
  index: true,
  options: REVIEW_STATES.map((value) => ({ value, label: REVIEW_STATE_LABELS[value] })),
  // Only admins write the status directly; everyone else goes through the review actions.
  access: { create: isAdmin, update: isAdmin },
  admin: { position: 'sidebar' },
}

export const reviewSidebarFields: Field[] = [
  {
    name: 'reviewActions',
    type: 'ui',
    label: { zh: '审核操作', en: 'Review actions' },
    admin: { position: 'sidebar', components: { Field: '/src/admin/review/ReviewActions#ReviewActions' } },
  },
  reviewStatusField,
  {
    name: 'createdBy',
    type: 'relationship',
    relationTo: 'users',
    label: { zh: '撰稿人', en: 'Created by' },
    index: true,
    access: { create: nobody, update: nobody },
    admin: { position: 'sidebar', readOnly: true },
  },
  {
    name: 'submittedAt',
    type: 'date',
    label: { zh: '提交审核时间', en: 'Submitted at' },
    access: { create: nobody, update: nobody },
    admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
  },
  {
    name: 'approvedAt',
    type: 'date',
    label: { zh: '审核通过时间', en: 'Approved at' },
    index: true,
    access: { create: nobody, update: nobody },
    admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
  },
  {
    name: 'approvedBy',
    type: 'relationship',
    relationTo: 'users',
    label: { zh: '审核人', en: 'Approved by' },
    access: { create: nobody, update: nobody },
    // Shown by name (src/admin/user-names.ts): editors may not read the leader's account to label it.
    admin: { position: 'sidebar', readOnly: true },
  },
]

export const reviewHistoryField: Field = {
  name: 'reviewHistory',
  type: 'array',
  label: { zh: '审核记录', en: 'Review history' },
  labels: { singular: { zh: '记录', en: 'Entry' }, plural: { zh: '审核记录', en: 'Review history' } },
  access: { create: nobody, update: nobody },
  admin: { readOnly: true, initCollapsed: false },
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'action',
          type: 'select',
          label: { zh: '操作', en: 'Action' },
          options: [
            ...Object.entries(REVIEW_ACTION_LABELS).map(([value, label]) => ({ value, label })),
            { value: 'edit', label: { zh: '通过后修改（重新待审）', en: 'Edited after approval' } },
            { value: 'set', label: { zh: '管理员直接设置', en: 'Set by an administrator' } },
          ],
        },
        {
          name: 'from',
          type: 'select',
          label: { zh: '原状态', en: 'From' },
          options: REVIEW_STATES.map((value) => ({ value, label: REVIEW_STATE_LABELS[value] })),
        },
        {
          name: 'to',
          type: 'select',
          label: { zh: '新状态', en: 'To' },
          options: REVIEW_STATES.map((value) => ({ value, label: REVIEW_STATE_LABELS[value] })),
        },
      ],
    },
    {
      type: 'row',
      fields: [
        // Shown by name (src/admin/user-names.ts): editors may not read the leader's account to label it.
        { name: 'by', type: 'relationship', relationTo: 'users', label: { zh: '操作人', en: 'By' } },
        {
          name: 'at',
          type: 'date',
          label: { zh: '时间', en: 'At' },
          admin: { date: { pickerAppearance: 'dayAndTime', displayFormat: 'yyyy-MM-dd HH:mm' } },
        },
      ],
    },
    { name: 'reason', type: 'textarea', label: { zh: '原因 / 意见', en: 'Reason' } },
  ],
}
