/**
 * A weekly push's status: the values, their labels (Chinese, English) and the named groups the
 * collection, the hooks, the scheduler and the admin ask about. The one home of these: every other
 * file imports them from here.
 *
 * The life of a push: `proposed` (assembled, waiting for the leader's 审定) → `signed_off` →
 * `sending` (claimed by one sender) → `sent`; or `failed` (a send that did not go out, retried in
 * the week's retry slot if still signed off) or `skipped` (not sent this week, never sent later).
 */

/** Every status, in the order the admin lists them. */
export const PUSH_STATUSES = ['proposed', 'signed_off', 'sending', 'sent', 'failed', 'skipped'] as const

export type PushStatus = (typeof PUSH_STATUSES)[number]

/** Each status in the admin's languages. */
export const PUSH_STATUS_LABELS: Record<PushStatus, { zh: string; en: string }> = {
  proposed: { zh: '待审定', en: 'Proposed' },
  signed_off: { zh: '已审定', en: 'Signed off' },
  sending: { zh: '发送中', en: 'Sending' },
  sent: { zh: '已发送', en: 'Sent' },
  failed: { zh: '失败', en: 'Failed' },
  skipped: { zh: '已跳过', en: 'Skipped' },
}

/** The select field's options (collections/weekly-pushes): value and label per status, in order. */
export const PUSH_STATUS_OPTIONS = PUSH_STATUSES.map((value) => ({ value, label: PUSH_STATUS_LABELS[value] }))

export const isPushStatus = (value: unknown): value is PushStatus => typeof value === 'string' && (PUSH_STATUSES as readonly string[]).includes(value)

/** An open bundle: people may still change it (any change voids the sign-off), its items are `scheduled`. */
export const OPEN_PUSH_STATUSES = ['proposed', 'signed_off'] as const satisfies readonly PushStatus[]

/** A push in one of these is done: its bundle is never sent (again). Every other push's bundle is still to go out. */
export const FINISHED_PUSH_STATUSES = ['sent', 'skipped'] as const satisfies readonly PushStatus[]

/** A push that may be sent when it also carries a sign-off: signed off, or signed off and failed once. */
export const SENDABLE_PUSH_STATUSES = ['signed_off', 'failed'] as const satisfies readonly PushStatus[]

/** A push the scheduler or a person may still skip: not sending, not finished. */
export const SKIPPABLE_PUSH_STATUSES = ['proposed', 'signed_off', 'failed'] as const satisfies readonly PushStatus[]

/** A push whose week must be settled once its last send day has passed: not finished. */
export const UNSETTLED_PUSH_STATUSES = ['proposed', 'signed_off', 'failed', 'sending'] as const satisfies readonly PushStatus[]

/** A push that used a mass send of its month's quota: went out, or may have (a send under way). */
export const QUOTA_USING_PUSH_STATUSES = ['sent', 'sending'] as const satisfies readonly PushStatus[]

/** True when `status` is in `group` (a typed `includes` for the readonly tuples above). */
export const inStatusGroup = (group: readonly PushStatus[], status: unknown): status is PushStatus => isPushStatus(status) && group.includes(status)
