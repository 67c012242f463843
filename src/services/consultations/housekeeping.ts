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
import { deleteEndedRateCounters } from './rate-limit'
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
 * Days a rejected suggestion keeps its name, phone and photos after the rejection: long enough for the
 * resident to read the reason in 我的建议 (and answer it with a new suggestion), not a year more.
 */
export const REJECTED_CONTACT_DAYS = 30

/**
 * The suggestions whose contact (name, phone) and photos are due to be cleared at `now` (epoch ms), not
 * cleared yet (`contactClearedAt` unset): every 已撤回 (the resident took it back: at once —
 * withdrawSubmission clears it itself, this catches what it could not) and every 未采纳 rejected at or
 * before `now − REJECTED_CONTACT_DAYS` days (`moderatedAt`). Pure.
 */
export function contactsDueWhere(now: number): Where {
  return {
    and: [
      { contactClearedAt: { exists: false } },
      {
        or: [
          { status: { equals: 'withdrawn' } },
          { and: [{ status: { equals: 'rejected' } }, { moderatedAt: { less_than_equal: new Date(now - REJECTED_CONTACT_DAYS * DAY_MS).toISOString() } }] },
        ],
      },
    ],
  }
}

/**
 * Clears one suggestion's name and phone (masked copies shown 「（已清除）」) and deletes its photos with
 * their files, once (compare-and-set on `contactClearedAt`). The openid stays until the topic's
 * retention (the resident still finds it in 我的建议, without the contact). Answers whether it cleared it.
 */
export async function clearSuggestionContact(
  payload: Payload,
  doc: { id: string | number; nameMasked?: string | null; phoneMasked?: string | null; photos?: unknown[] | null },
  now: number,
): Promise<boolean> {
  const done = await compareAndSet(
    payload,
    'consultation-submissions',
    { and: [{ id: { equals: doc.id } }, { contactClearedAt: { exists: false } }] },
    {
      name: null,
      nameMasked: doc.nameMasked ? CLEARED_MARK : null,
      phone: null,
      phoneMasked: doc.phoneMasked ? CLEARED_MARK : null,
      contactClearedAt: new Date(now).toISOString(),
    },
  )
  if (!done) return false
  const photoIds = (doc.photos ?? []).map(idOf).filter((id): id is string => id !== null)
  if (photoIds.length > 0) {
    await payload.delete({ collection: 'consultation-photos', where: { id: { in: photoIds } }, overrideAccess: true, depth: 0 })
    await payload.update({ collection: 'consultation-submissions', id: doc.id, data: { photos: [] }, overrideAccess: true, depth: 0 })
  }
  return true
}

/** Clears the contacts and photos due at `now` (`contactsDueWhere`), in batches; answers how many. */
export async function clearTakenBackContacts(payload: Payload, now: number = Date.now()): Promise<number> {
  let cleared = 0
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const due = await payload.find({ collection: 'consultation-submissions', overrideAccess: true, depth: 0, limit: BATCH, where: contactsDueWhere(now) })
    if (due.docs.length === 0) break
    let progressed = false
    for (const doc of due.docs) {
      if (!(await clearSuggestionContact(payload, doc, now))) continue
      cleared++
      progressed = true
    }
    // Every one of the batch was cleared by another instance meanwhile: the next query finds the rest.
    if (!progressed) break
  }
  return cleared
}

/**
 * Clears the personal data due at `now` (see the module's notes); answers how many suggestions were
 * cleared. Safe to repeat and to run on several instances (compare-and-set on `personalDataClearedAt`).
 */
export async function clearExpiredConsultationData(payload: Payload, now: number = Date.now()): Promise<number> {
  const { retentionDays } = await loadConsultationSettings(payload)
  // The rate counters of windows already over (they count, nothing else; keyed by a hash of the openid).
  await deleteEndedRateCounters(payload, now)
  // Withdrawn ones at once, rejected ones after their grace period: name, phone and photos.
  await clearTakenBackContacts(payload, now)
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
