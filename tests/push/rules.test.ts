import {
  SIGN_OFF_VOIDED,
  bundleChanged,
  bundleItemMoves,
  changeVoidsSignOff,
  decisionRefusal,
  itemEditVoidsSignOff,
  mayChangePush,
  mayCreatePush,
  pushUpdateAccess,
  refusedChange,
  signOffVoidedStep,
} from '../../src/services/push/rules'
import { PUSH_STATUSES } from '../../src/services/push/status'
import { ROLES } from '../../src/access/roles'

// The push rules as pure functions: who may change a push in which status, what voids a sign-off.
// The collection's access and hooks and the push store all call these (see src/services/push/README.md).

const a = { relationTo: 'articles' as const, value: 'a1' }
const b = { relationTo: 'community-news' as const, value: 'n1' }
const c = { relationTo: 'policy-explainers' as const, value: 'p1' }

test('leaders and admins change a push only while its bundle is open; editors and nobody never', () => {
  const table = Object.fromEntries(ROLES.map((role) => [role, PUSH_STATUSES.filter((status) => mayChangePush(role, status))]))
  expect(table).toEqual({ editor: [], leader: ['proposed', 'signed_off'], admin: ['proposed', 'signed_off'] })
  expect(PUSH_STATUSES.filter((status) => mayChangePush(null, status))).toEqual([])
  expect(mayChangePush('admin', undefined)).toBe(false)
})

test("the collection's access says the same: the open pushes for leaders and admins, nothing for others; only an admin creates", () => {
  expect(pushUpdateAccess('leader')).toEqual({ status: { in: ['proposed', 'signed_off'] } })
  expect(pushUpdateAccess('admin')).toEqual({ status: { in: ['proposed', 'signed_off'] } })
  expect(pushUpdateAccess('editor')).toBe(false)
  expect(pushUpdateAccess(null)).toBe(false)
  expect(ROLES.filter((role) => mayCreatePush(role))).toEqual(['admin'])
  expect(mayCreatePush(null)).toBe(false)
})

test('a change of a push that is sending or done is refused in Chinese; an open one is not', () => {
  for (const status of ['sending', 'sent', 'failed', 'skipped', undefined]) expect(refusedChange(status)).toBe('本周推送已在发送或已结束，不能再修改')
  expect(refusedChange('proposed')).toBeNull()
  expect(refusedChange('signed_off')).toBeNull()
})

test('what changes the bundle: the items and their order, the audience and its community; fields left out do not', () => {
  const push = { items: [a, b], audience: 'all', audienceCommunity: null }
  expect(bundleChanged(push, {})).toBe(false)
  expect(bundleChanged(push, { items: [a, b] })).toBe(false)
  expect(bundleChanged(push, { items: [{ relationTo: 'articles', value: { id: 'a1' } }, b] })).toBe(false)
  expect(bundleChanged(push, { items: [b, a] })).toBe(true)
  expect(bundleChanged(push, { items: [a] })).toBe(true)
  expect(bundleChanged(push, { items: [a, b, c] })).toBe(true)
  expect(bundleChanged(push, { audience: 'all' })).toBe(false)
  expect(bundleChanged(push, { audience: 'community' })).toBe(true)
  expect(bundleChanged({ ...push, audienceCommunity: 'x' }, { audienceCommunity: { id: 'x' } })).toBe(false)
  expect(bundleChanged({ ...push, audienceCommunity: 'x' }, { audienceCommunity: 'y' })).toBe(true)
})

test('a change voids the sign-off only of a signed-off push, and only when the bundle changed', () => {
  const push = { items: [a, b], audience: 'all' }
  expect(changeVoidsSignOff({ ...push, status: 'signed_off' }, { items: [b, a] })).toBe(true)
  expect(changeVoidsSignOff({ ...push, status: 'signed_off' }, { audience: 'community' })).toBe(true)
  expect(changeVoidsSignOff({ ...push, status: 'signed_off' }, { items: [a, b] })).toBe(false)
  for (const status of PUSH_STATUSES.filter((s) => s !== 'signed_off')) expect(changeVoidsSignOff({ ...push, status }, { items: [b] })).toBe(false)
  expect(SIGN_OFF_VOIDED).toEqual({ status: 'proposed', signedOffBy: null, signedOffAt: null })
  expect(signOffVoidedStep('《通知》被 leader@x 修改')).toEqual({ step: 'sign-off-voided', ok: true, detail: '《通知》被 leader@x 修改，审定作废，需重新审定' })
})

test('an edit of an item voids a sign-off when the item is still in a bundle (scheduled) after it; creating never does', () => {
  expect(itemEditVoidsSignOff('update', { reviewStatus: 'scheduled' })).toBe(true)
  for (const state of ['draft', 'submitted', 'approved', 'returned', 'sent', 'archived'])
    expect(itemEditVoidsSignOff('update', { reviewStatus: state })).toBe(false)
  expect(itemEditVoidsSignOff('create', { reviewStatus: 'scheduled' })).toBe(false)
})

test('a bundle change moves the removed items back to the pool and the added ones out of it; a reorder moves none', () => {
  expect(bundleItemMoves([a, b], [b, a])).toEqual({ removed: [], added: [] })
  expect(bundleItemMoves([a, b], [b, c])).toEqual({ removed: [a], added: [c] })
  expect(bundleItemMoves([], [a])).toEqual({ removed: [], added: [a] })
})

test("the leader's decisions by status: 审定 a proposal, 不发送 an open bundle, 撤销审定 a sign-off until the send starts", () => {
  const allowed = (decision: 'sign-off' | 'reject' | 'revoke') => PUSH_STATUSES.filter((status) => decisionRefusal(decision, status) === null)
  expect(allowed('sign-off')).toEqual(['proposed'])
  expect(allowed('reject')).toEqual(['proposed', 'signed_off'])
  expect(allowed('revoke')).toEqual(['signed_off'])
  expect(decisionRefusal('sign-off', 'sending')).toEqual({ code: 'invalid-transition', message: '当前状态为「发送中」，不能审定' })
  expect(decisionRefusal('reject', 'sent')).toEqual({ code: 'invalid-transition', message: '当前状态为「已发送」，不能取消本周推送' })
  expect(decisionRefusal('revoke', 'proposed')).toEqual({ code: 'not-signed-off', message: '本周推送尚未审定，无需撤销' })
  expect(decisionRefusal('revoke', 'sending')).toEqual({ code: 'send-started', message: '已开始发送（当前状态「发送中」），不能撤销审定' })
})
