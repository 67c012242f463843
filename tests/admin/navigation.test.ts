import { createLocalReq, getAccessResults, isEntityHidden, type Payload, type SanitizedCollectionConfig, type SanitizedGlobalConfig } from 'payload'
import { ROLES, type Role } from '../../src/access/roles'
import { applyReviewAction } from '../../src/services/review/service'
import { createFixtures, createItem, type Actor, type Fixtures } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'

// Finding 11: each role sees the sections it can use, the API tab is for administrators, and users
// show by name where a role may not read the account behind the name.

let t: TestPayload
let payload: Payload
let fx: Fixtures

beforeAll(async () => {
  t = await startTestPayload()
  payload = t.payload
  fx = await createFixtures(payload)
}, 120_000)
afterAll(async () => t?.close())

const ACTOR_OF: Record<Role, Actor> = { admin: 'admin', leader: 'leader', editor: 'author' }

/** What each role's navigation should list beyond the sections every role has. */
const ADMIN_ONLY = [
  'communities',
  'offices',
  'users',
  'wechat-accounts',
  'wechat-tokens',
  'wechat-uploads',
  'wechat-inbound',
  'followers',
  'resident-notices',
  'menu-click-log',
  'binding-codes',
  'push-settings',
  'appointment-settings',
  'consultation-settings',
  'consultation-photos',
  'rating-settings',
  'push-steps',
  'pending-mass-results',
  'resident-media',
  'login-throttles',
  'binding-attempts',
  'scheduler-heartbeats',
  'health-alerts',
  'wechat-api-errors',
  'analytics-sync-days',
  'scheduled-runs',
]
const LEADER_AND_ADMIN = ['auto-replies', 'menu-clicks', 'wechat-menus']
/** Listed for leaders, admins and staff of an office (the fixtures' editor serves none). */
const SERVING_OFFICES = ['appointments', 'booking-rules', 'ratings', 'rectifications']
/** Read where they belong (an appointment's history, the seat and suggestion rate counters, a rectification's panel): never listed. */
const NEVER_LISTED = ['matter-steps', 'slot-seats', 'rectification-steps', 'consultation-rate-counters']

type Entity = { kind: 'collection'; config: SanitizedCollectionConfig } | { kind: 'global'; config: SanitizedGlobalConfig }
const entities = (): Entity[] => [
  // Payload's own collections (payload-preferences, payload-kv, …) are never in the admin.
  ...payload.config.collections.filter((config) => !config.slug.startsWith('payload-')).map((config) => ({ kind: 'collection' as const, config })),
  ...payload.config.globals.map((config) => ({ kind: 'global' as const, config })),
]

test.each(ROLES)('the %s navigation lists exactly the sections the role uses, and each one opens for it', async (role) => {
  const user = fx.users[ACTOR_OF[role]]
  const req = await createLocalReq({ user: user as never }, payload)
  const permissions = await getAccessResults({ req })
  const visible: string[] = []
  for (const { kind, config } of entities()) {
    if (isEntityHidden({ hidden: config.admin.hidden, user: user as never })) continue
    visible.push(config.slug)
    // A listed section must be one the role may read: no entry leads to an "unauthorized" page.
    const allowed = kind === 'collection' ? permissions.collections?.[config.slug]?.read : permissions.globals?.[config.slug]?.read
    expect({ slug: config.slug, read: Boolean(allowed) }).toEqual({ slug: config.slug, read: true })
  }
  const all = entities().map(({ config }) => config.slug)
  const expected = all.filter((slug) =>
    NEVER_LISTED.includes(slug)
      ? false
      : ADMIN_ONLY.includes(slug)
        ? role === 'admin'
        : LEADER_AND_ADMIN.includes(slug) || SERVING_OFFICES.includes(slug)
          ? role !== 'editor'
          : true,
  )
  expect(visible.sort()).toEqual(expected.sort())
})

test('the API tab of every collection and global is shown to administrators only', async () => {
  for (const role of ROLES) {
    const req = await createLocalReq({ user: fx.users[ACTOR_OF[role]] as never }, payload)
    for (const { config } of entities()) {
      const condition = (config.admin.components?.views?.edit as { api?: { tab?: { condition?: (args: unknown) => boolean } } } | undefined)?.api?.tab
        ?.condition
      expect({ slug: config.slug, role, hasCondition: typeof condition }).toEqual({ slug: config.slug, role, hasCondition: 'function' })
      expect({
        slug: config.slug,
        role,
        shown: condition?.({ req, collectionConfig: config, globalConfig: config, permissions: {}, config: payload.config }),
      }).toEqual({
        slug: config.slug,
        role,
        shown: role === 'admin',
      })
    }
  }
})

test("an editor reads the leader's name (not 无标题 - ID) in the review history and as approver of their item", async () => {
  const id = await createItem(payload, fx, 'articles', 'draft')
  await applyReviewAction({ req: await createLocalReq({ user: fx.users.author as never }, payload), collection: 'articles', id, action: 'submit' })
  await applyReviewAction({ req: await createLocalReq({ user: fx.users.leader as never }, payload), collection: 'articles', id, action: 'approve' })
  // The editor may not read the leader's account: that is what made the admin label the row 无标题.
  const leaderAsSeen = await payload.findByID({
    collection: 'users',
    id: fx.users.leader.id,
    user: fx.users.author,
    overrideAccess: false,
    disableErrors: true,
    depth: 0,
  })
  expect(leaderAsSeen).toBeNull()
  const doc = (await payload.findByID({ collection: 'articles', id, user: fx.users.author, overrideAccess: false, depth: 1 })) as unknown as {
    reviewHistory: { action: string; byName?: string }[]
    approvedByName?: string
  }
  expect(doc.reviewHistory.map((row) => [row.action, row.byName])).toEqual([
    ['submit', 'author'],
    ['approve', 'leader'],
  ])
  expect(doc.approvedByName).toBe('leader')
  // Only the name: the leader's account itself stays unreadable for the editor.
  expect(JSON.stringify(doc)).not.toContain(fx.users.leader.email)
})

test('users are titled by name, and the avatar is drawn locally (no Gravatar)', () => {
  const users = payload.config.collections.find((c) => c.slug === 'users')!
  expect(users.admin.useAsTitle).toBe('name')
  expect(users.fields.some((field) => field.type === 'text' && field.name === 'name' && field.required)).toBe(true)
  expect(payload.config.admin.avatar).toBe('default')
})
