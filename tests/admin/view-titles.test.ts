import type { AdminViewServerProps } from 'payload'
import { renderToStaticMarkup } from 'react-dom/server'
import { MonthlyReportView } from '../../src/admin/analytics/MonthlyReportView'
import { shanghaiMonth } from '../../src/shared/time'
import { startTestPayload, type TestPayload } from '../helpers/payload'

// The admin's own pages beside Payload's: each has a Chinese browser title (Payload's custom view
// `meta`, which @payloadcms/next's generateCustomViewMetadata puts before the admin's title suffix;
// without it the tab reads 「Payload」), and the 月报's address with a bad month says what a month looks like.

let t: TestPayload

beforeAll(async () => {
  t = await startTestPayload()
}, 120_000)
afterAll(async () => t?.close())

const TITLES: Record<string, string> = {
  reviewQueue: '稿件审核',
  thisWeek: '本周推送',
  pushCalendar: '推送日历',
  matrix: '账号矩阵',
  appointmentsToday: '今日预约',
  mattersBoard: '办件看板',
  appointmentsBook: '代约',
  consultationsBoard: '微问政看板',
  ratingsBoard: '好差评看板',
  health: '运行状态',
  analyticsReport: '统计月报',
  analytics: '统计分析',
}

test('every custom admin view has its Chinese title before the admin’s suffix 「 · 街道办微信服务号」', async () => {
  const sanitized = t.payload.config
  expect(sanitized.admin.meta.titleSuffix).toBe(' · 街道办微信服务号')
  const views = (sanitized.admin.components?.views ?? {}) as Record<string, { meta?: { title?: unknown; openGraph?: { title?: unknown } } }>
  // A view added later without a title fails here, not in a browser tab.
  expect(Object.keys(views).sort()).toEqual(Object.keys(TITLES).sort())
  for (const [key, view] of Object.entries(views)) {
    expect([key, view.meta?.title]).toEqual([key, TITLES[key]])
    expect([key, view.meta?.openGraph?.title]).toEqual([key, TITLES[key]])
  }
})

test('月报 with a bad month in its address says the format, with this month as the example', async () => {
  for (const month of ['2026-13', 'abc', '2026-1']) {
    const props = {
      initPageResult: { req: { user: { id: 1, role: 'leader', collection: 'users' } } },
      params: { segments: ['analytics', 'report', month] },
      searchParams: {},
    } as unknown as AdminViewServerProps
    const html = renderToStaticMarkup(await MonthlyReportView(props))
    expect(html).toContain(`月份格式应为 YYYY-MM，例如 ${shanghaiMonth(new Date())}`)
  }
})
