/**
 * Ratings and rectification items over real HTTP (Payload's REST and GraphQL on the test's SQLite file,
 * real logins) and through the Local API with `overrideAccess: false`: nobody — admins included — creates,
 * edits or deletes a rating; staff of another office read neither ratings nor items; the openid is read by
 * admins and the office's staff only (not the leader); the comment is approved through its endpoint
 * only; the step endpoint takes staff actions and refuses another office.
 */
import type { Payload } from 'payload'
import { rateMatter } from '../../src/services/ratings/rate'
import type { BookingWorld } from '../appointments/helpers'
import { PASSWORD } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { startPayloadHttp, type PayloadHttp } from '../helpers/payload-http'
import { api, graphql, login, type Session } from '../helpers/server'
import { closedAppointment, createRatingWorld, SEPT_30_10AM } from './helpers'

let env: TestPayload
let payload: Payload
let http: PayloadHttp
let world: BookingWorld
const as = {} as Record<keyof BookingWorld['users'], Session>
const OPENID = 'o-http-resident-5d1e'
let ratingId: string
let itemId: string

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  http = await startPayloadHttp()
  world = await createRatingWorld(payload, 'h')
  for (const who of Object.keys(world.users) as (keyof BookingWorld['users'])[]) as[who] = await login(http.url, world.users[who].email, PASSWORD)
  const id = await closedAppointment(payload, world, OPENID)
  const rated = await rateMatter(payload, {
    openid: OPENID,
    target: { kind: 'appointment', id },
    input: { level: 'dissatisfied', reasons: ['等候时间长'], comment: '等了两个小时' },
    now: SEPT_30_10AM,
  })
  ratingId = rated.rating.id
  itemId = rated.rectification!.id
}, 120_000)
afterAll(async () => {
  await http?.close()
  await env?.close()
})

const user = async (who: keyof BookingWorld['users']) => ({
  ...(await payload.findByID({ collection: 'users', id: world.users[who].id, depth: 0 })),
  collection: 'users' as const,
})

test.each(['admin', 'leader', 'clerk'] as const)('%s cannot create, edit or delete a rating through REST, GraphQL or the Local API', async (who) => {
  const created = await api(http.url, as[who], 'POST', '/api/ratings', {
    targetKind: 'appointment',
    targetId: 'x',
    ratingKey: 'appointment:x',
    level: 'very_satisfied',
    office: world.office,
    ratedAt: new Date().toISOString(),
  })
  expect(created.status).toBe(403)
  const patched = await api(http.url, as[who], 'PATCH', `/api/ratings/${ratingId}`, { level: 'very_satisfied', commentApproved: true })
  expect(patched.status).toBe(403)
  const deleted = await api(http.url, as[who], 'DELETE', `/api/ratings/${ratingId}`)
  expect(deleted.status).toBe(403)
  const itemPatched = await api(http.url, as[who], 'PATCH', `/api/rectifications/${itemId}`, { state: 'accepted' })
  expect(itemPatched.status).toBe(403)

  const mutation = await graphql(
    http.url,
    as[who],
    `
      mutation ($id: String!) {
        updateRating(id: $id, data: { level: very_satisfied }) {
          id
          level
        }
      }
    `,
    { id: ratingId },
  )
  expect(mutation.body.data?.updateRating ?? null).toBeNull()
  expect(mutation.body.errors?.[0]?.extensions?.statusCode).toBe(403)
  const removal = await graphql(
    http.url,
    as[who],
    `
      mutation ($id: String!) {
        deleteRating(id: $id) {
          id
        }
      }
    `,
    { id: ratingId },
  )
  expect(removal.body.data?.deleteRating ?? null).toBeNull()
  expect(removal.body.errors?.[0]?.extensions?.statusCode).toBe(403)

  const local = await user(who)
  await expect(
    payload.update({ collection: 'ratings', id: ratingId, data: { level: 'very_satisfied' }, overrideAccess: false, user: local }),
  ).rejects.toMatchObject({ status: 403 })
  await expect(payload.delete({ collection: 'ratings', id: ratingId, overrideAccess: false, user: local })).rejects.toMatchObject({ status: 403 })
  await expect(
    payload.create({
      collection: 'ratings',
      data: {
        targetKind: 'appointment',
        targetId: 'y',
        ratingKey: 'appointment:y',
        level: 'satisfied',
        office: world.office,
        ratedAt: new Date().toISOString(),
      },
      overrideAccess: false,
      user: local,
    }),
  ).rejects.toMatchObject({ status: 403 })

  const stored = (await payload.findByID({ collection: 'ratings', id: ratingId, overrideAccess: true, depth: 0 })) as unknown as {
    level: string
    commentApproved: boolean
  }
  expect(stored).toMatchObject({ level: 'dissatisfied', commentApproved: false })
  expect((await payload.count({ collection: 'ratings', overrideAccess: true })).totalDocs).toBe(1)
})

async function restRating(who: keyof BookingWorld['users'] | null) {
  const answer = await api(http.url, who ? as[who] : null, 'GET', `/api/ratings?where[id][equals]=${ratingId}&depth=0`)
  return answer.status === 200 ? (answer.body.docs[0] ?? null) : null
}
async function graphqlRating(who: keyof BookingWorld['users'] | null) {
  const answer = await graphql(
    http.url,
    who ? as[who] : null,
    'query($id: String) { Ratings(where: { id: { equals: $id } }) { docs { level openid openidMasked } } }',
    { id: ratingId },
  )
  return answer.body.data?.Ratings?.docs?.[0] ?? null
}
async function localRating(who: keyof BookingWorld['users']) {
  try {
    return (
      (await payload.find({ collection: 'ratings', where: { id: { equals: ratingId } }, depth: 0, overrideAccess: false, user: await user(who) })).docs[0] ??
      null
    )
  } catch (error) {
    if ((error as { status?: number }).status === 403) return null
    throw error
  }
}

test.each(['admin', 'clerk'] as const)('%s (admin, staff of the rated office) read the rating with its openid', async (who) => {
  for (const doc of [await restRating(who), await graphqlRating(who), await localRating(who)])
    expect(doc).toMatchObject({ level: 'dissatisfied', openid: OPENID })
})

test('the leader reads the rating with the openid masked only, and cannot search by it', async () => {
  for (const doc of [await restRating('leader'), await graphqlRating('leader'), await localRating('leader')]) {
    expect(doc).toMatchObject({ level: 'dissatisfied', openidMasked: 'o-ht****5d1e' })
    expect(doc.openid ?? null).toBeNull()
  }
  const byOpenid = await api(http.url, as.leader, 'GET', `/api/ratings?where[openid][equals]=${OPENID}`)
  expect(byOpenid.status === 200 ? byOpenid.body.totalDocs : 'refused').not.toBe(1)
})

test.each(['otherClerk', 'editor', null] as const)('%s (another office, an editor, nobody) read no rating, no item, no step', async (who) => {
  expect(await restRating(who)).toBeNull()
  expect(await graphqlRating(who)).toBeNull()
  if (who) expect(await localRating(who)).toBeNull()
  for (const path of [`/api/rectifications?where[id][equals]=${itemId}`, `/api/rectification-steps?where[rectification][equals]=${itemId}`]) {
    const answer = await api(http.url, who ? as[who] : null, 'GET', path)
    expect(answer.status === 200 ? answer.body.totalDocs : 0).toBe(0)
  }
  const panel = await api(http.url, who ? as[who] : null, 'GET', `/api/rectifications/${itemId}/panel`)
  expect([401, 404]).toContain(panel.status)
  const step = await api(http.url, who ? as[who] : null, 'POST', `/api/rectifications/${itemId}/step`, { action: 'call_back' })
  expect([401, 404]).toContain(step.status)
})

test('the comment is approved through its endpoint by a leader, not by office staff', async () => {
  const refused = await api(http.url, as.clerk, 'POST', `/api/ratings/${ratingId}/approve-comment`, {})
  expect(refused.status).toBe(403)
  expect(refused.body.errors[0].message).toContain('只有审核领导或管理员')
  const approved = await api(http.url, as.leader, 'POST', `/api/ratings/${ratingId}/approve-comment`, {})
  expect(approved.status).toBe(200)
  expect(approved.body).toMatchObject({ ok: true, commentApproved: true })
  const stored = (await payload.findByID({ collection: 'ratings', id: ratingId, overrideAccess: true, depth: 0 })) as unknown as {
    commentApproved: boolean
    commentApprovedBy: unknown
  }
  expect(stored.commentApproved).toBe(true)
  expect(String(stored.commentApprovedBy)).toBe(world.users.leader.id)
})

test('the step endpoint: the office records the call-back (panel shows it and the next actions); the leader cannot, nor a bad record', async () => {
  const incomplete = await api(http.url, as.clerk, 'POST', `/api/rectifications/${itemId}/step`, { action: 'call_back', callBack: { caller: '孙科员' } })
  expect(incomplete.status).toBe(400)
  expect(incomplete.body.errors[0].message).toContain('回访时间')
  const leader = await api(http.url, as.leader, 'POST', `/api/rectifications/${itemId}/step`, {
    action: 'call_back',
    callBack: { caller: '领导', calledAt: new Date().toISOString(), summary: '…' },
  })
  expect(leader.status).toBe(403)
  const done = await api(http.url, as.clerk, 'POST', `/api/rectifications/${itemId}/step`, {
    action: 'call_back',
    callBack: { caller: '孙科员', calledAt: new Date(Date.now() - 60_000).toISOString(), summary: '已电话致歉，说明错峰办理' },
  })
  expect(done.status).toBe(200)
  expect(done.body).toMatchObject({ ok: true, state: 'called_back', deadline: '2026-10-13' })
  const panel = await api(http.url, as.clerk, 'GET', `/api/rectifications/${itemId}/panel`)
  expect(panel.body.history.map((step: { action: string }) => step.action)).toEqual(['open', 'call_back'])
  expect(panel.body.history[1]).toMatchObject({ caller: '孙科员', summary: '已电话致歉，说明错峰办理' })
  expect(panel.body.actions.map((action: { action: string }) => action.action)).toEqual(['record_fix', 'adjust_deadline']) // clerk is the office head: 调整整改期限 too
  const again = await api(http.url, as.clerk, 'POST', `/api/rectifications/${itemId}/step`, {
    action: 'call_back',
    callBack: { caller: '孙科员', calledAt: new Date().toISOString(), summary: '再次' },
  })
  expect(again.status).toBe(409)
})

test('the public reads offices, but not which staff account heads one', async () => {
  const publicOffice = await api(http.url, null, 'GET', `/api/offices/${world.office}`)
  expect(publicOffice.status).toBe(200)
  expect(publicOffice.body.name).toBe('h民政科')
  expect(publicOffice.body.head ?? null).toBeNull()
  const staffOffice = await api(http.url, as.clerk, 'GET', `/api/offices/${world.office}?depth=0`)
  expect(String(staffOffice.body.head)).toBe(world.users.clerk.id)
})
