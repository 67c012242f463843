import { decryptMessage, encryptMessage, sha1Signature } from '../../src/wechat/crypto'
import type { WeChatEmulator } from '../../src/dev/emulator'
import { buildXml, parseXml, xmlText } from '../../src/wechat/xml'
import { ACCOUNT, api, fetchToken, getJson, startCallbackReceiver, startTestEmulator, type Api } from './support'

const HOUR = 3600_000
let now = Date.parse('2026-03-02T02:00:00Z')
let emulator: WeChatEmulator
let client: Api

afterEach(async () => emulator?.close())

describe('menu', () => {
  beforeEach(async () => {
    emulator = await startTestEmulator()
    client = api(emulator, await fetchToken(emulator))
  })
  const create = (button: unknown) => client.post('/cgi-bin/menu/create', { button })
  const click = (name = '办事指南', key = 'GUIDE') => ({ type: 'click', name, key })
  const view = (name = '预约', url = 'https://example.org/book') => ({ type: 'view', name, url })

  test('create, get, delete', async () => {
    const button = [click(), { name: '服务', sub_button: [view(), click('联系我们', 'CONTACT')] }]
    expect(await create(button)).toEqual({ errcode: 0, errmsg: 'ok' })
    expect((await client.get('/cgi-bin/menu/get')).menu.button).toEqual(button)
    expect((await client.get('/cgi-bin/menu/delete')).errcode).toBe(0)
    expect((await client.get('/cgi-bin/menu/get')).errcode).toBe(46003)
  })

  test.each([
    ['no buttons', [], 40016],
    ['four buttons', [click(), click(), click(), click()], 40016],
    ['unknown type', [{ type: 'fax', name: 'x', key: 'k' }], 40017],
    ['top name over 16 bytes (6 Chinese chars = 18 bytes)', [click('社区服务大厅')], 40018],
    ['click without key', [{ type: 'click', name: 'x' }], 40019],
    ['key over 128 bytes', [click('x', 'k'.repeat(129))], 40019],
    ['view without url', [{ type: 'view', name: 'x' }], 40020],
    ['url over 1024 bytes', [view('x', `https://example.org/${'u'.repeat(1010)}`)], 40020],
    ['three levels', [{ name: 'a', sub_button: [{ name: 'b', sub_button: [click()] }] }], 40022],
    ['six sub buttons', [{ name: 'a', sub_button: Array.from({ length: 6 }, () => click()) }], 40023],
    ['sub button of unknown type', [{ name: 'a', sub_button: [{ type: 'fax', name: 'b' }] }], 40024],
    ['sub name over 60 bytes', [{ name: 'a', sub_button: [click('长'.repeat(21))] }], 40025],
    ['sub key over 128 bytes', [{ name: 'a', sub_button: [click('b', 'k'.repeat(129))] }], 40026],
    ['sub url over 1024 bytes', [{ name: 'a', sub_button: [view('b', `https://example.org/${'u'.repeat(1010)}`)] }], 40027],
  ])('refuses %s', async (_name, button, errcode) => {
    expect((await create(button)).errcode).toBe(errcode)
  })

  test('limits are in bytes: 5 Chinese characters (15 bytes) fit a top button, 20 (60 bytes) a sub button', async () => {
    expect((await create([click('社区服务站'), { name: '更多', sub_button: [click('长'.repeat(20))] }])).errcode).toBe(0)
  })
})

describe('customer-service messages and the 48-hour window', () => {
  beforeEach(async () => {
    now = Date.parse('2026-03-02T02:00:00Z')
    emulator = await startTestEmulator({ clock: () => now })
    client = api(emulator, await fetchToken(emulator))
  })
  const openid = () => [...emulator.account().users.keys()][0]!
  const send = (touser: string) => client.post('/cgi-bin/message/custom/send', { touser, msgtype: 'text', text: { content: '您好，已收到。' } })
  const refresh = async () => {
    client = api(emulator, await fetchToken(emulator))
  }

  test('no interaction: 45015', async () => {
    expect(await send(openid())).toEqual({ errcode: 45015, errmsg: 'response out of time limit or subscription is canceled' })
  })

  test('a message opens 48 hours for up to 5 replies', async () => {
    await emulator.simulateUserMessage(openid(), { content: '请问几点停水？' })
    now += 47 * HOUR
    await refresh()
    for (let i = 0; i < 5; i++) expect((await send(openid())).errcode).toBe(0)
    expect((await send(openid())).errcode).toBe(45047)
    await emulator.simulateUserMessage(openid(), { content: '谢谢' })
    expect((await send(openid())).errcode).toBe(0)
    now += 48 * HOUR
    await refresh()
    expect((await send(openid())).errcode).toBe(45015)
    expect(emulator.account().customMessages).toHaveLength(6)
  })

  test('a menu click opens 1 minute for 3 replies', async () => {
    await emulator.simulateUserMessage(openid(), { msgType: 'event', event: 'CLICK', eventKey: 'GUIDE' })
    expect((await send(openid())).errcode).toBe(0)
    now += 61_000
    expect((await send(openid())).errcode).toBe(45015)
  })

  test('unfollowing closes the window; unknown openid 40003', async () => {
    await emulator.simulateUserMessage(openid(), { content: 'hi' })
    await emulator.simulateUserMessage(openid(), { msgType: 'event', event: 'unsubscribe' })
    expect((await send(openid())).errcode).toBe(45015)
    expect((await send('onobody')).errcode).toBe(40003)
  })
})

describe('simulated messages reach the callback', () => {
  test('safe mode: encrypted, signed, openid in the query, and the encrypted passive reply is decrypted', async () => {
    const receiver = await startCallbackReceiver((request) => {
      const envelope = parseXml(request.body)
      const incoming = parseXml(decryptMessage({ encodingAESKey: ACCOUNT.encodingAESKey, appId: ACCOUNT.appId, encrypted: xmlText(envelope, 'Encrypt') }))
      const reply = buildXml({
        ToUserName: xmlText(incoming, 'FromUserName'),
        FromUserName: ACCOUNT.originalId!,
        CreateTime: 1,
        MsgType: 'text',
        Content: `收到：${xmlText(incoming, 'Content')}`,
      })
      const encrypted = encryptMessage({ encodingAESKey: ACCOUNT.encodingAESKey, appId: ACCOUNT.appId, xml: reply })
      return { body: buildXml({ Encrypt: encrypted, MsgSignature: sha1Signature(ACCOUNT.token, '1', 'n', encrypted), TimeStamp: 1, Nonce: 'n' }) }
    })
    try {
      emulator = await startTestEmulator({ accounts: [{ ...ACCOUNT, callbackUrl: receiver.url, messageMode: 'safe' }] })
      const openid = [...emulator.account().users.keys()][0]!
      const result = await emulator.simulateUserMessage(openid, { content: '路灯坏了' })
      const [request] = receiver.received
      expect(request!.query.get('openid')).toBe(openid)
      const encrypted = xmlText(parseXml(request!.body), 'Encrypt')
      const { timestamp, nonce } = Object.fromEntries(request!.query)
      expect(request!.query.get('msg_signature')).toBe(sha1Signature(ACCOUNT.token, timestamp!, nonce!, encrypted))
      expect(result.msgId).toMatch(/^\d{17}$/)
      expect(xmlText(parseXml(result.xml), 'MsgId')).toBe(result.msgId)
      expect(xmlText(parseXml(result.delivery!.reply!), 'Content')).toBe('收到：路灯坏了')
    } finally {
      await receiver.close()
    }
  })
})

describe('template messages', () => {
  test('send gives msgid, then TEMPLATESENDJOBFINISH arrives', async () => {
    const receiver = await startCallbackReceiver()
    try {
      emulator = await startTestEmulator({ accounts: [{ ...ACCOUNT, callbackUrl: receiver.url }] })
      client = api(emulator, await fetchToken(emulator))
      const openid = [...emulator.account().users.keys()][0]!
      const answer = await client.post('/cgi-bin/message/template/send', {
        touser: openid,
        template_id: 'TPL1',
        url: 'https://example.org',
        data: { first: { value: '通知' } },
      })
      expect(answer).toMatchObject({ errcode: 0, errmsg: 'ok' })
      const [request] = await receiver.waitFor(1)
      const event = parseXml(request!.body)
      expect(xmlText(event, 'Event')).toBe('TEMPLATESENDJOBFINISH')
      expect(xmlText(event, 'MsgID')).toBe(String(answer.msgid))
      expect(xmlText(event, 'Status')).toBe('success')
      expect((await client.post('/cgi-bin/message/template/send', { touser: openid, data: {} })).errcode).toBe(40037)
      expect((await client.post('/cgi-bin/message/template/send', { touser: 'onobody', template_id: 'T', data: {} })).errcode).toBe(40003)
    } finally {
      await receiver.close()
    }
  })

  test('client_msg_id: a repeat for the same openid answers the same msgid, sends nothing and posts no second event; after 10 minutes it is forgotten', async () => {
    let clock = Date.parse('2026-03-02T02:00:00Z')
    const receiver = await startCallbackReceiver()
    try {
      emulator = await startTestEmulator({ clock: () => clock, accounts: [{ ...ACCOUNT, callbackUrl: receiver.url }] })
      client = api(emulator, await fetchToken(emulator))
      const [first, second] = [...emulator.account().users.keys()] as [string, string]
      const message = (touser: string) => ({ touser, template_id: 'TPL1', data: { keyword1: { value: '户籍证明' } }, client_msg_id: 'appointment-1-booked' })
      const [a, b] = await Promise.all([
        client.post('/cgi-bin/message/template/send', message(first)),
        client.post('/cgi-bin/message/template/send', message(first)),
      ])
      expect(a).toMatchObject({ errcode: 0 })
      expect(b).toEqual(a)
      // The same id for another resident is another message (WeChat keys it by openid + client_msg_id).
      const other = await client.post('/cgi-bin/message/template/send', message(second))
      expect(other.msgid).not.toBe(a.msgid)
      await receiver.waitFor(2)
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(receiver.received.map((request) => xmlText(parseXml(request.body), 'MsgID')).sort()).toEqual([String(a.msgid), String(other.msgid)].sort())

      const listed = await getJson(emulator, '/__emulator/template-messages', { touser: first })
      expect(listed.messages).toHaveLength(1)
      expect(listed.messages[0]).toMatchObject({ touser: first, msgid: a.msgid, body: { template_id: 'TPL1', client_msg_id: 'appointment-1-booked' } })
      expect((await getJson(emulator, '/__emulator/template-messages')).messages).toHaveLength(2)
      expect((await getJson(emulator, '/__emulator/template-messages', { appId: 'wxnosuchaccount' })).error).toContain('no account')

      clock += 10 * 60_000
      const later = await client.post('/cgi-bin/message/template/send', message(first))
      expect(later.msgid).not.toBe(a.msgid)
      expect((await getJson(emulator, '/__emulator/template-messages', { touser: first })).messages).toHaveLength(2)
    } finally {
      await receiver.close()
    }
  })
})
