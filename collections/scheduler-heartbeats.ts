import type { CollectionConfig } from 'payload'
import { isAdmin } from '../src/access/roles'

const nobody = () => false
const dayAndTime = { date: { pickerAppearance: 'dayAndTime' as const, displayFormat: 'yyyy-MM-dd HH:mm' } }

/**
 * One row per running scheduler process (`npm run worker`), beaten every minute
 * (src/services/health/heartbeat.ts). A process that stops cleanly deletes its row; a row whose
 * beat is older than 3 minutes is a process that died, and the health check says so. Rows older
 * than a day are pruned by the beats of the others.
 */
export const SchedulerHeartbeats: CollectionConfig = {
  slug: 'scheduler-heartbeats',
  labels: { singular: { zh: '调度进程心跳', en: 'Scheduler heartbeat' }, plural: { zh: '调度进程心跳', en: 'Scheduler heartbeats' } },
  admin: { group: { zh: '系统', en: 'System' }, useAsTitle: 'processId', defaultColumns: ['processId', 'startedAt', 'lastBeatAt'] },
  access: { read: isAdmin, create: nobody, update: nobody, delete: nobody },
  fields: [
    // `<hostname>-<pid>`: the owner name the worker also claims its work with.
    { name: 'processId', type: 'text', required: true, unique: true, index: true, label: { zh: '进程', en: 'Process' } },
    { name: 'hostname', type: 'text', label: { zh: '主机名', en: 'Host name' } },
    { name: 'pid', type: 'number', label: 'PID' },
    { name: 'startedAt', type: 'date', required: true, label: { zh: '启动时间', en: 'Started at' }, admin: dayAndTime },
    { name: 'lastBeatAt', type: 'date', required: true, index: true, label: { zh: '最近心跳', en: 'Last beat' }, admin: dayAndTime },
    // The names of the jobs the process schedules (weekly-push, health-check, …).
    { name: 'jobs', type: 'json', label: { zh: '运行的任务', en: 'Jobs' } },
  ],
  timestamps: true,
}
