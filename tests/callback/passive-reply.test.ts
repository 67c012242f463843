/** The written-out text reply is exactly what the general XML builder produces, for any text. */
import fc from 'fast-check'
import { buildPassiveReplyXml, textReplyXml } from '../../src/wechat/callback/passive-reply'
import { buildXml, parseXml, xmlText } from '../../src/wechat/xml'

test('textReplyXml equals buildXml for the same fields, including `]]>` and markup in the text', () => {
  fc.assert(
    fc.property(fc.string(), fc.string({ minLength: 1 }), fc.string(), fc.nat(), (to, text, from, time) => {
      const head = { ToUserName: to, FromUserName: from, CreateTime: time }
      expect(textReplyXml(head, text)).toBe(buildXml({ ...head, MsgType: 'text', Content: text }))
    }),
    { numRuns: 2_000 },
  )
})

test('a text reply swaps sender and recipient and carries the text through a parse', () => {
  const message = { fromUser: 'oResident', toUser: 'gh_office', msgType: 'text' } as never
  const xml = buildPassiveReplyXml(message, { kind: 'text', text: '收到 ]]> <b>谢谢</b>' }, Date.parse('2026-11-29T08:00:00Z'))!
  const parsed = parseXml(Buffer.from(xml))
  expect([xmlText(parsed, 'ToUserName'), xmlText(parsed, 'FromUserName'), xmlText(parsed, 'Content'), xmlText(parsed, 'CreateTime')]).toEqual([
    'oResident',
    'gh_office',
    '收到 ]]> <b>谢谢</b>',
    '1795939200',
  ])
})
