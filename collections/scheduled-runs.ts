import type { CollectionConfig } from 'payload'
import { isAdmin } from '../src/access/roles'

const nobody = () => false

/**
 * Once-a-day scheduled work claimed in the database (the nightly backup: src/services/backup/claim.ts):
 * one row per job, whose `day` a scheduler moves to today with one compare-and-set, so of several
 * schedulers exactly one runs the job each day. Written by the schedulers only; admins read the
 * last run, its outcome and message.
 */
export const ScheduledRuns: CollectionConfig = {
  slug: 'scheduled-runs',
  labels: { singular: { zh: '计划任务', en: 'Scheduled run' }, plural: { zh: '计划任务', en: 'Scheduled runs' } },
  admin: { useAsTitle: 'job', group: { zh: '系统', en: 'System' }, defaultColumns: ['job', 'day', 'outcome', 'finishedAt', 'message'] },
  access: { read: isAdmin, create: nobody, update: nobody, delete: isAdmin },
  lockDocuments: false,
  fields: [
    { name: 'job', type: 'text', required: true, unique: true, index: true, label: { zh: '任务', en: 'Job' } },
    { name: 'day', type: 'text', required: true, label: { zh: '最近一次（北京日期）', en: 'Last day (Beijing)' } },
    { name: 'owner', type: 'text', label: { zh: '执行进程', en: 'Run by' } },
    {
      name: 'outcome',
      type: 'select',
      options: [
        { value: 'running', label: { zh: '进行中', en: 'Running' } },
        { value: 'done', label: { zh: '成功', en: 'Done' } },
        { value: 'failed', label: { zh: '失败', en: 'Failed' } },
      ],
      label: { zh: '结果', en: 'Outcome' },
    },
    { name: 'startedAt', type: 'date', label: { zh: '开始', en: 'Started' }, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'finishedAt', type: 'date', label: { zh: '结束', en: 'Finished' }, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'message', type: 'text', label: { zh: '说明', en: 'Message' } },
  ],
  timestamps: true,
}
