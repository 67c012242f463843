import { RecentKeys } from '../../src/wechat/callback/recent-keys'

test('a key is remembered for at least one full generation of newer keys, and forgotten after two', () => {
  const keys = new RecentKeys(3)
  keys.add('a')
  for (const key of ['b', 'c', 'd', 'e']) keys.add(key)
  expect(keys.has('a')).toBe(true) // 4 newer keys: still in the previous generation
  for (const key of ['f', 'g']) keys.add(key)
  expect(keys.has('a')).toBe(false) // two generations filled after it
  expect(keys.has('g')).toBe(true)
  keys.delete('g')
  expect(keys.has('g')).toBe(false)
})
