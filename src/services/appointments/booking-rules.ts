/**
 * The stored booking rules (`booking-rules`) as the pure `BookingRule` of slots.ts, and which rule
 * applies to a guide: the guide's own rule, else its office's (a rule of the office without a guide).
 */
import type { Payload } from 'payload'
import { idOf } from '../../access/roles'
import { bookingRuleProblems, type BookingRule, type Closure, type TimeRange, type Weekday } from './slots'

/** One row of the stored weekly pattern. */
export interface StoredOpening {
  weekday?: string | number | null
  start?: string | null
  end?: string | null
}

/** One stored closure (staff add them: 闭馆). */
export interface StoredClosure {
  date?: string | null
  endDate?: string | null
  start?: string | null
  end?: string | null
  reason?: string | null
}

/** A `booking-rules` document as read at depth 0. */
export interface StoredBookingRule {
  id: string | number
  office?: unknown
  guide?: unknown
  weekly?: StoredOpening[] | null
  slotMinutes?: number | null
  capacity?: number | null
  daysAhead?: number | null
  cutoffMinutes?: number | null
  makeupDayPattern?: string | number | null
  closures?: StoredClosure[] | null
}

/**
 * The pure rule of a stored one. The scope (slot keys' prefix) is `rule-<id>`: two rules never share
 * a seat, and editing a rule's hours keeps the seats already taken under the same keys.
 */
export function toBookingRule(stored: StoredBookingRule): BookingRule {
  const weekly: Partial<Record<Weekday, TimeRange[]>> = {}
  for (const row of stored.weekly ?? []) {
    const weekday = Number(row.weekday) as Weekday
    if (!row.start || !row.end) continue
    ;(weekly[weekday] ??= []).push({ start: row.start, end: row.end })
  }
  const closures: Closure[] = (stored.closures ?? [])
    .filter((row): row is StoredClosure & { date: string } => typeof row.date === 'string' && row.date !== '')
    .map((row) => ({
      date: row.date.slice(0, 10),
      ...(row.endDate ? { endDate: row.endDate.slice(0, 10) } : {}),
      ...(row.start && row.end ? { time: { start: row.start, end: row.end } } : {}),
      ...(row.reason ? { reason: row.reason } : {}),
    }))
  return {
    scope: `rule-${String(stored.id)}`,
    weekly,
    capacity: stored.capacity ?? 0,
    ...(stored.slotMinutes != null ? { slotMinutes: stored.slotMinutes } : {}),
    ...(stored.daysAhead != null ? { daysAhead: stored.daysAhead } : {}),
    ...(stored.cutoffMinutes != null ? { cutoffMinutes: stored.cutoffMinutes } : {}),
    ...(stored.makeupDayPattern != null && stored.makeupDayPattern !== '' ? { makeupDayPattern: Number(stored.makeupDayPattern) as Weekday } : {}),
    closures,
  }
}

/** The problems of a stored rule in Chinese (the admin form's validation): bookingRuleProblems without the scope. */
export function storedRuleProblems(stored: Omit<StoredBookingRule, 'id'>): string[] {
  return bookingRuleProblems(toBookingRule({ ...stored, id: 'new' }))
}

/**
 * The rule that applies to a guide of `officeId`: the rule naming the guide, else the office's rule
 * naming no guide; null when neither exists (the guide cannot be booked).
 */
export async function findRuleForGuide(payload: Payload, guideId: string, officeId: string | null): Promise<StoredBookingRule | null> {
  const own = await payload.find({
    collection: 'booking-rules',
    where: { guide: { equals: guideId } },
    sort: 'createdAt',
    limit: 1,
    depth: 0,
    pagination: false,
  })
  if (own.docs[0]) return own.docs[0] as unknown as StoredBookingRule
  if (!officeId) return null
  const office = await payload.find({
    collection: 'booking-rules',
    where: { and: [{ office: { equals: officeId } }, { guide: { exists: false } }] },
    // One per office (the collection refuses a second); the oldest, should an older database hold two.
    sort: 'createdAt',
    limit: 1,
    depth: 0,
    pagination: false,
  })
  const found = office.docs[0] as unknown as StoredBookingRule | undefined
  return found && idOf(found.guide) === null ? found : null
}
