import { selectItems, type Candidate } from '../../src/services/push/select'
import { DEFAULT_PUSH_SETTINGS } from '../../src/services/push/settings'

const now = new Date('2026-11-25T02:00:00Z')
let counter = 0
function item(overrides: Partial<Candidate> = {}): Candidate {
  counter++
  return {
    collection: 'articles',
    id: `item-${String(counter).padStart(3, '0')}`,
    title: `标题${counter}`,
    priority: 'normal',
    approvedAt: `2026-11-${String(10 + (counter % 10)).padStart(2, '0')}T00:00:00Z`,
    community: `c${counter % 7}`,
    pushBy: null,
    reviewStatus: 'approved',
    pushedIn: null,
    problems: [],
    ...overrides,
  }
}

test('pinned first, then priority, then the oldest approval; six at most', () => {
  const old = item({ approvedAt: '2026-11-01T00:00:00Z' })
  const high = item({ priority: 'high', approvedAt: '2026-11-20T00:00:00Z' })
  const pinned = item({ priority: 'pinned', approvedAt: '2026-11-21T00:00:00Z' })
  const rest = Array.from({ length: 6 }, () => item())
  const { items, missing } = selectItems([...rest, old, high, pinned], DEFAULT_PUSH_SETTINGS, now)
  expect(items).toHaveLength(6)
  expect(items[0]).toBe(pinned)
  expect(items[1]).toBe(high)
  expect(items[2]).toBe(old)
  expect(missing).toBe(0)
})

test('unsendable items are left out with the reason', () => {
  const draft = item({ reviewStatus: 'submitted' })
  const sent = item({ pushedIn: 'push-1' })
  const late = item({ pushBy: '2026-11-24' })
  const today = item({ pushBy: '2026-11-25' })
  const broken = item({ problems: ['封面图片：提交审核前必须上传封面'] })
  const result = selectItems([draft, sent, late, today, broken], DEFAULT_PUSH_SETTINGS, now)
  expect(result.items).toEqual([today])
  expect(result.missing).toBe(4)
  const reasons = Object.fromEntries(result.excluded.map((e) => [e.item.id, e.reason]))
  expect(reasons[draft.id]).toBe('未审核通过')
  expect(reasons[sent.id]).toBe('已推送过')
  expect(reasons[late.id]).toContain('已过最晚推送日期')
  expect(reasons[broken.id]).toContain('封面')
})

test('one policy explainer and one community news item when there are any, even if older ones would fill the week', () => {
  const articles = Array.from({ length: 8 }, (_, i) => item({ approvedAt: `2026-11-0${i + 1}T00:00:00Z`, community: `a${i}` }))
  const policy = item({ collection: 'policy-explainers', approvedAt: '2026-11-22T00:00:00Z' })
  const news = item({ collection: 'community-news', approvedAt: '2026-11-23T00:00:00Z' })
  const { items } = selectItems([...articles, policy, news], DEFAULT_PUSH_SETTINGS, now)
  expect(items).toHaveLength(6)
  expect(items).toContain(policy)
  expect(items).toContain(news)
  expect(items.filter((i) => i.collection === 'articles')).toEqual(articles.slice(0, 4))
})

test('at most three from one community', () => {
  const same = Array.from({ length: 5 }, (_, i) => item({ community: 'xiguan', approvedAt: `2026-11-0${i + 1}T00:00:00Z` }))
  const others = [item({ community: 'tumen' }), item({ community: 'tumen' })]
  const { items, excluded } = selectItems([...same, ...others], DEFAULT_PUSH_SETTINGS, now)
  expect(items.filter((i) => i.community === 'xiguan')).toHaveLength(3)
  expect(items).toHaveLength(5)
  expect(excluded.filter((e) => e.reason.includes('同一社区'))).toHaveLength(2)
})

test('the limits are configurable', () => {
  const pool = Array.from({ length: 10 }, () => item())
  const { items, missing } = selectItems(pool, { ...DEFAULT_PUSH_SETTINGS, maxItems: 8, minItems: 8, maxPerCommunity: 8 }, now)
  expect(items).toHaveLength(8)
  expect(missing).toBe(0)
})

test("a community's own account does not cap its own items; other communities stay capped", () => {
  const own = Array.from({ length: 5 }, (_, i) => item({ community: 'xiguan', approvedAt: `2026-11-0${i + 1}T00:00:00Z` }))
  const street = item({ community: null, approvedAt: '2026-11-06T00:00:00Z' })
  const others = Array.from({ length: 3 }, (_, i) => item({ community: 'tumen', approvedAt: `2026-11-0${i + 7}T00:00:00Z` }))
  const settings = { ...DEFAULT_PUSH_SETTINGS, maxItems: 8, minItems: 6, maxPerCommunity: 1 }
  const { items, excluded, missing } = selectItems([...own, street, ...others], settings, now, { ownCommunity: 'xiguan' })
  expect(items.filter((i) => i.community === 'xiguan')).toHaveLength(5)
  expect(items.filter((i) => i.community === 'tumen')).toHaveLength(1)
  expect(items).toContain(street)
  expect(missing).toBe(0)
  expect(excluded.map((e) => [e.item.community, e.code])).toEqual([
    ['tumen', 'community-cap'],
    ['tumen', 'community-cap'],
  ])
  // The street office's account (no scope) caps the same pool at one per community.
  const mixed = selectItems([...own, street, ...others], settings, now)
  expect(mixed.items.filter((i) => i.community === 'xiguan')).toHaveLength(1)
  expect(mixed.missing).toBe(3)
})
