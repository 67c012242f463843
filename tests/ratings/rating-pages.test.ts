/**
 * The 好差评 pages as WeChat's browser uses them (route handlers with plain Requests on a real Payload):
 * 「评价本次服务」 on a closed appointment, the form without script, reasons of another level refused,
 * two posts at once giving one rating, a 差评 followed on the appointment's page through the staff's
 * steps to the resident's verdict and their one appeal, and the public monthly page — which shows no
 * openid, name, mobile, staff name or unapproved comment.
 */
import type { Payload } from 'payload'
import { appointmentResponse } from '../../src/app/(residents)/m/_lib/appointment-handlers'
import { ratePageResponse, rateSubmitResponse, ratingsSummaryResponse, rectificationActionResponse } from '../../src/app/(residents)/m/_lib/rating-handlers'
import { approveComment, approvePublicFix } from '../../src/services/ratings/publish'
import { rateMatter } from '../../src/services/ratings/rate'
import { takeRectificationStep } from '../../src/services/ratings/rectify'
import { RESIDENT_SESSION_COOKIE, signResidentSession } from '../../src/services/residents/session'
import type { BookingWorld } from '../appointments/helpers'
import { createAccount } from '../callback/helpers'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { closedAppointment, createRatingWorld, SEPT_30_10AM, staffUser } from './helpers'

const ACCOUNT = {
  appId: 'wxratingpages0001',
  token: 'ratingtoken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  messageMode: 'safe' as const,
}
const ORIGIN = 'https://wx.example.gov.cn'
const IN_WECHAT =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.50(0x1800322c) NetType/WIFI Language/zh_CN'

let env: TestPayload
let payload: Payload
let world: BookingWorld

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  process.env.PUBLIC_URL = ORIGIN
  await createAccount(payload, { ...ACCOUNT, isDefault: true } as never)
  world = await createRatingWorld(payload, 'g')
}, 120_000)
afterAll(async () => {
  delete process.env.PUBLIC_URL
  await env?.close()
})

const session = (openid: string) => `${RESIDENT_SESSION_COOKIE}=${signResidentSession({ openid, appId: ACCOUNT.appId })}`
const get = (path: string, openid: string) => new Request(`${ORIGIN}${path}`, { headers: { 'user-agent': IN_WECHAT, cookie: session(openid) } })
const post = (path: string, openid: string, form: Array<[string, string]>, origin = ORIGIN) =>
  new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { 'user-agent': IN_WECHAT, cookie: session(openid), origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  })
const ratingsOf = async (id: string) => (await payload.count({ collection: 'ratings', where: { targetId: { equals: id } }, overrideAccess: true })).totalDocs

test("a closed appointment offers 「评价本次服务」; the form has the five levels and every level's reasons, no script; a running one has no button", async () => {
  const id = await closedAppointment(payload, world, 'o-g-form')
  const page = await (await appointmentResponse(payload, get(`/m/appointments/${id}`, 'o-g-form'), id)).text()
  expect(page).toContain(`href="/m/rate/appointment/${id}"`)
  expect(page).toContain('评价本次服务')
  const running = await closedAppointment(payload, world, 'o-g-form', 'accepted')
  expect(await (await appointmentResponse(payload, get(`/m/appointments/${running}`, 'o-g-form'), running)).text()).not.toContain('评价本次服务')

  const form = await ratePageResponse(payload, get(`/m/rate/appointment/${id}`, 'o-g-form'), 'appointment', id)
  expect(form.status).toBe(200)
  const html = await form.text()
  for (const label of ['非常满意', '满意', '基本满意', '不满意', '非常不满意']) expect(html).toContain(`<span>${label}</span>`)
  expect(html).toContain('name="reason_very_dissatisfied" value="推诿扯皮"')
  expect(html).toContain('<textarea name="comment"')
  expect(html).not.toContain('<script')
  // Someone else's appointment, and a running one.
  expect((await ratePageResponse(payload, get(`/m/rate/appointment/${id}`, 'o-g-other'), 'appointment', id)).status).toBe(404)
  const notYet = await ratePageResponse(payload, get(`/m/rate/appointment/${running}`, 'o-g-form'), 'appointment', running)
  expect(notYet.status).toBe(409)
  expect(await notYet.text()).toContain('事项办结后才能评价')
})

test('a reason ticked under another level is refused with what was chosen kept; a foreign post is refused', async () => {
  const id = await closedAppointment(payload, world, 'o-g-mix')
  const answer = await rateSubmitResponse(
    payload,
    post(`/m/rate/appointment/${id}`, 'o-g-mix', [
      ['level', 'satisfied'],
      ['reason_dissatisfied', '态度生硬'],
      ['comment', '还行'],
    ]),
    'appointment',
    id,
  )
  expect(answer.status).toBe(400)
  const html = await answer.text()
  expect(html).toContain('&quot;态度生硬&quot;不是&quot;满意&quot;可选的原因')
  expect(html).toContain(`name="level" checked="" value="satisfied"`)
  expect(await ratingsOf(id)).toBe(0)
  const foreign = await rateSubmitResponse(
    payload,
    post(`/m/rate/appointment/${id}`, 'o-g-mix', [['level', 'satisfied']], 'https://evil.example'),
    'appointment',
    id,
  )
  expect(foreign.status).toBe(403)
  expect(await ratingsOf(id)).toBe(0)
})

test('two posts of the form at once: one rating; the other is told 「该事项已评价」', async () => {
  const id = await closedAppointment(payload, world, 'o-g-twice')
  const form: Array<[string, string]> = [
    ['level', 'very_satisfied'],
    ['reason_very_satisfied', '一次办成'],
  ]
  const answers = await Promise.all([
    rateSubmitResponse(payload, post(`/m/rate/appointment/${id}`, 'o-g-twice', form), 'appointment', id),
    rateSubmitResponse(payload, post(`/m/rate/appointment/${id}`, 'o-g-twice', form), 'appointment', id),
  ])
  expect(answers.map((a) => a.status).sort()).toEqual([303, 409])
  expect(await answers.find((a) => a.status === 409)!.text()).toContain('该事项已评价')
  expect(answers.find((a) => a.status === 303)!.headers.get('location')).toBe(`/m/rate/appointment/${id}?done=1`)
  expect(await ratingsOf(id)).toBe(1)
  const thanks = await (await ratePageResponse(payload, get(`/m/rate/appointment/${id}?done=1`, 'o-g-twice'), 'appointment', id)).text()
  expect(thanks).toContain('感谢您的评价')
  expect(thanks).toContain('一次办成')
})

test('a 差评 runs on the appointment page: 待回访 with its deadline, the fix, 不认可整改, closed without agreement, one appeal to the leader', async () => {
  const openid = 'o-g-bad'
  const id = await closedAppointment(payload, world, openid)
  const rated = await rateSubmitResponse(
    payload,
    post(`/m/rate/appointment/${id}`, openid, [
      ['level', 'dissatisfied'],
      ['reason_dissatisfied', '多次跑腿'],
      ['comment', '材料清单和窗口说的不一样'],
    ]),
    'appointment',
    id,
    { now: SEPT_30_10AM },
  )
  expect(rated.status).toBe(303)
  const pageOf = async () => (await appointmentResponse(payload, get(`/m/appointments/${id}`, openid), id)).text()
  let page = await pageOf()
  expect(page).toContain('差评整改')
  expect(page).toContain('待回访')
  expect(page).toContain('2026-10-13')
  expect(page).not.toContain('评价本次服务')

  const item = String(
    (
      (await payload.find({ collection: 'rectifications', where: { level: { equals: 'dissatisfied' } }, overrideAccess: true, depth: 0 })).docs[0] as {
        id: string
      }
    ).id,
  )
  const clerk = { kind: 'staff' as const, user: await staffUser(payload, world, 'clerk') }
  const at = SEPT_30_10AM + 3 * 3600_000
  await takeRectificationStep(payload, item, 'call_back', clerk, { callBack: { caller: '赵回访', calledAt: at - 60_000, summary: '已联系，致歉' } }, at)
  await takeRectificationStep(payload, item, 'record_fix', clerk, { note: '窗口材料清单已与办事指南统一' }, at)
  page = await pageOf()
  expect(page).toContain('窗口材料清单已与办事指南统一')
  expect(page).toContain('value="accept"')
  expect(page).toContain('value="dispute"')
  expect(page).not.toContain('赵回访') // the call-back record is for staff

  // Someone else cannot give the verdict.
  expect((await rectificationActionResponse(payload, post(`/m/rectifications/${item}`, 'o-g-stranger', [['action', 'accept']]), item)).status).toBe(404)
  const disputed = await rectificationActionResponse(
    payload,
    post(`/m/rectifications/${item}`, openid, [
      ['action', 'dispute'],
      ['note', '还是不清楚'],
    ]),
    item,
  )
  expect(disputed.status).toBe(303)
  expect(disputed.headers.get('location')).toBe(`/m/appointments/${id}?dispute=1`)
  expect(await pageOf()).toContain('群众不认可')

  await takeRectificationStep(payload, item, 'close_without_agreement', clerk, { note: '已按规定整改，群众仍不认可' }, at)
  page = await pageOf()
  expect(page).toContain('未获认可办结')
  expect(page).toContain('value="appeal"')
  const appealed = await rectificationActionResponse(payload, post(`/m/rectifications/${item}`, openid, [['action', 'appeal']]), item)
  expect(appealed.status).toBe(303)
  const leaderNotices = await payload.find({
    collection: 'notifications',
    where: { and: [{ relatedId: { equals: item } }, { recipient: { equals: world.users.leader.id } }] },
    depth: 0,
  })
  expect(leaderNotices.docs).toHaveLength(1)
  expect(leaderNotices.docs[0]!.subject).toContain('申诉')

  // The leader reopens; once fixed and closed again, no second appeal: no button, and a forged post is refused.
  await takeRectificationStep(payload, item, 'reopen', { kind: 'staff', user: await staffUser(payload, world, 'leader') }, { note: '请重新核实材料清单' }, at)
  await takeRectificationStep(payload, item, 'call_back', clerk, { callBack: { caller: '赵回访', calledAt: at, summary: '再次联系' } }, at)
  await takeRectificationStep(payload, item, 'record_fix', clerk, { note: '材料清单已重新印制' }, at)
  await takeRectificationStep(payload, item, 'close_without_agreement', clerk, { note: '群众未答复' }, at)
  page = await pageOf()
  expect(page).toContain('未获认可办结')
  expect(page).not.toContain('value="appeal"')
  const again = await rectificationActionResponse(payload, post(`/m/rectifications/${item}`, openid, [['action', 'appeal']]), item)
  expect(again.status).toBe(409)
  expect(await again.text()).toContain('只能申诉一次')
})

test('the public monthly page: counts, 满意率, the rectification with its approved fix and the approved comment only — no personal data', async () => {
  const openid = 'o-g-public-7f3a9c'
  const good = await closedAppointment(payload, world, openid)
  const bad = await closedAppointment(payload, world, openid)
  await rateSubmitResponse(
    payload,
    post(`/m/rate/appointment/${good}`, openid, [
      ['level', 'very_satisfied'],
      ['comment', '窗口的同志很耐心，点赞'],
    ]),
    'appointment',
    good,
    {
      now: SEPT_30_10AM,
    },
  )
  await rateSubmitResponse(
    payload,
    post(`/m/rate/appointment/${bad}`, openid, [
      ['level', 'very_dissatisfied'],
      ['reason_very_dissatisfied', '推诿扯皮'],
      ['comment', '私下的话：王小明 13912345678'],
    ]),
    'appointment',
    bad,
    {
      now: SEPT_30_10AM,
    },
  )
  const ratings = (await payload.find({ collection: 'ratings', where: { openid: { equals: openid } }, overrideAccess: true, depth: 0 })).docs
  const admin = { user: { ...(await staffUser(payload, world, 'admin')), collection: 'users' } } as never
  await approveComment(payload, admin, String(ratings.find((r) => r.level === 'very_satisfied')!.id))
  const item = (
    await payload.find({
      collection: 'rectifications' as never,
      where: { rating: { equals: ratings.find((r) => r.level === 'very_dissatisfied')!.id } },
      overrideAccess: true,
      depth: 0,
    })
  ).docs[0] as unknown as { id: string }
  const clerk = { kind: 'staff' as const, user: await staffUser(payload, world, 'clerk') }
  await takeRectificationStep(
    payload,
    String(item.id),
    'call_back',
    clerk,
    { callBack: { caller: '钱回访员', calledAt: SEPT_30_10AM, summary: '群众电话 13912345678' } },
    SEPT_30_10AM + 60_000,
  )
  await takeRectificationStep(payload, String(item.id), 'record_fix', clerk, { note: '已约谈窗口人员王某' }, SEPT_30_10AM + 60_000)
  await approvePublicFix(payload, admin, String(item.id), '已对窗口人员开展服务规范培训')

  const answer = await ratingsSummaryResponse(payload, new Request(`${ORIGIN}/m/ratings/2026-09`), '2026-09', { now: Date.parse('2026-11-30T12:00:00+08:00') })
  expect(answer.status).toBe(200)
  const html = await answer.text()
  expect(html).toContain('好差评公示 · 2026年9月')
  expect(html).toContain(`${'g'}民政科`)
  expect(html).toContain('推诿扯皮')
  expect(html).toContain('已对窗口人员开展服务规范培训')
  expect(html).toContain('窗口的同志很耐心，点赞')
  expect(html).toContain('href="/m/ratings/2026-08"')
  expect(html).toContain('href="/m/ratings/2026-10"')
  for (const personal of [
    openid,
    'o-g-bad',
    '王小明',
    '13912345678',
    '139****5678',
    '私下的话',
    '钱回访员',
    '赵回访',
    '已约谈窗口人员王某',
    'example.test',
    '材料清单和窗口说的不一样',
  ])
    expect(html).not.toContain(personal)
  expect(html).not.toContain('<script')
  expect((await ratingsSummaryResponse(payload, new Request(`${ORIGIN}/m/ratings/2099-01`), '2099-01')).status).toBe(404)
  expect((await ratingsSummaryResponse(payload, new Request(`${ORIGIN}/m/ratings/2026-13`), '2026-13')).status).toBe(404)
  expect((await ratingsSummaryResponse(payload, new Request(`${ORIGIN}/m/ratings`))).status).toBe(200)
})

test('a form that cannot be read is a Chinese 400 (not a form) or 413 (too large), never a 500 (the rating form)', async () => {
  const id = await closedAppointment(payload, world, 'o-g-broken')
  const broken = (path: string, body: string, type: string) =>
    new Request(`${ORIGIN}${path}`, {
      method: 'POST',
      headers: { 'user-agent': IN_WECHAT, cookie: session('o-g-broken'), origin: ORIGIN, 'content-type': type },
      body,
    })
  const cut = await rateSubmitResponse(
    payload,
    broken(`/m/rate/appointment/${id}`, '--x\r\nContent-Disposition: form-data; name="level"', 'multipart/form-data; boundary=x'),
    'appointment',
    id,
  )
  expect(cut.status).toBe(400)
  expect(await cut.text()).toContain('提交的内容不完整')
  const huge = await rateSubmitResponse(
    payload,
    broken(`/m/rate/appointment/${id}`, `comment=${'长'.repeat(40_000)}`, 'application/x-www-form-urlencoded'),
    'appointment',
    id,
  )
  expect(huge.status).toBe(413)
  expect(await huge.text()).toContain('提交的内容太多')
  expect(await ratingsOf(id)).toBe(0)
})

test('a 差评 whose deadline reaches 2027: the resident’s page shows the estimated deadline with the note (issue 14 review F3)', async () => {
  const id = await closedAppointment(payload, world, 'o-g-2027')
  await rateMatter(payload, {
    openid: 'o-g-2027',
    target: { kind: 'appointment', id },
    input: { level: 'dissatisfied' },
    now: Date.parse('2026-12-28T10:00:00+08:00'),
  })
  const page = await (await ratePageResponse(payload, get(`/m/rate/appointment/${id}`, 'o-g-2027'), 'appointment', id)).text()
  expect(page).toContain('整改期限')
  expect(page).toContain('2027-01-04')
  expect(page).toContain('2027 年节假日安排尚未公布，期限按周一至周五推算，公布后自动更正')
})
