/**
 * The topics' save rules (collections/consultations/topics.ts): the review's rules
 * (src/services/review/hooks.ts) plus what a topic needs — real dates, a keyword unique among the
 * topics still taking suggestions — and the outcome, which staff of the handling office write on an
 * approved topic without sending it back to review. Errors in Chinese, on their fields.
 */
import { ValidationError, type CollectionBeforeChangeHook, type Payload } from 'payload'
import { idOf, staffOf } from '../../access/roles'
import type { ConsultationTopic } from '../../payload-types'
import { shanghaiDate } from '../../shared/time'
import type { ReadinessProblem } from '../content/wechat-readiness'
import { enforceReviewRules, REVIEW_TRANSITION_CONTEXT } from '../review/hooks'
import type { ReviewReadiness } from '../review/reviewed'
import { editableStates, isReviewState } from '../review/state-machine'
import { validateKeyword } from './chat-keyword'
import { isTopicCategory, validateTopicDates } from './topic-window'

/** The fields the leader approves; the outcome fields (milestones, statement) are not among them. */
export const TOPIC_CONTENT_FIELDS = ['title', 'question', 'background', 'category', 'community', 'office', 'opensOn', 'closesOn', 'keyword', 'cover'] as const

const blank = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '')

/** Same value as stored: a relationship as its id, blank as blank. */
function sameValue(a: unknown, b: unknown): boolean {
  if (blank(a) && blank(b)) return true
  const ida = typeof a === 'object' && a !== null ? idOf(a) : a
  const idb = typeof b === 'object' && b !== null ? idOf(b) : b
  return String(ida) === String(idb)
}

/**
 * The keywords of the approved topics that still take or will take suggestions (not closed, no
 * outcome), other than `exceptId`: a new keyword must not clash with them (chat-keyword.ts).
 */
export async function liveKeywords(payload: Payload, exceptId: string | null, today: string): Promise<string[]> {
  const found = await payload.find({
    collection: 'consultation-topics',
    overrideAccess: true,
    depth: 0,
    pagination: false,
    where: {
      and: [
        { reviewStatus: { equals: 'approved' } },
        { closesOn: { greater_than_equal: today } },
        { outcomePublishedAt: { exists: false } },
        { keyword: { exists: true } },
        ...(exceptId ? [{ id: { not_equals: exceptId } }] : []),
      ],
    },
    select: { keyword: true },
  })
  return found.docs.map((doc) => doc.keyword ?? '').filter((keyword) => keyword !== '')
}

/**
 * beforeChange of the topics: dates (validateTopicDates; a new topic may not close in the past), the
 * keyword (validateKeyword among the live topics; stored normalized), then either the outcome-only
 * edit (nothing the leader approved changed: the review state stays) or the review's rules. Staff of
 * the handling office who may not edit the topic's content (not its author, not a reviewer) get a
 * Chinese refusal when they change it.
 */
export const topicBeforeChange: CollectionBeforeChangeHook<ConsultationTopic> = async (args) => {
  const { data, originalDoc, operation, req, context } = args
  if (context?.[REVIEW_TRANSITION_CONTEXT]) return data
  const original = (originalDoc ?? {}) as Record<string, unknown>
  const merged = { ...original, ...data }
  const today = shanghaiDate(Date.now())
  const errors: Array<{ path: string; message: string }> = []

  // A new topic may not close in the past; an old one stays editable (validateTopicDates).
  for (const [path, message] of Object.entries(validateTopicDates(merged, operation === 'create' ? today : undefined))) {
    if (message) errors.push({ path, message })
  }
  if (blank(merged.keyword)) {
    if ('keyword' in data) data.keyword = null
  } else if (operation === 'create' || !sameValue(merged.keyword, original.keyword)) {
    // Only a new or changed keyword: a closed topic's old keyword may since belong to a new topic.
    const checked = validateKeyword(merged.keyword, await liveKeywords(req.payload, operation === 'update' ? String(original.id) : null, today))
    if (checked.ok) data.keyword = checked.value
    else errors.push({ path: 'keyword', message: checked.message })
  }
  if (errors.length > 0) throw new ValidationError({ collection: 'consultation-topics', errors })

  if (operation === 'update') {
    const staff = staffOf(req.user)
    const previous = isReviewState(original.reviewStatus) ? original.reviewStatus : 'draft'
    const contentChanged = TOPIC_CONTENT_FIELDS.some((field) => field in data && !sameValue(data[field], original[field]))
    const statusRequested = isReviewState(data.reviewStatus) && data.reviewStatus !== previous
    if (!contentChanged && !statusRequested) {
      // The outcome (or nothing the leader saw) changed: the approval still holds.
      data.createdBy = idOf(original.createdBy)
      data.reviewStatus = previous
      if ('community' in data) data.community = idOf(original.community)
      return data
    }
    if (staff && contentChanged) {
      const mayEdit = editableStates({ role: staff.role, isAuthor: idOf(original.createdBy) === staff.id }).includes(previous)
      if (!mayEdit) {
        throw new ValidationError({
          collection: 'consultation-topics',
          errors: [{ path: 'title', message: '承办科室只能填写「结果公开」部分；话题内容的修改请联系撰稿人，并重新提交审核' }],
        })
      }
    }
  }
  return enforceReviewRules(args)
}

/**
 * What a topic must have before it is submitted or approved (a draft may be incomplete): title,
 * question, category, handling office and real dates (close not before open). The review service
 * refuses with all the problems (readinessOf in src/services/review/reviewed.ts).
 */
export function checkTopicReadiness(topic: Record<string, unknown>): ReadinessProblem[] {
  const problems: ReadinessProblem[] = []
  if (blank(topic.title)) problems.push({ field: 'title', message: '标题：不能为空' })
  if (blank(topic.question)) problems.push({ field: 'question', message: '征集的问题：不能为空' })
  if (!isTopicCategory(topic.category)) problems.push({ field: 'category', message: '类别：请选择' })
  if (blank(topic.office)) problems.push({ field: 'office', message: '承办科室：请选择' })
  for (const [field, message] of Object.entries(validateTopicDates(topic))) if (message) problems.push({ field, message })
  return problems
}

/** The review readiness of the topics (custom.reviewReadiness of the collection). */
export const TOPIC_REVIEW_READINESS: ReviewReadiness = { check: checkTopicReadiness, refusal: '征集话题信息不完整' }
