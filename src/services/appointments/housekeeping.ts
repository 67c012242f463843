/**
 * The appointments' daily housekeeping, decided first (pure) and then done:
 *
 * - **未到 (no-shows)**: a booking still 已预约 when its slot has ended is recorded as a no-show by the
 *   scheduler (matter-status.ts lets `system` do only that). It counts toward the no-show block.
 * - **Clearing personal data**: `retentionDays` (default 180, 预约设置) after a matter ended (办结,
 *   不予受理, 取消, 未到: `closedAt`) the resident's name, mobile, ID number and openid, their masked
 *   copies, the notes for the resident and the template messages' openid and contents are cleared;
 *   the guide, office, slot, status, dates and steps stay for the statistics
 *   (个人信息保护法第四十七条: personal information is deleted once its purpose is achieved).
 */
import type { Payload, Where } from 'payload'
import { DAY_MS } from '../../shared/time'
import { compareAndSet } from '../../shared/cas'
import { CLOSED_MATTER_STATES } from './matter-status'
import { loadAppointmentSettings } from './settings'
import { takeMatterStep } from './steps'
import { ApiError } from '../../http/api-error'

/** What the masked columns show once the data is gone. */
export const CLEARED_MARK = '（已清除）'

/** How many appointments one run handles per batch (runs repeat daily, so a backlog drains). */
const BATCH = 200

/**
 * The appointments whose personal data is due to be cleared at `now`: ended (`closedAt`) at least
 * `retentionDays` days ago and not cleared yet.
 * @throws RangeError when `retentionDays` is not a whole number ≥ 1.
 */
export function purgeDueWhere(now: number, retentionDays: number): Where {
  if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new RangeError(`retentionDays must be a whole number ≥ 1, got ${retentionDays}`)
  return {
    and: [
      { status: { in: [...CLOSED_MATTER_STATES] } },
      { closedAt: { less_than_equal: new Date(now - retentionDays * DAY_MS).toISOString() } },
      { personalDataClearedAt: { exists: false } },
    ],
  }
}

/** The bookings still 已预约 whose slot ended before `now`: due to be recorded as no-shows. */
export function noShowDueWhere(now: number): Where {
  return { and: [{ status: { equals: 'booked' } }, { slotEndsAt: { less_than_equal: new Date(now).toISOString() } }] }
}

/** Batches one run takes at most (BATCH each): a backlog drains in one night, a runaway loop cannot. */
const MAX_BATCHES = 50

/**
 * Clears the personal data due at `now`; answers how many appointments were cleared. With each
 * appointment go the staff's notes written for the resident (they may name them: 「请补交张三户口本」)
 * on the appointment and its steps, and the openid, link and contents of the template messages about
 * it (`resident-notices`); what stays is the guide, office, slot, status, dates, channel and steps.
 * A matter still open is kept whole: its purpose has not ended (the board lists it overdue).
 */
export async function clearExpiredPersonalData(payload: Payload, now: number = Date.now()): Promise<number> {
  const { retentionDays } = await loadAppointmentSettings(payload)
  const at = new Date(now).toISOString()
  let cleared = 0
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const due = await payload.find({ collection: 'appointments', where: purgeDueWhere(now, retentionDays), limit: BATCH, depth: 0, overrideAccess: true })
    if (due.docs.length === 0) break
    for (const doc of due.docs) {
      const done = await compareAndSet(
        payload,
        'appointments',
        { and: [{ id: { equals: doc.id } }, { personalDataClearedAt: { exists: false } }] },
        {
          name: null,
          mobile: null,
          idNumber: null,
          openid: null,
          nameMasked: CLEARED_MARK,
          mobileMasked: CLEARED_MARK,
          idNumberMasked: null,
          statusNote: null,
          personalDataClearedAt: at,
        },
      )
      if (!done) continue
      cleared++
      await payload.update({ collection: 'matter-steps', where: { appointment: { equals: doc.id } }, data: { note: null }, overrideAccess: true, depth: 0 })
      await payload.update({
        collection: 'resident-notices',
        where: { and: [{ relatedCollection: { equals: 'appointments' } }, { relatedId: { equals: String(doc.id) } }] },
        data: { openid: CLEARED_MARK, openidMasked: CLEARED_MARK, url: null, data: null },
        overrideAccess: true,
        depth: 0,
      })
    }
  }
  return cleared
}

/** Records the no-shows due at `now`; answers how many were recorded (one taken by staff meanwhile is skipped). */
export async function recordNoShows(payload: Payload, now: number = Date.now()): Promise<number> {
  const due = await payload.find({ collection: 'appointments', where: noShowDueWhere(now), limit: BATCH, depth: 0, overrideAccess: true })
  let recorded = 0
  for (const doc of due.docs) {
    try {
      await takeMatterStep(payload, String(doc.id), 'mark_no_show', { kind: 'system' }, undefined, now)
      recorded++
    } catch (error) {
      // Checked in or cancelled between the query and the step: nothing to record.
      if (!(error instanceof ApiError && error.status === 409)) throw error
    }
  }
  return recorded
}
