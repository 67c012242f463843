import type { CollectionConfig, Field } from 'payload'
import { apiEndpoints } from '../src/http/api-endpoints'
import { canReadGuides, staffOnlyField } from '../src/services/guides/access'
import { phoneValidator } from '../src/services/guides/phone'
import { checkGuideReadiness, GUIDE_READINESS_REFUSAL } from '../src/services/guides/readiness'
import { canCreateContent, canDeleteContent, canUpdateContent } from '../src/services/review/access'
import { reviewEndpoint } from '../src/services/review/endpoint'
import { reviewHistoryField, reviewSidebarFields } from '../src/services/review/fields'
import { enforceReviewRules } from '../src/services/review/hooks'
import type { ReviewReadiness } from '../src/services/review/reviewed'
import type { Bilingual } from '../src/shared/bilingual'
import { languageOf } from '../src/shared/bilingual'

type ValidateOptions = { req?: { i18n?: { language?: string } } }

const notBlank =
  (label: Bilingual) =>
  (value: unknown, options?: ValidateOptions): true | string => {
    if (typeof value === 'string' && value.trim() !== '') return true
    return languageOf(options?.req) === 'en' ? `${label.en}: required (write 不收费 when free)` : `${label.zh}：不能为空，不收费请填“不收费”`
  }

const wholeNumber =
  (label: Bilingual, min: number) =>
  (value: unknown, options?: ValidateOptions): true | string => {
    if (value == null) return true
    if (typeof value === 'number' && Number.isInteger(value) && value >= min) return true
    return languageOf(options?.req) === 'en' ? `${label.en}: a whole number, at least ${min}` : `${label.zh}：请填写不小于 ${min} 的整数`
  }

const MATTER_CODE = /^[0-9A-Za-z][0-9A-Za-z-]{1,63}$/

/** 所需材料的提交形式 */
const MATERIAL_FORMS = [
  { value: 'original', label: { zh: '原件', en: 'Original' } },
  { value: 'copy', label: { zh: '复印件', en: 'Copy' } },
  { value: 'original-and-copy', label: { zh: '原件和复印件', en: 'Original and copy' } },
]

/**
 * Who wrote, reviewed and approved a guide, and its review history: staff only (residents read
 * approved guides). `reviewStatus` stays readable: residents' queries filter on it.
 */
const staffOnly = (field: Field): Field =>
  'name' in field && field.type !== 'ui' && field.name !== 'reviewStatus' ? ({ ...field, access: { ...field.access, read: staffOnlyField } } as Field) : field

const REVIEW_READINESS: ReviewReadiness = { check: checkGuideReadiness, refusal: GUIDE_READINESS_REFUSAL }

/**
 * 办事指南: how to do one matter at the street office, structured as government guide templates
 * are. Reviewed like the content types (editor → leader, src/services/review) before residents see
 * it; never part of the weekly push. Residents read approved guides only (src/services/guides).
 */
export const ServiceGuides: CollectionConfig = {
  slug: 'service-guides',
  labels: { singular: { zh: '办事指南', en: 'Service guide' }, plural: { zh: '办事指南', en: 'Service guides' } },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'code', 'office', 'reviewStatus', 'updatedAt'],
    listSearchableFields: ['title', 'code'],
    // The edit view's built-in 预览 button (no import map entry) opens the printable 一次性告知书;
    // staff signed in see it before approval too, marked as a preview (src/app/(residents)/README.md).
    preview: (doc) => (doc?.id ? `/m/guides/${String(doc.id)}/notice` : null),
    group: { zh: '办事服务', en: 'Services' },
    description: {
      zh: '居民办事的一次性告知：受理条件、申请材料、办理流程、承诺时限（工作日）。经审核领导审核通过后居民才能看到；不进入每周推送。',
      en: 'What residents need to do a matter: conditions, materials, steps, time limit in working days. Residents see it once a leader approves it; never pushed.',
    },
  },
  access: { read: canReadGuides, create: canCreateContent, update: canUpdateContent, delete: canDeleteContent },
  hooks: { beforeChange: [enforceReviewRules] },
  endpoints: apiEndpoints([reviewEndpoint('service-guides')]),
  custom: { reviewReadiness: REVIEW_READINESS },
  timestamps: true,
  fields: [
    {
      type: 'tabs',
      tabs: [
        {
          label: { zh: '基本信息', en: 'Matter' },
          fields: [
            { name: 'title', type: 'text', required: true, index: true, label: { zh: '事项名称', en: 'Matter name' } },
            {
              type: 'row',
              fields: [
                {
                  name: 'code',
                  type: 'text',
                  index: true,
                  label: { zh: '事项编码', en: 'Matter code' },
                  admin: { description: { zh: '政务服务事项编码（字母、数字和连字符）', en: 'Government service matter code (letters, digits, hyphens)' } },
                  validate: (value: unknown, options?: ValidateOptions) =>
                    value == null || value === '' || (typeof value === 'string' && MATTER_CODE.test(value.trim()))
                      ? true
                      : languageOf(options?.req) === 'en'
                        ? 'Matter code: letters, digits and hyphens, 2–64 characters'
                        : '事项编码：只能用字母、数字和连字符，2–64 位',
                },
                { name: 'office', type: 'relationship', relationTo: 'offices', index: true, label: { zh: '承办科室', en: 'Office' } },
              ],
            },
            {
              name: 'community',
              type: 'relationship',
              relationTo: 'communities',
              index: true,
              label: { zh: '编写社区', en: 'Community' },
              admin: {
                description: {
                  zh: '社区编辑编写的指南自动归属本社区（审核规则同内容）',
                  en: "Editors' guides belong to their community (as content items do)",
                },
              },
            },
            { name: 'legalBasis', type: 'textarea', label: { zh: '设定依据', en: 'Legal basis' } },
            { name: 'conditions', type: 'textarea', label: { zh: '受理条件', en: 'Who may apply' } },
            {
              type: 'row',
              fields: [
                {
                  name: 'timeLimitDays',
                  type: 'number',
                  min: 0,
                  label: { zh: '承诺时限（工作日）', en: 'Time limit (working days)' },
                  admin: { description: { zh: '受理后几个工作日内办结；0 表示即办', en: 'Working days after acceptance; 0 means on the spot' } },
                  validate: wholeNumber({ zh: '承诺时限', en: 'Time limit' }, 0),
                },
                {
                  name: 'fee',
                  type: 'text',
                  required: true,
                  defaultValue: '不收费',
                  label: { zh: '收费标准', en: 'Fee' },
                  validate: notBlank({ zh: '收费标准', en: 'Fee' }),
                },
              ],
            },
            {
              type: 'row',
              fields: [
                { name: 'place', type: 'text', label: { zh: '办理地点', en: 'Place' } },
                {
                  name: 'openingHours',
                  type: 'text',
                  label: { zh: '办理时间', en: 'Opening hours' },
                  admin: { description: { zh: '如：周一至周五 9:00–12:00、14:00–17:30（法定节假日除外）', en: 'E.g. Mon–Fri 9:00–12:00, 14:00–17:30' } },
                },
              ],
            },
            {
              type: 'row',
              fields: [
                {
                  name: 'consultPhone',
                  type: 'text',
                  label: { zh: '咨询电话', en: 'Phone for questions' },
                  validate: phoneValidator({ zh: '咨询电话', en: 'Phone for questions' }),
                },
                {
                  name: 'complaintPhone',
                  type: 'text',
                  label: { zh: '监督投诉电话', en: 'Phone for complaints' },
                  validate: phoneValidator({ zh: '监督投诉电话', en: 'Phone for complaints' }),
                },
              ],
            },
            {
              type: 'row',
              fields: [
                { name: 'bookable', type: 'checkbox', defaultValue: false, label: { zh: '可网上预约', en: 'Can be booked' } },
                { name: 'fullyOnline', type: 'checkbox', defaultValue: false, label: { zh: '全程网办', en: 'Entirely online' } },
                {
                  name: 'bookingNeedsIdNumber',
                  type: 'checkbox',
                  defaultValue: false,
                  label: { zh: '预约须填身份证号', en: 'Booking asks for the ID number' },
                  admin: { description: { zh: '只在办理本事项确需核对身份时勾选', en: 'Only when the matter needs it' } },
                },
              ],
            },
          ],
        },
        {
          label: { zh: '申请材料', en: 'Materials' },
          fields: [
            {
              name: 'materials',
              type: 'array',
              label: { zh: '申请材料', en: 'Required materials' },
              labels: { singular: { zh: '材料', en: 'Material' }, plural: { zh: '申请材料', en: 'Required materials' } },
              fields: [
                { name: 'name', type: 'text', required: true, label: { zh: '材料名称', en: 'Name' } },
                {
                  type: 'row',
                  fields: [
                    {
                      name: 'form',
                      type: 'select',
                      required: true,
                      defaultValue: 'original',
                      options: MATERIAL_FORMS,
                      label: { zh: '原件/复印件', en: 'Original or copy' },
                    },
                    {
                      name: 'copies',
                      type: 'number',
                      required: true,
                      defaultValue: 1,
                      min: 1,
                      label: { zh: '份数', en: 'Copies' },
                      validate: wholeNumber({ zh: '份数', en: 'Copies' }, 1),
                    },
                  ],
                },
                { name: 'notes', type: 'textarea', label: { zh: '备注', en: 'Notes' } },
                {
                  type: 'row',
                  fields: [
                    { name: 'blankForm', type: 'upload', relationTo: 'documents', label: { zh: '空白表格', en: 'Blank form' } },
                    { name: 'sample', type: 'upload', relationTo: 'documents', label: { zh: '填写样表', en: 'Filled sample' } },
                  ],
                },
              ],
            },
          ],
        },
        {
          label: { zh: '办理流程', en: 'Steps' },
          fields: [
            {
              name: 'steps',
              type: 'array',
              label: { zh: '办理流程', en: 'Steps' },
              labels: { singular: { zh: '步骤', en: 'Step' }, plural: { zh: '办理流程', en: 'Steps' } },
              fields: [
                { name: 'title', type: 'text', required: true, label: { zh: '步骤', en: 'Step' } },
                { name: 'description', type: 'textarea', label: { zh: '说明', en: 'Description' } },
              ],
            },
          ],
        },
        {
          label: { zh: '常见问题', en: 'FAQ' },
          fields: [
            {
              name: 'faq',
              type: 'array',
              label: { zh: '常见问题', en: 'FAQ' },
              labels: { singular: { zh: '问答', en: 'Question' }, plural: { zh: '常见问题', en: 'FAQ' } },
              fields: [
                { name: 'question', type: 'text', required: true, label: { zh: '问题', en: 'Question' } },
                { name: 'answer', type: 'textarea', required: true, label: { zh: '解答', en: 'Answer' } },
              ],
            },
          ],
        },
        { label: { zh: '审核记录', en: 'Review history' }, fields: [staffOnly(reviewHistoryField)] },
      ],
    },
    ...reviewSidebarFields.map(staffOnly),
  ],
}
