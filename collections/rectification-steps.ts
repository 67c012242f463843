import type { CollectionConfig } from 'payload'
import { readRatings } from '../src/services/ratings/access'
import { RECTIFICATION_ACTIONS, RECTIFICATION_ACTION_LABELS, RECTIFICATION_STATES, RECTIFICATION_STATE_LABELS } from '../src/services/ratings/rectification'

const nobody = () => false
const stateOptions = RECTIFICATION_STATES.map((value) => ({ value, label: RECTIFICATION_STATE_LABELS[value] }))

/**
 * 整改记录: one row per step of a rectification item, in order — opening, the call-back records (回访人,
 * 回访时间, 回访内容), the fix, the resident's verdict, closing, appeal, review. Written only by
 * src/services/ratings/rectify.ts; never changed. Read like the items (admins, leaders, the office's staff).
 */
export const RectificationSteps: CollectionConfig = {
  slug: 'rectification-steps',
  labels: { singular: { zh: '整改记录', en: 'Rectification step' }, plural: { zh: '整改记录', en: 'Rectification steps' } },
  admin: { group: { zh: '好差评', en: 'Ratings' }, defaultColumns: ['rectification', 'action', 'to', 'note', 'at'], hidden: true },
  access: { read: readRatings, create: nobody, update: nobody, delete: nobody },
  fields: [
    {
      name: 'rectification',
      type: 'relationship',
      relationTo: 'rectifications',
      required: true,
      index: true,
      label: { zh: '差评整改', en: 'Rectification' },
    },
    { name: 'office', type: 'relationship', relationTo: 'offices', index: true, label: { zh: '被评价科室', en: 'Office' } },
    {
      name: 'action',
      type: 'select',
      required: true,
      options: [
        { value: 'open', label: { zh: '收到差评', en: 'Opened' } },
        ...RECTIFICATION_ACTIONS.map((value) => ({ value, label: RECTIFICATION_ACTION_LABELS[value] })),
      ],
      label: { zh: '操作', en: 'Action' },
    },
    { name: 'from', type: 'select', options: stateOptions, label: { zh: '原状态', en: 'From' } },
    { name: 'to', type: 'select', required: true, options: stateOptions, label: { zh: '新状态', en: 'To' } },
    { name: 'note', type: 'textarea', label: { zh: '说明', en: 'Note' } },
    { name: 'caller', type: 'text', label: { zh: '回访人', en: 'Caller' } },
    { name: 'calledAt', type: 'date', label: { zh: '回访时间', en: 'Called at' } },
    { name: 'summary', type: 'textarea', label: { zh: '回访内容', en: 'What was said' } },
    {
      name: 'actor',
      type: 'select',
      required: true,
      options: [
        { value: 'resident', label: { zh: '群众', en: 'Resident' } },
        { value: 'staff', label: { zh: '工作人员', en: 'Staff' } },
        { value: 'system', label: { zh: '系统', en: 'System' } },
      ],
      label: { zh: '操作人类型', en: 'Actor' },
    },
    { name: 'by', type: 'relationship', relationTo: 'users', label: { zh: '工作人员', en: 'Staff member' } },
    { name: 'at', type: 'date', required: true, index: true, label: { zh: '时间', en: 'At' } },
  ],
}
