/**
 * Analytics (datacube). Dates are YYYY-MM-DD in Beijing time, end ≤ yesterday; each report has a
 * maximum span (WeChat answers 61501 beyond it).
 */
import type { WeChatCaller } from './caller'

/** Report → wechat-api method and the longest span WeChat accepts, in days. */
const DATACUBE_REPORTS = {
  getusersummary: { method: '_getUserSummary', maxDays: 7 },
  getusercumulate: { method: '_getUserCumulate', maxDays: 7 },
  getarticlesummary: { method: '_getArticleSummary', maxDays: 1 },
  getarticletotal: { method: '_getArticleTotal', maxDays: 1 },
  getuserread: { method: '_getUserRead', maxDays: 3 },
  getuserreadhour: { method: '_getUserReadHour', maxDays: 1 },
  getusershare: { method: '_getUserShare', maxDays: 7 },
  getusersharehour: { method: '_getUserShareHour', maxDays: 1 },
} as const

export type DatacubeReport = keyof typeof DATACUBE_REPORTS

export function datacubeApi(caller: WeChatCaller) {
  return {
    /** The report's `list`. */
    async get<Row = Record<string, unknown>>(report: DatacubeReport, beginDate: string, endDate: string): Promise<Row[]> {
      const { method } = DATACUBE_REPORTS[report]
      const answer = await caller.call<{ list?: Row[] }>(`/datacube/${report}`, (api, done) => api[method](beginDate, endDate, done))
      return answer.list ?? []
    },
  }
}
