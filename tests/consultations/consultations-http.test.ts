/**
 * 微问政 through Payload's own REST and GraphQL handlers on a plain HTTP server, with real logins: who
 * reads topics (drafts never public) and suggestions (contact in full for the handling office and
 * admins only, masked for the rest, nothing for other staff or the public), that nothing is written
 * through the collections' API, and the moderation endpoint's answers.
 */
import type { Payload } from 'payload'
import { submitSuggestion } from '../../src/services/consultations/submit'
import { PASSWORD } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { startPayloadHttp, type PayloadHttp } from '../helpers/payload-http'
import { api, graphql, login, type Session } from '../helpers/server'
import { createConsultWorld, createTopic, photo, SEPT_30_10AM, type ConsultWorld, type WorldUser } from './helpers'

let env: TestPayload
let payload: Payload
let http: PayloadHttp
let url: string
let world: ConsultWorld
let submission: string
const as = {} as Record<WorldUser, Session>
const VIEWERS = ['admin', 'clerk', 'leader', 'communityEditor', 'outsider', null] as const

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  http = await startPayloadHttp()
  url = http.url
  world = await createConsultWorld(payload, 'ch')
  for (const who of Object.keys(world.users) as WorldUser[]) as[who] = await login(url, world.users[who].email, PASSWORD)
  const stored = await submitSuggestion(payload, {
    topicId: world.topic,
    openid: 'oHTTPresident000000000000001',
    accountId: null,
    text: '建议在小树林设置夜间安静时段',
    name: '王小明',
    phone: '13700001111',
    photos: [photo()],
    source: 'page',
    now: SEPT_30_10AM,
  })
  if (!stored.ok) throw new Error('not stored')
  submission = stored.submissionId
}, 120_000)
afterAll(async () => {
  await http?.close()
  await env?.close()
})

const session = (who: WorldUser | null) => (who ? as[who] : null)

/** What REST answers for the suggestion: null when it is not listed (403 or not among the docs). */
async function restView(who: WorldUser | null) {
  const answer = await api(url, session(who), 'GET', `/api/consultation-submissions?where[id][equals]=${submission}&depth=0`)
  if (answer.status === 403) return null
  expect(answer.status).toBe(200)
  const doc = answer.body.docs[0]
  return doc ? { name: doc.name ?? null, phone: doc.phone ?? null, openid: doc.openid ? 'full' : null, nameMasked: doc.nameMasked } : null
}

async function graphqlView(who: WorldUser | null) {
  const answer = await graphql(
    url,
    session(who),
    'query($id: String) { ConsultationSubmissions(where: { id: { equals: $id } }) { docs { name phone openid nameMasked } } }',
    { id: submission },
  )
  const docs = answer.body.data?.ConsultationSubmissions?.docs
  if (answer.body.errors && who !== null && who !== 'outsider') throw new Error(JSON.stringify(answer.body.errors))
  if (!docs) return null
  const doc = docs[0]
  return doc ? { name: doc.name ?? null, phone: doc.phone ?? null, openid: doc.openid ? 'full' : null, nameMasked: doc.nameMasked } : null
}

const FULL = { name: '王小明', phone: '13700001111', openid: 'full', nameMasked: '王**' }
const MASKED = { name: null, phone: null, openid: null, nameMasked: '王**' }
const EXPECTED = { admin: FULL, clerk: FULL, leader: MASKED, communityEditor: MASKED, outsider: null, anonymous: null }

test('REST: the contact in full for the handling office and admins, masked for the community and leaders, nothing for others', async () => {
  const seen: Record<string, unknown> = {}
  for (const who of VIEWERS) seen[who ?? 'anonymous'] = await restView(who)
  expect(seen).toEqual(EXPECTED)
  expect((await api(url, null, 'GET', `/api/consultation-submissions/${submission}`)).status).toBe(403)
  const photos = await api(url, as.outsider, 'GET', `/api/consultation-photos?where[submission][equals]=${submission}`)
  expect(photos.status === 403 || photos.body.totalDocs === 0).toBe(true)
  expect((await api(url, as.clerk, 'GET', `/api/consultation-photos?where[submission][equals]=${submission}`)).body.totalDocs).toBe(1)
  // Nobody filters by what they may not read.
  expect((await api(url, as.leader, 'GET', `/api/consultation-submissions?where[phone][equals]=13700001111`)).status).toBe(400)
})

test('GraphQL: the same', async () => {
  const seen: Record<string, unknown> = {}
  for (const who of VIEWERS) seen[who ?? 'anonymous'] = await graphqlView(who)
  expect(seen).toEqual(EXPECTED)
})

test('nothing is written through the collections’ API, not even by an admin', async () => {
  expect(
    (await api(url, as.admin, 'POST', '/api/consultation-submissions', { topic: world.topic, body: 'x', openid: 'o', fingerprint: 'f', source: 'page' }))
      .status,
  ).toBe(403)
  expect((await api(url, as.admin, 'PATCH', `/api/consultation-submissions/${submission}`, { status: 'approved' })).status).toBe(403)
  expect((await api(url, as.admin, 'DELETE', `/api/consultation-submissions/${submission}`)).status).toBe(403)
  const mutation = await graphql(url, as.admin, 'mutation($id: String!) { updateConsultationSubmission(id: $id, data: { status: approved }) { id } }', {
    id: submission,
  })
  expect(mutation.body.errors?.[0]?.extensions?.statusCode ?? mutation.body.errors?.[0]?.message).toBeTruthy()
  expect((await payload.findByID({ collection: 'consultation-submissions', id: submission, depth: 0 })).status).toBe('pending')
})

test('moderation through POST /:id/moderate: 401 anonymous, 404 unreadable, 403 another community’s reader, then approve and a conflict', async () => {
  const moderate = (who: WorldUser | null, body: Record<string, unknown>) =>
    api(url, session(who), 'POST', `/api/consultation-submissions/${submission}/moderate`, body)
  expect((await moderate(null, { action: 'approve' })).status).toBe(401)
  expect((await moderate('outsider', { action: 'approve' })).status).toBe(404)
  const rejected = await moderate('clerk', { action: 'reject' })
  expect(rejected.status).toBe(400)
  expect(rejected.body.errors[0]).toMatchObject({ code: 'text-required', message: expect.stringContaining('理由') })
  const approved = await moderate('communityEditor', { action: 'approve' })
  expect(approved.status).toBe(200)
  expect(approved.body.doc).toMatchObject({ status: 'approved', nameMasked: '王**' })
  expect(approved.body.doc.name).toBeUndefined()
  const again = await moderate('leader', { action: 'approve' })
  expect(again.status).toBe(409)
  expect(again.body.errors[0].code).toBe('invalid-transition')
  const answered = await moderate('clerk', { action: 'answer', text: '已采纳，十月起执行。' })
  expect(answered.body.doc).toMatchObject({ status: 'answered', reply: '已采纳，十月起执行。', name: '王小明' })
})

test('topics: the public reads approved ones only, without who wrote them; drafts are 404; the outcome endpoints want staff', async () => {
  const draft = await createTopic(payload, { title: '草稿话题', office: world.office, reviewStatus: 'draft', createdBy: world.users.author.id })
  const list = await api(url, null, 'GET', `/api/consultation-topics?where[id][in]=${draft},${world.topic}&depth=0`)
  expect(list.body.docs.map((doc: { id: string }) => String(doc.id))).toEqual([world.topic])
  expect(list.body.docs[0].createdBy).toBeUndefined()
  expect(list.body.docs[0].reviewStatus).toBe('approved')
  expect((await api(url, null, 'GET', `/api/consultation-topics/${draft}`)).status).toBe(404)
  const graph = await graphql(url, null, 'query { ConsultationTopics(limit: 100) { docs { id title } } }')
  expect(graph.body.data.ConsultationTopics.docs.map((doc: { id: string }) => String(doc.id))).not.toContain(draft)
  expect((await api(url, as.outsider, 'GET', `/api/consultation-topics/${draft}`)).status).toBe(404)
  expect((await api(url, as.author, 'GET', `/api/consultation-topics/${draft}`)).status).toBe(200)
  expect((await api(url, null, 'POST', `/api/consultation-topics/${world.topic}/publish-outcome`, {})).status).toBe(401)
  expect((await api(url, as.outsider, 'POST', `/api/consultation-topics/${world.topic}/publish-outcome`, {})).status).toBe(403)
  const incomplete = await api(url, as.clerk, 'POST', `/api/consultation-topics/${world.topic}/publish-outcome`, {})
  expect(incomplete.status).toBe(400)
  expect(incomplete.body.errors[0].message).toContain('请填写结果说明')
  expect((await api(url, as.clerk, 'POST', `/api/consultation-topics/${world.topic}/outcome-article`, {})).status).toBe(409)
  // An editor cannot approve their own topic through REST either.
  expect((await api(url, as.author, 'POST', `/api/consultation-topics/${draft}/review`, { action: 'approve' })).status).toBe(403)
})

test('topics: the public does not list an approved topic before its open date (REST, GraphQL); staff do', async () => {
  const announced = await createTopic(payload, { title: '明年的话题', office: world.office, keyword: null, opensOn: '2099-01-01', closesOn: '2099-02-01' })
  const list = await api(url, null, 'GET', `/api/consultation-topics?where[id][in]=${announced},${world.topic}&depth=0`)
  expect(list.body.docs.map((doc: { id: string }) => String(doc.id))).toEqual([world.topic])
  expect((await api(url, null, 'GET', `/api/consultation-topics/${announced}`)).status).toBe(404)
  const graph = await graphql(url, null, 'query { ConsultationTopics(limit: 100) { docs { id } } }')
  const ids = graph.body.data.ConsultationTopics.docs.map((doc: { id: string }) => String(doc.id))
  expect(ids).toContain(world.topic)
  expect(ids).not.toContain(announced)
  expect((await api(url, as.outsider, 'GET', `/api/consultation-topics/${announced}`)).status).toBe(200)
})
