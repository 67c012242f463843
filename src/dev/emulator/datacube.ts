/**
 * Analytics (数据统计). Numbers are derived deterministically from the mass sends made in the
 * emulator, so a test that sends can predict what the CMS will import.
 */
import { wxError } from './errors'
import { asString, type EmulatorContext, type Route } from './context'
import type { AccountState, DraftArticle, MassJob } from './state'
import { addDays, DAY_MS, daysBetween, isIsoDate, shanghaiDate, shanghaiDayStart, shanghaiHour } from '../../shared/time'

/** Share of an article's readers who read it on day 0, 1, 2, 3 after the send. */
const READ_CURVE = [0.6, 0.25, 0.1, 0.05]
/** Share of the targets who eventually read the first article; later articles get 1/idx of it. */
const READ_RATE = 0.6
/** Yesterday's numbers are published at 08:00 Beijing time. */
const DATA_READY_HOUR = 8
const ARTICLE_TOTAL_DAYS = 7
/** The 2025 reports hold data from this day on (earlier dates: 61501). */
const NEW_REPORTS_SINCE = '2025-11-01'
/** getarticletotaldetail sums up to 30 days after the publish date. */
const TOTAL_DETAIL_DAYS = 30
/** The 2025 reports flag yesterday's figures as provisional (`is_delay`) until noon. */
const DELAY_UNTIL_HOUR = 12
/**
 * getusersummary's `user_source` per subscribe scene (0 other, 1 search, 17 card share, 30 QR code);
 * scenes without a code known for certain count as 0.
 */
const USER_SOURCES: Record<string, number> = {
  ADD_SCENE_SEARCH: 1,
  ADD_SCENE_PROFILE_CARD: 17,
  ADD_SCENE_QR_CODE: 30,
}
/** getuserread sources and their share of the reads (99999999 = all). */
const READ_SOURCES: Array<[number, number]> = [
  [0, 0.7],
  [1, 0.15],
  [2, 0.1],
  [4, 0.05],
]

interface ArticleDayStats {
  int_page_read_user: number
  int_page_read_count: number
  ori_page_read_user: number
  ori_page_read_count: number
  share_user: number
  share_count: number
  add_to_fav_user: number
  add_to_fav_count: number
}

interface SentArticle {
  job: MassJob
  index: number
  article: DraftArticle
  sentDate: string
}

function statsFromReaders(readers: number): ArticleDayStats {
  const share = Math.floor(readers / 8)
  const fav = Math.floor(readers / 20)
  const original = Math.floor(readers / 10)
  return {
    int_page_read_user: readers,
    int_page_read_count: readers + Math.floor(readers / 4),
    ori_page_read_user: original,
    ori_page_read_count: original,
    share_user: share,
    share_count: share + Math.floor(share / 2),
    add_to_fav_user: fav,
    add_to_fav_count: fav,
  }
}

function sumStats(a: ArticleDayStats, b: ArticleDayStats): ArticleDayStats {
  const result = { ...a }
  for (const key of Object.keys(result) as Array<keyof ArticleDayStats>) result[key] += b[key]
  return result
}

const ZERO = statsFromReaders(0)

/** Reads of one article on a given day (0 before the send and after the curve ends). */
function articleDay(sent: SentArticle, date: string): ArticleDayStats {
  const day = daysBetween(sent.sentDate, date)
  const share = READ_CURVE[day] ?? 0
  const totalReaders = Math.floor((sent.job.targetOpenids.length * READ_RATE) / sent.index)
  return statsFromReaders(Math.floor(totalReaders * share))
}

/** WeChat leaves out articles with fewer than 3 interactions. */
function counted(stats: ArticleDayStats): boolean {
  return stats.int_page_read_user + stats.share_user + stats.add_to_fav_user >= 3
}

function sentArticles(context: EmulatorContext, account: AccountState): SentArticle[] {
  const now = context.now()
  const result: SentArticle[] = []
  for (const job of account.massJobs.values()) {
    const done = job.finished || now >= job.finishAt
    if (job.preview || !done || job.outcome !== 'send success' || job.msgType !== 'mpnews') continue
    job.articles.forEach((article, i) => {
      if (!job.deletedArticles.has(i + 1) && !job.deletedArticles.has(0)) {
        result.push({ job, index: i + 1, article, sentDate: shanghaiDate(job.createdAt) })
      }
    })
  }
  return result
}

function dates(begin: string, end: string): string[] {
  return Array.from({ length: daysBetween(begin, end) + 1 }, (_, i) => addDays(begin, i))
}

function msgid(sent: SentArticle): string {
  return `${sent.job.msgDataId}_${sent.index}`
}

type Builder = (context: EmulatorContext, account: AccountState, days: string[]) => unknown[]

/** The sent articles WeChat reports on `date`, with that day's reads (those under 3 interactions left out). */
function countedArticlesOn(context: EmulatorContext, account: AccountState, date: string): { sent: SentArticle; stats: ArticleDayStats }[] {
  return sentArticles(context, account)
    .map((sent) => ({ sent, stats: articleDay(sent, date) }))
    .filter(({ stats }) => counted(stats))
}

function dailyReads(context: EmulatorContext, account: AccountState, date: string): ArticleDayStats {
  return countedArticlesOn(context, account, date)
    .map(({ stats }) => stats)
    .reduce(sumStats, ZERO)
}

const builders: Record<string, { maxDays: number; since?: string; build: Builder }> = {
  getusersummary: {
    maxDays: 7,
    build: (_context, account, days) =>
      days
        .map((date) => {
          const users = [...account.users.values()]
          const on = (time: number | null) => time !== null && shanghaiDate(time) === date
          // One row per source that had a follow or an unfollow that day (WeChat leaves the others out);
          // a day without either still answers source 0 with zeros.
          const bySource = new Map<number, { new_user: number; cancel_user: number }>()
          for (const user of users) {
            const source = USER_SOURCES[user.subscribeScene] ?? 0
            const row = bySource.get(source) ?? { new_user: 0, cancel_user: 0 }
            if (on(user.subscribeTime)) row.new_user++
            if (on(user.unsubscribeTime)) row.cancel_user++
            if (row.new_user + row.cancel_user > 0) bySource.set(source, row)
          }
          if (bySource.size === 0) return [{ ref_date: date, user_source: 0, new_user: 0, cancel_user: 0 }]
          return [...bySource.entries()].sort(([a], [b]) => a - b).map(([source, row]) => ({ ref_date: date, user_source: source, ...row }))
        })
        .flat(),
  },
  getusercumulate: {
    maxDays: 7,
    build: (_context, account, days) =>
      days.map((date) => {
        const endOfDay = shanghaiDayStart(date) + DAY_MS
        const followers = [...account.users.values()].filter(
          (user) => user.subscribeTime < endOfDay && (user.unsubscribeTime === null || user.unsubscribeTime >= endOfDay),
        )
        return { ref_date: date, cumulate_user: followers.length }
      }),
  },
  getarticlesummary: {
    maxDays: 1,
    build: (context, account, days) =>
      days.flatMap((date) =>
        countedArticlesOn(context, account, date).map(({ sent, stats }) => ({ ref_date: date, msgid: msgid(sent), title: sent.article.title, ...stats })),
      ),
  },
  getarticletotal: {
    maxDays: 1,
    build: (context, account, days) => {
      const yesterday = latestReadyDate(context.now())
      return days.flatMap((date) =>
        sentArticles(context, account)
          .filter((sent) => sent.sentDate === date)
          .map((sent) => {
            const statDays = dates(date, minDate(addDays(date, ARTICLE_TOTAL_DAYS - 1), yesterday))
            let cumulative = ZERO
            const details = statDays.map((statDate) => {
              cumulative = sumStats(cumulative, articleDay(sent, statDate))
              return { stat_date: statDate, target_user: sent.job.targetOpenids.length, ...cumulative, ...readSources(cumulative) }
            })
            return { ref_date: date, msgid: msgid(sent), title: sent.article.title, details }
          }),
      )
    },
  },
  getuserread: {
    maxDays: 3,
    build: (context, account, days) =>
      days.flatMap((date) => {
        const total = dailyReads(context, account, date)
        if (total.int_page_read_user === 0) return []
        return [
          { ref_date: date, user_source: 99999999, ...total },
          ...READ_SOURCES.map(([source, share]) => ({ ref_date: date, user_source: source, ...scaleStats(total, share) })),
        ]
      }),
  },
  getuserreadhour: {
    maxDays: 1,
    build: (context, account, days) =>
      days.flatMap((date) =>
        countedArticlesOn(context, account, date)
          // Reads on the send day land in the send hour; later reads at noon.
          .map(({ sent, stats }) => ({
            ref_date: date,
            ref_hour: (sent.sentDate === date ? shanghaiHour(sent.job.createdAt) : 12) * 100,
            user_source: 99999999,
            ...stats,
          })),
      ),
  },
  getusershare: {
    maxDays: 7,
    build: (context, account, days) =>
      days.flatMap((date) => {
        const total = dailyReads(context, account, date)
        return total.share_user > 0 ? [{ ref_date: date, share_scene: 1, share_count: total.share_count, share_user: total.share_user }] : []
      }),
  },
  getusersharehour: {
    maxDays: 1,
    build: (context, account, days) =>
      days.flatMap((date) => {
        const total = dailyReads(context, account, date)
        return total.share_user > 0 ? [{ ref_date: date, ref_hour: 1200, share_scene: 1, share_count: total.share_count, share_user: total.share_user }] : []
      }),
  },
  getarticleread: {
    maxDays: 1,
    since: NEW_REPORTS_SINCE,
    build: (context, account, days) =>
      days.flatMap((date) =>
        sentArticles(context, account)
          .map((sent) => ({ sent, stats: articleDay(sent, date) }))
          .filter(({ stats }) => stats.int_page_read_user > 0)
          .map(({ sent, stats }) => ({
            ref_date: date,
            msgid: msgid(sent),
            detail: { read_user: stats.int_page_read_user, read_user_source: readUserSources(stats.int_page_read_user) },
          })),
      ),
  },
  getarticleshare: {
    maxDays: 1,
    since: NEW_REPORTS_SINCE,
    build: (context, account, days) =>
      days.flatMap((date) =>
        sentArticles(context, account)
          .map((sent) => ({ sent, stats: articleDay(sent, date) }))
          .filter(({ stats }) => stats.share_user > 0)
          .map(({ sent, stats }) => ({ ref_date: date, msgid: msgid(sent), detail: { share_user: stats.share_user } })),
      ),
  },
  getbizsummary: {
    maxDays: 1,
    since: NEW_REPORTS_SINCE,
    build: (context, account, days) =>
      days.map((date) => {
        const total = sentArticles(context, account)
          .map((sent) => articleDay(sent, date))
          .reduce(sumStats, ZERO)
        return { ref_date: date, read_user: total.int_page_read_user, share_user: total.share_user }
      }),
  },
  getarticletotaldetail: {
    maxDays: 1,
    since: NEW_REPORTS_SINCE,
    build: (context, account, days) => {
      const yesterday = latestReadyDate(context.now())
      return days.flatMap((date) =>
        sentArticles(context, account)
          .filter((sent) => sent.sentDate === date)
          .map((sent) => {
            let cumulative = ZERO
            const detail_list = dates(date, minDate(addDays(date, TOTAL_DETAIL_DAYS - 1), yesterday)).map((statDate) => {
              cumulative = sumStats(cumulative, articleDay(sent, statDate))
              return {
                stat_date: statDate,
                read_user: cumulative.int_page_read_user,
                read_user_source: readUserSources(cumulative.int_page_read_user),
                share_user: cumulative.share_user,
              }
            })
            return { ref_date: date, msgid: msgid(sent), publish_type: 0, detail_list }
          }),
      )
    },
  },
}

/** getarticleread's per-source readers: the same shares as getuserread's sources, 99999999 the total. */
function readUserSources(readers: number): Array<{ user_source: number; read_user: number }> {
  return [
    { user_source: 99999999, read_user: readers },
    ...READ_SOURCES.map(([source, share]) => ({ user_source: source, read_user: Math.floor(readers * share) })),
  ]
}

function scaleStats(stats: ArticleDayStats, share: number): ArticleDayStats {
  const result = { ...stats }
  for (const key of Object.keys(result) as Array<keyof ArticleDayStats>) result[key] = Math.floor(result[key] * share)
  return result
}

function readSources(stats: ArticleDayStats): Record<string, number> {
  const fields: Record<string, number> = {}
  const split: Array<[string, number]> = [
    ['session', 0.7],
    ['hist_msg', 0.05],
    ['feed', 0.05],
    ['friends', 0.15],
    ['other', 0.05],
  ]
  for (const [source, share] of split) {
    fields[`int_page_from_${source}_read_user`] = Math.floor(stats.int_page_read_user * share)
    fields[`int_page_from_${source}_read_count`] = Math.floor(stats.int_page_read_count * share)
  }
  return fields
}

function minDate(a: string, b: string): string {
  return a < b ? a : b
}

/** The most recent day with published numbers: yesterday after 08:00, else the day before. */
function latestReadyDate(now: number): string {
  const yesterday = shanghaiDate(now - DAY_MS)
  return shanghaiHour(now) >= DATA_READY_HOUR ? yesterday : addDays(yesterday, -1)
}

function datacubeRoute(name: string, maxDays: number, build: Builder, since?: string): Route {
  return {
    method: 'POST',
    path: `/datacube/${name}`,
    auth: 'access_token',
    body: 'json',
    handle(request, context) {
      const begin = asString(request.json.begin_date)
      const end = asString(request.json.end_date)
      if (!isIsoDate(begin) || !isIsoDate(end)) return { body: wxError(61500) }
      const now = context.now()
      const span = daysBetween(begin, end) + 1
      if (span < 1 || span > maxDays || end > shanghaiDate(now - DAY_MS)) return { body: wxError(61501) }
      if (since !== undefined && begin < since) return { body: wxError(61501) }
      // Yesterday is a valid end date, but before 08:00 its numbers are not out yet.
      const ready = latestReadyDate(now)
      const days = dates(begin, end).filter((date) => date <= ready)
      const list = build(context, request.account!, days)
      if (since === undefined) return { body: { list } }
      const isDelay = end === shanghaiDate(now - DAY_MS) && shanghaiHour(now) < DELAY_UNTIL_HOUR
      return { body: { list, is_delay: isDelay } }
    },
  }
}

export const datacubeRoutes: Route[] = Object.entries(builders).map(([name, { maxDays, build, since }]) => datacubeRoute(name, maxDays, build, since))
