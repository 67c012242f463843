import type { Payload } from 'payload'
import { readPush } from '../../push/store'

/** One entry of a push's step log as the pages show it. */
export interface StepRow {
  step: string
  at: string | null
  ok: boolean
  detail: string
}

/**
 * The push's step log, oldest first — the one place the admin pages read it, so the log's storage
 * can change (it is moving to its own collection) without touching the views.
 */
export async function readPushSteps(payload: Payload, pushId: string): Promise<StepRow[]> {
  const push = await readPush(payload, pushId)
  const steps = Array.isArray(push?.steps) ? (push!.steps as Record<string, unknown>[]) : []
  return steps.map((entry) => ({ step: String(entry.step ?? ''), at: (entry.at as string | null) ?? null, ok: entry.ok !== false, detail: String(entry.detail ?? '') }))
}
