import type { CollectionConfig } from 'payload'
import { isAdmin } from '../../src/access/roles'

const nobody = () => false

/**
 * 建议频率计数: how many suggestions one resident sent in one Beijing clock hour or day, the counter
 * every suggestion claims atomically before it is stored (src/services/consultations/rate-limit.ts).
 * One row per window and resident, keyed by a hash of the openid (no openid stored); deleted by the
 * daily housekeeping once its window is over.
 */
export const ConsultationRateCounters: CollectionConfig = {
  slug: 'consultation-rate-counters',
  labels: { singular: { zh: '建议频率计数', en: 'Suggestion rate counter' }, plural: { zh: '建议频率计数', en: 'Suggestion rate counters' } },
  admin: { group: { zh: '微问政', en: 'Consultations' }, useAsTitle: 'key', defaultColumns: ['key', 'used', 'expiresAt'], hidden: true },
  access: { read: isAdmin, create: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'key', type: 'text', required: true, unique: true, label: { zh: '时段与居民', en: 'Window and resident' } },
    { name: 'used', type: 'number', required: true, defaultValue: 0, label: { zh: '已提交', en: 'Used' } },
    { name: 'expiresAt', type: 'date', required: true, index: true, label: { zh: '到期', en: 'Expires at' } },
  ],
}
