import type { CollectionConfig, Field } from 'payload'
import { apiEndpoints } from '../../src/http/api-endpoints'
import { canReadSubmissions, personalSubmissionField } from '../../src/services/consultations/access'
import { submissionEndpoints } from './endpoints'
import { MAX_MODERATION_TEXT, SUBMISSION_STATES, SUBMISSION_STATE_LABELS } from '../../src/services/consultations/moderation'
import { characterLimit, MAX_TEXT_LENGTH } from '../../src/services/consultations/submission'

/** The full value, for admins and staff of the handling office only (the masked copy beside it for the rest). */
const personal = (field: Field): Field => ({ ...field, access: { read: personalSubmissionField } }) as Field

/**
 * 居民建议: one resident's suggestion on a topic, from the residents' page or the chat, stored once
 * (`fingerprint` unique), moderated before anything is public (先审后发), answered publicly.
 */
export const ConsultationSubmissions: CollectionConfig = {
  slug: 'consultation-submissions',
  labels: { singular: { zh: '居民建议', en: 'Suggestion' }, plural: { zh: '居民建议', en: 'Suggestions' } },
  admin: {
    useAsTitle: 'excerpt',
    defaultColumns: ['excerpt', 'topic', 'status', 'nameMasked', 'receivedOn', 'replyDeadline'],
    group: { zh: '微问政', en: 'Consultations' },
  },
  // Staff of the topic's community or office, leaders, admins (src/services/consultations/access.ts);
  // written only by the residents' page (submit.ts) and the moderation endpoint.
  access: { read: canReadSubmissions, create: () => false, update: () => false, delete: () => false },
  endpoints: apiEndpoints(submissionEndpoints),
  timestamps: true,
  // Texts are limited in characters (`characterLimit`, code points) as the rules count them, not by
  // `maxLength` (UTF-16 units): else a text with 𠮷 or emoji accepted by the rules fails when stored.
  fields: [
    // The suggestion's text, photos, wait and the moderation buttons (src/admin/consultations/ModerationPanel.tsx).
    { name: 'moderationPanel', type: 'ui', admin: { components: { Field: '/src/admin/consultations/ModerationPanel#ModerationPanel' } } },
    { name: 'topic', type: 'relationship', relationTo: 'consultation-topics', required: true, index: true, label: { zh: '征集话题', en: 'Topic' } },
    // Copied from the topic when stored: who reads the suggestion (community) and its full contact (office).
    { name: 'office', type: 'relationship', relationTo: 'offices', index: true, label: { zh: '承办科室', en: 'Handling office' }, admin: { readOnly: true } },
    { name: 'community', type: 'relationship', relationTo: 'communities', index: true, label: { zh: '社区', en: 'Community' }, admin: { readOnly: true } },
    { name: 'account', type: 'relationship', relationTo: 'wechat-accounts', label: { zh: '公众号', en: 'Account' } },
    personal({ name: 'openid', type: 'text', required: true, index: true, label: { zh: 'OpenID', en: 'OpenID' } }),
    { name: 'openidMasked', type: 'text', label: { zh: 'OpenID（遮盖）', en: 'OpenID (masked)' } },
    // Derived from the openid: guarded like it.
    personal({ name: 'fingerprint', type: 'text', required: true, unique: true, label: { zh: '指纹', en: 'Fingerprint' }, admin: { hidden: true } }),
    {
      name: 'source',
      type: 'select',
      required: true,
      options: [
        { value: 'page', label: { zh: '页面', en: 'Page' } },
        { value: 'chat', label: { zh: '公众号留言', en: 'Chat' } },
      ],
      label: { zh: '来源', en: 'Source' },
    },
    { name: 'body', type: 'textarea', required: true, validate: characterLimit(MAX_TEXT_LENGTH), label: { zh: '建议内容', en: 'Suggestion' } },
    { name: 'excerpt', type: 'text', label: { zh: '摘要', en: 'Excerpt' } },
    { name: 'photos', type: 'upload', relationTo: 'consultation-photos', hasMany: true, maxRows: 6, label: { zh: '照片', en: 'Photos' } },
    personal({ name: 'name', type: 'text', label: { zh: '姓名', en: 'Name' } }),
    { name: 'nameMasked', type: 'text', label: { zh: '姓名（遮盖）', en: 'Name (masked)' } },
    personal({ name: 'phone', type: 'text', label: { zh: '手机号', en: 'Mobile' } }),
    { name: 'phoneMasked', type: 'text', label: { zh: '手机号（遮盖）', en: 'Mobile (masked)' } },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      index: true,
      options: SUBMISSION_STATES.map((value) => ({ value, label: SUBMISSION_STATE_LABELS[value] })),
      label: { zh: '状态', en: 'Status' },
    },
    { name: 'receivedAt', type: 'date', required: true, index: true, label: { zh: '收到时间', en: 'Received at' } },
    { name: 'receivedOn', type: 'text', required: true, label: { zh: '收到日期', en: 'Received on' } },
    { name: 'replyDeadline', type: 'text', index: true, label: { zh: '答复期限', en: 'Reply deadline' } },
    { name: 'deadlineWarning', type: 'text', label: { zh: '期限提示', en: 'Deadline warning' } },
    {
      name: 'rejectionReason',
      type: 'textarea',
      validate: characterLimit(MAX_MODERATION_TEXT),
      label: { zh: '不予采纳理由（仅本人可见）', en: 'Reason (resident only)' },
    },
    { name: 'reply', type: 'textarea', validate: characterLimit(MAX_MODERATION_TEXT), label: { zh: '公开回复', en: 'Public reply' } },
    { name: 'answeredAt', type: 'date', label: { zh: '回复时间', en: 'Answered at' } },
    { name: 'moderatedBy', type: 'relationship', relationTo: 'users', label: { zh: '审核人', en: 'Moderated by' } },
    { name: 'moderatedAt', type: 'date', label: { zh: '审核时间', en: 'Moderated at' } },
    { name: 'outcomeToldAt', type: 'date', label: { zh: '已告知结果', en: 'Told of the outcome' } },
    // Set when the resident's openid, name and phone were cleared (src/services/consultations/housekeeping.ts).
    { name: 'personalDataClearedAt', type: 'date', index: true, label: { zh: '个人信息已清除', en: 'Personal data cleared at' }, admin: { readOnly: true } },
    // Set when the name, phone and photos of a withdrawn (at once) or rejected (30 days on) suggestion were cleared.
    { name: 'contactClearedAt', type: 'date', index: true, label: { zh: '联系方式已清除', en: 'Contact cleared at' }, admin: { readOnly: true } },
  ],
}
