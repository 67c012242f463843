import type { Payload } from 'payload'
import { clearEndedConsultationData } from '../src/services/consultations/housekeeping'

/** 03:40 Beijing, a quiet hour after the appointments' clearing: 微问政 data past its retention period is cleared. */
export const CLEAR_CONSULTATION_DATA_SCHEDULE = '40 3 * * *'

/**
 * 微问政's scheduled work, safe to repeat and to run on several instances
 * (src/services/consultations/housekeeping.ts): answers how many suggestions it handled.
 */
export const consultationJobs = {
  clearConsultationData: { schedule: CLEAR_CONSULTATION_DATA_SCHEDULE, run: (payload: Payload) => clearEndedConsultationData(payload) },
} as const
