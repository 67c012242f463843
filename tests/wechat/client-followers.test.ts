/** How many followers a push reaches, as the client asks WeChat (here the emulator, over HTTP). */
import type { WeChatClient } from '../../src/wechat/client'
import type { WeChatEmulator } from '../../src/dev/emulator'
import { pathsOf, startClientEmulator } from './helpers/client'

let emulator: WeChatEmulator
let client: WeChatClient

beforeEach(async () => {
  ;({ emulator, client } = await startClientEmulator())
})
afterEach(async () => emulator.close())

test('followerTotal is user/get total: every subscribed follower; a tag counts only its subscribed members', async () => {
  const account = emulator.account()
  const openids = [...account.users.keys()]
  expect(await client.tags.followerTotal()).toBe(openids.length)
  const tag = await client.tags.create('西关社区')
  await client.tags.tagUsers(tag.id, openids.slice(0, 3))
  account.users.get(openids[0]!)!.subscribed = false
  expect(await client.tags.followerTotal()).toBe(openids.length - 1)
  expect((await client.tags.list()).find((entry) => entry.id === tag.id)?.count).toBe(2)
  expect(pathsOf(emulator)).toContain('/cgi-bin/user/get')
})
