import type { CollectionConfig, Field } from 'payload'
import { hiddenUnlessServingOffices } from '../../src/services/appointments/access'
import { readRatings } from '../../src/services/ratings/access'
import { RATING_LEVELS, RATING_LEVEL_INFO } from '../../src/services/ratings/levels'
import { RECTIFICATION_STATES, RECTIFICATION_STATE_LABELS } from '../../src/services/ratings/rectification'
import { apiEndpoints } from '../../src/http/api-endpoints'
import { rectificationEndpoints } from './endpoints'

const nobody = () => false
const readOnlyField = (field: Field): Field => ({ ...field, access: { create: nobody, update: nobody, ...('access' in field ? field.access : {}) } }) as Field

/**
 * 差评整改: one item per 差评 (不满意 / 非常不满意), opened by src/services/ratings/rate.ts and assigned to
 * the office head, with its deadline in working days. Nothing is written through the generic API:
 * steps go through `POST /api/rectifications/:id/step` (staff) and the residents' pages (the verdict,
 * the appeal), each a compare-and-set on the state read (src/services/ratings/rectify.ts). The
 * call-back records and every step are rows of `rectification-steps`.
 */
export const Rectifications: CollectionConfig = {
  slug: 'rectifications',
  labels: { singular: { zh: '差评整改', en: 'Rectification' }, plural: { zh: '差评整改', en: 'Rectifications' } },
  admin: {
    useAsTitle: 'openedOn',
    hidden: hiddenUnlessServingOffices,
    group: { zh: '好差评', en: 'Ratings' },
    defaultColumns: ['openedOn', 'level', 'office', 'guide', 'state', 'deadline', 'assignee'],
  },
  access: { read: readRatings, create: nobody, update: nobody, delete: nobody },
  endpoints: apiEndpoints(rectificationEndpoints),
  fields: [
    // The item's timeline and the actions the user may take now (src/admin/ratings/RectificationPanel.tsx).
    { name: 'rectificationPanel', type: 'ui', admin: { components: { Field: '/src/admin/ratings/RectificationPanel#RectificationPanel' } } },
    ...[
      { name: 'rating', type: 'relationship', relationTo: 'ratings', required: true, unique: true, label: { zh: '评价', en: 'Rating' } },
      {
        name: 'level',
        type: 'select',
        required: true,
        options: RATING_LEVELS.map((value) => ({ value, label: { zh: RATING_LEVEL_INFO[value].zh, en: RATING_LEVEL_INFO[value].en } })),
        label: { zh: '满意程度', en: 'Level' },
      },
      { name: 'office', type: 'relationship', relationTo: 'offices', required: true, index: true, label: { zh: '被评价科室', en: 'Office' } },
      { name: 'guide', type: 'relationship', relationTo: 'service-guides', label: { zh: '事项', en: 'Guide' } },
      { name: 'reasons', type: 'text', hasMany: true, label: { zh: '差评原因', en: 'Reasons' } },
      {
        name: 'state',
        type: 'select',
        required: true,
        index: true,
        defaultValue: 'open',
        options: RECTIFICATION_STATES.map((value) => ({ value, label: RECTIFICATION_STATE_LABELS[value] })),
        label: { zh: '整改状态', en: 'State' },
      },
      { name: 'stateChangedAt', type: 'date', label: { zh: '状态更新时间', en: 'State changed' } },
      { name: 'openedOn', type: 'text', required: true, index: true, label: { zh: '收到差评日期', en: 'Opened on' } },
      { name: 'deadline', type: 'text', index: true, label: { zh: '整改期限', en: 'Deadline' } },
      { name: 'deadlineWarning', type: 'text', label: { zh: '期限提示', en: 'Deadline warning' } },
      // An estimate (a year the calendar did not know counted Monday–Friday), recounted by the morning job (src/services/ratings/rectify.ts).
      { name: 'deadlineEstimated', type: 'checkbox', defaultValue: false, label: { zh: '期限为推算', en: 'Deadline estimated' } },
      { name: 'deadlineFrom', type: 'text', label: { zh: '期限起算日', en: 'Deadline counted from' }, admin: { hidden: true } },
      { name: 'deadlineDays', type: 'number', label: { zh: '整改工作日数', en: 'Working days to rectify' }, admin: { hidden: true } },
      { name: 'assignee', type: 'relationship', relationTo: 'users', label: { zh: '负责人（科室负责人）', en: 'Assignee (office head)' } },
      { name: 'fix', type: 'textarea', label: { zh: '整改措施', en: 'Fix' } },
      { name: 'fixedOn', type: 'text', label: { zh: '整改日期', en: 'Fixed on' } },
      {
        name: 'publicFix',
        type: 'textarea',
        label: { zh: '公示的整改措施', en: 'Fix as published' },
        admin: { description: { zh: '审核领导或管理员批准后在月度公示中显示，不含个人信息', en: 'Approved by leaders or admins; no personal data' } },
      },
      {
        name: 'verdict',
        type: 'select',
        options: [
          { value: 'accepted', label: { zh: '群众认可', en: 'Accepted' } },
          { value: 'disputed', label: { zh: '群众不认可', en: 'Disputed' } },
        ],
        label: { zh: '群众评价整改', en: "Resident's verdict" },
      },
      { name: 'verdictNote', type: 'textarea', label: { zh: '群众意见', en: "Resident's words" } },
      { name: 'verdictAt', type: 'date', label: { zh: '群众评价时间', en: 'Verdict at' } },
      { name: 'closeReason', type: 'textarea', label: { zh: '未获认可办结理由', en: 'Reason for closing without agreement' } },
      { name: 'appealUsed', type: 'checkbox', defaultValue: false, label: { zh: '已申诉', en: 'Appeal used' } },
      { name: 'appealedAt', type: 'date', label: { zh: '申诉时间', en: 'Appealed at' } },
      { name: 'reviewNote', type: 'textarea', label: { zh: '领导复核意见', en: "Leader's review" } },
      { name: 'closedOn', type: 'text', label: { zh: '办结日期', en: 'Closed on' } },
      // The keys of the escalation notices sent, one per line (src/services/ratings/escalate.ts).
      { name: 'escalationsSent', type: 'textarea', label: { zh: '已发督办提醒', en: 'Escalations sent' }, admin: { hidden: true } },
    ].map((field) => readOnlyField(field as Field)),
  ],
}
