import type { Payload, Where } from 'payload'
import { compareAndSet } from '../cas'
import { PUSH_SYSTEM_CONTEXT } from './refs'

export type PushDoc = Record<string, any> & { id: string; week: string; status: string }

export interface StepEntry {
  step: string
  ok: boolean
  detail?: string
}

/** Reads a push as the system sees it. */
export async function readPush(payload: Payload, id: string): Promise<PushDoc | null> {
  const doc = await payload.findByID({ collection: 'weekly-pushes', id, overrideAccess: true, depth: 0, disableErrors: true })
  return (doc as unknown as PushDoc) ?? null
}

export async function findPush(payload: Payload, accountId: string, week: string): Promise<PushDoc | null> {
  const found = await payload.find({
    collection: 'weekly-pushes',
    overrideAccess: true,
    depth: 0,
    limit: 1,
    where: { key: { equals: `${accountId}:${week}` } },
  })
  return (found.docs[0] as unknown as PushDoc) ?? null
}

const withStep = (push: PushDoc, entry: StepEntry) => [
  ...(Array.isArray(push.steps) ? push.steps : []),
  { ...entry, at: new Date().toISOString() },
]

/**
 * Saves `data` only while the push still matches `expect` (an atomic compare-and-set on its
 * top-level fields), then appends one step-log entry. Answers the saved push, or null when someone
 * else changed it first.
 */
export async function savePush(
  payload: Payload,
  push: PushDoc,
  data: Record<string, unknown>,
  entry: StepEntry,
  expect: Where = { status: { equals: push.status } },
): Promise<PushDoc | null> {
  const moved = await compareAndSet(payload, 'weekly-pushes', { and: [{ id: { equals: push.id } }, expect] }, data)
  if (!moved) return null
  return appendStep(payload, push.id, entry)
}

/** Adds one entry to the step log (not part of any compare-and-set: only the claim holder writes it). */
export async function appendStep(payload: Payload, id: string, entry: StepEntry): Promise<PushDoc | null> {
  const current = await readPush(payload, id)
  if (!current) return null
  const saved = await payload.update({
    collection: 'weekly-pushes',
    id,
    data: { steps: withStep(current, entry) },
    overrideAccess: true,
    depth: 0,
    context: { [PUSH_SYSTEM_CONTEXT]: true },
  })
  return saved as unknown as PushDoc
}
