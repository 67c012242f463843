import type { Payload } from 'payload'
import { clearExpiredPersonalData, recordNoShows } from '../src/services/appointments/housekeeping'

/** 18:30 Beijing, after the windows close: today's bookings nobody came for become no-shows. */
export const RECORD_NO_SHOWS_SCHEDULE = '30 18 * * *'
/** 03:20 Beijing, a quiet hour: residents' personal data past its retention period is cleared. */
export const CLEAR_PERSONAL_DATA_SCHEDULE = '20 3 * * *'

/** The no-show run of the scheduler: how many were recorded. Safe to repeat and to run on several instances. */
export const recordNoShowsJob = (payload: Payload): Promise<number> => recordNoShows(payload)

/** The clearing run of the scheduler: how many appointments were cleared. Safe to repeat and to run on several instances. */
export const clearPersonalDataJob = (payload: Payload): Promise<number> => clearExpiredPersonalData(payload)
