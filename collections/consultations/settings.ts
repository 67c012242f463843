import type { GlobalConfig } from 'payload'
import { isAdmin, isStaff } from '../../src/access/roles'
import { wholeNumberBetween } from '../whole-number'

/** 微问政设置: the reply deadline and the residents' rate limits. */
export const ConsultationSettingsGlobal: GlobalConfig = {
  slug: 'consultation-settings',
  label: { zh: '微问政设置', en: 'Consultation settings' },
  admin: { group: { zh: '微问政', en: 'Consultations' } },
  access: { read: isStaff, update: isAdmin },
  fields: [
    {
      name: 'replyWorkingDays',
      type: 'number',
      defaultValue: 5,
      validate: wholeNumberBetween(1, 15),
      label: { zh: '答复期限（工作日）', en: 'Reply deadline (working days)' },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'maxPerHour',
          type: 'number',
          defaultValue: 5,
          validate: wholeNumberBetween(1, 100),
          label: { zh: '每人每小时最多建议数', en: 'Per resident per hour' },
        },
        {
          name: 'maxPerDay',
          type: 'number',
          defaultValue: 20,
          validate: wholeNumberBetween(1, 500),
          label: { zh: '每人每天最多建议数', en: 'Per resident per day' },
        },
      ],
    },
    {
      name: 'retentionDays',
      type: 'number',
      defaultValue: 365,
      validate: wholeNumberBetween(30, 3650),
      label: { zh: '个人信息保留天数（结果公开后）', en: 'Keep personal data for (days after the outcome)' },
    },
  ],
}
