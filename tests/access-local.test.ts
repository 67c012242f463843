import { createLocalReq, type Payload } from 'payload'
import { REVIEW_ACTIONS, REVIEW_STATES } from '../src/services/review/state-machine'
import { applyReviewAction, ReviewError } from '../src/services/review/service'
import { ACTORS, createFixtures, createItem, TYPE_FIELDS, type ContentSlug, type Fixtures } from './helpers/fixtures'
import { startTestPayload, type TestPayload } from './helpers/payload'
import { canCreate, canDelete, canRead, canUpdate, transitionOutcome } from './helpers/rules'

const COLLECTIONS: ContentSlug[] = ['articles', 'policy-explainers', 'community-news']

let t: TestPayload
let payload: Payload
let fx: Fixtures
beforeAll(async () => {
  t = await startTestPayload()
  payload = t.payload
  fx = await createFixtures(payload)
})
afterAll(async () => t?.close())

describe.each(COLLECTIONS)('%s through the Local API (overrideAccess: false)', (collection) => {
  test('read, update and delete: every actor × review state', async () => {
    const failures: string[] = []
    for (const state of REVIEW_STATES) {
      for (const actor of ACTORS) {
        const user = fx.users[actor]
        const readId = await createItem(payload, fx, collection, state)
        const found = await payload.find({ collection, user, overrideAccess: false, where: { id: { equals: readId } } })
        if ((found.totalDocs === 1) !== canRead(actor)) failures.push(`read ${actor} ${state}`)

        const updateId = await createItem(payload, fx, collection, state)
        const updated = await payload
          .update({ collection, id: updateId, user, overrideAccess: false, data: { digest: `由${actor}修改` } })
          .then(() => true)
          .catch(() => false)
        if (updated !== canUpdate(actor, state)) failures.push(`update ${actor} ${state}: got ${updated}`)

        const deleteId = await createItem(payload, fx, collection, state)
        const deleted = await payload
          .delete({ collection, id: deleteId, user, overrideAccess: false })
          .then(() => true)
          .catch(() => false)
        if (deleted !== canDelete(actor, state)) failures.push(`delete ${actor} ${state}: got ${deleted}`)
      }
    }
    expect(failures).toEqual([])
  })

  test('create: editors and admins, not leaders; editors file items under their own community', async () => {
    for (const actor of ACTORS) {
      const attempt = payload.create({
        collection,
        user: fx.users[actor],
        overrideAccess: false,
        data: { title: `${actor}新建`, community: fx.communityB, reviewStatus: 'approved', ...TYPE_FIELDS[collection] } as never,
      })
      if (!canCreate(actor)) {
        await expect(attempt).rejects.toThrow()
        continue
      }
      const doc = (await attempt) as unknown as Record<string, unknown>
      expect(doc.createdBy).toMatchObject({ id: fx.users[actor].id })
      expect(doc.reviewStatus).toBe(actor === 'admin' ? 'approved' : 'draft')
      const expectedCommunity = actor === 'admin' ? fx.communityB : actor === 'outsider' ? fx.communityB : fx.communityA
      expect((doc.community as { id: string }).id).toBe(expectedCommunity)
    }
  })

  test('every review action × actor × state through the review service', async () => {
    const failures: string[] = []
    for (const state of REVIEW_STATES) {
      for (const action of REVIEW_ACTIONS) {
        for (const actor of ACTORS) {
          const id = await createItem(payload, fx, collection, state)
          const req = await createLocalReq({ user: fx.users[actor] }, payload)
          const want = transitionOutcome(actor, state, action)
          try {
            const doc = await applyReviewAction({ req, collection, id, action, reason: '请修改标题' })
            if (doc.reviewStatus !== want.to) failures.push(`${actor} ${action} ${state}: got ${String(doc.reviewStatus)}, want ${want.status}`)
          } catch (error) {
            const status = error instanceof ReviewError ? error.status : String(error)
            if (status !== want.status) failures.push(`${actor} ${action} ${state}: got ${status}, want ${want.to ?? want.status}`)
          }
        }
      }
    }
    expect(failures).toEqual([])
  })
})

describe('review rules on save', () => {
  test('only an admin writes reviewStatus directly', async () => {
    const id = await createItem(payload, fx, 'articles', 'draft')
    const byAuthor = await payload.update({
      collection: 'articles',
      id,
      user: fx.users.author,
      overrideAccess: false,
      data: { reviewStatus: 'approved', title: '作者改了标题' },
    })
    expect(byAuthor.reviewStatus).toBe('draft')
    expect(byAuthor.title).toBe('作者改了标题')
    const byAdmin = await payload.update({ collection: 'articles', id, user: fx.users.admin, overrideAccess: false, data: { reviewStatus: 'approved' } })
    expect(byAdmin.reviewStatus).toBe('approved')
    expect(byAdmin.reviewHistory?.at(-1)).toMatchObject({ action: 'set', from: 'draft', to: 'approved' })
  })

  test('an approved item that is edited goes back to submitted, and the history says why', async () => {
    const id = await createItem(payload, fx, 'policy-explainers', 'approved')
    const doc = await payload.update({
      collection: 'policy-explainers',
      id,
      user: fx.users.leader,
      overrideAccess: false,
      data: { digest: '领导修改了摘要' },
    })
    expect(doc.reviewStatus).toBe('submitted')
    expect(doc.reviewHistory?.at(-1)).toMatchObject({ action: 'edit', from: 'approved', to: 'submitted' })
  })

  test('nobody but an admin forges the author or the history', async () => {
    const id = await createItem(payload, fx, 'articles', 'draft')
    const doc = await payload.update({
      collection: 'articles',
      id,
      user: fx.users.author,
      overrideAccess: false,
      data: { createdBy: fx.users.colleague.id, reviewHistory: [], approvedBy: fx.users.leader.id } as never,
    })
    expect((doc.createdBy as { id: string }).id).toBe(fx.users.author.id)
    expect(doc.approvedBy ?? null).toBeNull()
  })

  test('a transition is recorded with who, when, from, to and reason', async () => {
    const id = await createItem(payload, fx, 'community-news', 'submitted')
    const req = await createLocalReq({ user: fx.users.leader }, payload)
    const before = Date.now()
    await applyReviewAction({ req, collection: 'community-news', id, action: 'return', reason: '  照片太暗，请更换  ' })
    const doc = await payload.findByID({ collection: 'community-news', id, depth: 0 })
    const entry = doc.reviewHistory?.at(-1)
    expect(entry).toMatchObject({ action: 'return', from: 'submitted', to: 'returned', by: fx.users.leader.id, reason: '照片太暗，请更换' })
    expect(new Date(String(entry?.at)).getTime()).toBeGreaterThanOrEqual(before - 1000)
  })

  test('two reviewers deciding at once: one wins, the other gets 409', async () => {
    const id = await createItem(payload, fx, 'articles', 'submitted')
    const leaderReq = await createLocalReq({ user: fx.users.leader }, payload)
    const adminReq = await createLocalReq({ user: fx.users.admin }, payload)
    const results = await Promise.allSettled([
      applyReviewAction({ req: leaderReq, collection: 'articles', id, action: 'approve' }),
      applyReviewAction({ req: adminReq, collection: 'articles', id, action: 'return', reason: '不同意' }),
    ])
    const fulfilled = results.filter((r) => r.status === 'fulfilled')
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(fulfilled.length + rejected.length).toBe(2)
    expect(fulfilled.length).toBeGreaterThanOrEqual(1)
    for (const r of rejected) expect((r.reason as ReviewError).status).toBe(409)
  })
})
