import type { CollectionConfig } from 'payload'
import { readMatterSteps } from '../src/services/appointments/access'
import { MATTER_ACTIONS, MATTER_ACTION_LABELS, MATTER_STATES, MATTER_STATE_LABELS } from '../src/services/appointments/matter-status'

const nobody = () => false
const stateOptions = MATTER_STATES.map((value) => ({ value, label: MATTER_STATE_LABELS[value] }))

/**
 * 办理记录: one row per step of an appointment's matter, in order — the history residents see in
 * 我的预约 and staff see on the appointment. Written only by src/services/appointments; never changed.
 */
export const MatterSteps: CollectionConfig = {
  slug: 'matter-steps',
  labels: { singular: { zh: '办理记录', en: 'Matter step' }, plural: { zh: '办理记录', en: 'Matter steps' } },
  admin: { group: { zh: '办事服务', en: 'Services' }, defaultColumns: ['appointment', 'action', 'to', 'note', 'at'], hidden: true },
  access: { read: readMatterSteps, create: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'appointment', type: 'relationship', relationTo: 'appointments', required: true, index: true, label: { zh: '预约', en: 'Appointment' } },
    { name: 'office', type: 'relationship', relationTo: 'offices', index: true, label: { zh: '承办科室', en: 'Office' } },
    {
      name: 'action',
      type: 'select',
      required: true,
      options: [{ value: 'book', label: { zh: '预约', en: 'Book' } }, ...MATTER_ACTIONS.map((value) => ({ value, label: MATTER_ACTION_LABELS[value] }))],
      label: { zh: '操作', en: 'Action' },
    },
    { name: 'from', type: 'select', options: stateOptions, label: { zh: '原状态', en: 'From' } },
    { name: 'to', type: 'select', required: true, options: stateOptions, label: { zh: '新状态', en: 'To' } },
    { name: 'note', type: 'textarea', label: { zh: '给群众的说明', en: 'Note for the resident' } },
    { name: 'expectedCompletion', type: 'text', label: { zh: '预计办结日期', en: 'Expected completion' } },
    { name: 'calendarWarning', type: 'text', label: { zh: '日历提示', en: 'Calendar warning' } },
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
