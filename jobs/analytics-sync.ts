import type { Payload } from 'payload'
import { runDailyAnalyticsSync } from '../src/services/analytics/sync/daily'
import { shanghaiHour } from '../src/shared/time'

/**
 * 08:30 Beijing, half an hour after WeChat publishes yesterday's figures: each account's datacube
 * reports for yesterday and every failed, pending or missing day of the last 30, the articles sent in
 * the last 7 days refreshed (src/services/analytics/sync). Each account's run is claimed in the
 * database, so any number of schedulers may run this.
 */
export const ANALYTICS_SYNC_SCHEDULE = '30 8 * * *'

/** The analytics' scheduled work, registered in scripts/worker.ts like the other daily jobs. */
export function analyticsJobs(owner: string) {
  return {
    analyticsSync: { schedule: ANALYTICS_SYNC_SCHEDULE, run: (payload: Payload) => runDailyAnalyticsSync(payload, { owner }) },
  } as const
}

/**
 * Whether today's sync time (08:30 Beijing) has passed at `now`: a scheduler starting later that day
 * catches a missed run up at once (each account's run is claimed per day, so it happens once).
 */
export function analyticsSyncDue(now: Date): boolean {
  const minutes = shanghaiHour(now.getTime()) * 60 + Math.floor((now.getTime() % 3_600_000) / 60_000)
  return minutes >= 8 * 60 + 30
}
