import type { Access, CollectionConfig, Where } from 'payload'
import { idOf, roleOf } from '../src/access/roles'
import { hiddenUnlessServingOffices, officesOf, readBookingRules } from '../src/services/appointments/access'
import { storedRuleProblems, type StoredBookingRule } from '../src/services/appointments/booking-rules'
import { minutesOf, SLOT_DEFAULTS } from '../src/services/appointments/slots'
import { ApiError } from '../src/http/api-error'
import { WEEKDAY_OPTIONS } from './weekday-options'

/** A Beijing wall-clock time `HH:MM` (24:00 allowed as an end), read as the slots read it (`minutesOf`). */
const hhmm = (value: unknown): true | string =>
  value == null || value === '' || (typeof value === 'string' && minutesOf(value) !== null)
    ? true
    : `时间格式应为 HH:MM（北京时间，如 09:00），当前为“${String(value)}”`

/** Admins write every rule; staff of an office write its rules (capacity, closures). */
const writeOwnOffice: Access = ({ req }) => {
  if (roleOf(req.user) === 'admin') return true
  const offices = officesOf(req.user)
  const own: Where = { office: { in: offices } }
  return offices.length > 0 ? own : false
}

/** Creating needs to serve some office (which one the hook checks: create access cannot be a query). */
const createForAnOffice: Access = ({ req }) => roleOf(req.user) === 'admin' || officesOf(req.user).length > 0

/**
 * 预约规则: when a guide (or every guide of an office) can be booked — the weekly opening hours cut
 * into slots, residents per slot, how far ahead, the cut-off, and closures staff add. China's public
 * holidays and make-up working days come from the calendar (src/services/calendar), not from here.
 */
export const BookingRules: CollectionConfig = {
  slug: 'booking-rules',
  labels: { singular: { zh: '预约规则', en: 'Booking rule' }, plural: { zh: '预约规则', en: 'Booking rules' } },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'office', 'guide', 'capacity', 'daysAhead'],
    hidden: hiddenUnlessServingOffices,
    group: { zh: '办事服务', en: 'Services' },
    description: {
      zh: '一个科室一条规则适用于其全部可预约事项；某个事项另有安排时，再为该事项单独建一条（优先）。法定节假日和调休上班日自动按国务院通知处理。',
      en: "One rule per office applies to all its bookable guides; a rule naming a guide overrides it. Public holidays and make-up working days follow the State Council's notice.",
    },
  },
  access: { read: readBookingRules, create: createForAnOffice, update: writeOwnOffice, delete: writeOwnOffice },
  hooks: {
    beforeValidate: [
      async ({ data, originalDoc, req }) => {
        const merged = { ...(originalDoc ?? {}), ...(data ?? {}) } as StoredBookingRule
        // Create access cannot be a query (Payload answers a `Where` with "allowed"): the office is checked here.
        if (req.user && roleOf(req.user) !== 'admin' && !officesOf(req.user).includes(idOf(merged.office) ?? '')) {
          throw new ApiError(403, 'forbidden', '只能为自己所在科室设置预约规则')
        }
        const problems = storedRuleProblems(merged)
        if (problems.length > 0) throw new ApiError(400, 'invalid-booking-rule', `预约规则有误：${problems.join('；')}`, { problems })
        const guideId = idOf(merged.guide)
        // One rule per office (for all its guides) and one per guide: which rule applies is never a guess.
        const same = await req.payload.find({
          collection: 'booking-rules',
          where: {
            and: [
              { office: { equals: idOf(merged.office) } },
              guideId ? { guide: { equals: guideId } } : { guide: { exists: false } },
              ...(originalDoc?.id ? [{ id: { not_equals: originalDoc.id } }] : []),
            ],
          },
          limit: 1,
          depth: 0,
          overrideAccess: true,
          req,
        })
        if (same.docs.length > 0) {
          throw new ApiError(
            409,
            'duplicate-booking-rule',
            guideId ? '这个事项已有单独的预约规则，请修改那一条' : '这个科室已有预约规则，请修改那一条（某个事项另有安排时，可为该事项单独建一条）',
          )
        }
        if (guideId) {
          const guide = await req.payload.findByID({ collection: 'service-guides', id: guideId, depth: 0, req, overrideAccess: true, draft: true })
          if (idOf(guide.office) !== idOf(merged.office)) throw new ApiError(400, 'invalid-booking-rule', '预约规则的科室须与所选事项的承办科室一致')
        }
        return data
      },
    ],
  },
  fields: [
    {
      name: 'name',
      type: 'text',
      required: true,
      label: { zh: '规则名称', en: 'Name' },
      admin: { description: { zh: '如：民政科窗口', en: 'E.g. civil affairs window' } },
    },
    {
      type: 'row',
      fields: [
        { name: 'office', type: 'relationship', relationTo: 'offices', required: true, index: true, label: { zh: '科室', en: 'Office' } },
        {
          name: 'guide',
          type: 'relationship',
          relationTo: 'service-guides',
          index: true,
          label: { zh: '仅适用于事项', en: 'Only for guide' },
          admin: { description: { zh: '留空：适用于该科室全部可预约事项', en: "Empty: all the office's bookable guides" } },
        },
      ],
    },
    {
      name: 'weekly',
      type: 'array',
      label: { zh: '每周开放时间', en: 'Weekly opening hours' },
      labels: { singular: { zh: '开放时间', en: 'Opening' }, plural: { zh: '开放时间', en: 'Openings' } },
      admin: { description: { zh: '如周一至周五 09:00–11:30、14:00–17:00，每段一行；按“每个时段分钟数”切分', en: 'One row per range' } },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'weekday', type: 'select', required: true, options: WEEKDAY_OPTIONS, label: { zh: '星期', en: 'Weekday' } },
            { name: 'start', type: 'text', required: true, validate: hhmm, label: { zh: '开始', en: 'Start' } },
            { name: 'end', type: 'text', required: true, validate: hhmm, label: { zh: '结束', en: 'End' } },
          ],
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'slotMinutes',
          type: 'number',
          defaultValue: SLOT_DEFAULTS.slotMinutes,
          min: 5,
          label: { zh: '每个时段分钟数', en: 'Slot minutes' },
          // Seats are counted per slot (its start and end): new slot times start new counts.
          admin: {
            description: {
              zh: '改动时段长度或开放时间后，新时段的名额重新计算，不含已按旧时段预约的人数：请在没有预约的日期生效',
              en: 'New slot times count their seats afresh, without bookings made under the old ones',
            },
          },
        },
        { name: 'capacity', type: 'number', required: true, defaultValue: 5, min: 1, label: { zh: '每个时段可预约人数', en: 'Residents per slot' } },
        {
          name: 'daysAhead',
          type: 'number',
          defaultValue: SLOT_DEFAULTS.daysAhead,
          min: 0,
          max: 60,
          label: { zh: '可提前预约工作日数', en: 'Working days ahead' },
        },
        {
          name: 'cutoffMinutes',
          type: 'number',
          defaultValue: SLOT_DEFAULTS.cutoffMinutes,
          min: 0,
          label: { zh: '提前截止（分钟）', en: 'Cut-off (minutes)' },
          admin: { description: { zh: '时段开始前多少分钟停止网上预约和网上取消', en: 'Online booking and cancelling close this long before a slot' } },
        },
      ],
    },
    {
      name: 'makeupDayPattern',
      type: 'select',
      options: WEEKDAY_OPTIONS.slice(0, 5),
      defaultValue: String(SLOT_DEFAULTS.makeupDayPattern),
      label: { zh: '调休上班日按哪天的时间开放', en: 'Make-up working days follow' },
      admin: { description: { zh: '国务院通知只写“上班”，默认按周一的开放时间', en: "The notice only says 'work'; Monday's hours by default" } },
    },
    {
      name: 'closures',
      type: 'array',
      label: { zh: '闭馆安排', en: 'Closures' },
      labels: { singular: { zh: '闭馆', en: 'Closure' }, plural: { zh: '闭馆', en: 'Closures' } },
      admin: {
        description: { zh: '临时停办（培训、系统升级等）；已预约的居民不会被自动取消，请逐一联系', en: 'Existing bookings are not cancelled automatically' },
      },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'date', type: 'text', required: true, label: { zh: '开始日期', en: 'From' }, admin: { placeholder: '2026-12-01' } },
            { name: 'endDate', type: 'text', label: { zh: '结束日期（含）', en: 'To (inclusive)' } },
            { name: 'start', type: 'text', validate: hhmm, label: { zh: '每天从', en: 'Daily from' } },
            { name: 'end', type: 'text', validate: hhmm, label: { zh: '到', en: 'to' } },
          ],
        },
        { name: 'reason', type: 'text', label: { zh: '原因', en: 'Reason' } },
      ],
    },
  ],
}
