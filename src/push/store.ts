import type { Payload, Where } from 'payload'
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
 * Saves `data` and one step-log entry, but only while the push still matches `expect`
 * (a compare-and-set). Answers the saved push, or null when someone else changed it first.
 */
export async function savePush(
  payload: Payload,
  push: PushDoc,
  data: Record<string, unknown>,
  entry: StepEntry,
  expect: Where = { status: { equals: push.status } },
): Promise<PushDoc | null> {
  const result = await payload.update({
    collection: 'weekly-pushes',
    where: { and: [{ id: { equals: push.id } }, expect] },
    data: { ...data, steps: withStep(push, entry) },
    overrideAccess: true,
    depth: 0,
    context: { [PUSH_SYSTEM_CONTEXT]: true },
  })
  return (result.docs[0] as unknown as PushDoc) ?? null
}
