import type { WeChatEmulator } from '../../src/dev/emulator'
import { ACCOUNT, api, createDraft, fetchToken, getJson, startTestEmulator, type Api } from './support'

const DAY = 24 * 3600_000
// Monday 2026-03-02 10:00 Beijing time.
const SEND_TIME = Date.parse('2026-03-02T02:00:00Z')
let now = SEND_TIME
let emulator: WeChatEmulator
let client: Api

beforeEach(async () => {
  now = SEND_TIME
  emulator = await startTestEmulator({ clock: () => now })
  client = api(emulator, await fetchToken(emulator))
})
afterEach(async () => emulator.close())

async function advance(ms: number) {
  now += ms
  client = api(emulator, await fetchToken(emulator))
}

describe('tags', () => {
  test('create, list with counts, tag members, read back', async () => {
    const created = await client.post('/cgi-bin/tags/create', { tag: { name: '西关社区' } })
    expect(created.tag).toMatchObject({ name: '西关社区' })
    expect((await client.post('/cgi-bin/tags/create', { tag: { name: '西关社区' } })).errcode).toBe(45157)
    expect((await client.post('/cgi-bin/tags/create', { tag: { name: '很'.repeat(11) } })).errcode).toBe(45158)
    const openids = [...emulator.account().users.keys()].slice(0, 4)
    expect((await client.post('/cgi-bin/tags/members/batchtagging', { openid_list: openids, tagid: created.tag.id })).errcode).toBe(0)
    expect((await client.get('/cgi-bin/tags/get')).tags).toEqual([{ id: created.tag.id, name: '西关社区', count: 4 }])
    expect((await client.post('/cgi-bin/tags/getidlist', { openid: openids[0] })).tagid_list).toEqual([created.tag.id])
    expect((await client.post('/cgi-bin/user/tag/get', { tagid: created.tag.id })).data.openid).toEqual(openids)
    expect((await client.post('/cgi-bin/tags/members/batchtagging', { openid_list: openids, tagid: 999 })).errcode).toBe(45159)
    expect((await client.post('/cgi-bin/tags/members/batchtagging', { openid_list: ['onobody'], tagid: created.tag.id })).errcode).toBe(40003)
    expect((await client.get('/cgi-bin/user/info', { openid: openids[0]! })).tagid_list).toEqual([created.tag.id])
  })
})

describe('web OAuth', () => {
  const exchange = (code: string) =>
    getJson(emulator, '/sns/oauth2/access_token', { appid: ACCOUNT.appId, secret: ACCOUNT.appSecret, code, grant_type: 'authorization_code' })

  test('authorize redirects with a code; the code is single-use; userinfo needs snsapi_userinfo', async () => {
    const openid = [...emulator.account().users.keys()][0]!
    const authorizeUrl = new URL('/connect/oauth2/authorize', emulator.url)
    for (const [key, value] of Object.entries({
      appid: ACCOUNT.appId,
      redirect_uri: 'https://cms.example/auth',
      response_type: 'code',
      scope: 'snsapi_userinfo',
      state: 'xyz',
      openid,
    })) {
      authorizeUrl.searchParams.set(key, value)
    }
    const redirect = await fetch(authorizeUrl, { redirect: 'manual' })
    expect(redirect.status).toBe(302)
    const location = new URL(redirect.headers.get('location')!)
    expect(location.origin + location.pathname).toBe('https://cms.example/auth')
    expect(location.searchParams.get('state')).toBe('xyz')

    const token = await exchange(location.searchParams.get('code')!)
    expect(token).toMatchObject({ openid, scope: 'snsapi_userinfo', expires_in: 7200 })
    expect((await exchange(location.searchParams.get('code')!)).errcode).toBe(40163)
    expect((await exchange('bogus')).errcode).toBe(40029)
    const info = await getJson(emulator, '/sns/userinfo', { access_token: token.access_token, openid, lang: 'zh_CN' })
    expect(info.openid).toBe(openid)

    const base = await exchange(emulator.issueOAuthCode(openid, 'snsapi_base'))
    expect((await getJson(emulator, '/sns/userinfo', { access_token: base.access_token, openid })).errcode).toBe(48001)
  })
})

describe('datacube', () => {
  const cube = (name: string, begin: string, end: string) => client.post(`/datacube/${name}`, { begin_date: begin, end_date: end })

  test.each([
    ['getusersummary', 7],
    ['getusercumulate', 7],
    ['getarticlesummary', 1],
    ['getarticletotal', 1],
    ['getuserread', 3],
    ['getuserreadhour', 1],
    ['getusershare', 7],
    ['getusersharehour', 1],
  ])('%s: span of %i days at most, end no later than yesterday', async (name, maxDays) => {
    // Now: 2026-03-02 10:00 Beijing, so yesterday is 2026-03-01.
    const begin = (days: number) => new Date(Date.parse('2026-03-01') - (days - 1) * DAY).toISOString().slice(0, 10)
    expect(Array.isArray((await cube(name, begin(maxDays), '2026-03-01')).list)).toBe(true)
    expect(await cube(name, begin(maxDays + 1), '2026-03-01')).toEqual({ errcode: 61501, errmsg: 'date range error' })
    expect((await cube(name, '2026-03-02', '2026-03-02')).errcode).toBe(61501)
    expect((await cube(name, '2026-03-01', '2026-02-28')).errcode).toBe(61501)
    expect((await cube(name, '2026/03/01', '2026-03-01')).errcode).toBe(61500)
  })

  test('article numbers follow the sends made', async () => {
    const draft = await createDraft(client, 2)
    const { msg_data_id } = await client.post('/cgi-bin/message/mass/sendall', { filter: { is_to_all: true }, mpnews: { media_id: draft }, msgtype: 'mpnews' })
    emulator.completeMassJobs()
    await advance(2 * DAY) // Wednesday 10:00: Monday and Tuesday are published.

    const summary = (await cube('getarticlesummary', '2026-03-02', '2026-03-02')).list
    // 10 followers, 60% read article 1 in the end, 60% of those on day 0; article 2 gets half and falls under the 3-interaction floor.
    expect(summary).toEqual([
      expect.objectContaining({ ref_date: '2026-03-02', msgid: `${msg_data_id}_1`, title: '通知 1', int_page_read_user: 3, int_page_read_count: 3 }),
    ])
    const total = (await cube('getarticletotal', '2026-03-02', '2026-03-02')).list
    expect(total.map((entry: { msgid: string }) => entry.msgid)).toEqual([`${msg_data_id}_1`, `${msg_data_id}_2`])
    expect(total[0].details.map((d: { stat_date: string }) => d.stat_date)).toEqual(['2026-03-02', '2026-03-03'])
    expect(total[0].details[0]).toMatchObject({ target_user: 10, int_page_read_user: 3 })
    expect(total[0].details[1].int_page_read_user).toBe(4)

    const read = (await cube('getuserread', '2026-03-01', '2026-03-03')).list
    expect(read.filter((row: { user_source: number }) => row.user_source === 99999999)).toEqual([
      expect.objectContaining({ ref_date: '2026-03-02', int_page_read_user: 3 }),
    ])
    expect((await cube('getusercumulate', '2026-03-01', '2026-03-03')).list).toEqual([
      { ref_date: '2026-03-01', cumulate_user: 10 },
      { ref_date: '2026-03-02', cumulate_user: 10 },
      { ref_date: '2026-03-03', cumulate_user: 10 },
    ])
  })

  test('new and cancelled followers show in getusersummary', async () => {
    await emulator.simulateUserMessage('onewresident0000000000000001', { msgType: 'event', event: 'subscribe' })
    await emulator.simulateUserMessage([...emulator.account().users.keys()][0]!, { msgType: 'event', event: 'unsubscribe' })
    await advance(DAY)
    expect((await cube('getusersummary', '2026-03-02', '2026-03-02')).list).toEqual([{ ref_date: '2026-03-02', user_source: 30, new_user: 1, cancel_user: 1 }])
  })

  test("yesterday's numbers appear only after 08:00 Beijing time", async () => {
    await advance(Date.parse('2026-03-02T23:00:00Z') - now) // 07:00 on 03-03
    expect((await cube('getusercumulate', '2026-03-02', '2026-03-02')).list).toEqual([])
    await advance(2 * 3600_000) // 09:00
    expect((await cube('getusercumulate', '2026-03-02', '2026-03-02')).list).toHaveLength(1)
  })
})
