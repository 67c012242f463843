/**
 * What the resident sees of their own rating on the residents' pages: the rating, and for a 差评 its
 * rectification — state, deadline, the fix (the feedback 国办发〔2019〕51号 owes the person who rated),
 * and the buttons they may press (认可整改 / 不认可整改 when fixed, 向领导申诉 once when closed without
 * their agreement). Never the call-back records' staff names or anyone else's data.
 */
import type { Payload } from 'payload'
import { RATING_LEVEL_INFO, type RatingLevel } from './levels'
import { findRating, type RateTargetRef } from './rate'
import {
  availableRectificationActions,
  RECTIFICATION_ACTION_LABELS,
  RECTIFICATION_STATE_LABELS,
  type RectificationAction,
  type RectificationState,
} from './rectification'
import { rectificationOfRating } from './rectify'

export interface ResidentRatingView {
  level: RatingLevel
  levelLabel: string
  reasons: string[]
  comment: string | null
  ratedAt: string
  rectification: {
    id: string
    state: RectificationState
    stateLabel: string
    deadline: string | null
    /** Set when the deadline is an estimate: 「2027 年节假日安排尚未公布，期限按周一至周五推算，公布后自动更正」. */
    deadlineWarning: string | null
    fix: string | null
    fixedOn: string | null
    closeReason: string | null
    reviewNote: string | null
    actions: Array<{ action: RectificationAction; label: string }>
  } | null
}

/** The rating of `ref` as resident `openid` sees it, or null when there is none or it is not theirs. */
export async function residentRatingView(payload: Payload, ref: RateTargetRef, openid: string): Promise<ResidentRatingView | null> {
  const rating = await findRating(payload, ref)
  if (!rating || !rating.openid || rating.openid !== openid) return null
  const item = await rectificationOfRating(payload, rating.id)
  return {
    level: rating.level,
    levelLabel: RATING_LEVEL_INFO[rating.level].zh,
    reasons: rating.reasons ?? [],
    comment: rating.comment ?? null,
    ratedAt: rating.ratedAt,
    rectification: item
      ? {
          id: String(item.id),
          state: item.state,
          stateLabel: RECTIFICATION_STATE_LABELS[item.state].zh,
          deadline: item.deadline ?? null,
          deadlineWarning: item.deadlineEstimated === true ? (item.deadlineWarning ?? null) : null,
          fix: item.fix ?? null,
          fixedOn: item.fixedOn ?? null,
          closeReason: item.closeReason ?? null,
          reviewNote: item.reviewNote ?? null,
          actions: availableRectificationActions(item.state, { kind: 'resident', isOwner: true })
            .filter((action) => !(action === 'appeal' && item.appealUsed === true))
            .map((action) => ({ action, label: RECTIFICATION_ACTION_LABELS[action].zh })),
        }
      : null,
  }
}
