/**
 * What the resident sees of their own rating on the residents' pages: the rating, and for a 差评 its
 * rectification — state, deadline, the fix (the feedback 国办发〔2019〕51号 owes the person who rated),
 * and the buttons they may press (认可整改 / 不认可整改 when fixed, 向领导申诉 once when closed without
 * their agreement). Never the call-back records' staff names or anyone else's data.
 */
import type { Payload } from 'payload'
import { RATING_LEVEL_INFO, type RatingLevel } from './levels'
import { findRating, type RateTargetRef } from './rate'
import { ratingKey } from './rating-target'
import {
  availableRectificationActions,
  RECTIFICATION_ACTION_LABELS,
  RECTIFICATION_STATE_LABELS,
  type RectificationAction,
  type RectificationState,
} from './rectification'
import type { RectificationWithCount } from './deadline-fields'
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
          deadlineWarning: (item as RectificationWithCount).deadlineEstimated === true ? (item.deadlineWarning ?? null) : null,
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

/** A resident's rating as a list shows it: the level and its Chinese name. */
export interface ResidentRatingLevel {
  level: RatingLevel
  levelLabel: string
}

/**
 * The levels of resident `openid`'s ratings of the matters `refs` (one query, by `ratingKey`), keyed by
 * that key (`reply:<id>`, see `ratingKey`): for a list such as 我的建议, which shows 「评价答复」 or the level given. Matters not
 * rated, or rated by someone else, are absent. The full rating with its rectification is
 * `residentRatingView`'s, on the rating's own page.
 * @throws RangeError for a bad id (see `ratingKey`).
 */
export async function residentRatingLevels(payload: Payload, refs: RateTargetRef[], openid: string): Promise<Map<string, ResidentRatingLevel>> {
  const levels = new Map<string, ResidentRatingLevel>()
  if (refs.length === 0 || openid === '') return levels
  const found = await payload.find({
    collection: 'ratings',
    where: { and: [{ ratingKey: { in: refs.map((ref) => ratingKey(ref)) } }, { openid: { equals: openid } }] },
    depth: 0,
    overrideAccess: true,
    pagination: false,
  })
  for (const rating of found.docs) levels.set(rating.ratingKey, { level: rating.level, levelLabel: RATING_LEVEL_INFO[rating.level].zh })
  return levels
}
