/** The 微问政 settings (global `consultation-settings`) with their defaults. */
import type { Payload } from 'payload'
import { DEFAULT_REPLY_WORKING_DAYS } from './moderation'

export interface ConsultationSettings {
  /** Working days to answer a suggestion (the day of receipt not counted). */
  replyWorkingDays: number
  /** Suggestions one resident (openid) may send in one Beijing clock hour (rate-limit.ts). */
  maxPerHour: number
  /** … and in one Beijing day. */
  maxPerDay: number
  /** Days after the outcome before the residents' personal data are cleared. */
  retentionDays: number
}

export const CONSULTATION_SETTINGS_DEFAULTS: ConsultationSettings = {
  replyWorkingDays: DEFAULT_REPLY_WORKING_DAYS,
  maxPerHour: 5,
  maxPerDay: 20,
  retentionDays: 365,
}

/** The stored settings, each missing value replaced by its default (read with overrideAccess: residents' requests read them too). */
export async function loadConsultationSettings(payload: Payload): Promise<ConsultationSettings> {
  const stored = await payload.findGlobal({ slug: 'consultation-settings', depth: 0, overrideAccess: true })
  const pick = (key: keyof ConsultationSettings): number => stored[key] ?? CONSULTATION_SETTINGS_DEFAULTS[key]
  return { replyWorkingDays: pick('replyWorkingDays'), maxPerHour: pick('maxPerHour'), maxPerDay: pick('maxPerDay'), retentionDays: pick('retentionDays') }
}
