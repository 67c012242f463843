import type { CollectionConfig, Field } from 'payload'
import { isAdmin } from '../../src/access/roles'
import { hiddenUnlessServingOffices, personalDataField, readAppointments } from '../../src/services/appointments/access'
import { MATTER_STATES, MATTER_STATE_LABELS } from '../../src/services/appointments/matter-status'
import { apiEndpoints } from '../../src/http/api-endpoints'
import { appointmentEndpoints } from './endpoints'

const nobody = () => false
/** Written by the booking service and the status steps only (src/services/appointments). */
const systemOnly = { create: nobody, update: nobody }
/** Full personal data: admins and staff of the appointment's office (see access.ts). */
const personal = { ...systemOnly, read: personalDataField }

/** The full values show on the document only: never a list column or a list filter (lists are masked). */
const fullValueOnly = { disableListColumn: true, disableListFilter: true }

const readOnlyField = (field: Field): Field => ({ ...field, access: { ...systemOnly, ...('access' in field ? field.access : {}) } }) as Field

/**
 * 预约: a resident's booking of a matter at a window, and the matter's status afterwards
 * (已预约 → 已签到 → 已受理 → 办理中 ⇄ 需补正 → 已办结, or 不予受理 / 已取消 / 未到). Nothing is written
 * through the generic API: booking claims a seat atomically and steps follow the rules of
 * src/services/appointments/matter-status.ts, through this collection's endpoints.
 */
export const Appointments: CollectionConfig = {
  slug: 'appointments',
  labels: { singular: { zh: '预约', en: 'Appointment' }, plural: { zh: '预约办事', en: 'Appointments' } },
  admin: {
    useAsTitle: 'bookingCode',
    hidden: hiddenUnlessServingOffices,
    group: { zh: '办事服务', en: 'Services' },
    defaultColumns: ['bookingCode', 'guide', 'slotDate', 'slotStart', 'nameMasked', 'mobileMasked', 'status', 'expectedCompletion'],
    listSearchableFields: ['bookingCode'],
  },
  access: { read: readAppointments, create: nobody, update: nobody, delete: isAdmin },
  endpoints: apiEndpoints(appointmentEndpoints),
  fields: [
    // The matter's timeline and the steps the user may take now (src/admin/appointments/MatterPanel.tsx).
    { name: 'matterPanel', type: 'ui', admin: { components: { Field: '/src/admin/appointments/MatterPanel#MatterPanel' } } },
    ...[
      { name: 'bookingCode', type: 'text', required: true, unique: true, label: { zh: '预约码', en: 'Booking code' } },
      { name: 'guide', type: 'relationship', relationTo: 'service-guides', required: true, index: true, label: { zh: '事项', en: 'Guide' } },
      { name: 'office', type: 'relationship', relationTo: 'offices', index: true, label: { zh: '承办科室', en: 'Office' } },
      { name: 'account', type: 'relationship', relationTo: 'wechat-accounts', label: { zh: '公众号', en: 'Account' } },
      { name: 'slotKey', type: 'text', required: true, index: true, label: { zh: '时段', en: 'Slot' }, admin: { hidden: true } },
      { name: 'slotDate', type: 'text', required: true, index: true, label: { zh: '预约日期', en: 'Date' } },
      { name: 'slotStart', type: 'text', required: true, label: { zh: '开始', en: 'Start' } },
      { name: 'slotEnd', type: 'text', required: true, label: { zh: '结束', en: 'End' } },
      { name: 'slotStartsAt', type: 'date', required: true, index: true, label: { zh: '开始时刻', en: 'Starts at' }, admin: { hidden: true } },
      { name: 'slotEndsAt', type: 'date', required: true, label: { zh: '结束时刻', en: 'Ends at' }, admin: { hidden: true } },
      { name: 'cutoffMinutes', type: 'number', label: { zh: '网上取消截止（分钟）', en: 'Cut-off minutes' }, admin: { hidden: true } },
      {
        name: 'status',
        type: 'select',
        required: true,
        index: true,
        defaultValue: 'booked',
        options: MATTER_STATES.map((value) => ({ value, label: MATTER_STATE_LABELS[value] })),
        label: { zh: '办理状态', en: 'Status' },
      },
      { name: 'statusNote', type: 'textarea', label: { zh: '给群众的说明', en: 'Note for the resident' } },
      { name: 'statusChangedAt', type: 'date', index: true, label: { zh: '状态更新时间', en: 'Status changed' } },
      { name: 'expectedCompletion', type: 'text', index: true, label: { zh: '预计办结日期', en: 'Expected completion' } },
      { name: 'closedAt', type: 'date', index: true, label: { zh: '结束时间', en: 'Closed at' }, admin: { hidden: true } },
      {
        name: 'channel',
        type: 'select',
        required: true,
        defaultValue: 'online',
        options: [
          { value: 'online', label: { zh: '微信预约', en: 'Online' } },
          { value: 'staff', label: { zh: '工作人员代约', en: 'Booked by staff' } },
        ],
        label: { zh: '预约方式', en: 'Channel' },
      },
      { name: 'bookedBy', type: 'relationship', relationTo: 'users', label: { zh: '代约人', en: 'Booked by' } },
      // Masked copies: what every list, export and role without the full data shows.
      { name: 'nameMasked', type: 'text', label: { zh: '姓名', en: 'Name' } },
      { name: 'mobileMasked', type: 'text', label: { zh: '手机号', en: 'Mobile' } },
      { name: 'idNumberMasked', type: 'text', label: { zh: '身份证号', en: 'ID number' } },
      { name: 'personalDataClearedAt', type: 'date', label: { zh: '个人信息清除时间', en: 'Personal data cleared' } },
      { name: 'requestKey', type: 'text', unique: true, label: { zh: '提交编号', en: 'Request key' }, admin: { hidden: true } },
    ].map((field) => readOnlyField(field as Field)),
    {
      type: 'collapsible',
      label: { zh: '完整个人信息（仅承办科室和管理员可见）', en: 'Full personal data (office staff and admins only)' },
      admin: { initCollapsed: true },
      fields: [
        { name: 'openid', type: 'text', index: true, access: personal, label: { zh: '居民 OpenID', en: 'Resident openid' }, admin: fullValueOnly },
        { name: 'name', type: 'text', access: personal, label: { zh: '姓名（完整）', en: 'Full name' }, admin: fullValueOnly },
        { name: 'mobile', type: 'text', access: personal, label: { zh: '手机号（完整）', en: 'Full mobile' }, admin: fullValueOnly },
        { name: 'idNumber', type: 'text', access: personal, label: { zh: '身份证号（完整）', en: 'Full ID number' }, admin: fullValueOnly },
      ],
    },
  ],
}
