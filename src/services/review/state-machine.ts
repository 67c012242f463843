/**
 * The review workflow of every content collection, as pure data and functions.
 * Everything that changes `reviewStatus` (the REST endpoint, the GraphQL mutation, the admin buttons,
 * the weekly push) asks this module first.
 */
import type { Role } from '../../access/roles'

export const REVIEW_STATES = ['draft', 'submitted', 'approved', 'returned', 'withdrawn', 'scheduled', 'sent', 'archived'] as const
export type ReviewState = (typeof REVIEW_STATES)[number]

export const REVIEW_STATE_LABELS: Record<ReviewState, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待审核', en: 'Submitted' },
  approved: { zh: '已通过', en: 'Approved' },
  returned: { zh: '退回修改', en: 'Returned' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  scheduled: { zh: '已排期', en: 'Scheduled' },
  sent: { zh: '已推送', en: 'Sent' },
  archived: { zh: '已归档', en: 'Archived' },
}

export const REVIEW_ACTIONS = ['submit', 'withdraw', 'approve', 'return', 'archive'] as const
export type ReviewAction = (typeof REVIEW_ACTIONS)[number]

export const REVIEW_ACTION_LABELS: Record<ReviewAction, { zh: string; en: string }> = {
  submit: { zh: '提交审核', en: 'Submit for review' },
  withdraw: { zh: '撤回', en: 'Withdraw' },
  approve: { zh: '审核通过', en: 'Approve' },
  return: { zh: '退回修改', en: 'Return for changes' },
  archive: { zh: '归档', en: 'Archive' },
}

export interface ReviewActor {
  role: Role
  /** The actor created the item. */
  isAuthor: boolean
}

interface TransitionRule {
  from: readonly ReviewState[]
  to: ReviewState
  allowed: (actor: ReviewActor, from: ReviewState) => boolean
  needsReason: boolean
  /** The item must pass the WeChat checks (cover, lengths) before this transition. */
  validates: boolean
}

/**
 * The states in which an item is still its author's to write: not yet submitted, sent back, or
 * withdrawn. The author may edit, submit, archive or (an editor) delete it; the one list of these.
 */
export const AUTHOR_EDITABLE_STATES = ['draft', 'returned', 'withdrawn'] as const satisfies readonly ReviewState[]
const AUTHOR_EDITABLE: readonly ReviewState[] = AUTHOR_EDITABLE_STATES

/** The states of an item a leader approved and that residents may read: approved, in a bundle, or sent. */
export const APPROVED_STATES = ['approved', 'scheduled', 'sent'] as const satisfies readonly ReviewState[]

const isReviewer = (actor: ReviewActor) => actor.role === 'leader' || actor.role === 'admin'
const isAuthorOrAdmin = (actor: ReviewActor) => actor.isAuthor || actor.role === 'admin'

const RULES: Record<ReviewAction, TransitionRule> = {
  submit: { from: AUTHOR_EDITABLE, to: 'submitted', allowed: isAuthorOrAdmin, needsReason: false, validates: true },
  withdraw: { from: ['submitted'], to: 'withdrawn', allowed: isAuthorOrAdmin, needsReason: false, validates: false },
  approve: { from: ['submitted'], to: 'approved', allowed: isReviewer, needsReason: false, validates: true },
  return: { from: ['submitted', 'approved'], to: 'returned', allowed: isReviewer, needsReason: true, validates: false },
  archive: {
    from: [...AUTHOR_EDITABLE, 'approved', 'sent'],
    to: 'archived',
    allowed: (actor, from) => isReviewer(actor) || (actor.isAuthor && AUTHOR_EDITABLE.includes(from)),
    needsReason: false,
    validates: false,
  },
}

export type TransitionDecision =
  | { ok: true; from: ReviewState; to: ReviewState; action: ReviewAction; validates: boolean }
  | { ok: false; status: 400 | 403 | 409; code: string; message: string }

const isReviewAction = (value: unknown): value is ReviewAction => typeof value === 'string' && (REVIEW_ACTIONS as readonly string[]).includes(value)

export const isReviewState = (value: unknown): value is ReviewState => typeof value === 'string' && (REVIEW_STATES as readonly string[]).includes(value)

/** Decides whether `actor` may apply `action` to an item in state `from`. */
export function decideTransition(from: ReviewState, action: unknown, actor: ReviewActor, reason?: unknown): TransitionDecision {
  if (!isReviewAction(action)) {
    return {
      ok: false,
      status: 400,
      code: 'unknown-action',
      message: `未知的审核操作"${String(action)}"，可用操作：${REVIEW_ACTIONS.join('、')}`,
    }
  }
  const rule = RULES[action]
  const label = REVIEW_ACTION_LABELS[action].zh
  const roleMayEver = REVIEW_STATES.some((state) => rule.from.includes(state) && rule.allowed(actor, state))
  if (!roleMayEver) {
    return { ok: false, status: 403, code: 'forbidden', message: `您的角色不能执行"${label}"操作` }
  }
  if (!rule.from.includes(from)) {
    return {
      ok: false,
      status: 409,
      code: 'invalid-transition',
      message: `当前状态为"${REVIEW_STATE_LABELS[from].zh}"，不能执行"${label}"操作`,
    }
  }
  if (!rule.allowed(actor, from)) {
    return {
      ok: false,
      status: 403,
      code: 'forbidden',
      message: `您不能对"${REVIEW_STATE_LABELS[from].zh}"状态的内容执行"${label}"操作`,
    }
  }
  if (rule.needsReason && (typeof reason !== 'string' || reason.trim() === '')) {
    return { ok: false, status: 400, code: 'reason-required', message: `"${label}"必须填写原因` }
  }
  return { ok: true, from, to: rule.to, action, validates: rule.validates }
}

/** The actions `actor` could take now; drives the admin buttons. */
export function availableActions(from: ReviewState, actor: ReviewActor): ReviewAction[] {
  return REVIEW_ACTIONS.filter((action) => {
    const rule = RULES[action]
    return rule.from.includes(from) && rule.allowed(actor, from)
  })
}

/** States in which `actor` may edit the item's content. */
export function editableStates(actor: ReviewActor): readonly ReviewState[] {
  if (actor.role === 'admin') return REVIEW_STATES.filter((state) => state !== 'sent')
  if (actor.role === 'leader') return ['submitted', 'approved']
  return actor.isAuthor ? AUTHOR_EDITABLE : []
}

/** The state an item falls back to when its content is edited: approval is for the content it saw. */
export function stateAfterEdit(state: ReviewState): ReviewState {
  return state === 'approved' ? 'submitted' : state
}
