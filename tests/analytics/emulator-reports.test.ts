import type { WeChatEmulator } from '../../src/dev/emulator'
import { DEMO_HISTORY_TITLES } from '../../src/dev/emulator/history'
import { createWeChatClient, type WeChatClient } from '../../src/wechat/client'
import { addDays } from '../../src/shared/time'
import { ACCOUNT, startTestEmulator } from '../wechat/support'

// The emulator's datacube: the 2025 reports in WeChat's shapes (is_delay, 2025-11-01 onwards), the
// datacube faults, and the demo's history (deterministic follower growth and weekly sends).

// Monday 2026-11-30 09:00 Beijing.
const NOW = Date.parse('2026-11-30T01:00:00Z')
const emulators: WeChatEmulator[] = []

async function start(history = true, at = NOW): Promise<{ emulator: WeChatEmulator; client: WeChatClient }> {
  const emulator = await startTestEmulator({ clock: () => at, history: history ? { days: 120, titles: DEMO_HISTORY_TITLES } : undefined })
  emulators.push(emulator)
  const client = createWeChatClient({
    appId: ACCOUNT.appId,
    appSecret: ACCOUNT.appSecret,
    baseUrl: emulator.url,
    retry: { maxAttempts: 1, rateLimitAttempts: 1 },
    logger: { log: () => {} },
  })
  return { emulator, client }
}
afterAll(async () => Promise.all(emulators.map((emulator) => emulator.close())))

async function sum(client: WeChatClient, report: 'getusersummary', from: string, to: string) {
  let added = 0
  let cancelled = 0
  for (let day = from; day <= to; day = addDays(day, 7)) {
    const end = addDays(day, 6) < to ? addDays(day, 6) : to
    for (const row of await client.datacube.get(report, day, end)) {
      added += row.new_user
      cancelled += row.cancel_user
    }
  }
  return { added, cancelled }
}

test('the history: followers grow over four months, a send every Thursday with five titled articles, the same on every start', async () => {
  const { emulator, client } = await start()
  const followersToday = [...emulator.account().users.values()].filter((user) => user.subscribed).length
  expect(followersToday).toBe(10) // the account's followers are the same people, only their subscribe times moved

  const growth = await sum(client, 'getusersummary', '2026-09-01', '2026-11-29')
  expect(growth.added).toBeGreaterThan(0)
  expect(growth.cancelled).toBeGreaterThan(0)
  const [before, after] = await Promise.all([
    client.datacube.get('getusercumulate', '2026-09-01', '2026-09-01'),
    client.datacube.get('getusercumulate', '2026-11-29', '2026-11-29'),
  ])
  expect(after[0]!.cumulate_user).toBe(followersToday)
  expect(before[0]!.cumulate_user).toBeLessThan(after[0]!.cumulate_user)

  // Thursday 2026-11-26: five articles, titled from the list, readers as the emulator's model says.
  const total = await client.datacube.get('getarticletotal', '2026-11-26', '2026-11-26')
  expect(total).toHaveLength(5)
  expect(DEMO_HISTORY_TITLES).toContain(total[0]!.title)
  expect(total.map((row) => row.msgid.split('_')[1])).toEqual(['1', '2', '3', '4', '5'])
  expect(await client.datacube.get('getarticletotal', '2026-11-25', '2026-11-25')).toEqual([])

  // Deterministic: a second emulator started at the same moment answers the same.
  const second = await start()
  expect(await second.client.datacube.get('getarticletotal', '2026-11-26', '2026-11-26')).toEqual(total)
  expect(await sum(second.client, 'getusersummary', '2026-09-01', '2026-11-29')).toEqual(growth)
  // Restarted three days later: the same send keeps its msgids and titles (a backfill replaces its rows).
  const later = await start(true, NOW + 3 * 86_400_000)
  expect((await later.client.datacube.get('getarticletotal', '2026-11-26', '2026-11-26')).map((row) => [row.msgid, row.title])).toEqual(
    total.map((row) => [row.msgid, row.title]),
  )
})

test('the 2025 reports: per-article reads and shares, totals with detail_list, is_delay for yesterday before noon; no data before 2025-11-01', async () => {
  const { client } = await start()
  const read = await client.datacube.report('getarticleread', '2026-11-26', '2026-11-26')
  expect(read.isDelay).toBe(false)
  expect(read.list.length).toBeGreaterThan(0)
  expect(read.list[0]).toMatchObject({ ref_date: '2026-11-26', msgid: expect.stringMatching(/^\d+_1$/), detail: { read_user: expect.any(Number) } })
  expect(read.list[0]!.detail.read_user_source).toContainEqual({ user_source: 99999999, read_user: read.list[0]!.detail.read_user })

  const detail = await client.datacube.report('getarticletotaldetail', '2026-11-26', '2026-11-26')
  expect(detail.list).toHaveLength(5)
  expect(detail.list[0]).toMatchObject({ publish_type: 0 })
  expect(detail.list[0]!.detail_list.map((stat) => stat.stat_date)).toEqual(['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'])
  // Cumulative: the last stat day's readers equal the sum of getarticleread's days.
  const msgid = detail.list[0]!.msgid
  let readers = 0
  for (const date of ['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']) {
    readers += (await client.datacube.get('getarticleread', date, date)).find((row) => row.msgid === msgid)?.detail.read_user ?? 0
  }
  expect(detail.list[0]!.detail_list.at(-1)!.read_user).toBe(readers)

  expect((await client.datacube.report('getarticleshare', '2026-11-29', '2026-11-29')).isDelay).toBe(true)
  expect((await client.datacube.report('getbizsummary', '2026-11-26', '2026-11-26')).list[0]).toMatchObject({
    ref_date: '2026-11-26',
    read_user: expect.any(Number),
  })
  await expect(client.datacube.get('getarticleread', '2025-10-31', '2025-10-31')).rejects.toMatchObject({ errcode: 61501 })
  await expect(client.datacube.get('getarticleread', '2026-11-27', '2026-11-28')).rejects.toMatchObject({ errcode: 61501 })
  await expect(client.datacube.get('getbizsummary', '2026-11-31', '2026-11-31')).rejects.toMatchObject({ errcode: 61500 })
})

test('datacube faults: an errcode for requests covering one day, until cleared', async () => {
  const { emulator, client } = await start(false)
  emulator.faults.apply({ datacubeErrors: [{ path: '/datacube/getusersummary', date: '2026-11-20', errcode: 45009 }] })
  await expect(client.datacube.get('getusersummary', '2026-11-18', '2026-11-24')).rejects.toMatchObject({ errcode: 45009 })
  expect(await client.datacube.get('getusersummary', '2026-11-21', '2026-11-24')).toHaveLength(4)
  expect(await client.datacube.get('getusercumulate', '2026-11-18', '2026-11-24')).toHaveLength(7)
  expect(emulator.requestLog.find((entry) => entry.fault === 'errcode-45009')).toBeTruthy()
  emulator.faults.clear()
  expect(await client.datacube.get('getusersummary', '2026-11-18', '2026-11-24')).toHaveLength(7)
})
