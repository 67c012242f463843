import type { Payload } from 'payload'
import { isWorkingDay } from '../src/services/calendar/calendar'
import { escalateRectifications } from '../src/services/ratings/escalate'
import { clearExpiredRatingOpenids } from '../src/services/ratings/housekeeping'
import { openMissingRectifications } from '../src/services/ratings/rate'
import { recountEstimatedDeadlines } from '../src/services/ratings/rectify'
import { shanghaiDate } from '../src/shared/time'

/** 09:00 Beijing: the working day's recount of estimated deadlines, then the escalations (overdue and appealed items to the leader, items without a deadline to the office head). */
export const ESCALATE_RECTIFICATIONS_SCHEDULE = '0 9 * * *'
/** 03:50 Beijing, a quiet hour after 微问政's clearing: ratings' openids past their retention period are cleared. */
export const CLEAR_RATING_OPENIDS_SCHEDULE = '50 3 * * *'

/**
 * The morning escalation, on working days only (holidays and make-up days from the calendar; a year the
 * calendar does not know counts as working, so nothing is silently skipped). Each notice is sent once
 * whatever the number of instances (src/services/ratings/escalate.ts).
 */
export async function runRectificationEscalations(
  payload: Payload,
  now: number = Date.now(),
): Promise<{ checked: number; sent: number; failed?: number; skipped?: 'day-off' }> {
  const working = isWorkingDay(shanghaiDate(now))
  if (working.ok && !working.value) return { checked: 0, sent: 0, skipped: 'day-off' }
  // A 差评 whose item failed to open (the rating was stored) gets it now, before the escalations.
  await openMissingRectifications(payload, now)
  // Estimated deadlines (a year the calendar did not know) become exact once it does; missing ones get an estimate.
  await recountEstimatedDeadlines(payload)
  return escalateRectifications(payload, now)
}

/** The ratings' scheduled work, registered in scripts/worker.ts like the appointments' jobs. */
export const ratingJobs = {
  escalateRectifications: { schedule: ESCALATE_RECTIFICATIONS_SCHEDULE, run: (payload: Payload) => runRectificationEscalations(payload) },
  clearRatingOpenids: { schedule: CLEAR_RATING_OPENIDS_SCHEDULE, run: (payload: Payload) => clearExpiredRatingOpenids(payload) },
} as const
