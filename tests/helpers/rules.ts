import type { ReviewState } from '../../src/services/review/state-machine'
import type { Actor } from './fixtures'

// The access rules as the issue states them, restated independently of the implementation.

export const canRead = (actor: Actor): boolean => actor !== 'outsider'

export function canUpdate(actor: Actor, state: ReviewState): boolean {
  if (actor === 'admin') return state !== 'sent'
  if (actor === 'leader') return state === 'submitted' || state === 'approved'
  if (actor === 'author') return state === 'draft' || state === 'returned' || state === 'withdrawn'
  return false
}

export function canDelete(actor: Actor, state: ReviewState): boolean {
  if (actor === 'admin') return state !== 'sent'
  if (actor === 'author') return state === 'draft' || state === 'returned' || state === 'withdrawn'
  return false
}

export const canCreate = (actor: Actor): boolean => actor !== 'leader'

const TRANSITIONS: Record<string, { from: ReviewState[]; who: Actor[]; to: ReviewState }[]> = {
  submit: [{ from: ['draft', 'returned', 'withdrawn'], who: ['author', 'admin'], to: 'submitted' }],
  withdraw: [{ from: ['submitted'], who: ['author', 'admin'], to: 'withdrawn' }],
  approve: [{ from: ['submitted'], who: ['leader', 'admin'], to: 'approved' }],
  return: [{ from: ['submitted', 'approved'], who: ['leader', 'admin'], to: 'returned' }],
  archive: [
    { from: ['draft', 'returned', 'withdrawn'], who: ['author', 'leader', 'admin'], to: 'archived' },
    { from: ['approved', 'sent'], who: ['leader', 'admin'], to: 'archived' },
  ],
}

/** The HTTP outcome of a review action: the new state, or the status code of the refusal. */
export function transitionOutcome(actor: Actor, state: ReviewState, action: string): { to?: ReviewState; status?: number } {
  if (!canRead(actor)) return { status: 404 }
  const rules = TRANSITIONS[action]
  const hit = rules.find((rule) => rule.from.includes(state) && rule.who.includes(actor))
  if (hit) return { to: hit.to }
  if (!rules.some((rule) => rule.who.includes(actor))) return { status: 403 }
  return { status: rules.some((rule) => rule.from.includes(state)) ? 403 : 409 }
}
