/**
 * WeChat's datacube answers → the fields of `analytics-days` and `analytics-articles` (pure). Every
 * date of a fetched range gets its fields, zeros where WeChat listed nothing (WeChat leaves out days
 * and sources without activity), so a re-fetched day is replaced whole.
 */
import {
  READ_SOURCE_ALL,
  type ArticleTotalRow,
  type UserCumulateRow,
  type UserReadRow,
  type UserShareRow,
  type UserSummaryRow,
} from '../../../wechat/client/datacube'
import type { DayEndpointName } from './types'

/** The figures one report contributes to a day's row. */
export type DayFields = Record<string, number | Record<string, unknown> | null>

/** `{ "<user_source>": { new, cancel } }`. */
export type NewUserBySource = Record<string, { new: number; cancel: number }>
/** `{ "<source>": { user, count } }` with WeChat's read source codes (0 会话, 1 好友转发, 2 朋友圈, 4 历史消息页, 5 其他, 6 看一看, 7 搜一搜). */
export type ReadsBySource = Record<string, { user: number; count: number }>

const byDate = <T extends { ref_date: string }>(rows: readonly T[], date: string) => rows.filter((row) => row.ref_date === date)
const whole = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.round(value)) : 0)

/** getusersummary → newUser, cancelUser, netUser (summed over user_source), newUserBySource. */
export function userSummaryFields(rows: readonly UserSummaryRow[], date: string): DayFields {
  const bySource: NewUserBySource = {}
  let added = 0
  let cancelled = 0
  for (const row of byDate(rows, date)) {
    const key = String(row.user_source)
    const entry = (bySource[key] ??= { new: 0, cancel: 0 })
    entry.new += whole(row.new_user)
    entry.cancel += whole(row.cancel_user)
    added += whole(row.new_user)
    cancelled += whole(row.cancel_user)
  }
  return { newUser: added, cancelUser: cancelled, netUser: added - cancelled, newUserBySource: bySource }
}

/** getusercumulate → cumulateUser (null when WeChat listed no figure for the day). */
export function userCumulateFields(rows: readonly UserCumulateRow[], date: string): DayFields {
  const row = byDate(rows, date)[0]
  return { cumulateUser: row ? whole(row.cumulate_user) : null }
}

/** getuserread → readUser, readCount, favUser, favCount (the 99999999 "all" row) and readsBySource (the other rows). */
export function userReadFields(rows: readonly UserReadRow[], date: string): DayFields {
  const day = byDate(rows, date)
  const all = day.find((row) => row.user_source === READ_SOURCE_ALL)
  const bySource: ReadsBySource = {}
  for (const row of day) {
    if (row.user_source === READ_SOURCE_ALL) continue
    bySource[String(row.user_source)] = { user: whole(row.int_page_read_user), count: whole(row.int_page_read_count) }
  }
  return {
    readUser: whole(all?.int_page_read_user),
    readCount: whole(all?.int_page_read_count),
    favUser: whole(all?.add_to_fav_user),
    favCount: whole(all?.add_to_fav_count),
    readsBySource: bySource,
  }
}

/** getusershare → shareUser, shareCount, summed over share_scene. */
export function userShareFields(rows: readonly UserShareRow[], date: string): DayFields {
  const day = byDate(rows, date)
  return { shareUser: day.reduce((sum, row) => sum + whole(row.share_user), 0), shareCount: day.reduce((sum, row) => sum + whole(row.share_count), 0) }
}

/** The day fields of `endpoint`'s answer for `date`. */
export function dayFields(endpoint: DayEndpointName, rows: readonly unknown[], date: string): DayFields {
  switch (endpoint) {
    case 'getusersummary':
      return userSummaryFields(rows as UserSummaryRow[], date)
    case 'getusercumulate':
      return userCumulateFields(rows as UserCumulateRow[], date)
    case 'getuserread':
      return userReadFields(rows as UserReadRow[], date)
    case 'getusershare':
      return userShareFields(rows as UserShareRow[], date)
  }
}

/** getarticletotal's source fields → WeChat's read source codes. */
const ARTICLE_SOURCES: Array<[string, string]> = [
  ['session', '0'],
  ['friends', '1'],
  ['feed', '2'],
  ['hist_msg', '4'],
  ['other', '5'],
]

/** One article's row of `analytics-articles`, without account, key and the join. */
export interface ArticleFields {
  msgid: string
  msgDataId: string
  index: number
  title: string
  sentDate: string
  targetUser: number
  readUser: number
  readCount: number
  oriReadUser: number
  shareUser: number
  shareCount: number
  favUser: number
  favCount: number
  readUserDay1: number | null
  readUserDay3: number | null
  readUserDay7: number | null
  readsBySource: ReadsBySource
  daily: Array<{ date: string; readUser: number; readCount: number; shareUser: number; shareCount: number; favUser: number }>
  statUpTo: string
  isDelay: boolean
}

/**
 * getarticletotal row → the article's cumulative figures as of its last stat day. `msgid` is
 * `${msg_data_id}_${index}` (index 1-based); readUserDayN is the cumulative readers on the Nth stat
 * day (day 1 = the send day), null until WeChat has reported that day. Null for a malformed msgid.
 */
export function articleFields(row: ArticleTotalRow): ArticleFields | null {
  const match = /^(\d+)_(\d+)$/.exec(String(row.msgid))
  if (!match) return null
  const details = [...(row.details ?? [])].sort((a, b) => a.stat_date.localeCompare(b.stat_date))
  const last = details.at(-1)
  const readsBySource: ReadsBySource = {}
  if (last) {
    for (const [name, code] of ARTICLE_SOURCES) {
      const user = (last as unknown as Record<string, unknown>)[`int_page_from_${name}_read_user`]
      const count = (last as unknown as Record<string, unknown>)[`int_page_from_${name}_read_count`]
      if (user !== undefined || count !== undefined) readsBySource[code] = { user: whole(user), count: whole(count) }
    }
  }
  const readersOnDay = (n: number): number | null => (details[n - 1] ? whole(details[n - 1]!.int_page_read_user) : null)
  return {
    msgid: `${match[1]}_${match[2]}`,
    msgDataId: match[1]!,
    index: Number(match[2]),
    title: String(row.title ?? ''),
    sentDate: row.ref_date,
    targetUser: whole(last?.target_user),
    readUser: whole(last?.int_page_read_user),
    readCount: whole(last?.int_page_read_count),
    oriReadUser: whole(last?.ori_page_read_user),
    shareUser: whole(last?.share_user),
    shareCount: whole(last?.share_count),
    favUser: whole(last?.add_to_fav_user),
    favCount: whole(last?.add_to_fav_count),
    readUserDay1: readersOnDay(1),
    readUserDay3: readersOnDay(3),
    readUserDay7: readersOnDay(7),
    readsBySource,
    daily: details.map((detail) => ({
      date: detail.stat_date,
      readUser: whole(detail.int_page_read_user),
      readCount: whole(detail.int_page_read_count),
      shareUser: whole(detail.share_user),
      shareCount: whole(detail.share_count),
      favUser: whole(detail.add_to_fav_user),
    })),
    statUpTo: last?.stat_date ?? row.ref_date,
    isDelay: false,
  }
}
