/**
 * The seats of a slot, claimed atomically: capacity is never exceeded, with any number of
 * instances on SQLite or MongoDB. One `slot-seats` row per slot key holds `taken`; a claim is a
 * compare-and-set of `taken` from the value read to one more (src/shared/cas.ts), retried when
 * another booking changed it first. The row is made at the slot's first claim (the key is unique,
 * so two first claims cannot both make it).
 */
import type { Payload } from 'payload'
import { compareAndSet } from '../../shared/cas'

interface SeatRow {
  id: string | number
  taken: number
  capacity: number
}

/** Retries of one claim when others keep winning the compare-and-set; beyond it the resident is told to retry. */
const MAX_ATTEMPTS = 200

export type SeatClaim = { ok: true; taken: number } | { ok: false; reason: 'full' | 'busy' }

const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.min(50, attempt) * Math.random()))

async function findRow(payload: Payload, key: string): Promise<SeatRow | null> {
  const found = await payload.find({ collection: 'slot-seats', where: { key: { equals: key } }, limit: 1, depth: 0, pagination: false, overrideAccess: true })
  return (found.docs[0] as unknown as SeatRow | undefined) ?? null
}

/**
 * Takes one seat of slot `key` (`date` its Beijing day) whose capacity is `capacity` now: `ok` with
 * the seats taken after the claim, `full` when `capacity` seats are taken, `busy` when
 * MAX_ATTEMPTS compare-and-sets all lost (extreme contention; nothing taken).
 */
export async function claimSeat(payload: Payload, key: string, date: string, capacity: number): Promise<SeatClaim> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const row = await findRow(payload, key)
    if (!row) {
      if (capacity < 1) return { ok: false, reason: 'full' }
      try {
        await payload.create({ collection: 'slot-seats', data: { key, date, taken: 1, capacity }, overrideAccess: true, depth: 0 })
        return { ok: true, taken: 1 }
      } catch (error) {
        // Another booking made the row first (unique key): claim through it.
        if (await findRow(payload, key)) continue
        throw error
      }
    }
    if (row.taken >= capacity) return { ok: false, reason: 'full' }
    const won = await compareAndSet(
      payload,
      'slot-seats',
      { and: [{ id: { equals: row.id } }, { taken: { equals: row.taken } }] },
      { taken: row.taken + 1, capacity },
    )
    if (won) return { ok: true, taken: row.taken + 1 }
    await pause(attempt)
  }
  return { ok: false, reason: 'busy' }
}

/** Gives one seat of slot `key` back (a cancelled booking, or a booking that failed after its claim). */
export async function releaseSeat(payload: Payload, key: string): Promise<void> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const row = await findRow(payload, key)
    if (!row || row.taken <= 0) return
    const won = await compareAndSet(payload, 'slot-seats', { and: [{ id: { equals: row.id } }, { taken: { equals: row.taken } }] }, { taken: row.taken - 1 })
    if (won) return
    await pause(attempt)
  }
  throw new Error(`releaseSeat: could not give back a seat of ${key}`)
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
