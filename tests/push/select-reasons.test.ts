import { explainPool, selectItems, type Candidate } from '../../src/services/push/select'
import { DEFAULT_PUSH_SETTINGS } from '../../src/services/push/settings'

// The pool shown on 本周推送 explains every approved item left out with the selection's own reason.

const now = new Date('2026-11-25T02:00:00Z')
let counter = 0
function item(overrides: Partial<Candidate> = {}): Candidate {
  counter++
  return {
    collection: 'articles',
    id: `item-${String(counter).padStart(3, '0')}`,
    title: `标题${counter}`,
    priority: 'normal',
    approvedAt: `2026-11-${String(10 + counter).padStart(2, '0')}T00:00:00Z`,
    community: `c${counter}`,
    pushBy: null,
    reviewStatus: 'approved',
    pushedIn: null,
    problems: [],
    ...overrides,
  }
}

test('every candidate not chosen has a coded reason: full with its rank, community cap, expired, invalid for WeChat', () => {
  const fill = Array.from({ length: 6 }, (_, i) => item({ approvedAt: `2026-11-0${i + 1}T00:00:00Z` }))
  const later = item({ approvedAt: '2026-11-20T00:00:00Z' })
  const sameCommunity = Array.from({ length: 4 }, (_, i) => item({ community: 'xiguan', approvedAt: `2026-10-0${i + 1}T00:00:00Z` }))
  const expired = item({ pushBy: '2026-11-24' })
  const invalid = item({ problems: ['标题：最多 32 个字'] })
  const { items, excluded } = selectItems([later, ...fill, ...sameCommunity, expired, invalid], DEFAULT_PUSH_SETTINGS, now)
  expect(items).toHaveLength(6)
  const byId = new Map(excluded.map((entry) => [entry.item.id, entry]))
  // Every candidate is either chosen or explained, exactly once.
  expect(items.length + excluded.length).toBe(13)
  expect(new Set(excluded.map((entry) => entry.item.id)).size).toBe(excluded.length)
  expect(byId.get(sameCommunity[3]!.id)).toMatchObject({ code: 'community-cap', limit: 3 })
  expect(byId.get(later.id)).toMatchObject({ code: 'full', limit: 6 })
  // Eligible in push order: four xiguan (oldest), six fill, then `later` — the eleventh.
  expect(byId.get(later.id)!.rank).toBe(11)
  expect(byId.get(later.id)!.reason).toContain('第 11 位')
  expect(byId.get(expired.id)).toMatchObject({ code: 'expired', reason: '已过最晚推送日期 2026-11-24' })
  expect(byId.get(invalid.id)!.code).toBe('invalid')
  expect(byId.get(invalid.id)!.reason).toContain('标题：最多 32 个字')
})

test('beside an edited bundle: the cap counts the bundle, a full bundle ranks the item, otherwise it can be added', () => {
  const bundle = [item({ community: 'xiguan' }), item({ community: 'xiguan' }), item({ community: 'xiguan' })]
  const capped = item({ community: 'xiguan' })
  const free = item({ community: 'tumen' })
  const late = item({ pushBy: '2026-11-01' })
  const open = explainPool([capped, free, late], bundle, DEFAULT_PUSH_SETTINGS, now)
  expect(Object.fromEntries(open.map((entry) => [entry.item.id, entry.code]))).toEqual({
    [capped.id]: 'community-cap',
    [free.id]: 'addable',
    [late.id]: 'expired',
  })

  const six = Array.from({ length: 6 }, () => item())
  const [waiting] = explainPool([free], six, DEFAULT_PUSH_SETTINGS, now)
  expect(waiting).toMatchObject({ code: 'full', limit: 6 })
  // `free` was approved before the last six items, so it ranks among them.
  expect(waiting!.rank).toBe(1)
})

test("beside a community account's bundle its own items are addable past the cap", () => {
  const bundle = [item({ community: 'xiguan' }), item({ community: 'xiguan' }), item({ community: 'xiguan' })]
  const own = item({ community: 'xiguan' })
  const other = item({ community: 'tumen' })
  const tumenBundle = [...bundle.slice(0, 2), item({ community: 'tumen' }), item({ community: 'tumen' }), item({ community: 'tumen' })]
  expect(explainPool([own], bundle, DEFAULT_PUSH_SETTINGS, now, { ownCommunity: 'xiguan' })[0]!.code).toBe('addable')
  expect(explainPool([own], bundle, DEFAULT_PUSH_SETTINGS, now)[0]!.code).toBe('community-cap')
  expect(explainPool([other], tumenBundle, DEFAULT_PUSH_SETTINGS, now, { ownCommunity: 'xiguan' })[0]!.code).toBe('community-cap')
})
