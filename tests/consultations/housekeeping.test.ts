/** 微问政's retention: personal data cleared `retentionDays` after the outcome, the public record kept, once. */
import type { Payload } from 'payload'
import { clearExpiredConsultationData } from '../../src/services/consultations/housekeeping'
import { submitSuggestion } from '../../src/services/consultations/submit'
import { REVIEW_TRANSITION_CONTEXT } from '../../src/services/review/hooks'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { createConsultWorld, createTopic, SEPT_30_10AM, type ConsultWorld } from './helpers'

let t: TestPayload
let payload: Payload
let world: ConsultWorld

beforeAll(async () => {
  t = await startTestPayload()
  payload = t.payload
  world = await createConsultWorld(payload, 'hk')
}, 60_000)
afterAll(async () => t?.close())

test('365 days after the outcome the openid, name and phone go; text, state and reply stay; a topic without an outcome is kept', async () => {
  const done = await createTopic(payload, { title: '已公开结果的话题', office: world.office, keyword: null })
  const open = await createTopic(payload, { title: '还在办理的话题', office: world.office, keyword: null })
  const stored: string[] = []
  for (const topicId of [done, open]) {
    const result = await submitSuggestion(payload, {
      topicId,
      openid: `oHousekeeping${topicId.slice(0, 8)}`,
      accountId: null,
      text: '建议保留这段文字',
      name: '孙七',
      phone: '13600001234',
      photos: [],
      source: 'page',
      now: SEPT_30_10AM,
    })
    if (!result.ok) throw new Error(result.message)
    stored.push(result.submissionId)
  }
  const published = Date.parse('2026-10-20T02:00:00Z')
  await payload.update({
    collection: 'consultation-topics',
    id: done,
    context: { [REVIEW_TRANSITION_CONTEXT]: true },
    data: { outcomePublishedAt: new Date(published).toISOString() } as never,
  })
  expect(await clearExpiredConsultationData(payload, published + 364 * 86_400_000)).toBe(0)
  expect(await clearExpiredConsultationData(payload, published + 366 * 86_400_000)).toBe(1)
  const [cleared, kept] = await Promise.all(stored.map((id) => payload.findByID({ collection: 'consultation-submissions', id, depth: 0 })))
  expect(cleared).toMatchObject({
    openid: '（已清除）',
    name: null,
    phone: null,
    nameMasked: '（已清除）',
    phoneMasked: '（已清除）',
    body: '建议保留这段文字',
    status: 'pending',
  })
  expect(cleared!.fingerprint).toBe(`cleared:${stored[0]}`)
  expect(kept).toMatchObject({ name: '孙七', phone: '13600001234' })
  // Again: nothing more to do.
  expect(await clearExpiredConsultationData(payload, published + 367 * 86_400_000)).toBe(0)
})
