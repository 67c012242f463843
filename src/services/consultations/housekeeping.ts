/**
 * 微问政's housekeeping: clearing residents' personal data once it has served its purpose
 * (个人信息保护法第四十七条), like the appointments' (src/services/appointments/housekeeping.ts).
 *
 * `retentionDays` (default 365, 微问政设置) after a topic's outcome is published, each suggestion on it
 * loses the resident's openid, name and phone and their masked copies (shown as 「（已清除）」), and its
 * fingerprint (derived from the openid) becomes `cleared:<id>`; the outcome notices about the topic lose
 * the openid, link and contents. The text, photos (already without EXIF), state, reason and reply stay:
 * they are the public record of the consultation. A topic without a published outcome is kept whole.
 */
import type { Payload } from 'payload'
import { compareAndSet } from '../../shared/cas'
import { DAY_MS } from '../../shared/time'
import { CLEARED_MARK } from '../appointments/housekeeping'
import { loadConsultationSettings } from './settings'

/** Suggestions one batch handles; runs repeat daily, so a backlog drains. */
const BATCH = 200
/** Batches one run takes at most. */
const MAX_BATCHES = 50

/**
 * Clears the personal data due at `now` (see the module's notes); answers how many suggestions were
 * cleared. Safe to repeat and to run on several instances (compare-and-set on `personalDataClearedAt`).
 */
export async function clearExpiredConsultationData(payload: Payload, now: number = Date.now()): Promise<number> {
  const { retentionDays } = await loadConsultationSettings(payload)
  const cutoff = new Date(now - retentionDays * DAY_MS).toISOString()
  const topics = await payload.find({
    collection: 'consultation-topics',
    overrideAccess: true,
    depth: 0,
    pagination: false,
    where: { outcomePublishedAt: { less_than_equal: cutoff } },
    select: { title: true },
  } as never)
  const at = new Date(now).toISOString()
  let cleared = 0
  for (const topic of topics.docs as unknown as Array<{ id: string }>) {
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
          } as never,
        )
        if (done) cleared++
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
