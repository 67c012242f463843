import type { CollectionConfig } from 'payload'
import { isAdmin } from '../../src/access/roles'

const nobody = () => false
const dayAndTime = { date: { pickerAppearance: 'dayAndTime' as const, displayFormat: 'yyyy-MM-dd HH:mm' } }

/**
 * The notification state of each health check (运行状态), one row per check id: whether the admins
 * were told it is red, and when. Claimed by compare-and-set on `state` (src/services/health/alerts.ts),
 * so two schedulers evaluating at once tell the admins once.
 */
export const HealthAlerts: CollectionConfig = {
  slug: 'health-alerts',
  labels: { singular: { zh: '运行状态告警', en: 'Health alert' }, plural: { zh: '运行状态告警', en: 'Health alerts' } },
  admin: { group: { zh: '系统', en: 'System' }, useAsTitle: 'checkId', defaultColumns: ['checkId', 'title', 'state', 'redSince', 'notifiedAt'] },
  access: { read: isAdmin, create: nobody, update: nobody, delete: isAdmin },
  fields: [
    { name: 'checkId', type: 'text', required: true, unique: true, index: true, label: { zh: '检查项', en: 'Check' } },
    { name: 'title', type: 'text', label: { zh: '名称', en: 'Title' } },
    {
      name: 'state',
      type: 'select',
      required: true,
      defaultValue: 'ok',
      index: true,
      label: { zh: '状态', en: 'State' },
      options: [
        { value: 'ok', label: { zh: '正常（或注意）', en: 'OK (or warning)' } },
        { value: 'red', label: { zh: '故障（已通知）', en: 'Red (notified)' } },
      ],
    },
    { name: 'redSince', type: 'date', label: { zh: '故障开始', en: 'Red since' }, admin: dayAndTime },
    { name: 'notifiedAt', type: 'date', label: { zh: '最近通知', en: 'Last notified' }, admin: dayAndTime },
    { name: 'recoveredAt', type: 'date', label: { zh: '恢复时间', en: 'Recovered at' }, admin: dayAndTime },
    { name: 'detail', type: 'text', label: { zh: '说明', en: 'Detail' } },
  ],
  timestamps: true,
}
