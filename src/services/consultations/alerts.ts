/**
 * Alerts to staff of a new suggestion (issue 14, deliverable 3): filled in with the e-mail and the
 * WeChat template message in the next step (see the README); for now a no-op so the submission path
 * is complete.
 */
import type { Payload } from 'payload'

/** Tells the topic's staff that a suggestion arrived (no-op until the alerts are written). */
export async function alertNewSubmission(_payload: Payload, _input: { topicId: string; now: number }): Promise<void> {
  return
}
