import type { Payload } from 'payload'
import { runNightlyBackup } from '../src/services/backup/nightly'

/**
 * 02:30 Beijing, the quietest hour before the 03:20–03:50 housekeeping; 04:30 retries a failed
 * backup (the claim was given back) and is a no-op after a successful one.
 */
export const BACKUP_SCHEDULE = '30 2,4 * * *'

/** The nightly backup of the embedded database and the uploaded files (src/services/backup/nightly.ts), claimed once per day. */
export const backupJobs = {
  backup: { schedule: BACKUP_SCHEDULE, run: (payload: Payload) => runNightlyBackup(payload) },
} as const
