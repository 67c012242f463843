import type { Actor } from '../helpers/fixtures'
import { transitionOutcome } from '../helpers/rules'
import { api, graphql, login, startServer, type Session, type TestServer } from '../helpers/server'
import { REVIEW_ACTIONS, REVIEW_STATES, type ReviewState } from '../../src/services/review/state-machine'

// The same rules hold through GraphQL: reads, writes, and the review mutation.

let server: TestServer
const as = {} as Record<Exclude<Actor, 'colleague'>, Session>
let coverId: string

beforeAll(async () => {
  server = await startServer()
  as.admin = await login(server.url, 'admin@demo.local', 'demo-password')
  as.leader = await login(server.url, 'leader@demo.local', 'demo-password')
  as.author = await login(server.url, 'editor@demo.local', 'demo-password')
  as.outsider = await login(server.url, 'editor2@demo.local', 'demo-password')
  coverId = (await api(server.url, as.admin, 'GET', '/api/media?limit=1&depth=0')).body.docs[0].id
}, 120_000)
afterAll(async () => server?.stop())

const BODY = { root: { type: 'root', version: 1, children: [{ type: 'paragraph', version: 1, children: [{ type: 'text', text: '正文', version: 1 }] }] } }

async function itemIn(state: ReviewState): Promise<string> {
  const created = await graphql(
    server.url,
    as.author,
    `
      mutation ($data: mutationArticleInput!) {
        createArticle(data: $data) {
          id
          reviewStatus
        }
      }
    `,
    { data: { title: `GraphQL ${state}`, cover: coverId, body: BODY, reviewStatus: 'approved', category: 'notice' } },
  )
  const id = created.body.data.createArticle.id as string
  expect(created.body.data.createArticle.reviewStatus).toBe('draft')
  if (state !== 'draft') {
    const set = await graphql(server.url, as.admin, `mutation($id: String!) { updateArticle(id: $id, data: { reviewStatus: ${state} }) { reviewStatus } }`, {
      id,
    })
    expect(set.body.data?.updateArticle?.reviewStatus ?? set.body).toBe(state)
  }
  return id
}

test('anonymous GraphQL reads nothing', async () => {
  await itemIn('approved')
  const result = await graphql(server.url, null, '{ Articles { totalDocs docs { title } } }')
  expect(result.body.data?.Articles ?? null).toBeNull()
  expect(result.body.errors[0].extensions.statusCode).toBe(403)
})

test('reads follow the community rule', async () => {
  const id = await itemIn('submitted')
  const query = `query($id: String!) { Articles(where: { id: { equals: $id } }) { totalDocs } }`
  expect((await graphql(server.url, as.author, query, { id })).body.data.Articles.totalDocs).toBe(1)
  expect((await graphql(server.url, as.leader, query, { id })).body.data.Articles.totalDocs).toBe(1)
  expect((await graphql(server.url, as.outsider, query, { id })).body.data.Articles.totalDocs).toBe(0)
})

test('writes follow the review state: an editor cannot edit a submitted item or set its status', async () => {
  const draft = await itemIn('draft')
  const own = await graphql(
    server.url,
    as.author,
    `
      mutation ($id: String!) {
        updateArticle(id: $id, data: { digest: "改摘要", reviewStatus: approved }) {
          digest
          reviewStatus
        }
      }
    `,
    { id: draft },
  )
  expect(own.body.data.updateArticle).toEqual({ digest: '改摘要', reviewStatus: 'draft' })
  const submitted = await itemIn('submitted')
  const locked = await graphql(
    server.url,
    as.author,
    `
      mutation ($id: String!) {
        updateArticle(id: $id, data: { digest: "偷偷改" }) {
          digest
        }
      }
    `,
    { id: submitted },
  )
  expect(locked.body.errors[0].extensions.statusCode).toBe(403)
  const leaderDelete = await graphql(
    server.url,
    as.leader,
    `
      mutation ($id: String!) {
        deleteArticle(id: $id) {
          id
        }
      }
    `,
    { id: submitted },
  )
  expect(leaderDelete.body.errors[0].extensions.statusCode).toBe(403)
})

test('reviewContent: every action × actor × state gives the REST outcome', async () => {
  const failures: string[] = []
  const actors = Object.keys(as) as (keyof typeof as)[]
  for (const state of REVIEW_STATES) {
    for (const action of REVIEW_ACTIONS) {
      for (const actor of actors) {
        const id = await itemIn(state)
        const want = transitionOutcome(actor, state, action)
        const result = await graphql(
          server.url,
          as[actor],
          `
            mutation ($id: String!, $action: ReviewActionName!, $reason: String) {
              reviewContent(collection: articles, id: $id, action: $action, reason: $reason) {
                reviewStatus
              }
            }
          `,
          { id, action, reason: '请补充图片说明' },
        )
        const got = result.body.data?.reviewContent?.reviewStatus ?? result.body.errors?.[0]?.extensions?.statusCode
        if (got !== (want.to ?? want.status)) failures.push(`${actor} ${action} ${state}: got ${got}, want ${want.to ?? want.status}`)
      }
    }
  }
  expect(failures).toEqual([])
}, 600_000)

test('reviewContent explains refusals in Chinese, with the failing fields', async () => {
  const bare = await graphql(
    server.url,
    as.author,
    `
      mutation {
        createArticle(data: { title: "无封面", category: notice }) {
          id
        }
      }
    `,
  )
  const id = bare.body.data.createArticle.id
  const result = await graphql(
    server.url,
    as.author,
    `
      mutation ($id: String!) {
        reviewContent(collection: articles, id: $id, action: submit) {
          reviewStatus
        }
      }
    `,
    { id },
  )
  expect(result.body.errors[0].extensions.statusCode).toBe(400)
  expect(result.body.errors[0].message).toContain('封面')
  expect(result.body.errors[0].extensions.data.problems.map((p: { field: string }) => p.field)).toEqual(expect.arrayContaining(['cover', 'body']))
  const anonymous = await graphql(
    server.url,
    null,
    `
      mutation ($id: String!) {
        reviewContent(collection: articles, id: $id, action: submit) {
          reviewStatus
        }
      }
    `,
    { id },
  )
  expect(anonymous.body.errors[0].extensions.statusCode).toBe(401)
})
