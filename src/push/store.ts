import type { Payload, PayloadRequest, Where } from 'payload'
import { compareAndSet } from '../cas'
import type { WeeklyPush } from '../payload-types'

/** A weekly push as stored (depth 0: relationships are ids). */
export type PushDoc = WeeklyPush

export interface StepEntry {
  step: string
  ok: boolean
  detail?: string
  /** When it happened (ISO 8601); the moment of writing when left out. */
  at?: string
}

/** A step-log entry as read back: `at` always set. */
export type StepLogEntry = StepEntry & { at: string }

/** A push with its step log read from `push-steps` (oldest first), as the write helpers answer it. */
export type PushWithSteps = PushDoc & { steps: StepLogEntry[] }

/** Reads a push as the system sees it, with its step log (`steps`, oldest first; see readSteps). */
export async function readPush(payload: Payload, id: string): Promise<PushWithSteps | null> {
  const doc = await payload.findByID({ collection: 'weekly-pushes', id, overrideAccess: true, depth: 0, disableErrors: true, joins: false })
  return doc ? withSteps(payload, doc) : null
}

const withSteps = async (payload: Payload, push: PushDoc, req?: PayloadRequest): Promise<PushWithSteps> => ({ ...push, steps: await readSteps(payload, push.id, req) })

/** The push of one account and ISO week (e.g. `2026-W48`), with its step log; null when there is none. */
export async function findPush(payload: Payload, accountId: string, week: string): Promise<PushWithSteps | null> {
  const found = await payload.find({
    collection: 'weekly-pushes',
    overrideAccess: true,
    depth: 0,
    limit: 1,
    joins: false,
    where: { key: { equals: `${accountId}:${week}` } },
  })
  return found.docs[0] ? withSteps(payload, found.docs[0]) : null
}

/**
 * Saves `data` only while the push still matches `expect` (an atomic compare-and-set on its
 * top-level fields), then appends one step-log entry. Answers the saved push with its step log, or
 * null when someone else changed it first (then nothing is logged).
 */
export async function savePush(
  payload: Payload,
  push: PushDoc,
  data: Partial<PushDoc>,
  entry: StepEntry,
  expect: Where = { status: { equals: push.status } },
): Promise<PushWithSteps | null> {
  const moved = await compareAndSet(payload, 'weekly-pushes', { and: [{ id: { equals: push.id } }, expect] }, data)
  if (!moved) return null
  return appendStep(payload, push.id, entry)
}

// Strictly increasing within this process, so entries written one after another keep their order
// even within one millisecond; across processes the clock orders them.
let lastSeq = 0
const nextSeq = (): number => {
  lastSeq = Math.max(lastSeq + 1, Date.now() * 1000)
  return lastSeq
}

/**
 * Adds one entry to a push's step log: a new `push-steps` document, never an update of the push or
 * of earlier entries, so concurrent writers (several schedulers, the callback, people's edits)
 * cannot collide. The log is evidence: a failure to write it is logged and never thrown, so it
 * cannot block or abort a send. Pass `req` inside a hook (same transaction where there is one).
 * Answers the push with its step log (oldest first), or null when the push does not exist.
 */
export async function appendStep(payload: Payload, pushId: string, entry: StepEntry, req?: PayloadRequest): Promise<PushWithSteps | null> {
  try {
    await payload.create({
      collection: 'push-steps',
      overrideAccess: true,
      depth: 0,
      req,
      data: { push: pushId, step: entry.step, ok: entry.ok, detail: entry.detail ?? null, at: entry.at ?? new Date().toISOString(), seq: nextSeq() },
    })
  } catch (error) {
    payload.logger.warn({ msg: 'push step log entry not written (the push goes on)', pushId, step: entry.step, error: String((error as Error)?.message ?? error) })
  }
  return readPush(payload, pushId)
}

/**
 * A push's step log, oldest first (in the order the entries were written). Each entry: `step`,
 * `ok`, `detail` (when there is one) and `at` (ISO 8601). Empty for an unknown push.
 */
export async function readSteps(payload: Payload, pushId: string, req?: PayloadRequest): Promise<StepLogEntry[]> {
  const found = await payload.find({
    collection: 'push-steps',
    overrideAccess: true,
    depth: 0,
    pagination: false,
    req,
    sort: 'seq',
    where: { push: { equals: pushId } },
  })
  return found.docs.map((entry) => ({ step: entry.step, ok: Boolean(entry.ok), at: entry.at, ...(entry.detail != null ? { detail: entry.detail } : {}) }))
}
