/**
 * Analytics (datacube). Dates are YYYY-MM-DD in Beijing time, end ≤ yesterday (yesterday's figures are
 * out after 08:00); each report has a maximum span in days (WeChat answers 61501 beyond it, 61500 for
 * a malformed date). The field lists are in README.md ("datacube").
 */
import type { WeChatCaller } from './caller'

/**
 * Report → the longest span WeChat accepts, in days, and the first date it has figures for. Classic
 * spans: developers.weixin.qq.com (数据统计 / 图文分析, 用户分析). The 2025 reports
 * (getarticleread, getarticleshare, getbizsummary, getarticletotaldetail) hold data from 2025-11-01
 * on; getarticleshare documents "日期范围仅支持查询1天", the other three document no span, so 1 day is
 * assumed for them.
 */
export const DATACUBE_REPORTS = {
  getusersummary: { maxDays: 7, since: null },
  getusercumulate: { maxDays: 7, since: null },
  getarticlesummary: { maxDays: 1, since: null },
  getarticletotal: { maxDays: 1, since: null },
  getuserread: { maxDays: 3, since: null },
  getuserreadhour: { maxDays: 1, since: null },
  getusershare: { maxDays: 7, since: null },
  getusersharehour: { maxDays: 1, since: null },
  getarticleread: { maxDays: 1, since: '2025-11-01' },
  getarticleshare: { maxDays: 1, since: '2025-11-01' },
  getbizsummary: { maxDays: 1, since: '2025-11-01' },
  getarticletotaldetail: { maxDays: 1, since: '2025-11-01' },
} as const satisfies Record<string, { maxDays: number; since: string | null }>

export type DatacubeReport = keyof typeof DATACUBE_REPORTS

/** getuserread's `user_source` (and the article reports' read sources): 99999999 is the total. */
export const READ_SOURCE_ALL = 99999999

/** The eight figures every classic article report carries (counts). */
export interface ArticleFigures {
  int_page_read_user: number
  int_page_read_count: number
  ori_page_read_user: number
  ori_page_read_count: number
  share_user: number
  share_count: number
  add_to_fav_user: number
  add_to_fav_count: number
}

/** getusersummary: new and cancelled followers per day and `user_source` (0 other, 1 search, 17 card share, 30 QR code, …). */
export interface UserSummaryRow {
  ref_date: string
  user_source: number
  new_user: number
  cancel_user: number
}

/** getusercumulate: followers at the end of the day. */
export interface UserCumulateRow {
  ref_date: string
  cumulate_user: number
}

/** getuserread: reads per day and source (99999999 all, 0 会话, 1 好友转发, 2 朋友圈, 4 历史消息页, 5 其他, 6 看一看, 7 搜一搜). */
export interface UserReadRow extends ArticleFigures {
  ref_date: string
  user_source: number
}

/** getusershare: shares per day and `share_scene` (1 好友转发, 2 朋友圈, 255 其他). */
export interface UserShareRow {
  ref_date: string
  share_scene: number
  share_count: number
  share_user: number
}

/** getarticlesummary: one article's figures of that day (articles under 3 interactions left out). */
export interface ArticleSummaryRow extends ArticleFigures {
  ref_date: string
  msgid: string
  title: string
}

/** getarticletotal `details[]`: cumulative figures from the send to `stat_date`, with reads by source. */
export interface ArticleTotalDetail extends ArticleFigures {
  stat_date: string
  target_user: number
  [sourceField: `int_page_from_${string}_read_${'user' | 'count'}`]: number
}

/** getarticletotal: the articles sent on `ref_date`, `msgid` = `${msg_data_id}_${index}`, up to 7 stat days. */
export interface ArticleTotalRow {
  ref_date: string
  msgid: string
  title: string
  details: ArticleTotalDetail[]
}

/** A read source entry of the 2025 reports (field names as the emulator answers them; see README). */
export interface ReadUserSource {
  user_source: number
  read_user: number
}

/** getarticleread: one article's reads on `ref_date`. */
export interface ArticleReadRow {
  ref_date: string
  msgid: string
  detail: { read_user: number; read_user_source?: ReadUserSource[] }
}

/** getarticleshare: one article's sharers on `ref_date` (empty list: no change that day). */
export interface ArticleShareRow {
  ref_date: string
  msgid: string
  detail: { share_user: number }
}

/** getbizsummary: the account's published content that day (fields not confirmed by the documentation found; see README). */
export interface BizSummaryRow {
  ref_date: string
  read_user?: number
  share_user?: number
  [field: string]: number | string | undefined
}

/** getarticletotaldetail `detail_list[]`: figures summed from the publish date to `stat_date` (≤ 30 days). */
export interface ArticleTotalDetailStat {
  stat_date: string
  read_user: number
  read_user_source?: ReadUserSource[]
  share_user: number
  [field: string]: number | string | ReadUserSource[] | undefined
}

/** getarticletotaldetail: the articles published on `ref_date`; `publish_type` 0 notified (群发), 1 not notified. */
export interface ArticleTotalDetailRow {
  ref_date: string
  msgid: string
  publish_type: number
  detail_list: ArticleTotalDetailStat[]
}

/** The row type of each report's `list`. */
export interface DatacubeRows {
  getusersummary: UserSummaryRow
  getusercumulate: UserCumulateRow
  getarticlesummary: ArticleSummaryRow
  getarticletotal: ArticleTotalRow
  getuserread: UserReadRow
  getuserreadhour: UserReadRow & { ref_hour: number }
  getusershare: UserShareRow
  getusersharehour: UserShareRow & { ref_hour: number }
  getarticleread: ArticleReadRow
  getarticleshare: ArticleShareRow
  getbizsummary: BizSummaryRow
  getarticletotaldetail: ArticleTotalDetailRow
}

/** One report's answer: its rows and, for the 2025 reports, whether the figures are still provisional. */
export interface DatacubeAnswer<R extends DatacubeReport> {
  list: DatacubeRows[R][]
  /** `is_delay`: true while WeChat's figures are not final; false when the report has no such flag. */
  isDelay: boolean
}

export function datacubeApi(caller: WeChatCaller) {
  return {
    /**
     * One report over `beginDate`…`endDate` (inclusive, YYYY-MM-DD Beijing), within the report's
     * span (DATACUBE_REPORTS; split longer ranges first). Throws WeChatApiError (61500, 61501, 45009, …).
     */
    async report<R extends DatacubeReport>(report: R, beginDate: string, endDate: string): Promise<DatacubeAnswer<R>> {
      const answer = await caller.call<{ list?: DatacubeRows[R][]; is_delay?: boolean }>(`/datacube/${report}`, (api, done) =>
        api._datacubeReport(report, beginDate, endDate, done),
      )
      return { list: answer.list ?? [], isDelay: answer.is_delay === true }
    },

    /** The report's `list` only. */
    async get<R extends DatacubeReport>(report: R, beginDate: string, endDate: string): Promise<DatacubeRows[R][]> {
      return (await this.report(report, beginDate, endDate)).list
    },
  }
}
