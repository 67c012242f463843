/** The safe-mode envelope's shortcut reads exactly what the general parser reads, or steps aside. */
import fc from 'fast-check'
import { encryptOfStandardEnvelope } from '../../src/wechat/callback/envelope'
import { parseXml, xmlText } from '../../src/wechat/xml'

const body = (text: string) => Buffer.from(text, 'utf8')

test('for any envelope-like body the shortcut answers what parseXml answers, or nothing', () => {
  const base64 = fc.stringMatching(/^[A-Za-z0-9+/]{0,80}={0,2}$/)
  const noise = fc.constantFrom('', ' ', '\n', '\r\n  ', '<x/>', '<!-- c -->', '<!DOCTYPE x>', '&amp;', ']]>')
  fc.assert(
    fc.property(fc.string({ maxLength: 20 }), base64, noise, noise, (to, encrypt, before, inside) => {
      const text = `${before}<xml><ToUserName><![CDATA[${to}]]></ToUserName>${inside}<Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`
      const shortcut = encryptOfStandardEnvelope(body(text))
      if (shortcut === null) return
      expect(shortcut).toBe(xmlText(parseXml(body(text)), 'Encrypt'))
    }),
    { numRuns: 5_000 },
  )
})

test('the standard shape is taken; markup, a DOCTYPE or an extra field sends it to the parser', () => {
  const standard = '<xml><ToUserName><![CDATA[gh_abc]]></ToUserName><Encrypt><![CDATA[QUJD+/=]]></Encrypt></xml>'
  expect(encryptOfStandardEnvelope(body(standard))).toBe('QUJD+/=')
  expect(encryptOfStandardEnvelope(body(`<!DOCTYPE x>${standard}`))).toBeNull()
  expect(encryptOfStandardEnvelope(body(standard.replace('<Encrypt>', '<Extra>1</Extra><Encrypt>')))).toBeNull()
  expect(encryptOfStandardEnvelope(body(standard.replace('QUJD+/=', 'QU<b>JD')))).toBeNull()
})
