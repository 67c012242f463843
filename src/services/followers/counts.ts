/**
 * How many follow an account, from the two sources the system has: WeChat's own cumulative count
 * (datacube getusercumulate, kept per day in `analytics-days` by the analytics sync) and the
 * followers on record (`followers`, only people whose follow event reached the callback). WeChat's
 * count is the one people mean; the record is a lower bound (an account that followed before the
 * system was connected is not in it).
 */
import type { Payload } from 'payload'

/** WeChat's cumulative follower count on its latest day with a figure (Beijing date `YYYY-MM-DD`). */
export interface WeChatFollowerCount {
  count: number
  date: string
}

/** Followers recorded as subscribed for `accountId` (`followers`, without access rules). */
export async function followersOnRecord(payload: Payload, accountId: string): Promise<number> {
  const found = await payload.count({
    collection: 'followers',
    overrideAccess: true,
    where: { and: [{ account: { equals: accountId } }, { subscribed: { equals: true } }] },
  })
  return found.totalDocs
}

/**
 * WeChat's cumulative follower count for `accountId` on the latest day that has one, or null when
 * the analytics sync has not stored any (no sync yet, or a new account). A day whose getusercumulate
 * listed no figure is stored as null or 0 and skipped, as 统计分析 skips it (report/aggregate.ts).
 */
export async function latestWeChatFollowerCount(payload: Payload, accountId: string): Promise<WeChatFollowerCount | null> {
  const found = await payload.find({
    collection: 'analytics-days',
    overrideAccess: true,
    depth: 0,
    limit: 1,
    pagination: false,
    sort: '-date',
    select: { date: true, cumulateUser: true },
    where: { and: [{ account: { equals: accountId } }, { cumulateUser: { greater_than: 0 } }] },
  })
  const day = found.docs[0]
  return day ? { count: Number(day.cumulateUser), date: String(day.date) } : null
}
