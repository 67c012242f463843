import type { CollectionConfig } from 'payload'
import { isAdmin, roleOf } from '../src/access/roles'
import { phoneValidator } from '../src/services/guides/phone'

/**
 * 科室: the street office's departments that handle residents' matters. Each service guide names
 * the office that handles it; staff will be tied to offices for appointments. Public: residents
 * see which office handles a guide.
 */
export const Offices: CollectionConfig = {
  slug: 'offices',
  labels: { singular: { zh: '科室', en: 'Office' }, plural: { zh: '科室', en: 'Offices' } },
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'place', 'phone'], group: { zh: '办事服务', en: 'Services' } },
  access: { read: () => true, create: isAdmin, update: isAdmin, delete: isAdmin },
  fields: [
    { name: 'name', type: 'text', required: true, unique: true, label: { zh: '科室名称', en: 'Name' } },
    {
      name: 'place',
      type: 'text',
      label: { zh: '办公地点', en: 'Place' },
      admin: { description: { zh: '如：街道便民服务中心一楼 3 号窗口', en: 'E.g. service hall, window 3' } },
    },
    {
      name: 'phone',
      type: 'text',
      label: { zh: '科室电话', en: 'Phone' },
      validate: phoneValidator({ zh: '科室电话', en: 'Phone' }),
    },
    {
      name: 'head',
      type: 'relationship',
      relationTo: 'users',
      label: { zh: '科室负责人', en: 'Office head' },
      // Offices are public (residents see who handles a guide); which account heads one is not.
      access: { read: ({ req }) => roleOf(req.user) !== null },
      admin: {
        description: {
          zh: '差评整改指派给科室负责人；未设置时通知管理员。负责人须同时是该科室的工作人员（账户 → 所属科室）',
          en: 'Rectifications are assigned to the head; without one, admins are told',
        },
      },
    },
    // The day whose list of appointments the office's staff were last sent (the morning job's claim).
    {
      name: 'dailyListSentOn',
      type: 'text',
      admin: { hidden: true },
      access: { read: ({ req }) => roleOf(req.user) === 'admin', create: () => false, update: () => false },
    },
  ],
}
