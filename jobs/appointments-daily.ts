import type { Payload } from 'payload'
import { sendDailyLists, sendReminders } from '../src/services/appointments/daily-notices'
import { clearExpiredPersonalData, recordNoShows } from '../src/services/appointments/housekeeping'

/** 07:30 Beijing, before the windows open: each office's staff get today's list. */
export const DAILY_LISTS_SCHEDULE = '30 7 * * *'
/** 16:00 Beijing, and 19:00 to catch a missed run: residents booked for tomorrow are reminded. */
export const REMINDERS_SCHEDULE = '0 16,19 * * *'
/** 18:30 Beijing, after the windows close: today's bookings nobody came for become no-shows. */
export const RECORD_NO_SHOWS_SCHEDULE = '30 18 * * *'
/** 03:20 Beijing, a quiet hour: residents' personal data past its retention period is cleared. */
export const CLEAR_PERSONAL_DATA_SCHEDULE = '20 3 * * *'

/**
 * The appointments' scheduled work, each safe to repeat and to run on several instances (see
 * src/services/appointments/daily-notices.ts and housekeeping.ts): answers how many it handled.
 */
export const appointmentJobs = {
  dailyLists: { schedule: DAILY_LISTS_SCHEDULE, run: (payload: Payload) => sendDailyLists(payload) },
  reminders: { schedule: REMINDERS_SCHEDULE, run: (payload: Payload) => sendReminders(payload) },
  recordNoShows: { schedule: RECORD_NO_SHOWS_SCHEDULE, run: (payload: Payload) => recordNoShows(payload) },
  clearPersonalData: { schedule: CLEAR_PERSONAL_DATA_SCHEDULE, run: (payload: Payload) => clearExpiredPersonalData(payload) },
} as const
