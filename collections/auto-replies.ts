import type { CollectionConfig } from 'payload'
import { apiEndpoints } from '../src/http/api-endpoints'
import { isLeaderOrAdmin, isStaff } from '../src/access/roles'
import { validateRegexPattern } from '../src/services/auto-reply/safe-regex'
import { tryAutoReplyEndpoint } from '../src/services/auto-reply/try-auto-reply'

type Sibling = Record<string, unknown> | undefined
type Options = { siblingData: Sibling; data?: Sibling; req?: { i18n?: { language?: string } } }
const en = (options: Options) => options?.req?.i18n?.language === 'en'

/**
 * Passive replies to residents: a welcome on follow, keyword replies to text, and a default.
 * Chosen by src/services/auto-reply/auto-reply.ts (`matchAutoReply`); they speak for the office, so
 * only leaders and administrators change them.
 */
export const AutoReplies: CollectionConfig = {
  slug: 'auto-replies',
  labels: { singular: { zh: '自动回复', en: 'Auto-reply' }, plural: { zh: '自动回复', en: 'Auto-replies' } },
  admin: {
    useAsTitle: 'name',
    group: { zh: '微信', en: 'WeChat' },
    defaultColumns: ['name', 'kind', 'keyword', 'priority', 'enabled'],
  },
  access: { read: isStaff, create: isLeaderOrAdmin, update: isLeaderOrAdmin, delete: isLeaderOrAdmin },
  endpoints: apiEndpoints([tryAutoReplyEndpoint]),
  fields: [
    {
      name: 'tryRule',
      type: 'ui',
      label: { zh: '试一试', en: 'Try it' },
      admin: { components: { Field: '/src/admin/auto-reply/TryAutoReply#TryAutoReply' } },
    },
    { name: 'name', type: 'text', required: true, label: { zh: '名称', en: 'Name' } },
    {
      name: 'account',
      type: 'relationship',
      relationTo: 'wechat-accounts',
      label: { zh: '公众号（留空则适用于所有公众号）', en: 'Account (empty: all accounts)' },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'kind',
          type: 'select',
          required: true,
          defaultValue: 'keyword',
          label: { zh: '类型', en: 'Kind' },
          options: [
            { value: 'welcome', label: { zh: '关注时欢迎语', en: 'Welcome (on follow)' } },
            { value: 'keyword', label: { zh: '关键词回复', en: 'Keyword' } },
            { value: 'default', label: { zh: '默认回复', en: 'Default' } },
          ],
        },
        { name: 'priority', type: 'number', defaultValue: 0, label: { zh: '优先级（数字越大越先匹配）', en: 'Priority (larger first)' } },
        { name: 'enabled', type: 'checkbox', defaultValue: true, label: { zh: '启用', en: 'Enabled' } },
      ],
    },
    {
      type: 'row',
      admin: { condition: (_data, sibling: Sibling) => sibling?.kind === 'keyword' },
      fields: [
        {
          name: 'match',
          type: 'select',
          defaultValue: 'exact',
          label: { zh: '匹配方式', en: 'Match' },
          options: [
            { value: 'exact', label: { zh: '完全匹配', en: 'Exact' } },
            { value: 'contains', label: { zh: '包含', en: 'Contains' } },
            { value: 'regex', label: { zh: '正则表达式', en: 'Regular expression' } },
          ],
        },
        {
          name: 'keyword',
          type: 'text',
          label: { zh: '关键词', en: 'Keyword' },
          validate: (value: unknown, options: Options) => {
            const { siblingData } = options
            if (siblingData?.kind !== 'keyword') return true
            if (siblingData.match === 'regex') return validateRegexPattern(value)
            return typeof value === 'string' && value.trim() !== ''
              ? true
              : en(options)
                ? 'Keyword: required for a keyword reply'
                : '关键词：关键词回复必须填写关键词'
          },
        },
      ],
    },
    {
      name: 'replyType',
      type: 'select',
      required: true,
      defaultValue: 'text',
      label: { zh: '回复内容', en: 'Reply as' },
      options: [
        { value: 'text', label: { zh: '文字', en: 'Text' } },
        { value: 'news', label: { zh: '图文链接', en: 'Article link' } },
        { value: 'image', label: { zh: '图片（media_id）', en: 'Image (media_id)' } },
      ],
    },
    {
      name: 'text',
      type: 'textarea',
      maxLength: 600,
      label: { zh: '回复文字', en: 'Text' },
      admin: { condition: (_data, sibling: Sibling) => sibling?.replyType === 'text' },
      validate: (value: unknown, options: Options) => {
        if (options.siblingData?.replyType !== 'text') return true
        if (typeof value !== 'string' || value.trim() === '') return en(options) ? 'Text: required for a text reply' : '回复文字：文字回复必须填写'
        const count = Array.from(value).length
        if (count > 600) return en(options) ? `Text: at most 600 characters; now ${count}` : `回复文字：最多 600 个字，当前 ${count} 个字`
        return true
      },
    },
    {
      name: 'article',
      type: 'group',
      label: { zh: '图文链接', en: 'Article link' },
      admin: { condition: (_data, sibling: Sibling) => sibling?.replyType === 'news' },
      fields: [
        { name: 'title', type: 'text', maxLength: 64, label: { zh: '标题', en: 'Title' } },
        { name: 'description', type: 'text', maxLength: 120, label: { zh: '摘要', en: 'Description' } },
        {
          name: 'url',
          type: 'text',
          label: { zh: '链接', en: 'URL' },
          validate: (value: unknown, options: Options) =>
            options.data?.replyType !== 'news' || (typeof value === 'string' && /^https:\/\/\S+$/.test(value))
              ? true
              : en(options)
                ? 'Link: an address starting with https'
                : '链接：请填写以 https 开头的网址',
        },
        { name: 'picUrl', type: 'text', label: { zh: '封面图片链接', en: 'Picture URL' } },
      ],
    },
    {
      name: 'mediaId',
      type: 'text',
      label: { zh: '图片素材 media_id', en: 'Image media_id' },
      admin: { condition: (_data, sibling: Sibling) => sibling?.replyType === 'image' },
      validate: (value: unknown, options: Options) =>
        options.siblingData?.replyType !== 'image' || (typeof value === 'string' && value.trim() !== '')
          ? true
          : en(options)
            ? 'Image media_id: required for an image reply'
            : '图片素材 media_id：图片回复必须填写',
    },
  ],
  timestamps: true,
}
