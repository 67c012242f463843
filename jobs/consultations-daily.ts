import type { Payload } from 'payload'
import { clearExpiredConsultationData } from '../src/services/consultations/housekeeping'

/** 03:40 Beijing, a quiet hour (after the appointments' 03:20): suggestions' personal data past retention is cleared. */
export const CLEAR_CONSULTATION_DATA_SCHEDULE = '40 3 * * *'

/** 微问政's scheduled work, safe to repeat and to run on several instances: answers how many it handled. */
export const consultationJobs = {
  clearConsultationData: { schedule: CLEAR_CONSULTATION_DATA_SCHEDULE, run: (payload: Payload) => clearExpiredConsultationData(payload) },
} as const
