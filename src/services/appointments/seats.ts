/**
 * The seats of a slot, claimed atomically: capacity is never exceeded, with any number of
 * instances on SQLite or MongoDB. One `slot-seats` row per slot key holds `taken`; a claim is one
 * conditional increment (src/shared/cas.ts with `$inc`). The row is made at the slot's first claim
 * (the key is unique, so two first claims cannot both make it).
 */
import type { Payload } from 'payload'
import { compareAndSet } from '../../shared/cas'

interface SeatRow {
  id: string | number
  taken: number
  capacity: number
}

/** Tries of one claim: only the first claim of a slot, racing to make its row, may need a second. */
const MAX_ATTEMPTS = 5

export type SeatClaim = { ok: true; taken: number } | { ok: false; reason: 'full' | 'busy' }

async function findRow(payload: Payload, key: string): Promise<SeatRow | null> {
  const found = await payload.find({ collection: 'slot-seats', where: { key: { equals: key } }, limit: 1, depth: 0, pagination: false, overrideAccess: true })
  return (found.docs[0] as unknown as SeatRow | undefined) ?? null
}

/** `taken + by` in the database itself: both adapters turn `{ $inc }` into one atomic update (SQL `taken = taken + 1`, MongoDB `$inc`). */
const increment = (by: number) => ({ $inc: by }) as unknown as number

/**
 * Takes one seat of slot `key` (`date` its Beijing day) whose capacity is `capacity` now: `ok` with
 * the seats taken after the claim, `full` when `capacity` seats are taken, `busy` when the row could
 * not be made or claimed after MAX_ATTEMPTS tries (nothing taken).
 *
 * One statement decides: `UPDATE … SET taken = taken + 1 WHERE key = ? AND taken < capacity`, so two
 * claims never both take the last seat, on one instance or many.
 */
export async function claimSeat(payload: Payload, key: string, date: string, capacity: number): Promise<SeatClaim> {
  if (capacity < 1) return { ok: false, reason: 'full' }
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const won = await compareAndSet(
      payload,
      'slot-seats',
      { and: [{ key: { equals: key } }, { taken: { less_than: capacity } }] },
      { taken: increment(1), capacity },
    )
    if (won) return { ok: true, taken: won.taken }
    if (await findRow(payload, key)) return { ok: false, reason: 'full' }
    try {
      await payload.create({ collection: 'slot-seats', data: { key, date, taken: 1, capacity }, overrideAccess: true, depth: 0 })
      return { ok: true, taken: 1 }
    } catch (error) {
      // Another booking made the row first (the key is unique): claim through it.
      if (!(await findRow(payload, key))) throw error
    }
  }
  return { ok: false, reason: 'busy' }
}

/** Gives one seat of slot `key` back (a cancelled booking, or a booking that failed after its claim). */
export async function releaseSeat(payload: Payload, key: string): Promise<void> {
  await compareAndSet(payload, 'slot-seats', { and: [{ key: { equals: key } }, { taken: { greater_than: 0 } }] }, { taken: increment(-1) })
}

/** Seats taken per slot key, for the keys asked (missing keys: none taken). */
export async function seatsTaken(payload: Payload, keys: readonly string[]): Promise<Map<string, number>> {
  const taken = new Map<string, number>()
  if (keys.length === 0) return taken
  const found = await payload.find({
    collection: 'slot-seats',
    where: { key: { in: [...keys] } },
    limit: keys.length,
    depth: 0,
    pagination: false,
    overrideAccess: true,
  })
  for (const doc of found.docs as unknown as (SeatRow & { key: string })[]) taken.set(doc.key, doc.taken)
  return taken
}
