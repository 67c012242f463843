import type { CollectionConfig, Field } from 'payload'
import { hiddenUnlessServingOffices } from '../../src/services/appointments/access'
import { readRatings, ratingPersonalField } from '../../src/services/ratings/access'
import { RATING_LEVELS, RATING_LEVEL_INFO } from '../../src/services/ratings/levels'
import { apiEndpoints } from '../../src/http/api-endpoints'
import { ratingEndpoints } from './endpoints'

const nobody = () => false
/** Written by src/services/ratings/rate.ts only: nobody (admins included) creates, edits or deletes a rating through the API. */
const systemOnly = { create: nobody, update: nobody }

const readOnlyField = (field: Field): Field => ({ ...field, access: { ...systemOnly, ...('access' in field ? field.access : {}) } }) as Field

/**
 * 评价 (好差评): one rating per matter (`ratingKey`, unique), given by the resident on the residents'
 * pages after an appointment closed or a consultation reply was published. Ratings cannot be edited
 * by staff (国办发〔2019〕51号: the rating is the resident's); the only staff action is approving the
 * comment for the public page, through `POST /api/ratings/:id/approve-comment` (admins, leaders).
 */
export const Ratings: CollectionConfig = {
  slug: 'ratings',
  labels: { singular: { zh: '评价', en: 'Rating' }, plural: { zh: '好差评', en: 'Ratings' } },
  admin: {
    useAsTitle: 'ratingKey',
    hidden: hiddenUnlessServingOffices,
    group: { zh: '好差评', en: 'Ratings' },
    defaultColumns: ['ratedAt', 'level', 'office', 'guide', 'reasons', 'commentApproved', 'openidMasked'],
  },
  access: { read: readRatings, create: nobody, update: nobody, delete: nobody },
  endpoints: apiEndpoints(ratingEndpoints),
  fields: [
    // 批准公开意见 for admins and leaders (src/admin/ratings/CommentApproval.tsx → the endpoint below).
    { name: 'commentApproval', type: 'ui', admin: { components: { Field: '/src/admin/ratings/CommentApproval#CommentApproval' } } },
    ...[
      {
        name: 'targetKind',
        type: 'select',
        required: true,
        options: [
          { value: 'appointment', label: { zh: '预约办事', en: 'Appointment' } },
          { value: 'reply', label: { zh: '咨询答复', en: 'Consultation reply' } },
        ],
        label: { zh: '评价对象', en: 'Rated' },
      },
      { name: 'targetId', type: 'text', required: true, index: true, label: { zh: '对象编号', en: 'Target id' } },
      // One rating per matter: the database decides under concurrency (rate.ts).
      { name: 'ratingKey', type: 'text', required: true, unique: true, label: { zh: '评价键', en: 'Rating key' }, admin: { hidden: true } },
      {
        name: 'level',
        type: 'select',
        required: true,
        index: true,
        options: RATING_LEVELS.map((value) => ({ value, label: { zh: RATING_LEVEL_INFO[value].zh, en: RATING_LEVEL_INFO[value].en } })),
        label: { zh: '满意程度', en: 'Level' },
      },
      { name: 'reasons', type: 'text', hasMany: true, label: { zh: '原因', en: 'Reasons' } },
      { name: 'comment', type: 'textarea', label: { zh: '意见', en: 'Comment' } },
      {
        name: 'commentApproved',
        type: 'checkbox',
        defaultValue: false,
        label: { zh: '意见已批准公开', en: 'Comment approved for publication' },
        admin: { description: { zh: '由管理员或审核领导点击上方「批准公开意见」设置', en: 'Set by admins or leaders with the button above' } },
      },
      { name: 'commentApprovedBy', type: 'relationship', relationTo: 'users', label: { zh: '批准人', en: 'Approved by' } },
      { name: 'commentApprovedAt', type: 'date', label: { zh: '批准时间', en: 'Approved at' } },
      { name: 'office', type: 'relationship', relationTo: 'offices', required: true, index: true, label: { zh: '被评价科室', en: 'Office' } },
      { name: 'guide', type: 'relationship', relationTo: 'service-guides', index: true, label: { zh: '事项', en: 'Guide' } },
      { name: 'account', type: 'relationship', relationTo: 'wechat-accounts', label: { zh: '公众号', en: 'Account' } },
      { name: 'openidMasked', type: 'text', label: { zh: '居民（脱敏）', en: 'Resident (masked)' } },
      { name: 'ratedAt', type: 'date', required: true, index: true, label: { zh: '评价时间', en: 'Rated at' } },
      { name: 'openidClearedAt', type: 'date', label: { zh: 'OpenID 清除时间', en: 'Openid cleared' }, admin: { hidden: true } },
    ].map((field) => readOnlyField(field as Field)),
    {
      name: 'openid',
      type: 'text',
      index: true,
      access: { ...systemOnly, read: ratingPersonalField },
      label: { zh: '居民 OpenID（仅被评价科室和管理员可见）', en: 'Resident openid (office staff and admins only)' },
      admin: { disableListColumn: true, disableListFilter: true },
    },
  ],
}
