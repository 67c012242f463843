import { decryptMessage, sha1Signature } from '../../src/wechat/crypto'
import type { WeChatEmulator } from '../../src/dev/emulator'
import { parseXml, xmlText, type XmlRecord } from '../../src/wechat/xml'
import { ACCOUNT, api, createDraft, fetchToken, startCallbackReceiver, startTestEmulator, type Api } from './support'

const MINUTE = 60_000
const START = Date.parse('2026-03-02T02:00:00Z') // 10:00 Beijing time, Monday
let now = START
let emulator: WeChatEmulator
let client: Api

const sendAll = (mediaId: string, extra: Record<string, unknown> = {}) =>
  client.post('/cgi-bin/message/mass/sendall', {
    filter: { is_to_all: true },
    mpnews: { media_id: mediaId },
    msgtype: 'mpnews',
    send_ignore_reprint: 0,
    ...extra,
  })

async function setup(options: Parameters<typeof startTestEmulator>[0] = {}) {
  now = START
  emulator = await startTestEmulator({ clock: () => now, ...options })
  client = api(emulator, await fetchToken(emulator))
}
afterEach(async () => emulator?.close())

/** Moves the clock; a fresh token is needed after more than two hours. */
async function advance(ms: number) {
  now += ms
  client = api(emulator, await fetchToken(emulator))
}

describe('sendall', () => {
  beforeEach(() => setup())

  test('submits the job, returns msg_id and msg_data_id, and removes the draft', async () => {
    const draft = await createDraft(client, 2)
    const answer = await sendAll(draft, { clientmsgid: 'weekly-2026-10' })
    expect(answer).toMatchObject({ errcode: 0, errmsg: 'send job submission success' })
    expect(answer.msg_id).toBeGreaterThan(2 ** 31)
    expect(typeof answer.msg_data_id).toBe('number')
    expect((await client.post('/cgi-bin/draft/get', { media_id: draft })).errcode).toBe(40007)
    expect((await sendAll(draft)).errcode).toBe(40007)
  })

  test('clientmsgid: retry within a minute is 45066, later 45065 with the original msg_id, nothing sent twice', async () => {
    const draft = await createDraft(client)
    const first = await sendAll(draft, { clientmsgid: 'push-42' })
    expect(first.errcode).toBe(0)
    now += 30_000
    expect(await sendAll(draft, { clientmsgid: 'push-42' })).toEqual({ errcode: 45066, errmsg: 'same clientmsgid retry too fast' })
    now += MINUTE
    expect(await sendAll(draft, { clientmsgid: 'push-42' })).toEqual({ errcode: 45065, errmsg: 'clientmsgid exist', msg_id: first.msg_id })
    expect([...emulator.account().massJobs.values()].filter((job) => !job.preview)).toHaveLength(1)
    expect(emulator.account().quotaSendTimes).toHaveLength(1)
  })

  test('clientmsgid: the 24-hour memory ends', async () => {
    const first = await sendAll(await createDraft(client), { clientmsgid: 'push-43' })
    await advance(24 * 60 * MINUTE + 1)
    const again = await sendAll(await createDraft(client), { clientmsgid: 'push-43' })
    expect(again.errcode).toBe(0)
    expect(again.msg_id).not.toBe(first.msg_id)
  })

  test('clientmsgid longer than 64 bytes: 45067 (bytes, not characters)', async () => {
    const draft = await createDraft(client)
    expect((await sendAll(draft, { clientmsgid: 'x'.repeat(65) })).errcode).toBe(45067)
    expect((await sendAll(draft, { clientmsgid: '推'.repeat(22) })).errcode).toBe(45067)
    expect((await sendAll(draft, { clientmsgid: 'x'.repeat(64) })).errcode).toBe(0)
  })

  test('service account: 4 sends per calendar month (Beijing time), then 45028', async () => {
    for (let i = 0; i < 4; i++) {
      await advance(7 * 24 * 60 * MINUTE)
      expect((await sendAll(await createDraft(client))).errcode).toBe(0)
    }
    // 2026-03-30 10:00 Beijing: still March.
    const draft = await createDraft(client)
    expect(await sendAll(draft)).toEqual({ errcode: 45028, errmsg: 'has no masssend quota' })
    // 2026-03-31T16:30Z is 00:30 on April 1st in Beijing: a new month, although UTC still says March.
    await advance(Date.parse('2026-03-31T16:30:00Z') - now)
    expect((await sendAll(draft)).errcode).toBe(0)
  })

  test('60 calls a minute, then 45009 until the minute has passed', async () => {
    for (let i = 0; i < 60; i++) {
      expect((await client.post('/cgi-bin/message/mass/sendall', { msgtype: 'mpnews' })).errcode).not.toBe(45009)
    }
    const draft = await createDraft(client)
    expect(await sendAll(draft)).toEqual({ errcode: 45009, errmsg: 'reach max api daily quota limit' })
    now += MINUTE
    expect((await sendAll(draft)).errcode).toBe(0)
  })

  test('filter by tag reaches only the tagged followers; unknown tag 45159', async () => {
    const tag = (await client.post('/cgi-bin/tags/create', { tag: { name: '西关社区' } })).tag
    const openids = [...emulator.account().users.keys()].slice(0, 3)
    expect((await client.post('/cgi-bin/tags/members/batchtagging', { openid_list: openids, tagid: tag.id })).errcode).toBe(0)
    const draft = await createDraft(client)
    expect((await sendAll(draft, { filter: { is_to_all: false, tag_id: 9999 } })).errcode).toBe(45159)
    const answer = await sendAll(draft, { filter: { is_to_all: false, tag_id: tag.id } })
    expect(emulator.account().massJobs.get(answer.msg_id)!.targetOpenids).toEqual(openids)
  })

  test('unknown msgtype: 40008; invalid JSON: 47001', async () => {
    expect((await client.post('/cgi-bin/message/mass/sendall', { filter: { is_to_all: true }, msgtype: 'fax' })).errcode).toBe(40008)
    const url = new URL('/cgi-bin/message/mass/sendall', emulator.url)
    url.searchParams.set('access_token', await fetchToken(emulator))
    expect((await (await fetch(url, { method: 'POST', body: '{not json' })).json()).errcode).toBe(47001)
  })
})

describe('subscription account', () => {
  beforeEach(() => setup({ accounts: [{ ...ACCOUNT, type: 'subscription' }] }))

  test('one send a day', async () => {
    expect((await sendAll(await createDraft(client))).errcode).toBe(0)
    const draft = await createDraft(client)
    expect((await sendAll(draft)).errcode).toBe(45028)
    await advance(24 * 60 * MINUTE)
    expect((await sendAll(draft)).errcode).toBe(0)
  })
})

describe('preview, get, delete', () => {
  beforeEach(() => setup({ settings: { massJobDelayMs: 10 * MINUTE } }))

  test('mass/get: SENDING for the configured delay, then SEND_SUCCESS; unknown id 40059', async () => {
    const { msg_id } = await sendAll(await createDraft(client))
    expect(await client.post('/cgi-bin/message/mass/get', { msg_id })).toEqual({ msg_id, msg_status: 'SENDING' })
    now += 10 * MINUTE
    expect((await client.post('/cgi-bin/message/mass/get', { msg_id })).msg_status).toBe('SEND_SUCCESS')
    expect((await client.post('/cgi-bin/message/mass/get', { msg_id: 123 })).errcode).toBe(40059)
  })

  test('a forced failure ends as SEND_FAIL', async () => {
    emulator.forceNextMassOutcome('err(20013)')
    const { msg_id } = await sendAll(await createDraft(client))
    emulator.completeMassJobs()
    expect((await client.post('/cgi-bin/message/mass/get', { msg_id })).msg_status).toBe('SEND_FAIL')
  })

  test('mass/delete: whole message becomes DELETE', async () => {
    const { msg_id } = await sendAll(await createDraft(client, 2))
    emulator.completeMassJobs()
    expect(await client.post('/cgi-bin/message/mass/delete', { msg_id, article_idx: 0 })).toEqual({ errcode: 0, errmsg: 'ok' })
    expect((await client.post('/cgi-bin/message/mass/get', { msg_id })).msg_status).toBe('DELETE')
    expect((await client.post('/cgi-bin/message/mass/delete', { msg_id: 1 })).errcode).toBe(40059)
  })

  test('preview to one follower: no quota used, draft kept; unknown openid 40003', async () => {
    const draft = await createDraft(client)
    const openid = [...emulator.account().users.keys()][0]!
    const answer = await client.post('/cgi-bin/message/mass/preview', { touser: openid, msgtype: 'mpnews', mpnews: { media_id: draft } })
    expect(answer).toMatchObject({ errcode: 0, errmsg: 'preview success' })
    expect(typeof answer.msg_id).toBe('number')
    expect((await client.post('/cgi-bin/draft/get', { media_id: draft })).news_item).toHaveLength(1)
    expect(emulator.account().quotaSendTimes).toHaveLength(0)
    expect((await client.post('/cgi-bin/message/mass/preview', { touser: 'ounknown', msgtype: 'mpnews', mpnews: { media_id: draft } })).errcode).toBe(40003)
  })
})

describe('MASSSENDJOBFINISH callback', () => {
  let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>
  beforeEach(async () => {
    receiver = await startCallbackReceiver()
  })
  afterEach(async () => receiver.close())

  function expectSignedQuery(query: URLSearchParams) {
    const timestamp = query.get('timestamp')!
    const nonce = query.get('nonce')!
    expect(query.get('signature')).toBe(sha1Signature(ACCOUNT.token, timestamp, nonce))
    expect(Number(timestamp)).toBe(Math.floor(now / 1000))
  }

  test('plain mode: posted once the job finishes, signed, with counts and article URLs', async () => {
    await setup({ accounts: [{ ...ACCOUNT, callbackUrl: receiver.url, messageMode: 'plain' }] })
    const { msg_id } = await sendAll(await createDraft(client, 2))
    const [request] = await receiver.waitFor(1)
    expect(request!.method).toBe('POST')
    expectSignedQuery(request!.query)
    expect(request!.query.get('encrypt_type')).toBeNull()
    const event = parseXml(request!.body)
    expect(xmlText(event, 'Event')).toBe('MASSSENDJOBFINISH')
    expect(xmlText(event, 'ToUserName')).toBe(ACCOUNT.originalId)
    expect(xmlText(event, 'MsgID')).toBe(String(msg_id))
    expect(xmlText(event, 'Status')).toBe('send success')
    expect(xmlText(event, 'TotalCount')).toBe('10')
    expect(xmlText(event, 'SentCount')).toBe('10')
    const urls = ((event.ArticleUrlResult as XmlRecord).ResultList as XmlRecord).item as XmlRecord[]
    expect(urls.map((item) => item.ArticleIdx)).toEqual(['1', '2'])
    await emulator.waitForCallbacks()
    expect(emulator.callbackLog[0]).toMatchObject({ kind: 'event:MASSSENDJOBFINISH', ok: true })
    // The job finished by itself, and mass/get agrees.
    expect((await client.post('/cgi-bin/message/mass/get', { msg_id })).msg_status).toBe('SEND_SUCCESS')
  })

  test('safe mode: encrypted body, valid msg_signature, decrypts to the event; copyright failure reported', async () => {
    await setup({ accounts: [{ ...ACCOUNT, callbackUrl: receiver.url, messageMode: 'safe' }] })
    emulator.forceNextMassOutcome('err(20013)')
    const { msg_id } = await sendAll(await createDraft(client))
    const [request] = await receiver.waitFor(1)
    expectSignedQuery(request!.query)
    expect(request!.query.get('encrypt_type')).toBe('aes')
    const envelope = parseXml(request!.body)
    expect(Object.keys(envelope).sort()).toEqual(['Encrypt', 'ToUserName'])
    const encrypted = xmlText(envelope, 'Encrypt')
    const { timestamp, nonce } = Object.fromEntries(request!.query)
    expect(request!.query.get('msg_signature')).toBe(sha1Signature(ACCOUNT.token, timestamp!, nonce!, encrypted))
    const event = parseXml(decryptMessage({ encodingAESKey: ACCOUNT.encodingAESKey, appId: ACCOUNT.appId, encrypted }))
    expect(xmlText(event, 'MsgID')).toBe(String(msg_id))
    expect(xmlText(event, 'Status')).toBe('err(20013)')
    expect((event.CopyrightCheckResult as XmlRecord).Count).toBe('1')
  })

  test('compatible mode carries plaintext and Encrypt together', async () => {
    await setup({ accounts: [{ ...ACCOUNT, callbackUrl: receiver.url, messageMode: 'compatible' }] })
    await sendAll(await createDraft(client))
    const [request] = await receiver.waitFor(1)
    const body = parseXml(request!.body)
    expect(xmlText(body, 'Event')).toBe('MASSSENDJOBFINISH')
    const decrypted = parseXml(decryptMessage({ encodingAESKey: ACCOUNT.encodingAESKey, appId: ACCOUNT.appId, encrypted: xmlText(body, 'Encrypt') }))
    expect(xmlText(decrypted, 'MsgID')).toBe(xmlText(body, 'MsgID'))
  })

  test('a callback that answers 500 is tried 3 times in all', async () => {
    const failing = await startCallbackReceiver(() => ({ status: 500 }))
    try {
      await setup({ accounts: [{ ...ACCOUNT, callbackUrl: failing.url }] })
      await sendAll(await createDraft(client))
      await failing.waitFor(3)
      await emulator.waitForCallbacks()
      expect(emulator.callbackLog[0]!.attempts.map((attempt) => attempt.status)).toEqual([500, 500, 500])
      expect(emulator.callbackLog[0]!.ok).toBe(false)
    } finally {
      await failing.close()
    }
  })
})
