/**
 * The loaders of 统计分析 on a real Payload (rows inserted as the sync stores them): the monthly report
 * against last month, a weekly push's figures per item, an item's figures per account, and the
 * services joined to their office.
 */
import type { Payload } from 'payload'
import { comparisonText, compare } from '../../src/services/analytics/report/aggregate'
import { loadItemFigures, loadMonthlyReport, loadPushFigures } from '../../src/services/analytics/report/load'
import { createFixtures, createItem, type Fixtures } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { HEADLINE, HEADLINE_READS, seedAnalytics, type AnalyticsWorld } from './helpers'

let env: TestPayload
let payload: Payload
let fx: Fixtures
let world: AnalyticsWorld

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  fx = await createFixtures(payload, 'rl')
  const item = await createItem(payload, fx, 'articles', 'sent', { title: HEADLINE })
  world = await seedAnalytics(payload, { item: { relationTo: 'articles', value: item }, community: fx.communityA })
}, 180_000)
afterAll(async () => {
  await env?.close()
})

test('the monthly report compares November with October', async () => {
  const report = await loadMonthlyReport(payload, null, '2026-11')
  expect(report.overview.from).toBe('2026-11-01')
  expect(report.overview.to).toBe('2026-11-30')
  expect(report.previousMonth).toBe('2026-10')
  expect(report.overview.totals.readUser).toBe(3000)
  expect(report.previous.readUser).toBe(1550)
  expect(comparisonText(compare(report.overview.totals.readUser, report.previous.readUser))).toBe('↑ 93.5%')
  expect(report.overview.totals.netUser).toBe(90)
  expect(report.previous.netUser).toBe(31)
  expect(report.top.map((item) => item.title)).toEqual([HEADLINE, '社区垃圾分类新规解读'])
  expect(report.services).toEqual({ appointments: 0, consultations: 0, ratings: 1, satisfied: 1 })
  // The item joined to a document of this system counts for its type and community.
  expect(report.overview.contentTypes[0]).toMatchObject({ key: 'articles', items: 1, readUser: HEADLINE_READS })
  expect(report.overview.communities).toEqual([expect.objectContaining({ label: 'rl西关社区', items: 1 })])
})

test("a weekly push's figures: its items in order with the delivered count", async () => {
  const [report, ...rest] = await loadPushFigures(payload, world.push)
  expect(rest).toHaveLength(0)
  expect(report).toMatchObject({ week: '2026-W45', targetUser: 2040, sentDate: '2026-11-05' })
  expect(report!.items.map((item) => [item.title, item.readUserDay1, item.readUserDay3, item.readUserDay7, item.readUser])).toEqual([
    [HEADLINE, 800, 1100, 1200, HEADLINE_READS],
    ['社区垃圾分类新规解读', 200, 290, 310, 321],
  ])
})

test("an item's figures per account it was pushed in", async () => {
  const rows = await loadItemFigures(payload, 'articles', world.item)
  expect(rows).toEqual([expect.objectContaining({ accountName: '测试服务号', readUser: HEADLINE_READS, targetUser: 2040, readUserDay7: 1200 })])
  expect(await loadItemFigures(payload, 'policy-explainers', world.item)).toEqual([])
})
