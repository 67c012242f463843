import type { Payload } from 'payload'
import { REVIEW_TRANSITION_CONTEXT } from '../../src/services/review/hooks'
import { PASSWORD } from '../helpers/fixtures'

/** Monday 2026-12-07 08:00 Beijing: a plain working week, well inside the calendar's 2026. */
export const MONDAY_8AM = Date.parse('2026-12-07T00:00:00Z')

export interface BookingWorld {
  office: string
  otherOffice: string
  guide: string
  rule: string
  /** Staff of `office`, staff of `otherOffice`, an admin, a leader, an editor with no office. */
  users: Record<'clerk' | 'otherClerk' | 'admin' | 'leader' | 'editor', { id: string; email: string }>
}

/**
 * Two offices, an approved bookable guide of the first with a time limit of 3 working days, and its
 * office's booking rule: Monday–Friday 09:00–11:30 and 14:00–17:00 in one-hour slots of `capacity`.
 */
export async function createBookingWorld(payload: Payload, prefix: string, capacity = 2): Promise<BookingWorld> {
  const office = String((await payload.create({ collection: 'offices', data: { name: `${prefix}民政科` } })).id)
  const otherOffice = String((await payload.create({ collection: 'offices', data: { name: `${prefix}城管科` } })).id)
  const guide = await payload.create({
    collection: 'service-guides',
    context: { [REVIEW_TRANSITION_CONTEXT]: true },
    data: {
      title: `${prefix}居住证明办理`,
      office,
      reviewStatus: 'approved',
      conditions: '本街道居民',
      steps: [{ title: '窗口受理' }],
      timeLimitDays: 3,
      consultPhone: '029-88881234',
      bookable: true,
    } as never,
  })
  const weekly = [1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday: String(weekday), start: '09:00', end: '11:30' },
    { weekday: String(weekday), start: '14:00', end: '17:00' },
  ])
  const rule = await payload.create({ collection: 'booking-rules', data: { name: `${prefix}窗口`, office, weekly, capacity } as never })
  const specs = {
    clerk: { role: 'editor', offices: [office] },
    otherClerk: { role: 'editor', offices: [otherOffice] },
    admin: { role: 'admin' },
    leader: { role: 'leader' },
    editor: { role: 'editor' },
  } as const
  const users = {} as BookingWorld['users']
  const community = await payload.create({ collection: 'communities', data: { name: `${prefix}社区`, code: `${prefix}-c` } })
  for (const [who, spec] of Object.entries(specs) as [keyof typeof specs, (typeof specs)[keyof typeof specs]][]) {
    const email = `${prefix}-${who}@example.test`
    const created = await payload.create({
      collection: 'users',
      data: { email, password: PASSWORD, name: who, ...spec, ...(spec.role === 'editor' ? { community: String(community.id) } : {}) } as never,
    })
    users[who] = { id: String(created.id), email }
  }
  return { office, otherOffice, guide: String(guide.id), rule: String(rule.id), users }
}

/** A resident's valid form. */
export const RESIDENT = { name: '张三丰', mobile: '13812341234', idNumber: '11010519491231002X' }
