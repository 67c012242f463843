import { REVIEW_ACTIONS, REVIEW_STATES, type ReviewState } from '../../src/services/review/state-machine'
import type { Actor } from '../helpers/fixtures'
import { canCreate, canDelete, canRead, canUpdate, transitionOutcome } from '../helpers/rules'
import { api, login, startServer, type Session, type TestServer } from '../helpers/server'

// The access matrix again, through REST with real logins against the production server.

let server: TestServer
const as = {} as Record<Actor, Session>
let coverId: string

beforeAll(async () => {
  server = await startServer()
  as.admin = await login(server.url, 'admin@demo.local', 'demo-password')
  as.leader = await login(server.url, 'leader@demo.local', 'demo-password')
  as.author = await login(server.url, 'editor@demo.local', 'demo-password')
  as.outsider = await login(server.url, 'editor2@demo.local', 'demo-password')
  const created = await api(server.url, as.admin, 'POST', '/api/users', {
    email: 'colleague@example.test',
    password: 'colleague-password',
    name: '同社区编辑',
    role: 'editor',
    community: as.author.user.community,
  })
  expect(created.status).toBe(201)
  as.colleague = await login(server.url, 'colleague@example.test', 'colleague-password')
  const media = await api(server.url, as.admin, 'GET', '/api/media?limit=1&depth=0')
  coverId = media.body.docs[0].id
}, 120_000)

afterAll(async () => server?.stop())

async function itemIn(state: ReviewState, collection = 'articles'): Promise<string> {
  const created = await api(server.url, as.author, 'POST', `/api/${collection}`, {
    title: `REST ${state}`,
    digest: '摘要',
    cover: coverId,
    body: { root: { type: 'root', version: 1, children: [{ type: 'paragraph', version: 1, children: [{ type: 'text', text: '正文', version: 1 }] }] } },
    policyTitle: '政策',
  })
  expect(created.status).toBe(201)
  const id = created.body.doc.id as string
  if (state !== 'draft') {
    const set = await api(server.url, as.admin, 'PATCH', `/api/${collection}/${id}`, { reviewStatus: state })
    expect(set.body.doc?.reviewStatus).toBe(state)
  }
  return id
}

const ACTOR_LIST: Actor[] = ['admin', 'leader', 'author', 'colleague', 'outsider']

test('anonymous requests read and change nothing', async () => {
  const id = await itemIn('approved')
  expect((await api(server.url, null, 'GET', `/api/articles/${id}`)).status).toBe(403)
  expect((await api(server.url, null, 'GET', '/api/articles')).status).toBe(403)
  expect((await api(server.url, null, 'PATCH', `/api/articles/${id}`, { title: 'x' })).status).toBe(403)
  expect((await api(server.url, null, 'POST', `/api/articles/${id}/review`, { action: 'return', reason: 'x' })).status).toBe(401)
  expect((await api(server.url, null, 'GET', '/api/users')).status).toBe(403)
})

const COLLECTIONS = ['articles', 'policy-explainers', 'community-news'] as const

test.each(COLLECTIONS)(
  '%s: read, update, delete — every actor × review state',
  async (collection) => {
    const failures: string[] = []
    for (const state of REVIEW_STATES) {
      const id = await itemIn(state, collection)
      for (const actor of ACTOR_LIST) {
        const read = await api(server.url, as[actor], 'GET', `/api/${collection}/${id}?depth=0`)
        if ((read.status === 200) !== canRead(actor)) failures.push(`read ${actor} ${state}: ${read.status}`)
        const list = await api(server.url, as[actor], 'GET', `/api/${collection}?where[id][equals]=${id}&depth=0`)
        if ((list.body.totalDocs === 1) !== canRead(actor)) failures.push(`list ${actor} ${state}: ${list.body.totalDocs}`)
      }
      for (const actor of ACTOR_LIST) {
        const target = await itemIn(state, collection)
        const patch = await api(server.url, as[actor], 'PATCH', `/api/${collection}/${target}`, { digest: `${actor} 修改` })
        if ((patch.status === 200) !== canUpdate(actor, state)) failures.push(`update ${actor} ${state}: ${patch.status}`)
        const victim = await itemIn(state, collection)
        const del = await api(server.url, as[actor], 'DELETE', `/api/${collection}/${victim}`)
        if ((del.status === 200) !== canDelete(actor, state)) failures.push(`delete ${actor} ${state}: ${del.status}`)
      }
    }
    expect(failures).toEqual([])
  },
  300_000,
)

test('create: editors and admins; leaders are refused', async () => {
  for (const actor of ACTOR_LIST) {
    const created = await api(server.url, as[actor], 'POST', '/api/community-news', { title: `${actor} 的要闻` })
    expect(created.status === 201).toBe(canCreate(actor))
  }
})

test.each(COLLECTIONS)(
  '%s: every review action × actor × state through POST /api/<collection>/:id/review',
  async (collection) => {
    const failures: string[] = []
    for (const state of REVIEW_STATES) {
      for (const action of REVIEW_ACTIONS) {
        for (const actor of ACTOR_LIST) {
          const id = await itemIn(state, collection)
          const want = transitionOutcome(actor, state, action)
          const result = await api(server.url, as[actor], 'POST', `/api/${collection}/${id}/review`, { action, reason: '请核对数字' })
          const got = result.status === 200 ? result.body.doc.reviewStatus : result.status
          if (got !== (want.to ?? want.status)) failures.push(`${actor} ${action} ${state}: got ${got}, want ${want.to ?? want.status}`)
        }
      }
    }
    expect(failures).toEqual([])
  },
  600_000,
)

test('the review endpoint explains what is wrong, in Chinese', async () => {
  const id = await itemIn('submitted')
  const noReason = await api(server.url, as.leader, 'POST', `/api/articles/${id}/review`, { action: 'return' })
  expect(noReason.status).toBe(400)
  expect(noReason.body.errors[0].message).toContain('必须填写原因')
  const unknown = await api(server.url, as.leader, 'POST', `/api/articles/${id}/review`, { action: 'publish' })
  expect(unknown.status).toBe(400)
  const wrongState = await api(server.url, as.author, 'POST', `/api/articles/${id}/review`, { action: 'submit' })
  expect(wrongState.status).toBe(409)
  expect(wrongState.body.errors[0].message).toContain('待审核')

  const bare = await api(server.url, as.author, 'POST', '/api/policy-explainers', { title: '没有封面的解读', policyTitle: '某政策' })
  const submit = await api(server.url, as.author, 'POST', `/api/policy-explainers/${bare.body.doc.id}/review`, { action: 'submit' })
  expect(submit.status).toBe(400)
  const fields = submit.body.errors[0].data.problems.map((p: { field: string }) => p.field)
  expect(fields).toEqual(expect.arrayContaining(['cover', 'body']))
  expect(submit.body.errors[0].message).toContain('封面')
  expect(submit.body.errors[0].code).toBe('not-ready')
})

test('a full week of work: submit → return with reason → fix → resubmit → approve, with history and notifications', async () => {
  const id = await itemIn('draft', 'community-news')
  const path = `/api/community-news/${id}/review`
  expect((await api(server.url, as.author, 'POST', path, { action: 'submit' })).body.doc.reviewStatus).toBe('submitted')
  const returned = await api(server.url, as.leader, 'POST', path, { action: 'return', reason: '请补充活动时间' })
  expect(returned.body.doc.reviewStatus).toBe('returned')
  expect((await api(server.url, as.author, 'PATCH', `/api/community-news/${id}`, { place: '社区广场' })).status).toBe(200)
  expect((await api(server.url, as.author, 'POST', path, { action: 'submit' })).body.doc.reviewStatus).toBe('submitted')
  expect((await api(server.url, as.author, 'PATCH', `/api/community-news/${id}`, { place: '改不了' })).status).toBe(403)
  const approved = await api(server.url, as.leader, 'POST', path, { action: 'approve' })
  expect(approved.body.doc.reviewStatus).toBe('approved')
  const history = (await api(server.url, as.leader, 'GET', `/api/community-news/${id}?depth=0`)).body.reviewHistory
  expect(history.map((h: { action: string }) => h.action)).toEqual(['submit', 'return', 'submit', 'approve'])
  expect(history.find((h: { action: string }) => h.action === 'return').reason).toBe('请补充活动时间')

  const leaderInbox = await api(server.url, as.leader, 'GET', `/api/notifications?where[relatedId][equals]=${id}`)
  expect(leaderInbox.body.docs.filter((n: { subject: string }) => n.subject.startsWith('【待审核】'))).toHaveLength(2)
  const authorInbox = await api(server.url, as.author, 'GET', `/api/notifications?where[relatedId][equals]=${id}`)
  const subjects = authorInbox.body.docs.map((n: { subject: string }) => n.subject)
  expect(subjects).toEqual(expect.arrayContaining([expect.stringContaining('【退回修改】'), expect.stringContaining('【已通过】')]))
  expect(authorInbox.body.docs.every((n: { status: string }) => n.status === 'sent')).toBe(true)
  // Nobody reads another person's notifications.
  const outsiderInbox = await api(server.url, as.outsider, 'GET', `/api/notifications?where[relatedId][equals]=${id}`)
  expect(outsiderInbox.body.totalDocs).toBe(0)
})
