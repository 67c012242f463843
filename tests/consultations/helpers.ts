import type { Payload } from 'payload'
import { REVIEW_TRANSITION_CONTEXT } from '../../src/services/review/hooks'
import type { CleanPhoto } from '../../src/services/consultations/submit'
import { PASSWORD } from '../helpers/fixtures'

/** Wednesday 2026-09-30 10:00 Beijing: the day before the National Day holiday (10-01..10-07). */
export const SEPT_30_10AM = Date.parse('2026-09-30T02:00:00Z')

export type WorldUser = 'admin' | 'leader' | 'clerk' | 'communityEditor' | 'outsider' | 'author'

export interface ConsultWorld {
  office: string
  otherOffice: string
  communityA: string
  communityB: string
  /** An approved topic of `office` and community A, open 2026-09-01..2026-12-31, keyword 噪音. */
  topic: string
  users: Record<WorldUser, { id: string; email: string; collection: 'users'; role: string }>
}

/**
 * Two offices and two communities; the topic belongs to `office` and community A. Users: an admin, a
 * leader, `clerk` (an editor of community B on the staff of `office`: reads by office, full contact),
 * `communityEditor` (an editor of community A, no office: reads masked), `outsider` (community B, no
 * office: reads nothing), `author` (an editor of community A who writes topics).
 */
export async function createConsultWorld(payload: Payload, prefix: string): Promise<ConsultWorld> {
  const office = String((await payload.create({ collection: 'offices', data: { name: `${prefix}城管科` } })).id)
  const otherOffice = String((await payload.create({ collection: 'offices', data: { name: `${prefix}民政科` } })).id)
  const communityA = String((await payload.create({ collection: 'communities', data: { name: `${prefix}西关社区`, code: `${prefix}-a` } })).id)
  const communityB = String((await payload.create({ collection: 'communities', data: { name: `${prefix}土门社区`, code: `${prefix}-b` } })).id)
  const specs: Record<WorldUser, Record<string, unknown>> = {
    admin: { role: 'admin' },
    leader: { role: 'leader' },
    clerk: { role: 'editor', community: communityB, offices: [office] },
    communityEditor: { role: 'editor', community: communityA },
    outsider: { role: 'editor', community: communityB },
    author: { role: 'editor', community: communityA },
  }
  const users = {} as ConsultWorld['users']
  for (const [who, spec] of Object.entries(specs) as [WorldUser, Record<string, unknown>][]) {
    const email = `${prefix}-${who}@example.test`
    const created = await payload.create({ collection: 'users', data: { email, password: PASSWORD, name: who, ...spec } as never })
    users[who] = { ...created, id: String(created.id), email, collection: 'users' }
  }
  const topic = await createTopic(payload, { office, community: communityA, createdBy: users.author.id, keyword: `${prefix}噪音` })
  return { office, otherOffice, communityA, communityB, topic, users }
}

/** A topic written straight to the database (no hooks: its dates may be in the past), approved unless told. */
export async function createTopic(payload: Payload, data: Record<string, unknown>): Promise<string> {
  const doc = await payload.create({
    collection: 'consultation-topics',
    context: { [REVIEW_TRANSITION_CONTEXT]: true },
    data: {
      title: '小树林噪音治理微征集',
      question: '小树林夜间噪音怎么治理？',
      category: 'governance',
      opensOn: '2026-09-01',
      closesOn: '2026-12-31',
      reviewStatus: 'approved',
      ...data,
    } as never,
  })
  return String(doc.id)
}

/** The 1×1 PNG: a real image for the photo uploads. */
export const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

export const photo = (name = 'p.png'): CleanPhoto => ({
  data: PNG_1X1,
  mimetype: 'image/png',
  filename: name,
  originalFormat: 'heic',
  originalBytes: 2_000_000,
})
