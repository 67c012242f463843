import type { GlobalConfig } from 'payload'
import { isAdmin, isStaff } from '../src/access/roles'
import { APPOINTMENT_SETTINGS_DEFAULTS as D } from '../src/services/appointments/settings'
import { wholeNumberBetween } from './whole-number'

/** 预约设置: the no-show rule and how long residents' personal data is kept after a matter ends. */
export const AppointmentSettingsGlobal: GlobalConfig = {
  slug: 'appointment-settings',
  label: { zh: '预约设置', en: 'Appointment settings' },
  admin: { group: { zh: '办事服务', en: 'Services' } },
  access: { read: isStaff, update: isAdmin },
  fields: [
    {
      type: 'group',
      name: 'noShow',
      label: { zh: '爽约规则', en: 'No-show rule' },
      admin: { description: { zh: '在规定天数内未到达一定次数，暂停网上预约（工作人员仍可代约）', en: 'Blocks online booking; staff can still book' } },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'maxNoShows',
              type: 'number',
              defaultValue: D.noShow.maxNoShows,
              validate: wholeNumberBetween(1, 20),
              label: { zh: '未到次数', en: 'No-shows' },
            },
            {
              name: 'withinDays',
              type: 'number',
              defaultValue: D.noShow.withinDays,
              validate: wholeNumberBetween(1, 366),
              label: { zh: '统计天数', en: 'Within days' },
            },
            {
              name: 'blockDays',
              type: 'number',
              defaultValue: D.noShow.blockDays,
              validate: wholeNumberBetween(1, 366),
              label: { zh: '暂停天数', en: 'Block days' },
            },
          ],
        },
      ],
    },
    {
      name: 'retentionDays',
      type: 'number',
      defaultValue: D.retentionDays,
      validate: wholeNumberBetween(1, 3650),
      label: { zh: '个人信息保存天数', en: 'Keep personal data (days)' },
      admin: {
        description: {
          zh: '事项结束（办结、不予受理、取消、未到）后满这么多天，自动清除姓名、手机号、身份证号和 OpenID，统计数据保留',
          en: 'After a matter ends',
        },
      },
    },
  ],
}
