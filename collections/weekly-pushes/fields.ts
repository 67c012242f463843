import type { Field } from 'payload'

const nobody = () => false
const systemOnly = { create: nobody, update: nobody }

/**
 * What WeChat said and when, kept for every step so a person can follow what happened: the entries
 * live in `push-steps` (append-only, one document each, so concurrent writers never collide) and
 * are shown here through a join, oldest first. Read-only: nothing creates entries from the push form.
 */
export const stepLogField: Field = {
  name: 'stepLog',
  type: 'join',
  collection: 'push-steps',
  on: 'push',
  label: { zh: '步骤记录', en: 'Step log' },
  defaultSort: 'seq',
  defaultLimit: 50,
  maxDepth: 0,
  admin: { allowCreate: false, defaultColumns: ['step', 'at', 'ok', 'detail'] },
}

export const wechatIdsField: Field = {
  name: 'wechat',
  type: 'group',
  label: { zh: '微信编号', en: 'WeChat ids' },
  access: systemOnly,
  admin: { readOnly: true },
  fields: [
    { name: 'clientmsgid', type: 'text', label: 'clientmsgid' },
    { name: 'draftMediaId', type: 'text', label: { zh: '草稿 media_id', en: 'Draft media_id' } },
    { name: 'msgId', type: 'text', label: 'msg_id', index: true },
    { name: 'msgDataId', type: 'text', label: 'msg_data_id' },
    { name: 'sendRequestedAt', type: 'date', label: { zh: '请求群发时间', en: 'Send requested at' } },
    { name: 'sentAt', type: 'date', label: { zh: '群发提交时间', en: 'Submitted at' } },
  ],
}

export const resultField: Field = {
  name: 'result',
  type: 'group',
  label: { zh: '群发结果', en: 'Result' },
  access: systemOnly,
  admin: { readOnly: true },
  fields: [
    { name: 'statusText', type: 'text', label: { zh: '微信状态', en: 'WeChat status' } },
    { name: 'meaning', type: 'text', label: { zh: '说明', en: 'Meaning' } },
    {
      type: 'row',
      fields: [
        { name: 'totalCount', type: 'number', label: { zh: '粉丝总数', en: 'Total' } },
        { name: 'filterCount', type: 'number', label: { zh: '过滤后', en: 'After filter' } },
        { name: 'sentCount', type: 'number', label: { zh: '发送成功', en: 'Sent' } },
        { name: 'errorCount', type: 'number', label: { zh: '发送失败', en: 'Errors' } },
      ],
    },
    { name: 'finishedAt', type: 'date', label: { zh: '完成时间', en: 'Finished at' } },
  ],
}

export const previewsField: Field = {
  name: 'previews',
  type: 'array',
  label: { zh: '已发送预览', en: 'Previews sent' },
  access: systemOnly,
  admin: { readOnly: true, initCollapsed: true },
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'user', type: 'relationship', relationTo: 'users', label: { zh: '接收人', en: 'To' } },
        { name: 'at', type: 'date', label: { zh: '时间', en: 'At' } },
        { name: 'msgId', type: 'text', label: 'msg_id' },
        { name: 'error', type: 'text', label: { zh: '错误', en: 'Error' } },
      ],
    },
  ],
}

export const systemOnlyAccess = systemOnly
