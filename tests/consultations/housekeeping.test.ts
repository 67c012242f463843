/** 微问政's retention: personal data cleared `retentionDays` after the outcome, the public record kept, once. */
import fs from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'
import { clearExpiredConsultationData, topicsDueWhere } from '../../src/services/consultations/housekeeping'
import { submitSuggestion } from '../../src/services/consultations/submit'
import { REVIEW_TRANSITION_CONTEXT } from '../../src/services/review/hooks'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { createConsultWorld, createTopic, photo, SEPT_30_10AM, type ConsultWorld } from './helpers'

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
    data: { outcomePublishedAt: new Date(published).toISOString() },
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

test('a retention period must be a whole number of days', () => {
  expect(() => topicsDueWhere(SEPT_30_10AM, 0)).toThrow(RangeError)
  expect(() => topicsDueWhere(SEPT_30_10AM, 2.5)).toThrow(RangeError)
})

test('a topic closed without an outcome lapses a year after its close; photos never made public go with their files', async () => {
  const lapsed = await createTopic(payload, { title: '停车难微征集', office: world.office, keyword: null, closesOn: '2026-10-31' })
  const stored: string[] = []
  for (const [n, text] of ['小区门口停车难，建议划线', '晚上车位不够，建议错峰共享'].entries()) {
    const result = await submitSuggestion(payload, {
      topicId: lapsed,
      openid: `oLapsed${n}`,
      accountId: null,
      text,
      name: '周八',
      phone: '13700001234',
      photos: [photo(`lapsed-${n}.png`)],
      source: 'page',
      now: SEPT_30_10AM,
    })
    if (!result.ok) throw new Error(result.message)
    stored.push(result.submissionId)
  }
  // One approved (public, photo kept), one rejected (never public, photo deleted).
  await payload.update({ collection: 'consultation-submissions', id: stored[0]!, data: { status: 'approved' }, overrideAccess: true })
  await payload.update({
    collection: 'consultation-submissions',
    id: stored[1]!,
    data: { status: 'rejected', rejectionReason: '与话题无关' },
    overrideAccess: true,
  })
  const photoOf = async (id: string) => String(((await payload.findByID({ collection: 'consultation-submissions', id, depth: 0 })).photos ?? [])[0])
  const [publicPhoto, privatePhoto] = await Promise.all(stored.map(photoOf))
  const fileOf = async (id: string) =>
    path.join(t.directory, 'consultation-photos', String((await payload.findByID({ collection: 'consultation-photos', id })).filename))
  const privateFile = await fileOf(privatePhoto!)
  expect(fs.existsSync(privateFile)).toBe(true)

  const closed = Date.parse('2026-10-31T04:00:00Z')
  expect(await clearExpiredConsultationData(payload, closed + 364 * 86_400_000)).toBe(0)
  expect(await clearExpiredConsultationData(payload, closed + 366 * 86_400_000)).toBe(2)
  const [kept, gone] = await Promise.all(stored.map((id) => payload.findByID({ collection: 'consultation-submissions', id, depth: 0 })))
  expect(kept).toMatchObject({ openid: '（已清除）', name: null, phone: null, photos: [publicPhoto] })
  expect(gone).toMatchObject({ openid: '（已清除）', name: null, phone: null, photos: [], rejectionReason: '与话题无关' })
  expect((await payload.find({ collection: 'consultation-photos', where: { id: { equals: privatePhoto } }, overrideAccess: true })).totalDocs).toBe(0)
  expect(fs.existsSync(privateFile)).toBe(false)
  expect(fs.existsSync(await fileOf(publicPhoto!))).toBe(true)
})
