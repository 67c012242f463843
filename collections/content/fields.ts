import type { Field } from 'payload'
import { reviewHistoryField, reviewSidebarFields } from '../../src/services/review/fields'
import type { Bilingual } from '../../src/shared/bilingual'
import { languageOf } from '../../src/shared/bilingual'
import { MAX_UPLOAD_MB } from '../../src/services/media/check-upload'
import { ARTICLE_TEXT_RULES, WECHAT_LIMITS, checkMaxChars, checkUrl } from '../../src/wechat/limits'

type ValidateOptions = { req?: { i18n?: { language?: string } } }

/**
 * A field validator for WeChat's character limits: the message names the field, the limit, why and
 * the current count, in the admin's language, and Payload shows it on the field itself.
 */
const maxChars =
  (label: Bilingual, max: number, why: Bilingual, required = false) =>
  (value: unknown, options?: ValidateOptions): true | string => {
    const lang = languageOf(options?.req)
    if (required && (typeof value !== 'string' || value.trim() === '')) return lang === 'en' ? `${label.en}: required` : `${label.zh}：不能为空`
    return checkMaxChars(label, value, max, why, lang)
  }

/** A field validator for web addresses (http/https, WeChat's 1 KB), in the admin's language. */
export const webAddress =
  (label: Bilingual) =>
  (value: unknown, options?: ValidateOptions): true | string =>
    checkUrl(label, value, WECHAT_LIMITS.sourceUrlBytes, languageOf(options?.req))

/** The live 「12 / 32 字」 counter under a text input (src/admin/fields/LengthCounter). */
const charCounter = (rule: keyof typeof ARTICLE_TEXT_RULES) => ({
  afterInput: [{ path: '/src/admin/fields/LengthCounter#LengthCounter', clientProps: { max: ARTICLE_TEXT_RULES[rule].max, unit: 'chars', rule } }],
})

const byRule = (rule: keyof typeof ARTICLE_TEXT_RULES, required = false) => {
  const { label, max, why } = ARTICLE_TEXT_RULES[rule]
  return maxChars(label, max, why, required)
}

const PRIORITY_OPTIONS = [
  { value: 'normal', label: { zh: '普通', en: 'Normal' } },
  { value: 'high', label: { zh: '优先', en: 'High' } },
  { value: 'pinned', label: { zh: '置顶（头条）', en: 'Pinned (headline)' } },
]

/**
 * The fields every content type shares: what becomes one WeChat article, its push settings,
 * and the review fields. `typeFields` are the content type's own.
 */
export function contentFields(typeFields: Field[]): Field[] {
  return [
    {
      type: 'tabs',
      tabs: [
        {
          label: { zh: '内容', en: 'Content' },
          fields: [
            {
              name: 'title',
              type: 'text',
              required: true,
              label: { zh: '标题', en: 'Title' },
              admin: {
                description: { zh: `最多 ${WECHAT_LIMITS.titleChars} 个字（微信限制）`, en: `At most ${WECHAT_LIMITS.titleChars} characters (WeChat)` },
                components: charCounter('title'),
              },
              validate: byRule('title', true),
            },
            {
              type: 'row',
              fields: [
                {
                  name: 'author',
                  type: 'text',
                  label: { zh: '作者', en: 'Author' },
                  admin: {
                    description: { zh: `最多 ${WECHAT_LIMITS.authorChars} 个字`, en: `At most ${WECHAT_LIMITS.authorChars} characters` },
                    components: charCounter('author'),
                  },
                  validate: byRule('author'),
                },
                {
                  name: 'community',
                  type: 'relationship',
                  relationTo: 'communities',
                  index: true,
                  label: { zh: '所属社区', en: 'Community' },
                  admin: { description: { zh: '社区编辑的内容自动归属本社区', en: "Editors' items belong to their community" } },
                },
              ],
            },
            {
              name: 'digest',
              type: 'textarea',
              label: { zh: '摘要', en: 'Digest' },
              admin: {
                description: {
                  zh: `最多 ${WECHAT_LIMITS.digestChars} 个字；不填时微信取正文前 54 个字`,
                  en: `At most ${WECHAT_LIMITS.digestChars} characters`,
                },
                components: charCounter('digest'),
              },
              validate: byRule('digest'),
            },
            {
              name: 'cover',
              type: 'upload',
              relationTo: 'media',
              label: { zh: '封面图片', en: 'Cover image' },
              admin: {
                description: {
                  zh: `提交审核前必须上传；JPG、PNG 或 WebP，不超过 ${MAX_UPLOAD_MB} MB；建议 900×383`,
                  en: `Required before submitting; JPG, PNG or WebP up to ${MAX_UPLOAD_MB} MB; 900×383 recommended`,
                },
              },
            },
            { name: 'body', type: 'richText', label: { zh: '正文', en: 'Body' } },
            ...typeFields,
          ],
        },
        {
          label: { zh: '推送设置', en: 'Push settings' },
          fields: [
            {
              name: 'priority',
              type: 'select',
              defaultValue: 'normal',
              index: true,
              options: PRIORITY_OPTIONS,
              label: { zh: '优先级', en: 'Priority' },
            },
            {
              name: 'pushBy',
              type: 'date',
              index: true,
              label: { zh: '最晚推送日期', en: 'Push no later than' },
              admin: {
                date: { pickerAppearance: 'dayOnly', displayFormat: 'yyyy-MM-dd' },
                description: { zh: '过了这一天不再进入每周推送', en: 'After this day the item is no longer pushed' },
              },
            },
            {
              name: 'originalLink',
              type: 'text',
              label: { zh: '原文链接', en: 'Original link' },
              admin: { description: { zh: '"阅读原文"跳转的网址', en: 'Where "Read more" leads' } },
              validate: webAddress({ zh: '原文链接', en: 'Original link' }),
            },
            { name: 'tags', type: 'text', hasMany: true, label: { zh: '标签', en: 'Tags' } },
            {
              name: 'pushedIn',
              type: 'relationship',
              relationTo: 'weekly-pushes',
              index: true,
              label: { zh: '所在推送', en: 'Sent in push' },
              access: { create: () => false, update: () => false },
              admin: { readOnly: true },
            },
            {
              name: 'articleUrl',
              type: 'text',
              label: { zh: '微信文章链接', en: 'WeChat article URL' },
              access: { create: () => false, update: () => false },
              admin: { readOnly: true },
            },
          ],
        },
        {
          label: { zh: '审核记录', en: 'Review history' },
          fields: [reviewHistoryField],
        },
      ],
    },
    ...reviewSidebarFields,
    // 推送数据: the item's figures per account it was pushed in (统计分析; empty until pushed and synced).
    { name: 'pushFigures', type: 'ui', admin: { position: 'sidebar', components: { Field: '/src/admin/analytics/ItemFiguresField#ItemFiguresField' } } },
  ]
}
