/**
 * 统计分析: the figures of the dashboard, the exports and the monthly report, computed from rows.
 * Pure: the inputs are the shapes below (the loaders in load.ts map stored documents onto them), the
 * outputs are plain JSON the admin's client components can draw. Every figure is a count (integer);
 * rates are percents or per-1,000 values with one decimal; dates are Beijing `YYYY-MM-DD`.
 *
 * Source of WeChat's figures: the data-cube API (数据统计接口: getusersummary, getusercumulate,
 * getuserread, getusershare, getarticletotal) as the analytics sync stores them — see
 * src/services/analytics/README.md and the contract of the `analytics-*` collections.
 */
import { CONTENT_COLLECTIONS, CONTENT_TYPE_NAMES, type ContentCollection } from '../../content/types'
import { RATING_LEVELS, type RatingLevel } from '../../ratings/levels'
import { satisfactionRate } from '../../ratings/summary'
import { isoWeek } from '../../../shared/time'

/** One account-level day (`analytics-days`), as the report needs it. */
export interface DayRow {
  date: string
  newUser: number
  cancelUser: number
  netUser: number
  /** Followers at the end of the day; 0 when WeChat gave none. */
  cumulateUser: number
  readUser: number
  readCount: number
  readsBySource?: Record<string, { user?: number; count?: number }> | null
  shareUser: number
  shareCount: number
}

/** One published article (`analytics-articles`), as the report needs it. */
export interface ArticleRow {
  accountId?: string | null
  msgid: string
  msgDataId: string
  /** 1-based position in its mass send (1 = 头条). */
  index: number
  title: string
  sentDate: string
  /** Delivered to (送达人数). */
  targetUser: number
  readUser: number
  readCount: number
  shareUser: number
  shareCount: number
  readUserDay1: number | null
  readUserDay3: number | null
  readUserDay7: number | null
  readsBySource?: Record<string, { user?: number; count?: number }> | null
  isDelay?: boolean
  weeklyPushId?: string | null
  weeklyPushWeek?: string | null
  contentType?: ContentType | null
  itemId?: string | null
  communityId?: string | null
  communityName?: string | null
}

export const CONTENT_TYPES = CONTENT_COLLECTIONS
export type ContentType = ContentCollection

/** WeChat's read sources (getuserread's user_source / getarticleread's scene), by code. */
export const READ_SOURCE_LABELS: Record<string, { zh: string; en: string }> = {
  '0': { zh: '会话', en: 'Chat' },
  '1': { zh: '好友转发', en: 'Shared by friends' },
  '2': { zh: '朋友圈', en: 'Moments' },
  '4': { zh: '历史消息页', en: 'History page' },
  '5': { zh: '其他', en: 'Other' },
  '6': { zh: '看一看', en: 'Top Stories' },
  '7': { zh: '搜一搜', en: 'Search' },
}

/** A menu item's clicks on one Beijing day (`menu-clicks`). */
export interface MenuClickRow {
  key: string
  name?: string | null
  event: string
  day: string
  count: number
}

/** One residents' service event: an appointment made, a suggestion received or a rating given. */
export interface ServiceEvent {
  kind: 'appointment' | 'consultation' | 'rating'
  /** Beijing `YYYY-MM-DD` it happened (booked, received, rated). */
  date: string
  officeId: string | null
  officeName: string
  level?: RatingLevel | null
}

const n = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0)

/** Percent with one decimal (12.5 = 12.5%), null when the base is 0. */
export function percent(part: number, whole: number): number | null {
  if (!whole) return null
  return Math.round((part * 1000) / whole) / 10
}

/** Per 1,000 with one decimal, null when the base is 0. */
export function perThousand(part: number, whole: number): number | null {
  if (!whole) return null
  return Math.round((part * 10_000) / whole) / 10
}

/** The figures of one calendar month (Beijing) of `analytics-days`. */
export interface MonthFigures {
  month: string
  readUser: number
  readCount: number
  shareUser: number
  shareCount: number
  newUser: number
  cancelUser: number
  netUser: number
  /** Followers at the month's last day with a figure (0 when none). */
  cumulateUser: number
  days: number
}

/** Sums the days per month, oldest month first; `cumulateUser` is the last known day's. */
export function monthlyFigures(days: readonly DayRow[]): MonthFigures[] {
  const months = new Map<string, MonthFigures & { lastDate: string }>()
  for (const day of [...days].sort((a, b) => a.date.localeCompare(b.date))) {
    const month = day.date.slice(0, 7)
    const entry = months.get(month) ?? {
      month,
      readUser: 0,
      readCount: 0,
      shareUser: 0,
      shareCount: 0,
      newUser: 0,
      cancelUser: 0,
      netUser: 0,
      cumulateUser: 0,
      days: 0,
      lastDate: '',
    }
    entry.readUser += n(day.readUser)
    entry.readCount += n(day.readCount)
    entry.shareUser += n(day.shareUser)
    entry.shareCount += n(day.shareCount)
    entry.newUser += n(day.newUser)
    entry.cancelUser += n(day.cancelUser)
    entry.netUser += n(day.netUser)
    entry.days += 1
    if (n(day.cumulateUser) > 0) {
      entry.cumulateUser = n(day.cumulateUser)
      entry.lastDate = day.date
    }
    months.set(month, entry)
  }
  return [...months.values()].map(({ lastDate: _lastDate, ...rest }) => rest)
}

/** Reads per source over the days (or articles), with the Chinese name; sources in code order. */
export interface SourceFigures {
  source: string
  label: string
  user: number
  count: number
}

/** Sums `readsBySource` of the rows (days or articles) per WeChat source code. */
export function readsBySource(rows: ReadonlyArray<{ readsBySource?: DayRow['readsBySource'] }>): SourceFigures[] {
  const sums = new Map<string, { user: number; count: number }>()
  for (const row of rows) {
    for (const [source, value] of Object.entries(row.readsBySource ?? {})) {
      if (source === '99999999') continue // WeChat's "all sources" total, not a source
      const entry = sums.get(source) ?? { user: 0, count: 0 }
      entry.user += n(value?.user)
      entry.count += n(value?.count)
      sums.set(source, entry)
    }
  }
  return [...sums.entries()]
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([source, value]) => ({ source, label: READ_SOURCE_LABELS[source]?.zh ?? `来源 ${source}`, ...value }))
}

/** Follower growth per day: new, cancelled, net and the cumulative count. */
export interface FollowerDay {
  date: string
  newUser: number
  cancelUser: number
  netUser: number
  cumulateUser: number
}

/** The days in date order, with the cumulative count carried over a day WeChat gave none for. */
export function followerGrowth(days: readonly DayRow[]): FollowerDay[] {
  let last = 0
  return [...days]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((day) => {
      if (n(day.cumulateUser) > 0) last = n(day.cumulateUser)
      return { date: day.date, newUser: n(day.newUser), cancelUser: n(day.cancelUser), netUser: n(day.netUser), cumulateUser: last }
    })
}

/** The totals of a span of days. */
export interface Totals {
  readUser: number
  readCount: number
  shareUser: number
  shareCount: number
  newUser: number
  cancelUser: number
  netUser: number
  /** Followers at the span's last known day. */
  cumulateUser: number
}

export function totalsOf(days: readonly DayRow[]): Totals {
  const growth = followerGrowth(days)
  const sum = (key: keyof DayRow) => days.reduce((total, day) => total + n(day[key]), 0)
  return {
    readUser: sum('readUser'),
    readCount: sum('readCount'),
    shareUser: sum('shareUser'),
    shareCount: sum('shareCount'),
    newUser: sum('newUser'),
    cancelUser: sum('cancelUser'),
    netUser: sum('netUser'),
    cumulateUser: growth.at(-1)?.cumulateUser ?? 0,
  }
}

/** One item of a mass send with its figures. */
export interface PushItemFigures {
  msgid: string
  index: number
  title: string
  contentType: ContentType | null
  itemId: string | null
  readUser: number
  readCount: number
  shareUser: number
  shareCount: number
  readUserDay1: number | null
  readUserDay3: number | null
  readUserDay7: number | null
  sources: SourceFigures[]
  isDelay: boolean
}

/** One sent mass send (群发): its items in order and its delivered count. */
export interface PushReport {
  msgDataId: string
  sentDate: string
  weeklyPushId: string | null
  week: string | null
  /** 送达人数: the delivered count WeChat gives each item of the send (the largest, should they differ). */
  targetUser: number
  readUser: number
  shareUser: number
  items: PushItemFigures[]
}

/** The articles grouped by mass send (msgDataId), newest send first, items by their index. */
export function pushReports(articles: readonly ArticleRow[]): PushReport[] {
  const pushes = new Map<string, PushReport>()
  for (const article of articles) {
    const push = pushes.get(article.msgDataId) ?? {
      msgDataId: article.msgDataId,
      sentDate: article.sentDate,
      weeklyPushId: article.weeklyPushId ?? null,
      week: article.weeklyPushWeek ?? null,
      targetUser: 0,
      readUser: 0,
      shareUser: 0,
      items: [],
    }
    push.targetUser = Math.max(push.targetUser, n(article.targetUser))
    push.readUser += n(article.readUser)
    push.shareUser += n(article.shareUser)
    push.weeklyPushId ??= article.weeklyPushId ?? null
    push.week ??= article.weeklyPushWeek ?? null
    if (article.sentDate < push.sentDate) push.sentDate = article.sentDate
    push.items.push({
      msgid: article.msgid,
      index: n(article.index),
      title: article.title,
      contentType: article.contentType ?? null,
      itemId: article.itemId ?? null,
      readUser: n(article.readUser),
      readCount: n(article.readCount),
      shareUser: n(article.shareUser),
      shareCount: n(article.shareCount),
      readUserDay1: article.readUserDay1 ?? null,
      readUserDay3: article.readUserDay3 ?? null,
      readUserDay7: article.readUserDay7 ?? null,
      sources: readsBySource([article]),
      isDelay: Boolean(article.isDelay),
    })
    pushes.set(article.msgDataId, push)
  }
  for (const push of pushes.values()) push.items.sort((a, b) => a.index - b.index)
  return [...pushes.values()].sort((a, b) => b.sentDate.localeCompare(a.sentDate) || b.msgDataId.localeCompare(a.msgDataId))
}

/** The figures of a group of items (a content type, a community). */
export interface GroupFigures {
  key: string
  label: string
  items: number
  readUser: number
  shareUser: number
  /** Average readers per item, one decimal; null without items. */
  averageReads: number | null
  /** Sharers per reader, percent with one decimal; null without readers. */
  shareRate: number | null
}

function groupFigures(articles: readonly ArticleRow[], keyOf: (article: ArticleRow) => { key: string; label: string } | null): GroupFigures[] {
  const groups = new Map<string, GroupFigures>()
  for (const article of articles) {
    const group = keyOf(article)
    if (!group) continue
    const entry = groups.get(group.key) ?? { ...group, items: 0, readUser: 0, shareUser: 0, averageReads: null, shareRate: null }
    entry.items += 1
    entry.readUser += n(article.readUser)
    entry.shareUser += n(article.shareUser)
    groups.set(group.key, entry)
  }
  return [...groups.values()].map((group) => ({
    ...group,
    averageReads: group.items ? Math.round((group.readUser * 10) / group.items) / 10 : null,
    shareRate: percent(group.shareUser, group.readUser),
  }))
}

/**
 * 内容类型对比: articles, policy explainers and community news — average readers per item and share
 * rate (sharers ÷ readers). Always the three types in that order (zeros for a type not pushed); items
 * not joined to a document of this system are left out.
 */
export function contentTypeComparison(articles: readonly ArticleRow[]): GroupFigures[] {
  const found = groupFigures(articles, (article) =>
    article.contentType ? { key: article.contentType, label: CONTENT_TYPE_NAMES[article.contentType].zh } : null,
  )
  return CONTENT_TYPES.map(
    (type) =>
      found.find((group) => group.key === type) ?? {
        key: type,
        label: CONTENT_TYPE_NAMES[type].zh,
        items: 0,
        readUser: 0,
        shareUser: 0,
        averageReads: null,
        shareRate: null,
      },
  )
}

/** The same per community (of the pushed item), most read per item first; 街道 for items without one. */
export function communityComparison(articles: readonly ArticleRow[]): GroupFigures[] {
  return groupFigures(articles, (article) =>
    article.itemId ? { key: article.communityId ?? '', label: article.communityName ?? '街道（未分社区）' } : null,
  ).sort((a, b) => (b.averageReads ?? 0) - (a.averageReads ?? 0) || a.label.localeCompare(b.label))
}

/** The top items by readers (ties: more shares, then the newer). */
export function topItems(articles: readonly ArticleRow[], count = 5): ArticleRow[] {
  return [...articles].sort((a, b) => n(b.readUser) - n(a.readUser) || n(b.shareUser) - n(a.shareUser) || b.sentDate.localeCompare(a.sentDate)).slice(0, count)
}

/** A menu item's clicks in one ISO week, per 1,000 followers. */
export interface MenuWeekRow {
  week: string
  key: string
  name: string
  event: string
  clicks: number
  followers: number
  /** Clicks per 1,000 followers, one decimal; null when the follower count is unknown (0). */
  perThousand: number | null
}

/** A menu item over the whole span: its clicks and its average weekly rate. */
export interface MenuItemSummary {
  key: string
  name: string
  event: string
  clicks: number
  weeks: number
  /** The mean of its weekly per-1,000 rates over the span's weeks (weeks without clicks count as 0). */
  perThousand: number | null
}

/**
 * 菜单使用: clicks per menu item and ISO week, as a rate per 1,000 followers of that week — the
 * week's last known cumulative count from `analytics-days` (`followersByWeek`), else `fallbackFollowers`
 * (the followers the system knows). Rows lowest rate first (within each week, weeks oldest first), so
 * items residents ignore stand out; the summary per item likewise lowest first over `weeks`.
 */
export function menuUse(
  clicks: readonly MenuClickRow[],
  followersByWeek: ReadonlyMap<string, number>,
  fallbackFollowers: number,
  weeks: readonly string[] = [],
): { weeks: MenuWeekRow[]; items: MenuItemSummary[] } {
  const cells = new Map<string, MenuWeekRow>()
  const names = new Map<string, { name: string; event: string }>()
  for (const click of clicks) {
    const week = isoWeek(click.day)
    const id = `${week}\u0000${click.key}`
    const followers = followersByWeek.get(week) || fallbackFollowers
    const row = cells.get(id) ?? { week, key: click.key, name: click.name || click.key, event: click.event, clicks: 0, followers, perThousand: null }
    row.clicks += n(click.count)
    cells.set(id, row)
    if (click.name || !names.has(click.key)) names.set(click.key, { name: click.name || click.key, event: click.event })
  }
  const rows = [...cells.values()].map((row) => ({ ...row, perThousand: perThousand(row.clicks, row.followers) }))
  rows.sort((a, b) => a.week.localeCompare(b.week) || (a.perThousand ?? 0) - (b.perThousand ?? 0) || a.name.localeCompare(b.name))
  const allWeeks = [...new Set([...weeks, ...rows.map((row) => row.week)])].sort()
  const items: MenuItemSummary[] = [...names.entries()].map(([key, { name, event }]) => {
    const mine = rows.filter((row) => row.key === key)
    const rates = allWeeks.map((week) => {
      const row = mine.find((candidate) => candidate.week === week)
      if (row) return row.perThousand
      const followers = followersByWeek.get(week) || fallbackFollowers
      return followers ? 0 : null
    })
    const known = rates.filter((rate): rate is number => rate !== null)
    return {
      key,
      name,
      event,
      clicks: mine.reduce((sum, row) => sum + row.clicks, 0),
      weeks: allWeeks.length,
      perThousand: known.length ? Math.round((known.reduce((sum, rate) => sum + rate, 0) * 10) / known.length) / 10 : null,
    }
  })
  items.sort((a, b) => (a.perThousand ?? 0) - (b.perThousand ?? 0) || a.clicks - b.clicks || a.name.localeCompare(b.name))
  return { weeks: rows, items }
}

/** The followers at the end of each ISO week: the last day's cumulative count in that week. */
export function followersByWeek(days: readonly DayRow[]): Map<string, number> {
  const weeks = new Map<string, number>()
  for (const day of followerGrowth(days)) if (day.cumulateUser > 0) weeks.set(isoWeek(day.date), day.cumulateUser)
  return weeks
}

/** Residents' services of one office in one ISO week. */
export interface ServiceWeekRow {
  week: string
  officeId: string | null
  officeName: string
  appointments: number
  consultations: number
  ratings: number
  /** Ratings 非常满意 + 满意 + 基本满意. */
  satisfied: number
  /** 满意率 in percent with one decimal (the 好差评 definition), null without ratings. */
  satisfactionRate: number | null
}

const SATISFIED: readonly RatingLevel[] = ['very_satisfied', 'satisfied', 'basic']

/** 办事服务: appointments, suggestions and ratings per ISO week and office, weeks oldest first, offices by name. */
export function servicesPerWeek(events: readonly ServiceEvent[]): ServiceWeekRow[] {
  const rows = new Map<string, ServiceWeekRow & { counts: Record<RatingLevel, number> }>()
  for (const event of events) {
    const week = isoWeek(event.date)
    const id = `${week}\u0000${event.officeId ?? ''}`
    const row = rows.get(id) ?? {
      week,
      officeId: event.officeId,
      officeName: event.officeName,
      appointments: 0,
      consultations: 0,
      ratings: 0,
      satisfied: 0,
      satisfactionRate: null,
      counts: Object.fromEntries(RATING_LEVELS.map((level) => [level, 0])) as Record<RatingLevel, number>,
    }
    if (event.kind === 'appointment') row.appointments += 1
    else if (event.kind === 'consultation') row.consultations += 1
    else if (event.level && RATING_LEVELS.includes(event.level)) {
      row.ratings += 1
      row.counts[event.level] += 1
      if (SATISFIED.includes(event.level)) row.satisfied += 1
    }
    rows.set(id, row)
  }
  return [...rows.values()]
    .map(({ counts, ...row }) => ({ ...row, satisfactionRate: satisfactionRate(counts) }))
    .sort((a, b) => a.week.localeCompare(b.week) || a.officeName.localeCompare(b.officeName, 'zh'))
}

/** A figure against last month's: the change in percent and its arrow (↑, ↓ or →). */
export interface Comparison {
  value: number
  previous: number
  /** (value − previous) ÷ previous in percent, one decimal; null when last month was 0. */
  changePercent: number | null
  arrow: '↑' | '↓' | '→'
}

export function compare(value: number, previous: number): Comparison {
  const change = previous ? Math.round(((value - previous) * 1000) / Math.abs(previous)) / 10 : null
  return { value, previous, changePercent: change, arrow: value > previous ? '↑' : value < previous ? '↓' : '→' }
}

/** 「↑ 12.5%」, 「↓ 3.0%」, 「→ 持平」, or 「↑ 上月为 0」. */
export function comparisonText(comparison: Comparison): string {
  if (comparison.arrow === '→') return '→ 持平'
  if (comparison.changePercent === null) return `${comparison.arrow} 上月为 0`
  return `${comparison.arrow} ${Math.abs(comparison.changePercent).toFixed(1)}%`
}
