import { RecentSignatures } from '../../src/wechat/callback/recent-signatures'

// The in-memory memory of plain signatures (src/wechat/callback/recent-signatures.ts).

test('a key is seen again within the window, forgotten after two windows, and a flood past the cap is not remembered', () => {
  let now = 0
  const set = new RecentSignatures(300_000, () => now, 3)
  expect(set.seen('a:1:n1')).toBe(false)
  expect(set.seen('a:1:n1')).toBe(true)
  now = 299_999
  expect(set.seen('a:1:n1')).toBe(true)
  // Into the next generation: still remembered (at least one window).
  now = 300_000
  expect(set.seen('a:1:n1')).toBe(true)
  expect(set.seen('b:1:n2')).toBe(false)
  now = 900_000
  expect(set.seen('a:1:n1')).toBe(false)
  // Cap of 3 per generation: the fourth new key is not kept.
  for (const key of ['k2', 'k3', 'k4']) expect(set.seen(key)).toBe(false)
  expect(set.seen('k4')).toBe(false)
  expect(set.seen('k2')).toBe(true)
})
