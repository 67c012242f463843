import type { Payload } from 'payload'

/**
 * Analytics rows inserted directly with the Local API (overrideAccess), as the sync would store them
 * (the contract of collections/analytics): one account, October and November 2026 days, one mass send
 * of two items on 2026-11-05, menu clicks and a rating. Known figures: November reads 3,000 (30 days ×
 * 100), October 1,550 (31 × 50); the headline item 「重阳节敬老活动通知」 has 1,234 readers.
 */
export interface AnalyticsWorld {
  account: string
  office: string
  push: string
  item: string
}

export const HEADLINE = '重阳节敬老活动通知'
export const HEADLINE_READS = 1234

export async function seedAnalytics(
  payload: Payload,
  options: { account?: string; item?: { relationTo: 'articles'; value: string }; community?: string } = {},
): Promise<AnalyticsWorld> {
  const account =
    options.account ??
    String((await payload.create({ collection: 'wechat-accounts', data: { name: '测试服务号', appId: 'wxanalytics0000001', isDefault: true } as never })).id)
  const office = String((await payload.create({ collection: 'offices', data: { name: '统计民政科' } as never })).id)
  const days: string[] = []
  for (let day = Date.UTC(2026, 9, 1); day <= Date.UTC(2026, 10, 30); day += 86_400_000) days.push(new Date(day).toISOString().slice(0, 10))
  let followers = 2000
  for (const date of days) {
    const november = date >= '2026-11-01'
    followers += november ? 3 : 1
    await payload.create({
      collection: 'analytics-days',
      overrideAccess: true,
      data: {
        key: `${account}:${date}`,
        account,
        date,
        newUser: november ? 5 : 3,
        cancelUser: 2,
        netUser: november ? 3 : 1,
        cumulateUser: followers,
        readUser: november ? 100 : 50,
        readCount: november ? 150 : 60,
        readsBySource: { '0': { user: november ? 70 : 30, count: 80 }, '2': { user: november ? 30 : 20, count: 40 } },
        shareUser: november ? 10 : 4,
        shareCount: november ? 12 : 5,
      } as never,
    })
  }
  const push = await payload.create({
    collection: 'weekly-pushes',
    overrideAccess: true,
    data: { key: `${account}:2026-W45`, week: '2026-W45', account, status: 'sent', audience: 'all' } as never,
  })
  const articles = [
    {
      index: 1,
      title: HEADLINE,
      readUser: HEADLINE_READS,
      shareUser: 88,
      d1: 800,
      d3: 1100,
      d7: 1200,
      item: options.item,
      type: options.item ? 'articles' : null,
    },
    { index: 2, title: '社区垃圾分类新规解读', readUser: 321, shareUser: 9, d1: 200, d3: 290, d7: 310, item: undefined, type: 'policy-explainers' },
  ]
  for (const article of articles) {
    await payload.create({
      collection: 'analytics-articles',
      overrideAccess: true,
      data: {
        key: `${account}:2650000001_${article.index}`,
        account,
        msgid: `2650000001_${article.index}`,
        msgDataId: '2650000001',
        index: article.index,
        title: article.title,
        sentDate: '2026-11-05',
        targetUser: 2040,
        readUser: article.readUser,
        readCount: article.readUser + 100,
        shareUser: article.shareUser,
        shareCount: article.shareUser + 2,
        readUserDay1: article.d1,
        readUserDay3: article.d3,
        readUserDay7: article.d7,
        readsBySource: { '0': { user: article.readUser - 34, count: article.readUser }, '1': { user: 34, count: 40 } },
        statUpTo: '2026-11-30',
        weeklyPush: push.id,
        ...(article.item ? { item: article.item } : {}),
        ...(article.type ? { contentType: article.type } : {}),
        ...(options.community ? { community: options.community } : {}),
      } as never,
    })
  }
  const clicks = [
    { key: 'guides', name: '办事指南', event: 'VIEW', day: '2026-11-03', count: 60 },
    { key: 'news', name: '社区动态', event: 'CLICK', day: '2026-11-04', count: 2 },
  ]
  for (const click of clicks) {
    await payload.create({
      collection: 'menu-clicks',
      overrideAccess: true,
      data: { bucket: `${account}:${click.key}:${click.day}`, account, ...click } as never,
    })
  }
  await payload.create({
    collection: 'ratings',
    overrideAccess: true,
    data: {
      targetKind: 'appointment',
      targetId: 'analytics-1',
      ratingKey: 'appointment:analytics-1',
      level: 'satisfied',
      office,
      ratedAt: '2026-11-10T02:00:00.000Z',
    } as never,
  })
  return { account, office, push: String(push.id), item: options.item?.value ?? '' }
}
