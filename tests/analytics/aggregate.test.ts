import {
  compare,
  comparisonText,
  contentTypeComparison,
  followerGrowth,
  followersByWeek,
  menuUse,
  monthlyFigures,
  percent,
  perThousand,
  pushReports,
  readsBySource,
  servicesPerWeek,
  totalsOf,
  type ArticleRow,
  type DayRow,
} from '../../src/services/analytics/report/aggregate'
import { isoWeeksBetween } from '../../src/shared/time'

// The figures of 统计分析 from rows, by hand: sums per month, per-1,000 rates, month comparison.

const day = (date: string, values: Partial<DayRow> = {}): DayRow => ({
  date,
  newUser: 0,
  cancelUser: 0,
  netUser: 0,
  cumulateUser: 0,
  readUser: 0,
  readCount: 0,
  shareUser: 0,
  shareCount: 0,
  ...values,
})

const article = (values: Partial<ArticleRow> & Pick<ArticleRow, 'msgid' | 'msgDataId' | 'index'>): ArticleRow => ({
  title: values.msgid,
  sentDate: '2026-11-05',
  targetUser: 100,
  readUser: 0,
  readCount: 0,
  shareUser: 0,
  shareCount: 0,
  readUserDay1: null,
  readUserDay3: null,
  readUserDay7: null,
  ...values,
})

test('months sum the days and keep the last known follower count', () => {
  const days = [
    day('2026-10-31', { readUser: 5, readCount: 7, newUser: 2, cancelUser: 1, netUser: 1, cumulateUser: 100, shareUser: 1 }),
    day('2026-11-02', { readUser: 10, readCount: 12, newUser: 4, cancelUser: 1, netUser: 3, cumulateUser: 103, shareUser: 2, shareCount: 3 }),
    day('2026-11-01', { readUser: 20, readCount: 30, newUser: 0, cancelUser: 0, netUser: 0, cumulateUser: 100 }),
    day('2026-11-03', { readUser: 1, readCount: 1, cumulateUser: 0 }),
  ]
  expect(monthlyFigures(days)).toEqual([
    { month: '2026-10', readUser: 5, readCount: 7, shareUser: 1, shareCount: 0, newUser: 2, cancelUser: 1, netUser: 1, cumulateUser: 100, days: 1 },
    { month: '2026-11', readUser: 31, readCount: 43, shareUser: 2, shareCount: 3, newUser: 4, cancelUser: 1, netUser: 3, cumulateUser: 103, days: 3 },
  ])
  // A day without WeChat's cumulative count carries the previous one (no drop to 0 on the chart).
  expect(followerGrowth(days).map((entry) => entry.cumulateUser)).toEqual([100, 100, 103, 103])
  expect(totalsOf(days)).toMatchObject({ readUser: 36, netUser: 4, cumulateUser: 103, shareCount: 3 })
})

test('reads by source add up per code, with the Chinese name, and skip the all-sources total', () => {
  const rows: Array<{ readsBySource: Record<string, { user: number; count: number }> | null }> = [
    { readsBySource: { '0': { user: 3, count: 4 }, '2': { user: 1, count: 1 }, '99999999': { user: 9, count: 9 } } },
    { readsBySource: { '0': { user: 2, count: 2 }, '7': { user: 1, count: 2 } } },
    { readsBySource: null },
  ]
  expect(readsBySource(rows)).toEqual([
    { source: '0', label: '会话', user: 5, count: 6 },
    { source: '2', label: '朋友圈', user: 1, count: 1 },
    { source: '7', label: '搜一搜', user: 1, count: 2 },
  ])
})

test('a push groups its items in order with 1/3/7-day reads and the delivered count', () => {
  const reports = pushReports([
    article({ msgid: '900_2', msgDataId: '900', index: 2, readUser: 10, shareUser: 1, readUserDay1: 6, readUserDay3: 9, readUserDay7: 10 }),
    article({ msgid: '900_1', msgDataId: '900', index: 1, readUser: 40, shareUser: 4, targetUser: 120, readsBySource: { '0': { user: 30, count: 35 } } }),
    article({ msgid: '800_1', msgDataId: '800', index: 1, sentDate: '2026-10-29', readUser: 5 }),
  ])
  expect(reports.map((report) => report.msgDataId)).toEqual(['900', '800'])
  expect(reports[0]).toMatchObject({ targetUser: 120, readUser: 50, shareUser: 5 })
  expect(reports[0]!.items.map((item) => [item.index, item.readUserDay1, item.readUserDay3, item.readUserDay7])).toEqual([
    [1, null, null, null],
    [2, 6, 9, 10],
  ])
  expect(reports[0]!.items[0]!.sources).toEqual([{ source: '0', label: '会话', user: 30, count: 35 }])
})

test('content types: average readers per item and share rate, all three types always present', () => {
  const rows = [
    article({ msgid: 'a', msgDataId: '1', index: 1, contentType: 'articles', itemId: 'x', readUser: 30, shareUser: 3 }),
    article({ msgid: 'b', msgDataId: '1', index: 2, contentType: 'articles', itemId: 'y', readUser: 15, shareUser: 0 }),
    article({ msgid: 'c', msgDataId: '1', index: 3, contentType: 'policy-explainers', itemId: 'z', readUser: 8, shareUser: 2 }),
    article({ msgid: 'd', msgDataId: '1', index: 4, readUser: 1000 }),
  ]
  expect(contentTypeComparison(rows)).toEqual([
    { key: 'articles', label: '文章', items: 2, readUser: 45, shareUser: 3, averageReads: 22.5, shareRate: 6.7 },
    { key: 'policy-explainers', label: '政策解读', items: 1, readUser: 8, shareUser: 2, averageReads: 8, shareRate: 25 },
    { key: 'community-news', label: '社区要闻', items: 0, readUser: 0, shareUser: 0, averageReads: null, shareRate: null },
  ])
})

test('menu use: clicks per ISO week per 1,000 followers of that week, lowest first, the fallback when a week has no count', () => {
  // 2026-11-02 is a Monday (W45); 2026-11-09 starts W46.
  const days = [day('2026-11-04', { cumulateUser: 2000 }), day('2026-11-08', { cumulateUser: 2500 })]
  const weekly = followersByWeek(days)
  expect([...weekly]).toEqual([['2026-W45', 2500]])
  const clicks = [
    { key: 'guides', name: '办事指南', event: 'VIEW', day: '2026-11-03', count: 40 },
    { key: 'guides', name: '办事指南', event: 'VIEW', day: '2026-11-05', count: 10 },
    { key: 'news', name: '社区动态', event: 'CLICK', day: '2026-11-04', count: 5 },
    { key: 'news', name: '社区动态', event: 'CLICK', day: '2026-11-10', count: 4 },
  ]
  const use = menuUse(clicks, weekly, 800, isoWeeksBetween('2026-11-02', '2026-11-15'))
  expect(use.weeks.map((row) => [row.week, row.name, row.clicks, row.followers, row.perThousand])).toEqual([
    ['2026-W45', '社区动态', 5, 2500, 2],
    ['2026-W45', '办事指南', 50, 2500, 20],
    ['2026-W46', '社区动态', 4, 800, 5],
  ])
  // Over both weeks: 办事指南 (20 + 0) / 2 = 10, 社区动态 (2 + 5) / 2 = 3.5 — the ignored item first.
  expect(use.items.map((item) => [item.name, item.clicks, item.perThousand])).toEqual([
    ['社区动态', 9, 3.5],
    ['办事指南', 50, 10],
  ])
  expect(perThousand(1, 3)).toBe(333.3)
  expect(perThousand(5, 0)).toBeNull()
})

test('residents services per week and office with the 满意率', () => {
  const rows = servicesPerWeek([
    { kind: 'appointment', date: '2026-11-02', officeId: 'o1', officeName: '民政科' },
    { kind: 'appointment', date: '2026-11-03', officeId: 'o1', officeName: '民政科' },
    { kind: 'consultation', date: '2026-11-04', officeId: 'o2', officeName: '城市管理科' },
    { kind: 'rating', date: '2026-11-05', officeId: 'o1', officeName: '民政科', level: 'satisfied' },
    { kind: 'rating', date: '2026-11-05', officeId: 'o1', officeName: '民政科', level: 'basic' },
    { kind: 'rating', date: '2026-11-06', officeId: 'o1', officeName: '民政科', level: 'dissatisfied' },
    { kind: 'rating', date: '2026-11-10', officeId: 'o1', officeName: '民政科', level: 'very_satisfied' },
  ])
  expect(rows).toEqual([
    { week: '2026-W45', officeId: 'o2', officeName: '城市管理科', appointments: 0, consultations: 1, ratings: 0, satisfied: 0, satisfactionRate: null },
    { week: '2026-W45', officeId: 'o1', officeName: '民政科', appointments: 2, consultations: 0, ratings: 3, satisfied: 2, satisfactionRate: 66.7 },
    { week: '2026-W46', officeId: 'o1', officeName: '民政科', appointments: 0, consultations: 0, ratings: 1, satisfied: 1, satisfactionRate: 100 },
  ])
})

test('month comparison: change in percent with its arrow', () => {
  expect(compare(120, 100)).toEqual({ value: 120, previous: 100, changePercent: 20, arrow: '↑' })
  expect(comparisonText(compare(120, 100))).toBe('↑ 20.0%')
  expect(comparisonText(compare(97, 100))).toBe('↓ 3.0%')
  expect(comparisonText(compare(5, 5))).toBe('→ 持平')
  expect(comparisonText(compare(5, 0))).toBe('↑ 上月为 0')
  expect(compare(-3, 4)).toMatchObject({ changePercent: -175, arrow: '↓' })
  expect(percent(1, 3)).toBe(33.3)
})
