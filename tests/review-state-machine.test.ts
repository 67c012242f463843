import {
  availableActions,
  decideTransition,
  REVIEW_ACTIONS,
  REVIEW_STATES,
  stateAfterEdit,
  type ReviewActor,
  type ReviewState,
} from '../src/services/review/state-machine'
import type { Actor } from './helpers/fixtures'
import { transitionOutcome } from './helpers/rules'

const ACTORS: Record<string, ReviewActor> = {
  admin: { role: 'admin', isAuthor: false },
  leader: { role: 'leader', isAuthor: false },
  author: { role: 'editor', isAuthor: true },
  colleague: { role: 'editor', isAuthor: false },
}

// The expected outcomes come from the workflow as the issue states it, restated in tests/helpers/rules.ts.
const expected = (state: ReviewState, action: string, actor: string) => transitionOutcome(actor as Actor, state, action)

describe('every state × action × actor', () => {
  for (const state of REVIEW_STATES) {
    for (const action of REVIEW_ACTIONS) {
      for (const [name, actor] of Object.entries(ACTORS)) {
        const want = expected(state, action, name)
        test(`${name} ${action} from ${state} → ${want.to ?? want.status}`, () => {
          const decision = decideTransition(state, action, actor, '原因')
          if (want.to) {
            expect(decision).toMatchObject({ ok: true, from: state, to: want.to })
          } else {
            expect(decision).toMatchObject({ ok: false, status: want.status })
          }
        })
      }
    }
  }
})

test('returning needs a reason', () => {
  expect(decideTransition('submitted', 'return', ACTORS.leader, '  ')).toMatchObject({ ok: false, status: 400, code: 'reason-required' })
  expect(decideTransition('submitted', 'return', ACTORS.leader)).toMatchObject({ ok: false, status: 400 })
  expect(decideTransition('submitted', 'return', ACTORS.leader, '标题有错字')).toMatchObject({ ok: true, to: 'returned' })
})

test('an unknown action is a bad request, in Chinese', () => {
  const decision = decideTransition('draft', 'publish', ACTORS.admin)
  expect(decision).toMatchObject({ ok: false, status: 400, code: 'unknown-action' })
  expect(decision.ok === false && decision.message).toContain('未知的审核操作')
})

test('submit and approve require the WeChat checks; the others do not', () => {
  expect(decideTransition('draft', 'submit', ACTORS.author)).toMatchObject({ validates: true })
  expect(decideTransition('submitted', 'approve', ACTORS.leader)).toMatchObject({ validates: true })
  expect(decideTransition('submitted', 'withdraw', ACTORS.author)).toMatchObject({ validates: false })
})

test('the buttons offered are exactly the allowed transitions', () => {
  for (const state of REVIEW_STATES) {
    for (const [name, actor] of Object.entries(ACTORS)) {
      const offered = availableActions(state, actor)
      const allowed = REVIEW_ACTIONS.filter((action) => expected(state, action, name).to)
      expect(offered).toEqual(allowed)
    }
  }
})

test('editing approved content sends it back to review; other states stay', () => {
  expect(stateAfterEdit('approved')).toBe('submitted')
  for (const state of REVIEW_STATES.filter((s) => s !== 'approved')) expect(stateAfterEdit(state)).toBe(state)
})
