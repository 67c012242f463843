/**
 * The loaders of 统计分析: read the rows of one account and date range from the database and hand them
 * to the pure builders of overview.ts. They read with overrideAccess and select only counts, dates,
 * titles and ids — never a resident's data — so whoever may see the dashboard (checked by the caller,
 * `requireAnalyticsStaff`) sees figures only.
 */
import type { Payload, PayloadRequest, Where } from 'payload'
import { requireStaff, idOf, type StaffUser } from '../../../access/roles'
import { ApiError } from '../../../http/api-error'
import { shanghaiDate, shanghaiDayStart, addDays } from '../../../shared/time'
import { RATING_LEVELS, type RatingLevel } from '../../ratings/levels'
import { isContentCollection } from '../../content/types'
import { pushReports, type ArticleRow, type DayRow, type MenuClickRow, type PushReport, type ServiceEvent } from './aggregate'
import {
  addMonths,
  buildMonthlyReport,
  buildOverview,
  monthRange,
  parseRange,
  type AccountChoice,
  type AnalyticsOverview,
  type DateRange,
  type MonthlyReport,
  type OverviewInput,
} from './overview'

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0)
const numOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)

/**
 * Who may read the analytics: staff (editors, leaders, admins; 401 for nobody). Accounts carry no
 * community yet, so an editor reads every account as leaders and admins do.
 */
export function requireAnalyticsStaff(req: Pick<PayloadRequest, 'user'>): StaffUser {
  return requireStaff(req, undefined, { action: { zh: '查看统计分析', en: 'see the analytics' } })
}

/** Every account (id and name only), the default first. */
export async function loadAccountChoices(payload: Payload): Promise<Array<AccountChoice & { isDefault: boolean }>> {
  const found = await payload.find({
    collection: 'wechat-accounts',
    overrideAccess: true,
    pagination: false,
    depth: 0,
    select: { name: true, isDefault: true },
    sort: 'createdAt',
  })
  return found.docs
    .map((doc) => ({ id: String(doc.id), name: doc.name, isDefault: Boolean(doc.isDefault) }))
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault))
}

/**
 * The account asked for (its id), else the default one, else the first.
 * @throws ApiError 404 `not-found` for an id that is no account, 409 `no-account` when there is none.
 */
export async function chooseAccount(payload: Payload, requested: string | null | undefined): Promise<{ account: AccountChoice; accounts: AccountChoice[] }> {
  const choices = await loadAccountChoices(payload)
  const accounts = choices.map(({ id, name }) => ({ id, name }))
  if (requested) {
    const account = accounts.find((choice) => choice.id === requested)
    if (!account) throw new ApiError(404, 'not-found', { zh: '找不到该公众号', en: 'No such account' })
    return { account, accounts }
  }
  const account = accounts[0]
  if (!account)
    throw new ApiError(409, 'no-account', {
      zh: '还没有公众号：请管理员在 微信 → 公众号 添加',
      en: 'No account yet: an admin adds one under WeChat → Accounts',
    })
  return { account, accounts }
}

/** The rows of one account and range (Beijing dates, inclusive) that an overview is made of. */
export async function loadOverviewInput(payload: Payload, account: AccountChoice, accounts: AccountChoice[], range: DateRange): Promise<OverviewInput> {
  const inRange = (field: string): Where[] => [{ [field]: { greater_than_equal: range.from } }, { [field]: { less_than_equal: range.to } }]
  const [days, articles, clicks, knownFollowers, services] = await Promise.all([
    payload.find({
      collection: 'analytics-days',
      overrideAccess: true,
      pagination: false,
      depth: 0,
      // Only what the overview draws: Payload reads (and parses the JSON of) every selected column.
      select: {
        date: true,
        newUser: true,
        cancelUser: true,
        netUser: true,
        cumulateUser: true,
        readUser: true,
        readCount: true,
        readsBySource: true,
        shareUser: true,
        shareCount: true,
      },
      where: { and: [{ account: { equals: account.id } }, ...inRange('date')] },
      sort: 'date',
    }),
    loadArticles(payload, { and: [{ account: { equals: account.id } }, ...inRange('sentDate')] }),
    payload.find({
      collection: 'menu-clicks',
      overrideAccess: true,
      pagination: false,
      depth: 0,
      select: { key: true, name: true, event: true, day: true, count: true },
      where: { and: [{ account: { equals: account.id } }, ...inRange('day')] },
    }),
    payload.count({ collection: 'followers', overrideAccess: true, where: { and: [{ account: { equals: account.id } }, { subscribed: { equals: true } }] } }),
    loadServiceEvents(payload, range),
  ])
  return {
    account,
    accounts,
    range,
    days: days.docs.map((doc): DayRow => ({
      date: doc.date,
      newUser: num(doc.newUser),
      cancelUser: num(doc.cancelUser),
      netUser: num(doc.netUser),
      cumulateUser: num(doc.cumulateUser),
      readUser: num(doc.readUser),
      readCount: num(doc.readCount),
      readsBySource: (doc.readsBySource as DayRow['readsBySource']) ?? null,
      shareUser: num(doc.shareUser),
      shareCount: num(doc.shareCount),
    })),
    articles,
    clicks: clicks.docs.map((doc): MenuClickRow => ({ key: doc.key, name: doc.name ?? null, event: doc.event, day: doc.day, count: num(doc.count) })),
    knownFollowers: knownFollowers.totalDocs,
    services,
  }
}

/** The published articles matching `where`, joined to their push's week and their community's name. */
export async function loadArticles(payload: Payload, where: Where): Promise<ArticleRow[]> {
  const found = await payload.find({
    collection: 'analytics-articles',
    overrideAccess: true,
    pagination: false,
    depth: 0,
    // Not the per-day series (`daily`): the largest column, and no overview figure needs it.
    select: {
      account: true,
      msgid: true,
      msgDataId: true,
      index: true,
      title: true,
      sentDate: true,
      targetUser: true,
      readUser: true,
      readCount: true,
      shareUser: true,
      shareCount: true,
      readUserDay1: true,
      readUserDay3: true,
      readUserDay7: true,
      readsBySource: true,
      isDelay: true,
      weeklyPush: true,
      contentType: true,
      item: true,
      community: true,
    },
    where,
    sort: 'sentDate',
  })
  const pushIds = [...new Set(found.docs.map((doc) => idOf(doc.weeklyPush)).filter((id): id is string => Boolean(id)))]
  const communityIds = [...new Set(found.docs.map((doc) => idOf(doc.community)).filter((id): id is string => Boolean(id)))]
  const [pushes, communities] = await Promise.all([
    pushIds.length
      ? payload.find({ collection: 'weekly-pushes', overrideAccess: true, pagination: false, depth: 0, select: { week: true }, where: { id: { in: pushIds } } })
      : null,
    communityIds.length
      ? payload.find({
          collection: 'communities',
          overrideAccess: true,
          pagination: false,
          depth: 0,
          select: { name: true },
          where: { id: { in: communityIds } },
        })
      : null,
  ])
  const weekOf = new Map((pushes?.docs ?? []).map((doc) => [String(doc.id), doc.week]))
  const nameOf = new Map((communities?.docs ?? []).map((doc) => [String(doc.id), (doc as { name?: string }).name ?? '']))
  return found.docs.map((doc): ArticleRow => {
    const item = doc.item && typeof doc.item === 'object' ? doc.item : null
    const pushId = idOf(doc.weeklyPush)
    const communityId = idOf(doc.community)
    return {
      accountId: idOf(doc.account),
      msgid: doc.msgid,
      msgDataId: doc.msgDataId,
      index: num(doc.index) || 1,
      title: doc.title ?? '',
      sentDate: doc.sentDate ?? '',
      targetUser: num(doc.targetUser),
      readUser: num(doc.readUser),
      readCount: num(doc.readCount),
      shareUser: num(doc.shareUser),
      shareCount: num(doc.shareCount),
      readUserDay1: numOrNull(doc.readUserDay1),
      readUserDay3: numOrNull(doc.readUserDay3),
      readUserDay7: numOrNull(doc.readUserDay7),
      readsBySource: (doc.readsBySource as ArticleRow['readsBySource']) ?? null,
      isDelay: Boolean(doc.isDelay),
      weeklyPushId: pushId,
      weeklyPushWeek: pushId ? (weekOf.get(pushId) ?? null) : null,
      contentType: isContentCollection(doc.contentType) ? doc.contentType : item && isContentCollection(item.relationTo) ? item.relationTo : null,
      itemId: item ? idOf(item.value) : null,
      communityId,
      communityName: communityId ? (nameOf.get(communityId) ?? null) : null,
    }
  })
}

/**
 * Residents' services in the range, of every office (they are the street office's, not one
 * account's): appointments by the day they were made, suggestions by the day received, ratings by
 * the day given. Only the office and the date are read.
 */
export async function loadServiceEvents(payload: Payload, range: DateRange): Promise<ServiceEvent[]> {
  const start = new Date(shanghaiDayStart(range.from)).toISOString()
  const end = new Date(shanghaiDayStart(addDays(range.to, 1))).toISOString()
  const [appointments, consultations, ratings, offices] = await Promise.all([
    payload.find({
      collection: 'appointments',
      overrideAccess: true,
      pagination: false,
      depth: 0,
      select: { office: true, createdAt: true },
      where: { and: [{ createdAt: { greater_than_equal: start } }, { createdAt: { less_than: end } }] },
    }),
    payload.find({
      collection: 'consultation-submissions',
      overrideAccess: true,
      pagination: false,
      depth: 0,
      select: { office: true, receivedOn: true },
      where: { and: [{ receivedOn: { greater_than_equal: range.from } }, { receivedOn: { less_than_equal: range.to } }] },
    }),
    payload.find({
      collection: 'ratings',
      overrideAccess: true,
      pagination: false,
      depth: 0,
      select: { office: true, ratedAt: true, level: true },
      where: { and: [{ ratedAt: { greater_than_equal: start } }, { ratedAt: { less_than: end } }] },
    }),
    payload.find({ collection: 'offices', overrideAccess: true, pagination: false, depth: 0, select: { name: true } }),
  ])
  const officeName = new Map(offices.docs.map((doc) => [String(doc.id), (doc as { name?: string }).name ?? '']))
  const office = (value: unknown) => {
    const id = idOf(value)
    return { officeId: id, officeName: id ? (officeName.get(id) ?? '') : '未指定科室' }
  }
  return [
    ...appointments.docs.map((doc): ServiceEvent => ({ kind: 'appointment', date: shanghaiDate(new Date(doc.createdAt)), ...office(doc.office) })),
    ...consultations.docs.map((doc): ServiceEvent => ({ kind: 'consultation', date: doc.receivedOn, ...office(doc.office) })),
    ...ratings.docs.map((doc): ServiceEvent => ({
      kind: 'rating',
      date: shanghaiDate(new Date(doc.ratedAt)),
      level: RATING_LEVELS.includes(doc.level as RatingLevel) ? (doc.level as RatingLevel) : null,
      ...office(doc.office),
    })),
  ]
}

/** The dashboard's overview of `account` (id, or the default) over `range`. */
export async function loadOverview(payload: Payload, accountId: string | null | undefined, range: DateRange): Promise<AnalyticsOverview> {
  const { account, accounts } = await chooseAccount(payload, accountId)
  return buildOverview(await loadOverviewInput(payload, account, accounts, range))
}

/** The monthly report of `month` (`YYYY-MM`) for `account` (id, or the default), with last month's figures. */
export async function loadMonthlyReport(payload: Payload, accountId: string | null | undefined, month: string): Promise<MonthlyReport> {
  // The same bounds as a range asked for (a month of year 9999 is refused in Chinese, not computed).
  const range = monthRange(month)
  parseRange(range.from, range.to, shanghaiDate(new Date()))
  const { account, accounts } = await chooseAccount(payload, accountId)
  const [current, previous] = await Promise.all([
    loadOverviewInput(payload, account, accounts, monthRange(month)),
    loadOverviewInput(payload, account, accounts, monthRange(addMonths(month, -1))),
  ])
  return buildMonthlyReport(month, current, previous)
}

/**
 * The figures of one content item (articles / policy explainers / community news) per account it
 * was pushed in: one row per published article joined to it, newest first.
 */
export async function loadItemFigures(payload: Payload, collection: string, id: string): Promise<Array<ArticleRow & { accountName: string }>> {
  const found = await payload.find({
    collection: 'analytics-articles',
    overrideAccess: true,
    pagination: false,
    depth: 0,
    select: { msgid: true },
    where: { and: [{ 'item.relationTo': { equals: collection } }, { 'item.value': { equals: id } }] },
  })
  if (found.docs.length === 0) return []
  const rows = await loadArticles(payload, { id: { in: found.docs.map((doc) => doc.id) } })
  const names = new Map((await loadAccountChoices(payload)).map((choice) => [choice.id, choice.name]))
  return rows.map((row) => ({ ...row, accountName: names.get(row.accountId ?? '') ?? '' })).sort((a, b) => b.sentDate.localeCompare(a.sentDate))
}

/** The sent mass send(s) of one weekly push (normally one) with each item's figures; empty before the sync has any. */
export async function loadPushFigures(payload: Payload, weeklyPushId: string): Promise<PushReport[]> {
  return pushReports(await loadArticles(payload, { weeklyPush: { equals: weeklyPushId } }))
}
