import type { CollectionConfig, Field } from 'payload'
import { apiEndpoints } from '../../src/http/api-endpoints'
import { canReadTopics, canUpdateTopics, nobody, staffOnlyField } from '../../src/services/consultations/access'
import { topicEndpoints } from './endpoints'
import { refuseDeletingTopicWithSuggestions, TOPIC_REVIEW_READINESS, topicBeforeChange } from '../../src/services/consultations/topic-rules'
import { TOPIC_CATEGORIES, TOPIC_CATEGORY_LABELS } from '../../src/services/consultations/topic-window'
import { MAX_MILESTONE_TEXT, MAX_STATEMENT_LENGTH } from '../../src/services/consultations/outcome'
import { characterLimit } from '../../src/services/consultations/submission'
import { canCreateContent, canDeleteContent } from '../../src/services/review/access'
import { reviewEndpoint } from '../../src/services/review/endpoint'
import { reviewHistoryField, reviewSidebarFields } from '../../src/services/review/fields'

// Every text is limited in characters (code points, `characterLimit`) as validateOutcome and the pages
// count them, not by `maxLength` (UTF-16 units, which counts 𠮷 or an emoji twice).
const milestoneFields: Field[] = [
  {
    type: 'row',
    fields: [
      { name: 'date', type: 'text', required: true, label: { zh: '日期', en: 'Date' }, admin: { placeholder: 'YYYY-MM-DD', width: '30%' } },
      { name: 'text', type: 'textarea', required: true, validate: characterLimit(MAX_MILESTONE_TEXT), label: { zh: '做了什么', en: 'What was done' } },
    ],
  },
  { name: 'photosBefore', type: 'upload', relationTo: 'media', hasMany: true, maxRows: 6, label: { zh: '整治前照片', en: 'Before' } },
  { name: 'photosAfter', type: 'upload', relationTo: 'media', hasMany: true, maxRows: 6, label: { zh: '整治后照片', en: 'After' } },
]

/**
 * Who wrote, reviewed and approved a topic, and its review history: staff only (anyone reads approved
 * topics). `reviewStatus` stays readable: residents' queries filter on it.
 */
const staffOnly = (field: Field): Field =>
  'name' in field && field.type !== 'ui' && field.name !== 'reviewStatus' ? ({ ...field, access: { ...field.access, read: staffOnlyField } } as Field) : field

/** Set by the endpoints only (publish-outcome, outcome-article, call-article, pin). */
const setByEndpoint = { create: nobody, update: nobody }

/**
 * 征集话题: a question the office puts to residents (微问政), open between two Beijing dates, answered
 * by suggestions from the residents' page or the chat (by its keyword), and closed by a published
 * outcome (结果公开). The rules: src/services/consultations.
 */
export const ConsultationTopics: CollectionConfig = {
  slug: 'consultation-topics',
  labels: { singular: { zh: '征集话题', en: 'Consultation topic' }, plural: { zh: '征集话题', en: 'Consultation topics' } },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'category', 'opensOn', 'closesOn', 'updatedAt'],
    listSearchableFields: ['title', 'keyword'],
    group: { zh: '微问政', en: 'Consultations' },
  },
  // Reviewed like the service guides (src/services/review); anyone reads approved topics only.
  access: { read: canReadTopics, create: canCreateContent, update: canUpdateTopics, delete: canDeleteContent },
  // A topic with suggestions is not deleted (topic-rules.ts says why): no orphan suggestion.
  hooks: { beforeChange: [topicBeforeChange], beforeDelete: [refuseDeletingTopicWithSuggestions] },
  endpoints: apiEndpoints([reviewEndpoint('consultation-topics'), ...topicEndpoints]),
  custom: { reviewReadiness: TOPIC_REVIEW_READINESS },
  timestamps: true,
  fields: [
    {
      type: 'tabs',
      tabs: [
        {
          label: { zh: '话题', en: 'Topic' },
          fields: [
            { name: 'title', type: 'text', required: true, validate: characterLimit(64), label: { zh: '标题', en: 'Title' } },
            { name: 'question', type: 'textarea', required: true, validate: characterLimit(500), label: { zh: '征集的问题', en: 'Question' } },
            { name: 'background', type: 'textarea', validate: characterLimit(3000), label: { zh: '背景介绍', en: 'Background' } },
            {
              type: 'row',
              fields: [
                {
                  name: 'category',
                  type: 'select',
                  required: true,
                  label: { zh: '类别', en: 'Category' },
                  options: TOPIC_CATEGORIES.map((value) => ({ value, label: TOPIC_CATEGORY_LABELS[value] })),
                },
                { name: 'community', type: 'relationship', relationTo: 'communities', label: { zh: '社区', en: 'Community' } },
                { name: 'office', type: 'relationship', relationTo: 'offices', required: true, label: { zh: '承办科室', en: 'Handling office' } },
              ],
            },
            {
              type: 'row',
              fields: [
                { name: 'opensOn', type: 'text', required: true, index: true, label: { zh: '开始日期', en: 'Opens on' }, admin: { placeholder: 'YYYY-MM-DD' } },
                {
                  name: 'closesOn',
                  type: 'text',
                  required: true,
                  index: true,
                  label: { zh: '截止日期', en: 'Closes on' },
                  admin: { placeholder: 'YYYY-MM-DD' },
                },
                { name: 'keyword', type: 'text', index: true, label: { zh: '留言关键词', en: 'Chat keyword' } },
              ],
            },
            { name: 'cover', type: 'upload', relationTo: 'media', label: { zh: '封面图', en: 'Cover' } },
            {
              name: 'pinned',
              type: 'checkbox',
              defaultValue: false,
              access: setByEndpoint,
              admin: { readOnly: true },
              label: { zh: '置顶到「微·服务」菜单', en: 'Pinned in the 微·服务 menu' },
            },
            {
              name: 'callArticle',
              type: 'relationship',
              relationTo: 'articles',
              access: setByEndpoint,
              label: { zh: '征集文章', en: 'Call article' },
              admin: { readOnly: true },
            },
          ],
        },
        {
          label: { zh: '结果公开', en: 'Outcome' },
          fields: [
            { name: 'milestones', type: 'array', label: { zh: '办理进展', en: 'Milestones' }, fields: milestoneFields },
            { name: 'statement', type: 'textarea', validate: characterLimit(MAX_STATEMENT_LENGTH), label: { zh: '结果说明', en: 'Closing statement' } },
            {
              name: 'outcomePublishedAt',
              type: 'date',
              index: true,
              access: setByEndpoint,
              label: { zh: '结果公开时间', en: 'Outcome published at' },
              admin: { readOnly: true },
            },
            {
              name: 'outcomeArticle',
              type: 'relationship',
              relationTo: 'articles',
              access: setByEndpoint,
              label: { zh: '结果文章', en: 'Outcome article' },
              admin: { readOnly: true },
            },
          ],
        },
        { label: { zh: '审核记录', en: 'Review history' }, fields: [staffOnly(reviewHistoryField)] },
      ],
    },
    ...reviewSidebarFields.map(staffOnly),
    // 征集文章, 置顶, 公开结果, 结果文章 (src/admin/consultations/TopicActions.tsx → the topic's endpoints).
    {
      name: 'topicActions',
      type: 'ui',
      label: { zh: '微问政操作', en: 'Consultation actions' },
      admin: { position: 'sidebar', components: { Field: '/src/admin/consultations/TopicActions#TopicActions' } },
    },
  ],
}
