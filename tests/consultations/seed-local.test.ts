/** The demo's 微问政 (src/seed/demo-consultations.ts): an open topic with suggestions in each state, a closed one with its outcome. */
import type { Payload } from 'payload'
import { seedDemoConsultations } from '../../src/seed/demo-consultations'
import { createAccount } from '../callback/helpers'
import { startTestPayload, type TestPayload } from '../helpers/payload'

let t: TestPayload
let payload: Payload

beforeAll(async () => {
  t = await startTestPayload()
  payload = t.payload
}, 60_000)
afterAll(async () => t?.close())

test('the open topic 小树林噪音治理微征集 (keyword 噪音) with suggestions in every state, the closed topic with a published outcome', async () => {
  await createAccount(payload, {
    appId: 'wxconsultseed00001',
    token: 'seedtoken',
    encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
    messageMode: 'plain',
    isDefault: true,
  } as never)
  const community = await payload.create({ collection: 'communities', data: { name: '西关社区', code: 'xiguan' } })
  const leader = await payload.create({
    collection: 'users',
    data: { email: 'leader@seed.test', password: 'seed-password-1', role: 'leader', name: '领导' },
  })
  await seedDemoConsultations(payload, String(leader.id), String(community.id))

  const topics = await payload.find({ collection: 'consultation-topics', depth: 0, overrideAccess: false })
  const open = topics.docs.find((topic) => topic.title === '小树林噪音治理微征集')
  const closed = topics.docs.find((topic) => topic.title === '背街小巷路灯照明改造征集')
  expect(open).toMatchObject({ keyword: '噪音', reviewStatus: 'approved' })
  expect(open?.outcomePublishedAt ?? null).toBeNull()
  expect(closed?.outcomePublishedAt).toBeTruthy()
  expect(closed?.milestones).toHaveLength(2)
  const submissions = await payload.find({ collection: 'consultation-submissions', depth: 0, limit: 100, where: { topic: { equals: open!.id } } })
  expect(submissions.docs.map((doc) => doc.status).sort()).toEqual(['answered', 'approved', 'approved', 'pending', 'pending', 'rejected'])
  const told = await payload.find({ collection: 'consultation-submissions', depth: 0, where: { topic: { equals: closed!.id } } })
  expect(told.docs.map((doc) => Boolean(doc.outcomeToldAt))).toEqual([true, true])
})
