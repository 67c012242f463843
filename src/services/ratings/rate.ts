/**
 * Giving a rating (好差评) from the residents' pages: load the rated matter, ask `canRate`, check the
 * form with `validateRating` and the configured reasons, store the rating — the unique index on
 * `ratingKey` decides between two submissions at once — and, for a 差评, open its rectification item
 * (rectify.ts). Sources: 国办发〔2019〕51号 (one rating per service; 差评 rectified), issue #14.
 */
import type { Payload } from 'payload'
import { idOf } from '../../access/roles'
import { ApiError } from '../../http/api-error'
import { maskOpenid } from './access'
import { isBadRating, validateRating, type RatingInput } from './levels'
import { canRate, ratingKey, type RatingTarget } from './rating-target'
import { openRectification, rectificationOfRating, type OpenedRectification } from './rectify'
import { loadRatingSettings } from './settings'
import type { Rating } from '../../payload-types'

/** What a resident rates: an appointment (a matter at the window) or a consultation reply. */
export interface RateTargetRef {
  kind: 'appointment' | 'reply'
  id: string
}

/** The rated matter as the rating needs it. */
export interface RateableMatter {
  target: RatingTarget
  /** The resident who booked or asked (null when staff booked without an openid). */
  openid: string | null
  office: string | null
  guide: string | null
  /** The title residents see (the guide's name, or the consultation's subject). */
  title: string
}

/**
 * The matter `ref` as `canRate` sees it, or null when it does not exist. An appointment counts as
 * cancelled after check-in when its cancel step left 已签到 (steps.ts records `from`).
 */
export async function loadRateableMatter(payload: Payload, ref: RateTargetRef): Promise<RateableMatter | null> {
  if (ref.kind === 'reply') return loadReply(payload, ref.id)
  const found = await payload.find({ collection: 'appointments', where: { id: { equals: ref.id } }, limit: 1, depth: 1, overrideAccess: true })
  const appointment = found.docs[0]
  if (!appointment) return null
  let cancelledAfterCheckIn = false
  if (appointment.status === 'cancelled') {
    const steps = await payload.count({
      collection: 'matter-steps',
      where: { and: [{ appointment: { equals: appointment.id } }, { action: { equals: 'cancel' } }, { from: { equals: 'checked_in' } }] },
      overrideAccess: true,
    })
    cancelledAfterCheckIn = steps.totalDocs > 0
  }
  const guide = typeof appointment.guide === 'object' ? appointment.guide : null
  return {
    target: { kind: 'appointment', id: String(appointment.id), status: appointment.status, cancelledAfterCheckIn },
    openid: appointment.openid ?? null,
    office: idOf(appointment.office),
    guide: idOf(appointment.guide),
    title: guide?.title ?? '',
  }
}

/**
 * A consultation reply (微问政): the suggestion `id` of `consultation-submissions`; published once its
 * status is 已回复 `answered` (its `answeredAt`). The resident is the suggestion's openid; the office the
 * suggestion's handling office (copied from its topic when stored), else the topic's; no guide.
 */
async function loadReply(payload: Payload, id: string): Promise<RateableMatter | null> {
  const found = await payload.find({ collection: 'consultation-submissions', where: { id: { equals: id } }, limit: 1, depth: 1, overrideAccess: true })
  const submission = found.docs[0]
  if (!submission) return null
  // depth 1: the topic comes populated.
  const topic = typeof submission.topic === 'object' ? submission.topic : null
  return {
    target: {
      kind: 'reply',
      id: String(submission.id),
      publishedAt: submission.status === 'answered' ? (submission.answeredAt ?? new Date(0).toISOString()) : null,
    },
    openid: submission.openid ?? null,
    office: idOf(submission.office) ?? idOf(topic?.office),
    guide: null,
    title: topic?.title ? `答复：${topic.title}` : '建议的答复',
  }
}

/** The rating of matter `ref`, or null (no access check: callers check who asks). */
export async function findRating(payload: Payload, ref: RateTargetRef): Promise<Rating | null> {
  const found = await payload.find({
    collection: 'ratings',
    where: { ratingKey: { equals: ratingKey(ref) } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  return found.docs[0] ?? null
}

/** Whether resident `openid` may rate matter `ref` now (for the page's 「评价本次服务」 button). */
export async function mayRateNow(payload: Payload, ref: RateTargetRef, openid: string): Promise<boolean> {
  const matter = await loadRateableMatter(payload, ref)
  if (!matter) return false
  const decision = canRate(matter.target, { isOwner: !!matter.openid && matter.openid === openid }, !!(await findRating(payload, ref)))
  return decision.ok
}

/**
 * Opens the item of every 差评 of the last `withinDays` days (default 30) that has none (its opening
 * failed after the rating was stored), as of the rating's own day: answers how many were opened.
 */
export async function openMissingRectifications(payload: Payload, now: number = Date.now(), withinDays = 30): Promise<number> {
  const bad = await payload.find({
    collection: 'ratings',
    where: {
      and: [
        { level: { in: ['dissatisfied', 'very_dissatisfied'] } },
        { ratedAt: { greater_than_equal: new Date(now - withinDays * 86_400_000).toISOString() } },
      ],
    },
    limit: 1000,
    pagination: false,
    depth: 1,
    overrideAccess: true,
  })
  let opened = 0
  for (const rating of bad.docs) {
    if (await rectificationOfRating(payload, rating.id)) continue
    await openRectification(payload, {
      rating,
      reasons: rating.reasons ?? [],
      // depth 1: the guide comes populated.
      title: typeof rating.guide === 'object' ? (rating.guide?.title ?? '') : '',
      now: Date.parse(rating.ratedAt),
    })
    opened++
  }
  return opened
}

export interface RateResult {
  rating: { id: string; level: Rating['level']; ratingKey: string }
  /** The rectification item a 差评 opened (with its deadline or the calendar's warning). */
  rectification: OpenedRectification | null
}

const ALREADY_RATED = () => new ApiError(409, 'already-rated', { zh: '该事项已评价，每件事项只能评价一次', en: 'This matter has already been rated' })

/**
 * Stores resident `openid`'s rating of `target` (`input`: level, reasons, comment from the form) at
 * `now` (epoch ms). A 差评 opens its rectification item and tells the office head (rectify.ts).
 * @throws ApiError 404 `not-found` (no such matter), 403 `not-owner`, 409 `not-closed` / `not-served` /
 * `not-published` (canRate), 400 `invalid-rating` with `data.problems` per field (Chinese), 409
 * `already-rated` 「该事项已评价」 — also for the loser of two submissions at once (the unique index).
 */
export async function rateMatter(
  payload: Payload,
  args: { openid: string; accountId?: string | null; target: RateTargetRef; input: RatingInput; now?: number },
): Promise<RateResult> {
  const now = args.now ?? Date.now()
  const matter = await loadRateableMatter(payload, args.target)
  if (!matter) throw new ApiError(404, 'not-found', { zh: '没有找到这件事项', en: 'Matter not found' })
  const key = ratingKey(args.target)
  const decision = canRate(matter.target, { isOwner: !!matter.openid && matter.openid === args.openid }, !!(await findRating(payload, args.target)))
  if (!decision.ok) throw decision.code === 'already-rated' ? ALREADY_RATED() : new ApiError(decision.status, decision.code, decision.message)
  if (!matter.office) throw new ApiError(409, 'no-office', { zh: '该事项没有承办科室，暂不能评价', en: 'The matter has no office' })
  const settings = await loadRatingSettings(payload)
  const checked = validateRating(args.input, settings.reasons)
  if (!checked.ok) {
    const first = Object.values(checked.problems)[0] ?? '评价内容不正确'
    throw new ApiError(400, 'invalid-rating', first, { problems: checked.problems })
  }
  let stored: Rating
  try {
    stored = await payload.create({
      collection: 'ratings',
      overrideAccess: true,
      depth: 0,
      data: {
        targetKind: args.target.kind,
        targetId: String(args.target.id),
        ratingKey: key,
        level: checked.value.level,
        reasons: checked.value.reasons,
        comment: checked.value.comment,
        commentApproved: false,
        office: matter.office,
        guide: matter.guide,
        account: args.accountId ?? null,
        openid: args.openid,
        openidMasked: maskOpenid(args.openid),
        ratedAt: new Date(now).toISOString(),
      },
    })
  } catch (error) {
    // Two submissions at once: both passed the check above; the unique index let one in.
    if (await findRating(payload, args.target)) throw ALREADY_RATED()
    throw error
  }
  const rectification = isBadRating(stored.level)
    ? await openRectification(payload, {
        rating: stored,
        reasons: checked.value.reasons,
        title: matter.title,
        rectificationDays: settings.rectificationDays,
        now,
      })
    : null
  return { rating: { id: String(stored.id), level: stored.level, ratingKey: key }, rectification }
}
