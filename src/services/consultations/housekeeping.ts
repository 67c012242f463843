/**
 * Clearing residents' personal data from 微问政 once its purpose has ended (个人信息保护法第四十七条:
 * personal information is deleted once the purpose of handling it is achieved), decided first (pure
 * `topicsDueWhere`) and then done (`clearEndedConsultationData`).
 *
 * A suggestion's contact details and openid serve two things: answering the resident and telling
 * them the outcome. Both have ended `retentionDays` (微问政设置, default 365) after
 * - the topic's outcome was published (everyone taking part has been told), or
 * - the topic closed, when no outcome was ever published (the purpose lapsed).
 * Then each suggestion of the topic loses the resident's name, mobile and openid (the masked copies
 * say 「（已清除）」), the photos of suggestions that were never public are deleted (nobody may see
 * them any more: neither the public nor, without the openid, their sender), and the template
 * messages about the topic lose their openid, link and contents. The text of public suggestions, their
 * photos and replies stay: they are the published record of the consultation, with no one's name.
 */
import type { Payload, Where } from 'payload'
import { addDays, DAY_MS, shanghaiDate } from '../../shared/time'
import { PUBLIC_SUBMISSION_STATES } from './moderation'

/** What the masked columns and the openid hold once the data is gone (as for appointments). */
export const CLEARED_MARK = '（已清除）'

/** The retention period when the settings say nothing, in days after the topic ended. */
export const DEFAULT_RETENTION_DAYS = 365

/** Suggestions handled per batch; runs repeat daily, so a backlog drains. */
const BATCH = 200
/** Batches one run takes at most, so a runaway loop cannot spin. */
const MAX_BATCHES = 50

/**
 * The topics whose residents' data is due to be cleared at `now` (epoch ms): outcome published at or
 * before `now − retentionDays` days, or no outcome and the close date (Beijing `YYYY-MM-DD`) at or
 * before that day.
 * @throws RangeError when `retentionDays` is not a whole number ≥ 1.
 */
export function topicsDueWhere(now: number, retentionDays: number): Where {
  if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new RangeError(`retentionDays must be a whole number ≥ 1, got ${retentionDays}`)
  const cutoff = now - retentionDays * DAY_MS
  return {
    or: [
      { outcomePublishedAt: { less_than_equal: new Date(cutoff).toISOString() } },
      { and: [{ outcomePublishedAt: { exists: false } }, { closesOn: { less_than_equal: addDays(shanghaiDate(now), -retentionDays) } }] },
    ],
  }
}

async function retentionDaysOf(payload: Payload): Promise<number> {
  const settings = (await payload.findGlobal({ slug: 'consultation-settings', depth: 0, overrideAccess: true })) as { retentionDays?: number | null }
  const days = settings.retentionDays
  return typeof days === 'number' && Number.isInteger(days) && days >= 1 ? days : DEFAULT_RETENTION_DAYS
}

const idOf = (value: unknown): string | null =>
  value == null ? null : typeof value === 'object' && 'id' in value ? String((value as { id: unknown }).id) : String(value)

/**
 * Clears the residents' data of every topic due at `now` (see the module notes); answers how many
 * suggestions were cleared. Safe to repeat and to run on two instances at once: a suggestion already
 * cleared is not matched again, and clearing twice writes the same values.
 */
export async function clearEndedConsultationData(payload: Payload, now: number = Date.now()): Promise<number> {
  const retentionDays = await retentionDaysOf(payload)
  const topics = await payload.find({
    collection: 'consultation-topics',
    where: topicsDueWhere(now, retentionDays),
    pagination: false,
    depth: 0,
    select: {},
    overrideAccess: true,
  })
  const topicIds = topics.docs.map((topic) => String(topic.id))
  if (topicIds.length === 0) return 0
  let cleared = 0
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const due = await payload.find({
      collection: 'consultation-submissions',
      where: { and: [{ topic: { in: topicIds } }, { openid: { not_equals: CLEARED_MARK } }] },
      limit: BATCH,
      depth: 0,
      overrideAccess: true,
    })
    if (due.docs.length === 0) break
    for (const doc of due.docs) {
      const isPublic = (PUBLIC_SUBMISSION_STATES as readonly string[]).includes(doc.status)
      const photoIds = (doc.photos ?? []).map(idOf).filter((id): id is string => id !== null)
      if (!isPublic && photoIds.length > 0) {
        await payload.delete({ collection: 'consultation-photos', where: { id: { in: photoIds } }, overrideAccess: true, depth: 0 })
      }
      await payload.update({
        collection: 'consultation-submissions',
        id: doc.id,
        data: {
          openid: CLEARED_MARK,
          openidMasked: CLEARED_MARK,
          name: null,
          nameMasked: doc.nameMasked ? CLEARED_MARK : null,
          phone: null,
          phoneMasked: doc.phoneMasked ? CLEARED_MARK : null,
          ...(isPublic ? {} : { photos: [] }),
        },
        overrideAccess: true,
        depth: 0,
      })
      cleared++
    }
  }
  await payload.update({
    collection: 'resident-notices',
    where: { and: [{ relatedCollection: { equals: 'consultation-topics' } }, { relatedId: { in: topicIds } }, { openid: { not_equals: CLEARED_MARK } }] },
    data: { openid: CLEARED_MARK, openidMasked: CLEARED_MARK, url: null, data: null },
    overrideAccess: true,
    depth: 0,
  })
  return cleared
}
