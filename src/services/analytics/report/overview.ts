/**
 * What the 统计分析 dashboard draws, as one JSON answer (`GET /api/analytics/overview`), built from rows
 * by the pure functions of aggregate.ts. The admin's client components import only the TYPES of this
 * file. Also the date range: its defaults and its check (Chinese 400).
 */
import { ApiError } from '../../../http/api-error'
import { addDays, daysBetween, isIsoDate, isoWeeksBetween } from '../../../shared/time'
import {
  communityComparison,
  contentTypeComparison,
  followerGrowth,
  followersByWeek,
  menuUse,
  monthlyFigures,
  pushReports,
  readsBySource,
  servicesPerWeek,
  topItems,
  totalsOf,
  type ArticleRow,
  type DayRow,
  type FollowerDay,
  type GroupFigures,
  type MenuClickRow,
  type MenuItemSummary,
  type MenuWeekRow,
  type MonthFigures,
  type PushReport,
  type ServiceEvent,
  type ServiceWeekRow,
  type SourceFigures,
  type Totals,
} from './aggregate'

/** The first day a range may start on: WeChat's official accounts opened in 2012. */
export const EARLIEST_DATE = '2012-01-01'

/** The longest span one overview or export covers, in days (about two years). */
export const MAX_RANGE_DAYS = 731

/** A Beijing date range, both ends inclusive. */
export interface DateRange {
  from: string
  to: string
}

/**
 * The range asked for, or the default — the current month and the two before it, up to `today`.
 * @throws ApiError 400 `invalid-range` (Chinese) for a date that is not a real `YYYY-MM-DD`, a range
 * that ends before it starts, or one longer than MAX_RANGE_DAYS.
 */
export function parseRange(from: string | null | undefined, to: string | null | undefined, today: string): DateRange {
  const start = from || `${addMonths(today.slice(0, 7), -2)}-01`
  const end = to || today
  // Statistics exist from WeChat's official accounts' start (2012) up to yesterday: a range beyond next
  // year asks for nothing there is, and far years break date arithmetic.
  const latest = addDays(today, 366)
  if (!isIsoDate(start) || !isIsoDate(end) || start < EARLIEST_DATE || end > latest || end < start || daysBetween(start, end) >= MAX_RANGE_DAYS) {
    throw new ApiError(400, 'invalid-range', {
      zh: `请选择有效的日期范围（YYYY-MM-DD，${EARLIEST_DATE} 至 ${latest} 之间，开始不晚于结束，最多 ${MAX_RANGE_DAYS} 天）`,
      en: `Choose a valid date range (YYYY-MM-DD between ${EARLIEST_DATE} and ${latest}, start not after end, at most ${MAX_RANGE_DAYS} days)`,
    })
  }
  return { from: start, to: end }
}

/** `YYYY-MM` moved by `count` months. */
export function addMonths(month: string, count: number): string {
  const [year, number] = month.split('-').map(Number) as [number, number]
  const index = year * 12 + (number - 1) + count
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** The first and last day of a month `YYYY-MM`. */
export function monthRange(month: string): DateRange {
  return { from: `${month}-01`, to: addDays(`${addMonths(month, 1)}-01`, -1) }
}

/** An account one may choose. */
export interface AccountChoice {
  id: string
  name: string
}

/** The rows an overview is made of (what the loaders read). */
export interface OverviewInput {
  account: AccountChoice
  accounts: AccountChoice[]
  range: DateRange
  days: DayRow[]
  articles: ArticleRow[]
  clicks: MenuClickRow[]
  /** The followers the system knows (subscribed), when a week has no WeChat count. */
  knownFollowers: number
  services: ServiceEvent[]
}

/** The dashboard's JSON. */
export interface AnalyticsOverview {
  account: AccountChoice
  accounts: AccountChoice[]
  from: string
  to: string
  totals: Totals
  months: MonthFigures[]
  /** Per day: reads, shares and followers (the 逐日 export). */
  days: Array<Omit<DayRow, 'readsBySource'>>
  sources: SourceFigures[]
  followers: FollowerDay[]
  pushes: PushReport[]
  contentTypes: GroupFigures[]
  communities: GroupFigures[]
  menu: { weeks: MenuWeekRow[]; items: MenuItemSummary[] }
  services: ServiceWeekRow[]
  /** Whether any WeChat figure exists in the range (else the dashboard says the sync has not run). */
  hasData: boolean
}

/** The overview of the input's rows (pure). */
export function buildOverview(input: OverviewInput): AnalyticsOverview {
  const days = [...input.days].sort((a, b) => a.date.localeCompare(b.date))
  return {
    account: input.account,
    accounts: input.accounts,
    from: input.range.from,
    to: input.range.to,
    totals: totalsOf(days),
    months: monthlyFigures(days),
    days: days.map(({ readsBySource: _sources, ...rest }) => rest),
    sources: readsBySource(days),
    followers: followerGrowth(days),
    pushes: pushReports(input.articles),
    contentTypes: contentTypeComparison(input.articles),
    communities: communityComparison(input.articles),
    menu: menuUse(input.clicks, followersByWeek(days), input.knownFollowers, isoWeeksBetween(input.range.from, input.range.to)),
    services: servicesPerWeek(input.services),
    hasData: days.length > 0 || input.articles.length > 0,
  }
}

/** The monthly report's figures: the month's overview, last month's totals, the top 5 items. */
export interface MonthlyReport {
  month: string
  previousMonth: string
  overview: AnalyticsOverview
  previous: Totals
  top: ArticleRow[]
  /** Residents' services of the month, all offices together. */
  services: { appointments: number; consultations: number; ratings: number; satisfied: number }
  previousServices: { appointments: number; consultations: number; ratings: number; satisfied: number }
}

/** Sums the services' weekly rows. */
export function servicesTotal(rows: readonly ServiceWeekRow[]): MonthlyReport['services'] {
  return rows.reduce(
    (sum, row) => ({
      appointments: sum.appointments + row.appointments,
      consultations: sum.consultations + row.consultations,
      ratings: sum.ratings + row.ratings,
      satisfied: sum.satisfied + row.satisfied,
    }),
    { appointments: 0, consultations: 0, ratings: 0, satisfied: 0 },
  )
}

/** The monthly report of `month` from this month's input and last month's (pure). */
export function buildMonthlyReport(month: string, current: OverviewInput, previous: OverviewInput): MonthlyReport {
  const overview = buildOverview(current)
  return {
    month,
    previousMonth: addMonths(month, -1),
    overview,
    previous: totalsOf(previous.days),
    top: topItems(current.articles, 5),
    services: servicesTotal(overview.services),
    previousServices: servicesTotal(servicesPerWeek(previous.services)),
  }
}
