/** The appointment settings (global `appointment-settings`) with their defaults. */
import type { Payload } from 'payload'
import { NO_SHOW_DEFAULTS, type NoShowRule } from './no-show'

export interface AppointmentSettings {
  noShow: NoShowRule
  /** Days after a matter ends before the resident's personal data is cleared (default 180). */
  retentionDays: number
}

export const APPOINTMENT_SETTINGS_DEFAULTS: AppointmentSettings = { noShow: NO_SHOW_DEFAULTS, retentionDays: 180 }

/** The stored settings, each missing value replaced by its default. */
export async function loadAppointmentSettings(payload: Payload): Promise<AppointmentSettings> {
  const stored = (await payload.findGlobal({ slug: 'appointment-settings', depth: 0 })) as {
    noShow?: Partial<Record<keyof NoShowRule, number | null>> | null
    retentionDays?: number | null
  }
  const pick = (key: keyof NoShowRule): number => stored.noShow?.[key] ?? NO_SHOW_DEFAULTS[key]
  return {
    noShow: { maxNoShows: pick('maxNoShows'), withinDays: pick('withinDays'), blockDays: pick('blockDays') },
    retentionDays: stored.retentionDays ?? APPOINTMENT_SETTINGS_DEFAULTS.retentionDays,
  }
}
