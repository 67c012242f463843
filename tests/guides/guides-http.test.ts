/**
 * The guides' access through Payload's own REST and GraphQL handlers (the same `handleEndpoints`
 * and GRAPHQL_POST the Next routes call) on a plain HTTP server over the test's SQLite file, with
 * real logins: residents (no session) see approved guides only, and the files of approved guides only.
 */
import type { Payload } from 'payload'
import { REVIEW_TRANSITION_CONTEXT } from '../../src/services/review/hooks'
import { createFixtures, PASSWORD } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { api, graphql, login, type Session } from '../helpers/server'
import { startPayloadHttp, type PayloadHttp } from '../helpers/payload-http'

let env: TestPayload
let payload: Payload
let http: PayloadHttp
let url: string
let office: string
const as = {} as Record<'admin' | 'leader' | 'author' | 'outsider', Session>

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  http = await startPayloadHttp()
  url = http.url
  await createFixtures(payload, 'h')
  for (const who of ['admin', 'leader', 'author', 'outsider'] as const) as[who] = await login(url, `h-${who}@example.test`, PASSWORD)
  office = String((await payload.create({ collection: 'offices', data: { name: '社区服务科' } })).id)
}, 120_000)
afterAll(async () => {
  await http?.close()
  await env?.close()
})

const COMPLETE = { conditions: '本街道居民', steps: [{ title: '窗口受理' }], timeLimitDays: 3, consultPhone: '029-88881234' }
const restSees = async (session: Session | null, id: string) =>
  (await api(url, session, 'GET', `/api/service-guides?where[id][equals]=${id}&depth=0`)).body.totalDocs === 1
const graphqlSees = async (session: Session | null, id: string) => {
  const result = await graphql(url, session, 'query($id: String) { ServiceGuides(where: { id: { equals: $id } }) { totalDocs } }', { id })
  if (result.body.errors) throw new Error(JSON.stringify(result.body.errors))
  return result.body.data.ServiceGuides.totalDocs === 1
}

test('REST and GraphQL: an editor writes, the leader approves, residents read it only then and without the staff fields', async () => {
  const created = await api(url, as.author, 'POST', '/api/service-guides', { title: '门牌证明', office, reviewStatus: 'approved', ...COMPLETE })
  expect(created.status).toBe(201)
  const id = String(created.body.doc.id)
  expect(created.body.doc.reviewStatus).toBe('draft')
  expect([await restSees(null, id), await graphqlSees(null, id)]).toEqual([false, false])
  expect((await api(url, null, 'GET', `/api/service-guides/${id}`)).status).toBe(404)
  expect([await restSees(as.outsider, id), await graphqlSees(as.outsider, id)]).toEqual([false, false])

  expect((await api(url, as.author, 'POST', `/api/service-guides/${id}/review`, { action: 'submit' })).body.doc.reviewStatus).toBe('submitted')
  expect((await api(url, as.author, 'POST', `/api/service-guides/${id}/review`, { action: 'approve' })).status).toBe(403)
  expect(await restSees(null, id)).toBe(false)
  const approved = await graphql(
    url,
    as.leader,
    'mutation($id: String!) { reviewContent(collection: service_guides, id: $id, action: approve) { collection reviewStatus title } }',
    { id },
  )
  expect(approved.body.data.reviewContent).toEqual({ collection: 'service-guides', reviewStatus: 'approved', title: '门牌证明' })

  expect([await restSees(null, id), await graphqlSees(null, id), await restSees(as.outsider, id)]).toEqual([true, true, true])
  const rest = (await api(url, null, 'GET', `/api/service-guides/${id}?depth=1`)).body
  expect(rest).toMatchObject({ title: '门牌证明', fee: '不收费', office: { name: '社区服务科' } })
  for (const hidden of ['createdBy', 'createdByName', 'approvedBy', 'approvedByName', 'submittedAt', 'approvedAt']) expect(rest).not.toHaveProperty(hidden)
  expect(rest.reviewHistory ?? []).toEqual([])
  const viaGraphql = await graphql(url, null, 'query($id: String!) { ServiceGuide(id: $id) { title fee createdBy { id } reviewHistory { action } } }', { id })
  expect(viaGraphql.body.data.ServiceGuide).toMatchObject({ title: '门牌证明', fee: '不收费', createdBy: null })
  expect(viaGraphql.body.data.ServiceGuide.reviewHistory ?? []).toEqual([])

  const returned = await api(url, as.leader, 'POST', `/api/service-guides/${id}/review`, { action: 'return', reason: '请补充材料' })
  expect(returned.body.doc.reviewStatus).toBe('returned')
  expect([await restSees(null, id), await graphqlSees(null, id)]).toEqual([false, false])
})

test('an incomplete guide is refused on submit with the failing fields (REST and GraphQL)', async () => {
  const id = String((await api(url, as.author, 'POST', '/api/service-guides', { title: '未写完的指南' })).body.doc.id)
  const rest = await api(url, as.author, 'POST', `/api/service-guides/${id}/review`, { action: 'submit' })
  expect(rest.status).toBe(400)
  expect(rest.body.errors[0].message).toMatch(/^办事指南信息不完整：承办科室：请选择/)
  expect(rest.body.errors[0].data.problems.map((problem: { field: string }) => problem.field)).toEqual([
    'office',
    'conditions',
    'steps',
    'timeLimitDays',
    'consultPhone',
  ])
  const viaGraphql = await graphql(
    url,
    as.author,
    'mutation($id: String!) { reviewContent(collection: service_guides, id: $id, action: submit) { reviewStatus } }',
    { id },
  )
  expect(viaGraphql.body.errors[0].extensions.statusCode).toBe(400)
})

test('residents write nothing; leaders create no guide; a blank fee is refused', async () => {
  expect((await api(url, null, 'POST', '/api/service-guides', { title: '居民写的' })).status).toBe(403)
  expect(
    (await graphql(url, null, 'mutation { createServiceGuide(data: { title: "居民写的", fee: "不收费" }) { id } }')).body.errors[0].extensions.statusCode,
  ).toBe(403)
  expect((await api(url, as.leader, 'POST', '/api/service-guides', { title: '领导写的' })).status).toBe(403)
  const blank = await api(url, as.author, 'POST', '/api/service-guides', { title: '空收费', fee: '  ' })
  expect(blank.status).toBe(400)
  expect(JSON.stringify(blank.body)).toContain('收费标准')
  expect((await api(url, null, 'POST', '/api/offices', { name: '居民建的科室' })).status).toBe(403)
  expect((await api(url, null, 'GET', '/api/offices')).body.totalDocs).toBeGreaterThan(0)
})

test("residents download an approved guide's form, not a draft's nor an unused one", async () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\nxref\n0 1\n0000000000 65535 f \ntrailer <<>>\nstartxref\n9\n%%EOF\n', 'latin1')
  const file = (name: string) =>
    payload.create({ collection: 'documents', data: { title: name }, file: { data: pdf, name, mimetype: 'application/pdf', size: pdf.length } })
  const [ofApproved, ofDraft, unused] = await Promise.all([file('approved.pdf'), file('draft.pdf'), file('unused.pdf')])
  for (const [state, form] of [
    ['approved', ofApproved.id],
    ['draft', ofDraft.id],
  ] as const) {
    await payload.create({
      collection: 'service-guides',
      context: { [REVIEW_TRANSITION_CONTEXT]: true },
      data: { title: `下载 ${state}`, reviewStatus: state, materials: [{ name: '申请表', blankForm: form }] } as never,
    })
  }
  const download = async (session: Session | null, filename: string | null | undefined) =>
    (await fetch(`${url}/api/documents/file/${filename}`, session ? { headers: { Authorization: `JWT ${session.token}` } } : {})).status
  expect(await download(null, ofApproved.filename)).toBe(200)
  expect(await download(null, ofDraft.filename)).not.toBe(200)
  expect(await download(null, unused.filename)).not.toBe(200)
  expect(await download(as.outsider, unused.filename)).toBe(200)
  const listed = (await api(url, null, 'GET', '/api/documents?depth=0')).body
  expect(listed.docs.map((doc: { title: string }) => doc.title)).toEqual(['approved.pdf'])
  expect(listed.docs[0]).not.toHaveProperty('uploadedBy')
})
