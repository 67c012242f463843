/** The datacube reports the analytics sync reads, with their spans (from the WeChat client). */
import { DATACUBE_REPORTS, type DatacubeReport } from '../../../wechat/client/datacube'

/** Account-level daily figures → `analytics-days` (each report fills its own fields of the day's row). */
export const DAY_ENDPOINTS = ['getusersummary', 'getusercumulate', 'getuserread', 'getusershare'] as const
/** Per-article cumulative figures by send date → `analytics-articles`. */
export const ARTICLE_ENDPOINTS = ['getarticletotal'] as const

export type SyncEndpoint = (typeof DAY_ENDPOINTS)[number] | (typeof ARTICLE_ENDPOINTS)[number]

export const SYNC_ENDPOINTS: readonly SyncEndpoint[] = [...DAY_ENDPOINTS, ...ARTICLE_ENDPOINTS]

/** The longest span one call of `endpoint` may ask for, in days. */
export const maxDaysOf = (endpoint: SyncEndpoint): number => DATACUBE_REPORTS[endpoint satisfies DatacubeReport].maxDays

/** getarticletotal answers the 7 stat days after a send: an article's figures are fetched again until then. */
export const ARTICLE_REFRESH_DAYS = 7

/** How far back a daily run looks for failed, pending or missing days. */
export const LOOKBACK_DAYS = 30
