/**
 * Rating a consultation reply (微问政, `consultation-submissions` of wip/consult-api): only once answered,
 * only by the resident who wrote the suggestion, the 差评 opening its rectification for the handling
 * office; the rating page of a reply is where its rectification is followed and answered.
 */
import type { Payload } from 'payload'
import { ratePageResponse, rateSubmitResponse, rectificationActionResponse } from '../../src/app/(residents)/m/_lib/rating-handlers'
import { ApiError } from '../../src/http/api-error'
import { rateMatter } from '../../src/services/ratings/rate'
import { takeRectificationStep } from '../../src/services/ratings/rectify'
import { RESIDENT_SESSION_COOKIE, signResidentSession } from '../../src/services/residents/session'
import type { BookingWorld } from '../appointments/helpers'
import { createAccount } from '../callback/helpers'
import { createTopic } from '../consultations/helpers'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { createRatingWorld, SEPT_30_10AM, staffUser } from './helpers'

const ACCOUNT = { appId: 'wxratingreply0001', token: 'replytoken', encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', messageMode: 'safe' as const }
const ORIGIN = 'https://wx.example.gov.cn'
const IN_WECHAT = 'Mozilla/5.0 (iPhone) MicroMessenger/8.0.50'

let env: TestPayload
let payload: Payload
let world: BookingWorld
let topic: string

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  process.env.PUBLIC_URL = ORIGIN
  await createAccount(payload, { ...ACCOUNT, isDefault: true } as never)
  world = await createRatingWorld(payload, 'y')
  topic = await createTopic(payload, { office: world.office, keyword: 'y噪音' })
}, 120_000)
afterAll(async () => {
  delete process.env.PUBLIC_URL
  await env?.close()
})

let counter = 0
async function suggestion(openid: string, status: string): Promise<string> {
  counter++
  const doc = await payload.create({
    collection: 'consultation-submissions',
    overrideAccess: true,
    data: {
      topic,
      office: world.office,
      openid,
      fingerprint: `fp-${counter}`,
      source: 'page',
      body: '晚上广场舞声音太大',
      status,
      receivedAt: new Date(SEPT_30_10AM - 86_400_000).toISOString(),
      receivedOn: '2026-09-29',
      ...(status === 'answered' ? { reply: '已协调降低音量', answeredAt: new Date(SEPT_30_10AM - 3600_000).toISOString() } : {}),
    } as never,
  })
  return String((doc as unknown as { id: string }).id)
}

const session = (openid: string) => `${RESIDENT_SESSION_COOKIE}=${signResidentSession({ openid, appId: ACCOUNT.appId })}`
const get = (path: string, openid: string) => new Request(`${ORIGIN}${path}`, { headers: { 'user-agent': IN_WECHAT, cookie: session(openid) } })
const post = (path: string, openid: string, form: Array<[string, string]>) =>
  new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { 'user-agent': IN_WECHAT, cookie: session(openid), origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  })

test('a reply is rated once answered, by the resident who wrote the suggestion only', async () => {
  const pending = await suggestion('o-y-1', 'approved')
  await expect(rateMatter(payload, { openid: 'o-y-1', target: { kind: 'reply', id: pending }, input: { level: 'satisfied' } })).rejects.toMatchObject({
    status: 409,
    code: 'not-published',
  })
  const answered = await suggestion('o-y-1', 'answered')
  const stranger = await rateMatter(payload, { openid: 'o-y-2', target: { kind: 'reply', id: answered }, input: { level: 'satisfied' } }).catch(
    (e: ApiError) => e,
  )
  expect((stranger as ApiError).status).toBe(403)
  const rated = await rateMatter(payload, { openid: 'o-y-1', target: { kind: 'reply', id: answered }, input: { level: 'satisfied' } })
  expect(rated.rating.ratingKey).toBe(`reply:${answered}`)
  const stored = (await payload.findByID({ collection: 'ratings', id: rated.rating.id, overrideAccess: true, depth: 0 })) as unknown as {
    office: unknown
    guide: unknown
    targetKind: string
  }
  expect(stored).toMatchObject({ targetKind: 'reply', guide: null })
  expect(String(stored.office)).toBe(world.office)
})

test("a 差评 of a reply through the page opens its rectification; the resident answers the fix on the reply's rating page", async () => {
  const id = await suggestion('o-y-3', 'answered')
  const form = await ratePageResponse(payload, get(`/m/rate/reply/${id}`, 'o-y-3'), 'reply', id)
  expect(form.status).toBe(200)
  expect(await form.text()).toContain('答复：小树林噪音治理微征集')
  const posted = await rateSubmitResponse(
    payload,
    post(`/m/rate/reply/${id}`, 'o-y-3', [
      ['level', 'dissatisfied'],
      ['reason_dissatisfied', '解释不清楚'],
    ]),
    'reply',
    id,
    { now: SEPT_30_10AM },
  )
  expect(posted.status).toBe(303)
  const item = (await payload.find({ collection: 'rectifications', overrideAccess: true, depth: 0 })).docs[0] as unknown as {
    id: string
    deadline: string
  }
  expect(item.deadline).toBe('2026-10-13')
  const clerk = { kind: 'staff' as const, user: await staffUser(payload, world, 'clerk') }
  await takeRectificationStep(
    payload,
    String(item.id),
    'call_back',
    clerk,
    { callBack: { caller: '周科员', calledAt: SEPT_30_10AM, summary: '已解释' } },
    SEPT_30_10AM + 60_000,
  )
  await takeRectificationStep(payload, String(item.id), 'record_fix', clerk, { note: '补充说明了协调结果和时间表' }, SEPT_30_10AM + 60_000)
  const page = await (await ratePageResponse(payload, get(`/m/rate/reply/${id}`, 'o-y-3'), 'reply', id)).text()
  expect(page).toContain('补充说明了协调结果和时间表')
  expect(page).toContain('value="accept"')
  const accepted = await rectificationActionResponse(payload, post(`/m/rectifications/${item.id}`, 'o-y-3', [['action', 'accept']]), String(item.id))
  expect(accepted.headers.get('location')).toBe(`/m/rate/reply/${id}?accept=1`)
  const after = await (await ratePageResponse(payload, get(`/m/rate/reply/${id}?accept=1`, 'o-y-3'), 'reply', id)).text()
  expect(after).toContain('感谢您认可整改结果')
  expect(after).toContain('群众认可')
})
