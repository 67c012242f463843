import { DEMO_ACCOUNTS, seedDemo } from '../src/seed/demo'
import { DEMO_CLERK } from '../src/seed/demo-services'
import { REVIEW_STATES } from '../src/services/review/state-machine'
import { startTestPayload, type TestPayload } from './helpers/payload'

let t: TestPayload
beforeAll(async () => {
  t = await startTestPayload()
})
afterAll(async () => t?.close())

test('the demo seed creates the accounts and items in every review state, once', async () => {
  expect(await seedDemo(t.payload)).toBe(true)
  const users = await t.payload.find({ collection: 'users', limit: 10 })
  expect(users.docs.map((user) => user.email).sort()).toEqual([...DEMO_ACCOUNTS.map((a) => a.email), DEMO_CLERK.email].sort())
  const states = new Set<string>()
  let total = 0
  for (const collection of ['articles', 'policy-explainers', 'community-news'] as const) {
    const found = await t.payload.find({ collection, limit: 100, depth: 0 })
    total += found.totalDocs
    found.docs.forEach((doc) => states.add(String(doc.reviewStatus)))
  }
  expect(total).toBeGreaterThanOrEqual(18)
  expect([...states].sort()).toEqual([...REVIEW_STATES].sort())
  // 办事服务: approved guides residents can read, bookable ones with a rule.
  const guides = await t.payload.find({ collection: 'service-guides', where: { reviewStatus: { equals: 'approved' } }, depth: 0 })
  expect(guides.totalDocs).toBe(4)
  expect(guides.docs.filter((guide) => guide.bookable)).toHaveLength(3)
  expect((await t.payload.count({ collection: 'booking-rules' })).totalDocs).toBe(2)
  // A second run leaves a database with users alone.
  expect(await seedDemo(t.payload)).toBe(false)
  const media = await t.payload.find({ collection: 'media', limit: 1 })
  expect(media.docs[0].mimeType).toBe('image/jpeg')
})
