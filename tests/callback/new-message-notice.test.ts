import { startTestPayload, type TestPayload } from '../helpers/payload'
import { NEW_MESSAGE_SUBJECT } from '../../src/services/inbox/notify-new-message'
import { storeResidentMessage } from '../../src/services/inbox/store-message'
import { parseXml } from '../../src/wechat/xml'
import { createFixtures } from '../helpers/fixtures'

let t: TestPayload
beforeAll(async () => {
  t = await startTestPayload()
})
afterAll(async () => t?.close())

const message = (msgId: number, openid: string) =>
  parseXml(
    `<xml><ToUserName><![CDATA[gh_x]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[我家住在某小区3号楼，电话13800000000]]></Content><MsgId>${msgId}</MsgId></xml>`,
  )

test('a message of the general queue notifies the street office (admins, leaders and editors without a community) once per quiet period, without the message or the openid', async () => {
  const fx = await createFixtures(t.payload)
  const account = await t.payload.create({ collection: 'wechat-accounts', data: { name: '服务号', appId: 'wxnotice0000000001', isDefault: true } as never })
  await storeResidentMessage(t.payload, String(account.id), 'k1', message(1, 'oResidentA000000000000000001'))
  await storeResidentMessage(t.payload, String(account.id), 'k2', message(2, 'oResidentB000000000000000002'))
  const notices = await t.payload.find({ collection: 'notifications', where: { subject: { equals: NEW_MESSAGE_SUBJECT } }, limit: 50, depth: 0 })
  const recipients = notices.docs.map((doc) => String(doc.recipient)).sort()
  // No community tags on the account: the general queue. Community editors are not told (their
  // queues are in tests/callback/inbox-routing.test.ts).
  const expected = [fx.users.admin.id, fx.users.leader.id].sort()
  expect(recipients).toEqual(expected)
  for (const doc of notices.docs) {
    // Sent on the first message; the second, within the quiet period, adds no notice.
    expect(doc.body).toContain('1 条未处理的居民留言')
    expect(doc.body).not.toContain('oResident')
    expect(doc.body).not.toContain('13800000000')
  }
})
