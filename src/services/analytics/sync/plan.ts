/**
 * Decide what a sync run fetches, from the saved `analytics-sync-days` state alone (pure: the run
 * then acts on the plan, so a repeated or concurrent decision is harmless — a day is replaced whole).
 */
import { addDays } from '../../../shared/time'
import { ARTICLE_REFRESH_DAYS, LOOKBACK_DAYS, SYNC_ENDPOINTS, type SyncEndpoint } from './endpoints'
import { datesBetween } from './span'

export interface SyncDayState {
  date: string
  endpoint: string
  status: 'ok' | 'failed' | 'pending'
}

export interface PlannedFetch {
  endpoint: SyncEndpoint
  /** Ascending, distinct. */
  dates: string[]
}

export interface PlanInput {
  /** The latest day whose figures WeChat has published (yesterday after 08:00 Beijing). */
  lastReadyDate: string
  /** The account's sync-days rows within the look-back window (others are ignored). */
  states: readonly SyncDayState[]
  lookbackDays?: number
  articleRefreshDays?: number
  /** The first date to consider at all (e.g. the account's creation); none: the whole window. */
  earliestDate?: string
}

/**
 * For each endpoint, the dates to fetch: the last ready day; every day of the last `lookbackDays`
 * whose row is failed, pending or missing (missing: no run reached it, e.g. the scheduler was down);
 * and for getarticletotal also every send date of the last `articleRefreshDays` days, whose
 * cumulative figures still grow. An `ok` day outside that refresh window is never fetched again.
 */
export function planSync(input: PlanInput): PlannedFetch[] {
  const lookback = input.lookbackDays ?? LOOKBACK_DAYS
  const refresh = input.articleRefreshDays ?? ARTICLE_REFRESH_DAYS
  let first = addDays(input.lastReadyDate, -(lookback - 1))
  if (input.earliestDate && input.earliestDate > first) first = input.earliestDate
  const window = datesBetween(first, input.lastReadyDate)
  const ok = new Set(input.states.filter((state) => state.status === 'ok').map((state) => `${state.endpoint}:${state.date}`))
  const refreshFrom = addDays(input.lastReadyDate, -(refresh - 1))
  return SYNC_ENDPOINTS.map((endpoint) => ({
    endpoint,
    dates: window.filter((date) => date === input.lastReadyDate || !ok.has(`${endpoint}:${date}`) || (endpoint === 'getarticletotal' && date >= refreshFrom)),
  })).filter((fetch) => fetch.dates.length > 0)
}
