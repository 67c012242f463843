import type { CollectionConfig } from 'payload'
import { isAdmin } from '../src/access/roles'

const nobody = () => false

/**
 * 时段名额: how many seats of one slot are taken, the counter every booking claims atomically
 * (src/services/appointments/seats.ts). One row per slot key, made at the slot's first booking.
 */
export const SlotSeats: CollectionConfig = {
  slug: 'slot-seats',
  labels: { singular: { zh: '时段名额', en: 'Slot seats' }, plural: { zh: '时段名额', en: 'Slot seats' } },
  admin: { group: { zh: '办事服务', en: 'Services' }, useAsTitle: 'key', defaultColumns: ['key', 'taken', 'capacity'], hidden: true },
  access: { read: isAdmin, create: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'key', type: 'text', required: true, unique: true, label: { zh: '时段', en: 'Slot' } },
    { name: 'date', type: 'text', required: true, index: true, label: { zh: '日期', en: 'Date' } },
    { name: 'taken', type: 'number', required: true, defaultValue: 0, label: { zh: '已约', en: 'Taken' } },
    { name: 'capacity', type: 'number', required: true, label: { zh: '名额（最近一次预约时）', en: 'Capacity (at last booking)' } },
  ],
}
