/**
 * The rules of a weekly push, in one place: who may change a push in which status, and what voids
 * the leader's sign-off (审定). Pure functions, no database: the collection's access and hooks
 * (collections/weekly-pushes), the content items' hooks (src/services/push/item-hooks.ts) and the push
 * store (src/services/push/store.ts, the only writer of a push) all ask these, so REST, GraphQL, the Local
 * API, the 本周推送 page and the scheduler follow the same rules.
 */
import type { Where } from 'payload'
import { idOf, type Role } from '../../access/roles'
import { itemRefs, sameRefs, type ItemRef } from './item-refs'
import { OPEN_PUSH_STATUSES, PUSH_STATUS_LABELS, inStatusGroup, isPushStatus } from './status'

/** The roles that may change a push's bundle (items, order, audience): 审核领导 and 管理员. */
export const PUSH_EDITOR_ROLES = ['leader', 'admin'] as const satisfies readonly Role[]

/** A push is created by the assembler (system) or, by hand, by an admin only. */
export const mayCreatePush = (role: Role | null): boolean => role === 'admin'

/**
 * May a person with `role` change a push now in `status`? Leaders and admins, only while the bundle
 * is open (待审定 / 已审定): once it is sending or done it is what WeChat got, and nobody changes it.
 */
export const mayChangePush = (role: Role | null, status: unknown): boolean =>
  role !== null && (PUSH_EDITOR_ROLES as readonly Role[]).includes(role) && inStatusGroup(OPEN_PUSH_STATUSES, status)

/**
 * The collection's `update` access for `role`, as Payload wants it: false, or the documents that
 * role may change (the open ones). Same rule as mayChangePush.
 */
export const pushUpdateAccess = (role: Role | null): boolean | Where =>
  role !== null && (PUSH_EDITOR_ROLES as readonly Role[]).includes(role) ? { status: { in: [...OPEN_PUSH_STATUSES] } } : false

/** The leader's decisions on a push (本周推送's buttons, WeChat's 审定 command): 审定, 不发送, 撤销审定. */
export type LeaderDecision = 'sign-off' | 'reject' | 'revoke'

const statusZh = (status: unknown) => (isPushStatus(status) ? PUSH_STATUS_LABELS[status].zh : String(status))

/**
 * In which status the leader may take each decision (leaders and admins only, PUSH_EDITOR_ROLES):
 * 审定 a `proposed` push; 不发送 an open one; 撤销审定 a `signed_off` one, until the send starts.
 * Answers the 409's code and Chinese message, or null when the decision may be taken.
 */
export function decisionRefusal(decision: LeaderDecision, status: unknown): { code: string; message: string } | null {
  if (decision === 'sign-off') return status === 'proposed' ? null : { code: 'invalid-transition', message: `当前状态为「${statusZh(status)}」，不能审定` }
  if (decision === 'reject')
    return inStatusGroup(OPEN_PUSH_STATUSES, status) ? null : { code: 'invalid-transition', message: `当前状态为「${statusZh(status)}」，不能取消本周推送` }
  if (status === 'proposed') return { code: 'not-signed-off', message: '本周推送尚未审定，无需撤销' }
  return status === 'signed_off' ? null : { code: 'send-started', message: `已开始发送（当前状态「${statusZh(status)}」），不能撤销审定` }
}

/** Why a person's change of a push in `status` is refused (409), or null when the bundle is open. */
export const refusedChange = (status: unknown): string | null => (inStatusGroup(OPEN_PUSH_STATUSES, status) ? null : '本周推送已在发送或已结束，不能再修改')

/** The part of a push the leader signs off: its items in order and whom it goes to. */
export interface BundleShape {
  items?: unknown
  audience?: string | null
  audienceCommunity?: unknown
}

/**
 * Does `change` alter what would be sent, compared with the stored `push`? The items (order counts:
 * the first is the headline), the audience, the audience's community. A field left out of `change`
 * (undefined) is unchanged.
 */
export function bundleChanged(push: BundleShape, change: BundleShape): boolean {
  return (
    (change.items !== undefined && !sameRefs(itemRefs(change.items), itemRefs(push.items))) ||
    (change.audience !== undefined && change.audience !== push.audience) ||
    (change.audienceCommunity !== undefined && idOf(change.audienceCommunity) !== idOf(push.audienceCommunity))
  )
}

/**
 * What the leader signed off is what goes out: any change of the bundle of a signed-off push voids
 * the sign-off (the push goes back to 待审定 and must be signed off again).
 */
export const changeVoidsSignOff = (push: BundleShape & { status?: unknown }, change: BundleShape): boolean =>
  push.status === 'signed_off' && bundleChanged(push, change)

/**
 * An edit of a content item voids the sign-off of the signed-off push that holds it when the item
 * is still in a bundle (`scheduled`) after the edit. A review transition never lands on `scheduled`,
 * and the push's own item writes run no hooks, so only people's edits reach this.
 */
export const itemEditVoidsSignOff = (operation: string, item: { reviewStatus?: unknown }): boolean =>
  operation === 'update' && item.reviewStatus === 'scheduled'

/** What voids a sign-off, wherever it happens: back to `proposed`, nobody's sign-off. */
export const SIGN_OFF_VOIDED = { status: 'proposed', signedOffBy: null, signedOffAt: null } as const

/** The step-log entry that tells the leader why they must sign off again. */
export const signOffVoidedStep = (why: string) => ({ step: 'sign-off-voided', ok: true, detail: `${why}，审定作废，需重新审定` })

/**
 * The items a bundle change moves between review states: `removed` go back to the pool
 * (`scheduled` → `approved`), `added` leave it (`approved` → `scheduled`). A reorder moves none.
 */
export function bundleItemMoves(before: ItemRef[], after: ItemRef[]): { removed: ItemRef[]; added: ItemRef[] } {
  const key = (ref: ItemRef) => `${ref.relationTo}:${ref.value}`
  const beforeKeys = new Set(before.map(key))
  const afterKeys = new Set(after.map(key))
  return { removed: before.filter((ref) => !afterKeys.has(key(ref))), added: after.filter((ref) => !beforeKeys.has(key(ref))) }
}
