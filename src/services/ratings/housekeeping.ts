/**
 * Clearing the resident's openid from ratings once nothing needs it: `retentionDays` (好差评设置, default
 * 180 like the appointments) after the rating, when it opened no rectification or its item is final
 * (群众认可, 领导已复核) — a running item still needs to know whose verdict and appeal to accept. The
 * rating itself (level, reasons, office, date) stays for the statistics; `openidMasked` is kept.
 */
import type { Payload } from 'payload'
import { compareAndSet } from '../../shared/cas'
import { DAY_MS } from '../../shared/time'
import { FINAL_RECTIFICATION_STATES } from './rectification'
import { rectificationOfRating } from './rectify'
import { loadRatingSettings } from './settings'

const BATCH = 200

/** Clears the openid of the ratings due at `now` (epoch ms); answers how many were cleared. Safe to repeat and to run on several instances. */
export async function clearExpiredRatingOpenids(payload: Payload, now: number = Date.now()): Promise<number> {
  const { retentionDays } = await loadRatingSettings(payload)
  const due = await payload.find({
    collection: 'ratings',
    where: { and: [{ ratedAt: { less_than_equal: new Date(now - retentionDays * DAY_MS).toISOString() } }, { openid: { exists: true } }] },
    limit: BATCH,
    depth: 0,
    overrideAccess: true,
  })
  let cleared = 0
  for (const rating of due.docs) {
    if (!rating.openid) continue
    const item = await rectificationOfRating(payload, rating.id)
    if (item && !(FINAL_RECTIFICATION_STATES as readonly string[]).includes(item.state)) continue
    const done = await compareAndSet(
      payload,
      'ratings',
      { and: [{ id: { equals: rating.id } }, { openid: { equals: rating.openid } }] },
      {
        openid: null,
        openidClearedAt: new Date(now).toISOString(),
      },
    )
    if (done) cleared++
  }
  return cleared
}
