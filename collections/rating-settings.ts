import type { Field, GlobalConfig } from 'payload'
import { isAdmin, isStaff } from '../src/access/roles'
import { DEFAULT_REASONS, RATING_LEVELS, RATING_LEVEL_INFO } from '../src/services/ratings/levels'
import { DEFAULT_RECTIFICATION_DAYS, MAX_RECTIFICATION_DAYS } from '../src/services/ratings/rectification'
import { RATING_SETTINGS_DEFAULTS } from '../src/services/ratings/settings'
import { wholeNumberBetween } from './whole-number'

/** 好差评设置: the reasons residents may tick per level, the time to rectify a 差评, how long a rating's openid is kept. */
export const RatingSettingsGlobal: GlobalConfig = {
  slug: 'rating-settings',
  label: { zh: '好差评设置', en: 'Rating settings' },
  admin: { group: { zh: '好差评', en: 'Ratings' } },
  access: { read: isStaff, update: isAdmin },
  fields: [
    {
      type: 'group',
      name: 'reasons',
      label: { zh: '可选原因（按满意程度）', en: 'Reasons per level' },
      admin: { description: { zh: '群众评价时可勾选的原因；某一级留空则使用默认原因', en: 'Empty: the defaults' } },
      fields: RATING_LEVELS.map((level): Field => ({
        name: level,
        type: 'text',
        hasMany: true,
        defaultValue: [...DEFAULT_REASONS[level]],
        label: { zh: RATING_LEVEL_INFO[level].zh, en: RATING_LEVEL_INFO[level].en },
      })),
    },
    {
      name: 'rectificationDays',
      type: 'number',
      defaultValue: DEFAULT_RECTIFICATION_DAYS,
      validate: wholeNumberBetween(1, MAX_RECTIFICATION_DAYS),
      label: { zh: '差评整改期限（工作日）', en: 'Days to rectify (working days)' },
      admin: { description: { zh: '默认 5 个工作日；国办发〔2019〕51号规定实名差评最长 15 个工作日', en: 'Default 5; at most 15' } },
    },
    {
      name: 'retentionDays',
      type: 'number',
      defaultValue: RATING_SETTINGS_DEFAULTS.retentionDays,
      validate: wholeNumberBetween(1, 3650),
      label: { zh: 'OpenID 保存天数', en: 'Keep the openid (days)' },
      admin: { description: { zh: '评价满这么多天且整改已结束后，自动清除评价上的 OpenID，统计数据保留', en: 'After which the openid is cleared' } },
    },
  ],
}
