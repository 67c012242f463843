/**
 * Issue 12, deliverable 5: every custom endpoint answers errors in one body,
 * `{ errors: [{ message, code, data? }] }`, in the admin's language, and checks who may call it in one
 * way (requireStaff: nobody and a deactivated account are 401, a role that may not is 403). The
 * endpoints are read from the configuration, so one added later without the envelope fails here;
 * they run as Payload runs them, on a real SQLite database with real users.
 */
import { APIError, createLocalReq, Forbidden, getLocalI18n, NotFound, ValidationError, type Endpoint, type PayloadRequest } from 'payload'
import { apiErrorEnvelope, ApiError, errorBody, errorResponse } from '../src/http/api-error'
import { createFixtures, type Fixtures } from './helpers/fixtures'
import { customEndpoints } from './helpers/custom-endpoints'
import { startTestPayload, type TestPayload } from './helpers/payload'

let t: TestPayload
let fx: Fixtures
let endpoints: Array<{ owner: string; endpoint: Endpoint }>
let deactivated: Record<string, unknown>

beforeAll(async () => {
  t = await startTestPayload()
  fx = await createFixtures(t.payload)
  endpoints = await customEndpoints(t.payload.config)
  const user = await t.payload.update({ collection: 'users', id: fx.users.colleague.id, data: { active: false } as never, overrideAccess: true, depth: 0 })
  deactivated = { ...(user as unknown as Record<string, unknown>), collection: 'users' }
}, 120_000)

afterAll(async () => {
  await t?.close()
})

/** A JSON request to `endpoint` as `user` (none: signed out), in the admin language `language`. */
async function call(endpoint: Endpoint, user: object | null, language: 'zh' | 'en' = 'zh'): Promise<{ status: number; body: Record<string, unknown> }> {
  const i18n = await getLocalI18n({ config: t.payload.config, language })
  const req = await createLocalReq(
    {
      user: (user ?? undefined) as never,
      req: {
        method: endpoint.method.toUpperCase(),
        headers: new Headers({ 'content-type': 'application/json' }),
        i18n,
        routeParams: { id: '1' },
      } as Partial<PayloadRequest>,
    },
    t.payload,
  )
  if (!user) req.user = null
  const response = await endpoint.handler(req)
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/** The envelope and nothing else: `errors`, each entry with a message, a kebab-case code and maybe data. */
function expectEnvelope(body: Record<string, unknown>) {
  expect(Object.keys(body)).toEqual(['errors'])
  const errors = body.errors as Array<Record<string, unknown>>
  expect(errors.length).toBeGreaterThan(0)
  for (const entry of errors) {
    expect(Object.keys(entry).filter((name) => !['message', 'code', 'data'].includes(name))).toEqual([])
    expect(typeof entry.message).toBe('string')
    expect(entry.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    if ('data' in entry) expect(typeof entry.data).toBe('object')
  }
}

const find = (owner: string) => {
  const found = endpoints.find((entry) => entry.owner === owner)
  if (!found) throw new Error(`no endpoint ${owner}`)
  return found.endpoint
}

test('the configuration has the custom endpoints this check is about', () => {
  const owners = endpoints.map(({ owner }) => owner)
  for (const expected of [
    'auto-replies/try',
    'binding-codes/issue',
    'resident-messages/:id/reply',
    'resident-messages/:id/reply-window',
    'resident-messages/:id/conversation',
    'weekly-pushes/generate',
    'weekly-pushes/:id/action',
    'articles/:id/review',
    'policy-explainers/:id/review',
    'community-news/:id/review',
    'wechat-menus/:id/publish',
    'wechat-menus/:id/compare',
  ]) {
    expect(owners).toContain(expected)
  }
})

test('signed out, every custom endpoint answers 401 in the one envelope, in Chinese or English', async () => {
  expect(endpoints.length).toBeGreaterThanOrEqual(12)
  for (const { owner, endpoint } of endpoints) {
    const zh = await call(endpoint, null)
    expect({ owner, status: zh.status }).toEqual({ owner, status: 401 })
    expectEnvelope(zh.body)
    expect({ owner, body: zh.body }).toEqual({ owner, body: { errors: [{ message: '请先登录', code: 'unauthenticated' }] } })
    const en = await call(endpoint, null, 'en')
    expect({ owner, body: en.body }).toEqual({ owner, body: { errors: [{ message: 'Please log in', code: 'unauthenticated' }] } })
  }
})

test('a deactivated account is nobody: 401 on every custom endpoint', async () => {
  for (const { owner, endpoint } of endpoints) {
    const answer = await call(endpoint, deactivated)
    expect({ owner, status: answer.status, code: (answer.body.errors as Array<{ code: string }>)[0]!.code }).toEqual({
      owner,
      status: 401,
      code: 'unauthenticated',
    })
  }
})

test('a role that may not gets 403 `forbidden` saying who may, in the admin’s language', async () => {
  const refusals: Array<[string, object, string, string]> = [
    [
      'weekly-pushes/generate',
      fx.users.author,
      '只有审核领导或管理员可以立即生成本周推送',
      "Only reviewing leaders or administrators may make this week's push now",
    ],
    [
      'weekly-pushes/:id/action',
      fx.users.author,
      '只有审核领导或管理员可以审定本周推送',
      "Only reviewing leaders or administrators may decide on the week's push",
    ],
    [
      'wechat-menus/:id/publish',
      fx.users.author,
      '只有审核领导或管理员可以发布和核对菜单',
      'Only reviewing leaders or administrators may publish and check the menu',
    ],
    [
      'wechat-menus/:id/compare',
      fx.users.outsider,
      '只有审核领导或管理员可以发布和核对菜单',
      'Only reviewing leaders or administrators may publish and check the menu',
    ],
    [
      'resident-messages/:id/reply',
      fx.users.leader,
      '只有社区编辑和管理员可以回复居民留言',
      'Only community editors and administrators may reply to residents',
    ],
  ]
  for (const [owner, user, zh, en] of refusals) {
    const chinese = await call(find(owner), user)
    expect({ owner, status: chinese.status, body: chinese.body }).toEqual({ owner, status: 403, body: { errors: [{ message: zh, code: 'forbidden' }] } })
    const english = await call(find(owner), user, 'en')
    expect({ owner, body: english.body }).toEqual({ owner, body: { errors: [{ message: en, code: 'forbidden' }] } })
  }
})

test('errors past the role check keep the envelope: a review refusal’s failing fields and a push that does not exist', async () => {
  const missing = await call(find('weekly-pushes/:id/action'), fx.users.leader)
  expect(missing.status).toBe(404)
  expect(missing.body).toEqual({ errors: [{ message: '推送不存在', code: 'not-found' }] })
  const review = await call(find('articles/:id/review'), fx.users.author)
  expect(review.status).toBe(404)
  expect(review.body).toEqual({ errors: [{ message: '内容不存在或您无权查看', code: 'not-found', data: { problems: [] } }] })
  const window = await call(find('resident-messages/:id/reply-window'), fx.users.author, 'en')
  expect(window).toEqual({ status: 404, body: { errors: [{ message: 'This message does not exist or you may not see it', code: 'not-found' }] } })
})

describe('errorResponse', () => {
  const zh = { i18n: { language: 'zh' } }
  const en = { i18n: { language: 'en' } }

  test('an ApiError: status, headers, the message in the admin’s language, data when given', async () => {
    const error = new ApiError(429, 'too-many-tries', { zh: '太频繁', en: 'Too many' }, { retryAfterSeconds: 3 }, { 'Retry-After': '3' })
    const response = errorResponse(error, en)
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('3')
    expect(await response.json()).toEqual({ errors: [{ message: 'Too many', code: 'too-many-tries', data: { retryAfterSeconds: 3 } }] })
    expect(errorBody(error, zh)).toEqual({ errors: [{ message: '太频繁', code: 'too-many-tries', data: { retryAfterSeconds: 3 } }] })
    // A Chinese-only message stays Chinese for an English admin rather than vanish.
    expect(errorBody(new ApiError(409, 'exists', '已经生成'), en)).toEqual({ errors: [{ message: '已经生成', code: 'exists' }] })
  })

  test('Payload’s own public errors by class, never by text; anything else is thrown on for Payload’s 500', () => {
    expect(errorBody(new NotFound(), zh)).toEqual({ errors: [{ message: 'Not Found', code: 'not-found' }] })
    expect(errorBody(new Forbidden(), zh)?.errors[0]?.code).toBe('forbidden')
    const invalid = errorBody(new ValidationError({ collection: 'articles', errors: [{ path: 'title', message: '太长' }] }), zh)
    expect(invalid?.errors[0]).toMatchObject({ code: 'invalid', data: { errors: [{ path: 'title', message: '太长' }] } })
    const secret = new Error('database is locked')
    expect(() => errorResponse(secret, zh)).toThrow(secret)
    expect(() => errorResponse(new APIError('internal', 500), zh)).toThrow('internal')
  })

  test('an ApiError that escapes to Payload (a hook’s) gets the same body from the config’s afterError hook', async () => {
    const error = new ApiError(409, 'closed', { zh: '已结束', en: 'Closed' })
    const req = await createLocalReq({}, t.payload)
    const rest = await apiErrorEnvelope({ error, req, context: {}, result: { errors: [{ message: '已结束', name: 'ApiError', data: { code: 'closed' } }] } })
    expect(rest).toEqual({ response: { errors: [{ message: '已结束', code: 'closed' }] }, status: 409 })
    const graphql = await apiErrorEnvelope({
      error,
      req: { ...req, i18n: await getLocalI18n({ config: t.payload.config, language: 'en' }) } as PayloadRequest,
      context: {},
      graphqlResult: { message: '已结束' },
    })
    expect(graphql).toEqual({ graphqlResult: { message: 'Closed' } })
  })
})
