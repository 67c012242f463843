/**
 * 微问政's clearing of residents' data on the test's SQLite file: a year (the setting) after a topic's
 * outcome was published — or after it closed without one — the suggestions lose name, mobile and
 * openid, the photos never made public are deleted with their files, the template messages lose their
 * openid; the public record (text, public photos, reply) stays, and other topics are untouched.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'
import sharp from 'sharp'
import { CLEARED_MARK, clearEndedConsultationData, topicsDueWhere } from '../../src/services/consultations/housekeeping'
import { DAY_MS } from '../../src/shared/time'
import { startTestPayload, type TestPayload } from '../helpers/payload'

let env: TestPayload
let payload: Payload
let office: string
beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  office = String((await payload.create({ collection: 'offices', data: { name: '城市管理科' }, overrideAccess: true })).id)
}, 120_000)
afterAll(async () => env?.close())

const NOW = Date.parse('2027-03-01T02:00:00Z')

async function topic(title: string, closesOn: string, outcomePublishedAt?: string): Promise<string> {
  const doc = await payload.create({
    collection: 'consultation-topics',
    overrideAccess: true,
    data: {
      title,
      question: '您有什么建议？',
      category: 'governance',
      office,
      opensOn: '2025-01-01',
      closesOn,
      ...(outcomePublishedAt ? { outcomePublishedAt } : {}),
    },
  })
  return String(doc.id)
}

async function photo(): Promise<string> {
  const data = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#3a3' } })
    .jpeg()
    .toBuffer()
  const doc = await payload.create({
    collection: 'consultation-photos',
    overrideAccess: true,
    data: {},
    file: { data, mimetype: 'image/jpeg', name: 'p.jpg', size: data.length },
  })
  return String(doc.id)
}

let seq = 0
async function suggestion(topicId: string, status: string, photos: string[] = []): Promise<string> {
  seq++
  const doc = await payload.create({
    collection: 'consultation-submissions',
    overrideAccess: true,
    data: {
      topic: topicId,
      openid: `o-hk-${seq}`,
      openidMasked: 'o-hk****',
      fingerprint: `fp-${seq}`,
      source: 'page',
      body: `建议 ${seq}：小树林晚上太吵`,
      photos,
      name: '张三丰',
      nameMasked: '张**',
      phone: '13812341234',
      phoneMasked: '138****1234',
      status: status as 'pending',
      receivedAt: '2025-06-01T02:00:00Z',
      receivedOn: '2025-06-01',
      reply: status === 'answered' ? '已加装隔音屏' : null,
    },
  })
  return String(doc.id)
}

test('a retention period must be a whole number of days', () => {
  expect(() => topicsDueWhere(NOW, 0)).toThrow(RangeError)
  expect(() => topicsDueWhere(NOW, 2.5)).toThrow(RangeError)
})

test('a year after the outcome (or the close without one) the residents’ data goes; the public record stays', async () => {
  const ended = await topic('小树林噪音治理', '2025-12-31', new Date(NOW - 366 * DAY_MS).toISOString())
  const lapsed = await topic('停车难', '2026-02-27')
  const recent = await topic('垃圾分类', '2026-12-31', new Date(NOW - 100 * DAY_MS).toISOString())

  const publicPhoto = await photo()
  const privatePhoto = await photo()
  const answered = await suggestion(ended, 'answered', [publicPhoto])
  const rejected = await suggestion(ended, 'rejected', [privatePhoto])
  const lapsedOne = await suggestion(lapsed, 'pending')
  const kept = await suggestion(recent, 'approved')
  const privateFile = path.join(
    env.directory,
    'consultation-photos',
    String((await payload.findByID({ collection: 'consultation-photos', id: privatePhoto })).filename),
  )
  expect(fs.existsSync(privateFile)).toBe(true)
  await payload.create({
    collection: 'resident-notices',
    overrideAccess: true,
    data: {
      clientMsgId: `topic:${ended}:outcome:x`,
      kind: 'done',
      openid: 'o-hk-1',
      openidMasked: 'o-hk****',
      relatedCollection: 'consultation-topics',
      relatedId: ended,
      status: 'sent',
    },
  })

  expect(await clearEndedConsultationData(payload, NOW)).toBe(3)
  expect(await clearEndedConsultationData(payload, NOW)).toBe(0)

  const after = async (id: string) => payload.findByID({ collection: 'consultation-submissions', id, depth: 0, overrideAccess: true })
  for (const id of [answered, rejected, lapsedOne]) {
    expect(await after(id)).toMatchObject({
      openid: CLEARED_MARK,
      openidMasked: CLEARED_MARK,
      name: null,
      phone: null,
      nameMasked: CLEARED_MARK,
      phoneMasked: CLEARED_MARK,
    })
  }
  // The public record: text, reply and public photo kept; the never-public photo and its file gone.
  expect(await after(answered)).toMatchObject({ body: expect.stringContaining('小树林'), reply: '已加装隔音屏', photos: [publicPhoto] })
  expect((await after(rejected)).photos).toEqual([])
  expect((await payload.find({ collection: 'consultation-photos', where: { id: { equals: privatePhoto } }, overrideAccess: true })).totalDocs).toBe(0)
  expect(fs.existsSync(privateFile)).toBe(false)
  // A topic whose outcome is only 100 days old keeps everything.
  expect(await after(kept)).toMatchObject({ openid: expect.stringMatching(/^o-hk-/), name: '张三丰', phone: '13812341234' })
  const notices = await payload.find({ collection: 'resident-notices', where: { relatedId: { equals: ended } }, overrideAccess: true })
  expect(notices.docs[0]).toMatchObject({ openid: CLEARED_MARK, openidMasked: CLEARED_MARK })
})
