/** The 好差评 settings (global `rating-settings`) with their defaults. */
import type { Payload } from 'payload'
import { DEFAULT_REASONS, RATING_LEVELS, type ReasonsConfig } from './levels'
import { DEFAULT_RECTIFICATION_DAYS, MAX_RECTIFICATION_DAYS } from './rectification'

export interface RatingSettings {
  /** The reasons a resident may tick, per level (default DEFAULT_REASONS). */
  reasons: ReasonsConfig
  /** Working days to rectify a 差评, 1–15 (default 5; 国办发〔2019〕51号's limit is 15). */
  rectificationDays: number
  /** Days after which a rating's openid is cleared once nothing needs the resident any more (default 180, like appointments). */
  retentionDays: number
}

export const RATING_SETTINGS_DEFAULTS: RatingSettings = { reasons: DEFAULT_REASONS, rectificationDays: DEFAULT_RECTIFICATION_DAYS, retentionDays: 180 }

/** The stored settings, each missing (or out of range) value replaced by its default; a level with no reason configured keeps the defaults. */
export async function loadRatingSettings(payload: Payload): Promise<RatingSettings> {
  const stored = await payload.findGlobal({ slug: 'rating-settings', depth: 0, overrideAccess: true })
  const reasons = Object.fromEntries(
    RATING_LEVELS.map((level) => {
      const list = stored.reasons?.[level]
      const clean = Array.isArray(list) ? list.map((r) => (typeof r === 'string' ? r.trim() : '')).filter((r) => r !== '') : []
      return [level, clean.length ? clean : DEFAULT_REASONS[level]]
    }),
  ) as ReasonsConfig
  const days = stored.rectificationDays
  return {
    reasons,
    rectificationDays:
      typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= MAX_RECTIFICATION_DAYS ? days : RATING_SETTINGS_DEFAULTS.rectificationDays,
    retentionDays: stored.retentionDays ?? RATING_SETTINGS_DEFAULTS.retentionDays,
  }
}
