/**
 * Once-a-day work claimed in the database (`scheduled-runs`, one row per job): a scheduler moves the
 * row's `day` to today with one compare-and-set (src/shared/cas.ts), so of any number of schedulers
 * exactly one runs the job that day. The row is made at the job's first claim ever; its `job` is
 * unique, so two first claims cannot both make it. A failed run gives its claim back, so a later
 * tick the same day tries again.
 */
import type { CollectionSlug, Payload } from 'payload'
import { compareAndSet } from '../../shared/cas'

const RUNS = 'scheduled-runs' satisfies CollectionSlug

interface RunRow {
  id: string | number
  job: string
  day: string
  owner?: string | null
}

async function findRun(payload: Payload, job: string): Promise<RunRow | null> {
  const found = await payload.find({ collection: RUNS, where: { job: { equals: job } }, limit: 1, depth: 0, pagination: false, overrideAccess: true })
  return (found.docs[0] as unknown as RunRow | undefined) ?? null
}

/**
 * Claims `job` for `day` (Beijing `YYYY-MM-DD`) in `owner`'s name: true when this caller won and
 * must run it, false when someone already claimed that day.
 */
export async function claimDailyRun(payload: Payload, job: string, day: string, owner: string): Promise<boolean> {
  const claim = { day, owner, outcome: 'running', startedAt: new Date().toISOString(), finishedAt: null, message: null }
  const won = await compareAndSet(payload, RUNS, { and: [{ job: { equals: job } }, { day: { not_equals: day } }] }, claim as never)
  if (won) return true
  if (await findRun(payload, job)) return false
  try {
    await payload.create({ collection: RUNS, data: { job, ...claim } as never, overrideAccess: true, depth: 0 })
    return true
  } catch (error) {
    // Another scheduler made the row first (job is unique): it claimed the day.
    if (await findRun(payload, job)) return false
    throw error
  }
}

/**
 * Records how the claimed run of `job` ended. A failure gives the day back (`day` set to
 * `releaseTo`, the day before) so the next tick retries; the message stays for the admin.
 */
export async function finishDailyRun(
  payload: Payload,
  job: string,
  day: string,
  owner: string,
  result: { ok: true; message: string } | { ok: false; message: string; releaseTo: string },
): Promise<void> {
  const data = result.ok
    ? { outcome: 'done', finishedAt: new Date().toISOString(), message: result.message.slice(0, 500) }
    : { outcome: 'failed', finishedAt: new Date().toISOString(), message: result.message.slice(0, 500), day: result.releaseTo }
  await compareAndSet(payload, RUNS, { and: [{ job: { equals: job } }, { day: { equals: day } }, { owner: { equals: owner } }] }, data as never)
}
