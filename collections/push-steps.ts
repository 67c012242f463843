import type { CollectionConfig } from 'payload'
import { isStaff } from '../src/access/roles'

const nobody = () => false

/**
 * The weekly push's step log: one document per entry, created by the system and never updated.
 * Appending creates a row of its own, so any number of schedulers, the callback and people's edits
 * can write entries at the same moment without colliding and without rewriting the push (the log
 * used to be an array on the push, rewritten in full by every append). Shown on the push through
 * its `stepLog` join field; staff read it like the push.
 */
export const PushSteps: CollectionConfig = {
  slug: 'push-steps',
  labels: { singular: { zh: '推送步骤记录', en: 'Push step' }, plural: { zh: '推送步骤记录', en: 'Push steps' } },
  admin: {
    useAsTitle: 'step',
    defaultColumns: ['push', 'step', 'at', 'ok', 'detail'],
    group: { zh: '系统', en: 'System' },
  },
  access: { read: isStaff, create: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'push', type: 'relationship', relationTo: 'weekly-pushes', required: true, index: true, label: { zh: '推送', en: 'Push' } },
    { name: 'step', type: 'text', required: true, label: { zh: '步骤', en: 'Step' } },
    { name: 'at', type: 'date', required: true, label: { zh: '时间', en: 'At' }, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'ok', type: 'checkbox', defaultValue: false, label: { zh: '成功', en: 'OK' } },
    { name: 'detail', type: 'textarea', label: { zh: '详情 / 微信返回', en: 'Detail / WeChat answer' } },
    {
      // The order entries were written in (microseconds since the epoch, strictly increasing within a
      // process): `at` can be a scheduled instant and two entries can share a millisecond.
      name: 'seq',
      type: 'number',
      required: true,
      index: true,
      label: { zh: '顺序', en: 'Order' },
      admin: { hidden: true },
    },
  ],
  timestamps: true,
}
