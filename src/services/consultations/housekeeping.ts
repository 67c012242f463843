/**
 * 微问政's housekeeping: clearing residents' personal data once it has served its purpose
 * (个人信息保护法第四十七条), like the appointments' (src/services/appointments/housekeeping.ts).
 *
 * A suggestion's contact details and openid serve answering the resident and telling them the
 * outcome. Both have ended `retentionDays` (default 365, 微问政设置) after the topic's outcome was
 * published — or after the topic closed, when no outcome was ever published (the purpose lapsed).
 * Then each suggestion on it loses the resident's openid, name and phone and their masked copies (shown
 * as 「（已清除）」), and its fingerprint (derived from the openid) becomes `cleared:<id>`; the photos of
 * suggestions never made public are deleted with their files (nobody may see them any more: not the
 * public, and without the openid not their sender); the notices about the topic lose the openid, link
 * and contents. The text, public photos (already without EXIF), state, reason and reply stay: they are
 * the public record of the consultation.
 */
import type { Payload, Where } from 'payload'
import { compareAndSet } from '../../shared/cas'
import { addDays, DAY_MS, shanghaiDate } from '../../shared/time'
import { PUBLIC_SUBMISSION_STATES } from './moderation'
import { CLEARED_MARK } from '../appointments/housekeeping'
import { loadConsultationSettings } from './settings'

/** Suggestions one batch handles; runs repeat daily, so a backlog drains. */
const BATCH = 200
/** Batches one run takes at most. */
const MAX_BATCHES = 50

/**
 * The topics whose residents' data is due to be cleared at `now` (epoch ms): outcome published at or
 * before `now − retentionDays` days, or no outcome and the close date (Beijing `YYYY-MM-DD`) at or
 * before that day.
 * @throws RangeError when `retentionDays` is not a whole number ≥ 1.
 */
export function topicsDueWhere(now: number, retentionDays: number): Where {
  if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new RangeError(`retentionDays must be a whole number ≥ 1, got ${retentionDays}`)
  return {
    or: [
      { outcomePublishedAt: { less_than_equal: new Date(now - retentionDays * DAY_MS).toISOString() } },
      { and: [{ outcomePublishedAt: { exists: false } }, { closesOn: { less_than_equal: addDays(shanghaiDate(now), -retentionDays) } }] },
    ],
  }
}

const idOf = (value: unknown): string | null =>
  value == null ? null : typeof value === 'object' && 'id' in value ? String((value as { id: unknown }).id) : String(value)

/**
 * Clears the personal data due at `now` (see the module's notes); answers how many suggestions were
 * cleared. Safe to repeat and to run on several instances (compare-and-set on `personalDataClearedAt`).
 */
export async function clearExpiredConsultationData(payload: Payload, now: number = Date.now()): Promise<number> {
  const { retentionDays } = await loadConsultationSettings(payload)
  const topics = await payload.find({
    collection: 'consultation-topics',
    overrideAccess: true,
    depth: 0,
    pagination: false,
    where: topicsDueWhere(now, retentionDays),
    select: { title: true },
  })
  const at = new Date(now).toISOString()
  let cleared = 0
  for (const topic of topics.docs) {
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const due = await payload.find({
        collection: 'consultation-submissions',
        overrideAccess: true,
        depth: 0,
        limit: BATCH,
        where: { and: [{ topic: { equals: topic.id } }, { personalDataClearedAt: { exists: false } }] },
      })
      if (due.docs.length === 0) break
      for (const doc of due.docs) {
        const done = await compareAndSet(
          payload,
          'consultation-submissions',
          { and: [{ id: { equals: doc.id } }, { personalDataClearedAt: { exists: false } }] },
          {
            openid: CLEARED_MARK,
            openidMasked: CLEARED_MARK,
            fingerprint: `cleared:${String(doc.id)}`,
            name: null,
            nameMasked: doc.nameMasked ? CLEARED_MARK : null,
            phone: null,
            phoneMasked: doc.phoneMasked ? CLEARED_MARK : null,
            personalDataClearedAt: at,
          },
        )
        if (!done) continue
        cleared++
        const photoIds = (doc.photos ?? []).map(idOf).filter((id): id is string => id !== null)
        if (!(PUBLIC_SUBMISSION_STATES as readonly string[]).includes(doc.status) && photoIds.length > 0) {
          await payload.delete({ collection: 'consultation-photos', where: { id: { in: photoIds } }, overrideAccess: true, depth: 0 })
          await payload.update({ collection: 'consultation-submissions', id: doc.id, data: { photos: [] }, overrideAccess: true, depth: 0 })
        }
      }
    }
    await payload.update({
      collection: 'resident-notices',
      where: {
        and: [{ relatedCollection: { equals: 'consultation-topics' } }, { relatedId: { equals: String(topic.id) } }, { openid: { not_equals: CLEARED_MARK } }],
      },
      data: { openid: CLEARED_MARK, openidMasked: CLEARED_MARK, url: null, data: null },
      overrideAccess: true,
      depth: 0,
    })
  }
  return cleared
}
