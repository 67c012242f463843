/**
 * A 微问政 world for the residents' tests on a real Payload: an office, topics in every phase (open with a
 * cover and a keyword, closed, with a published outcome and before/after photos, a draft, one not open
 * yet), and helpers to store suggestions through submitSuggestion and moderate them as staff would
 * (the status written directly: the moderation endpoint is the staff side's, tested there).
 */
import type { Payload } from 'payload'
import sharp from 'sharp'
import { cleanSuggestionPhoto } from '../../src/services/consultations/photos'
import { settleConsultationAlerts, submitSuggestion } from '../../src/services/consultations/submit'
import { REVIEW_TRANSITION_CONTEXT } from '../../src/services/review/hooks'

/** Monday 2026-12-07 10:00 Beijing. */
export const NOW = Date.parse('2026-12-07T10:00:00+08:00')

export interface TopicWorld {
  office: string
  open: string
  closed: string
  outcome: string
  draft: string
  future: string
  cover: string
  before: string
  after: string
  /** A media image no topic uses. */
  unused: string
}

async function image(payload: Payload, alt: string, color: string): Promise<string> {
  const data = await sharp({ create: { width: 900, height: 383, channels: 3, background: color } })
    .jpeg()
    .toBuffer()
  const doc = await payload.create({
    collection: 'media',
    data: { alt },
    file: { data, mimetype: 'image/jpeg', name: `${alt}.jpg`, size: data.length },
  })
  return String(doc.id)
}

/** Creates a topic (approved unless `reviewStatus` says) through the Local API, as a leader's approval leaves it. */
export async function createTopic(payload: Payload, data: Record<string, unknown>): Promise<string> {
  const doc = await payload.create({
    collection: 'consultation-topics',
    context: { [REVIEW_TRANSITION_CONTEXT]: true },
    data: { category: 'transport', question: '您对小区停车有什么建议？', reviewStatus: 'approved', ...data } as never,
  })
  return String(doc.id)
}

export async function createTopicWorld(payload: Payload, prefix = 't'): Promise<TopicWorld> {
  const office = String((await payload.create({ collection: 'offices', data: { name: `${prefix}城管科` } })).id)
  const cover = await image(payload, `${prefix}封面`, '#3060c0')
  const before = await image(payload, `${prefix}整治前`, '#806040')
  const after = await image(payload, `${prefix}整治后`, '#40a060')
  const unused = await image(payload, `${prefix}无关`, '#000000')
  const open = await createTopic(payload, {
    title: `${prefix}老旧小区停车难`,
    background: '幸福里小区建于 1995 年，车位不足。',
    office,
    opensOn: '2026-12-01',
    closesOn: '2026-12-20',
    keyword: `${prefix}停车`,
    cover,
    pinned: true,
  })
  const closed = await createTopic(payload, { title: `${prefix}菜市场改造`, office, opensOn: '2026-11-01', closesOn: '2026-11-20', category: 'community' })
  const outcome = await createTopic(payload, {
    title: `${prefix}路灯维修`,
    office,
    opensOn: '2026-10-08',
    closesOn: '2026-10-20',
    category: 'municipal',
    statement: `${prefix}共修复路灯 12 盏，感谢居民参与。`,
    milestones: [
      { date: '2026-11-15', text: `${prefix}第二步：更换灯杆`, photosBefore: [], photosAfter: [after] },
      { date: '2026-11-02', text: `${prefix}第一步：排查线路`, photosBefore: [before], photosAfter: [] },
    ],
    outcomePublishedAt: '2026-11-20T02:00:00.000Z',
  })
  const draft = await createTopic(payload, { title: `${prefix}草稿话题`, office, opensOn: '2026-12-01', closesOn: '2026-12-20', reviewStatus: 'draft' })
  const future = await createTopic(payload, { title: `${prefix}明年的话题`, office, opensOn: '2026-12-25', closesOn: '2026-12-31' })
  return { office, open, closed, outcome, draft, future, cover, before, after, unused }
}

/** Stores a suggestion as the page would (photos cleaned first); answers its id. */
export async function suggest(
  payload: Payload,
  topicId: string,
  openid: string,
  text: string,
  extra: { name?: string; phone?: string; photos?: Buffer[]; now?: number } = {},
): Promise<string> {
  const photos = []
  for (const bytes of extra.photos ?? []) {
    const cleaned = await cleanSuggestionPhoto(bytes, 'photo.jpg')
    if (!cleaned.ok) throw new Error(cleaned.message)
    photos.push(cleaned.photo)
  }
  const result = await submitSuggestion(payload, {
    topicId,
    openid,
    accountId: null,
    text,
    name: extra.name ?? null,
    phone: extra.phone ?? null,
    photos,
    source: 'page',
    now: extra.now ?? NOW,
  })
  if (!result.ok) throw new Error(result.message)
  // The staff alert runs after the answer: done before the test goes on, so nothing writes behind it.
  await settleConsultationAlerts(payload)
  return result.submissionId
}

/** Moderates as staff would: approve, reject with a reason, answer with a public reply. */
export async function moderate(payload: Payload, id: string, to: 'approved' | 'rejected' | 'answered', text?: string): Promise<void> {
  const data: Record<string, unknown> = { status: to, moderatedAt: new Date(NOW).toISOString() }
  if (to === 'rejected') data.rejectionReason = text
  if (to === 'answered') Object.assign(data, { reply: text, answeredAt: new Date(NOW + 3600_000).toISOString() })
  await payload.update({ collection: 'consultation-submissions', id, data, overrideAccess: true })
}
