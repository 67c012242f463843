import { isReviewState, type ReviewState } from './state-machine'

/**
 * Review states in which an item's content is what the leader is reviewing (`submitted`), has
 * approved (`approved`, `scheduled`) or what went out (`sent`). Whatever the item sends in these
 * states — its images too, which live in their own media documents — must stay as the leader saw
 * it: the item's own fields change only through an edit that sends it back to review
 * (enforceReviewRules, voidSignOffOnItemEdit), and a media document it uses cannot be changed under
 * it (collections/media/replace-guard.ts).
 *
 * Drafts, returned and withdrawn items are being written; archived items are never pushed: their
 * images can change freely.
 */
export const FROZEN_CONTENT_STATES = ['submitted', 'approved', 'scheduled', 'sent'] as const satisfies readonly ReviewState[]

/** True when an item in `state` (a `reviewStatus` value) sends exactly what a leader saw. */
export const isContentFrozen = (state: unknown): boolean => isReviewState(state) && (FROZEN_CONTENT_STATES as readonly string[]).includes(state)
