import type { Payload } from 'payload'
import { readSteps } from '../../services/push/store'

/** One entry of a push's step log as the pages show it. */
export interface StepRow {
  step: string
  at: string | null
  ok: boolean
  detail: string
}

/** The push's step log (the `push-steps` collection), oldest first, as the admin pages show it. */
export async function readPushSteps(payload: Payload, pushId: string): Promise<StepRow[]> {
  const steps = await readSteps(payload, pushId)
  return steps.map((entry) => ({ step: entry.step, at: entry.at ?? null, ok: entry.ok !== false, detail: entry.detail ?? '' }))
}
