/** The 本周推送 page's data on a real Payload: the report, the calendar and the WeChat-rendered items. */
import type { Payload } from 'payload'
import { findAccount } from '../../src/services/accounts/find-account'
import { loadCalendar } from '../../src/services/push/calendar-view'
import { loadItemPreviews } from '../../src/admin/push/preview'
import { loadWeekReport } from '../../src/services/push/week-report'
import { lexicalFromParagraphs } from '../../src/services/content/rich-text'
import { REVIEW_TRANSITION_CONTEXT } from '../../src/services/review/hooks'
import { isoWeekOf } from '../../src/shared/time'
import { createFixtures, type Fixtures } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'

let env: TestPayload
let payload: Payload
let fx: Fixtures
const now = new Date('2026-11-24T02:00:00Z') // Tuesday of 2026-W48, Beijing
const week = isoWeekOf(now)

async function approvedItem(title: string, body: Record<string, unknown>, cover: string | null) {
  return payload.create({
    collection: 'articles',
    context: { [REVIEW_TRANSITION_CONTEXT]: true },
    data: {
      title,
      digest: `${title}摘要`,
      body,
      cover,
      community: fx.communityA,
      createdBy: fx.users.author.id,
      reviewStatus: 'approved',
      approvedAt: now.toISOString(),
      category: 'notice',
    } as never,
  })
}

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  fx = await createFixtures(payload, 'ap')
  await payload.create({
    collection: 'wechat-accounts',
    data: {
      name: '测试服务号',
      appId: 'wxadminpush0001',
      appSecret: 'secret-0000000000000000000000000',
      token: 'token',
      encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
      isDefault: true,
      type: 'service',
    } as never,
  })
})

afterAll(async () => env?.close())

test('the default account is found, also by app id; an unknown one is not', async () => {
  const account = await findAccount(payload)
  expect(account).toMatchObject({ name: '测试服务号', appId: 'wxadminpush0001' })
  expect(await findAccount(payload, 'wxadminpush0001')).toEqual(account)
  expect(await findAccount(payload, account!.id)).toEqual(account)
  expect(await findAccount(payload, 'wx-nope')).toBeNull()
})

test('a week without a push reports the pool and the assembler selection', async () => {
  await approvedItem('社区停水通知', lexicalFromParagraphs(['周六停水。']), fx.cover)
  const account = (await findAccount(payload))!
  const report = await loadWeekReport(payload, { account, week, now })
  expect(report.push).toBeNull()
  expect(report.pool).toMatchObject({ approved: 1, selected: 1, missing: 4 })
  expect(report.quota).toEqual({ month: '2026-11', used: 0, limit: 4 })
})

test('a push: items in order with their problems, the signer, the month quota, the calendar', async () => {
  const good = await approvedItem('旧改五件事', lexicalFromParagraphs(['正文。']), fx.cover)
  const bad = await approvedItem('没有封面', lexicalFromParagraphs(['正文。']), null)
  const account = (await findAccount(payload))!
  const push = await payload.create({
    collection: 'weekly-pushes',
    overrideAccess: true,
    data: {
      week,
      account: account.id,
      items: [
        { relationTo: 'articles', value: good.id },
        { relationTo: 'articles', value: bad.id },
      ],
      status: 'signed_off',
      signedOffBy: fx.users.leader.id,
      signedOffAt: now.toISOString(),
    } as never,
  })
  const report = await loadWeekReport(payload, { account, week, now })
  expect(report.push).toMatchObject({ id: String(push.id), status: 'signed_off', signedOffBy: 'leader' })
  expect(report.push!.items.map((item) => item.title)).toEqual(['旧改五件事', '没有封面'])
  expect(report.push!.items[0].problems).toEqual([])
  expect(report.push!.items[1].problems.join()).toContain('封面')

  const calendar = await loadCalendar(payload, account.id, week, undefined, now)
  expect(calendar.rows).toHaveLength(8)
  expect(calendar.rows[0]).toMatchObject({ week, status: 'signed_off', quotaUsed: 1, quotaLimit: 4 })
  expect(calendar.pushIds[week]).toBe(String(push.id))
})

test('items render as WeChat HTML with images at their local address, nothing uploaded', async () => {
  const body = lexicalFromParagraphs(['图文并茂。'])
  ;(body.root as { children: unknown[] }).children.push({ type: 'upload', relationTo: 'media', value: fx.cover, version: 3, format: '', fields: null })
  const item = await approvedItem('带图的文章', body, fx.cover)
  const [preview, missing] = await loadItemPreviews(payload, [
    { relationTo: 'articles', value: String(item.id) },
    { relationTo: 'articles', value: '00000000-0000-0000-0000-000000000000' },
  ])
  expect(preview).toMatchObject({ title: '带图的文章', digest: '带图的文章摘要', error: null })
  expect(preview.coverUrl).toMatch(/^\/api\/media\/file\//)
  expect(preview.thumbUrl).toMatch(/^\/api\/media\/file\/.*400x300/)
  expect(preview.html).toContain('图文并茂。')
  expect(preview.html).toMatch(/<img[^>]+src="\/api\/media\/file\/[^"]+"/)
  expect(preview.html).not.toContain('mmbiz')
  expect(missing).toMatchObject({ title: '（已删除）', error: '内容已被删除' })
})
