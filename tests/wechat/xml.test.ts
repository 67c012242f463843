import { buildXml, parseXml, WeChatXmlError, xmlText, type WeChatXmlErrorReason, type XmlRecord } from '../../src/wechat/xml'
import { VECTOR_E } from './vectors'

const MASS_FINISH_SAMPLE =
  '<xml><ToUserName><![CDATA[gh_4d00ed8d6399]]></ToUserName><FromUserName><![CDATA[oV5CrjpxgaGXNHIQigzNlgLTnwic]]></FromUserName><CreateTime>1481013459</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[MASSSENDJOBFINISH]]></Event><MsgID>1000001625</MsgID><Status><![CDATA[err(30003)]]></Status><TotalCount>0</TotalCount><FilterCount>0</FilterCount><SentCount>0</SentCount><ErrorCount>0</ErrorCount><CopyrightCheckResult><Count>1</Count><ResultList><item><ArticleIdx>1</ArticleIdx><UserDeclareState>0</UserDeclareState><AuditState>2</AuditState><OriginalArticleUrl><![CDATA[Url_1]]></OriginalArticleUrl><OriginalArticleType>1</OriginalArticleType><CanReprint>1</CanReprint><NeedReplaceContent>1</NeedReplaceContent><NeedShowReprintSource>1</NeedShowReprintSource></item></ResultList><CheckState>2</CheckState></CopyrightCheckResult><ArticleUrlResult><Count>1</Count><ResultList><item><ArticleIdx>1</ArticleIdx><ArticleUrl><![CDATA[Url]]></ArticleUrl></item></ResultList></ArticleUrlResult></xml>'

function expectReason(run: () => unknown, reason: WeChatXmlErrorReason): void {
  let caught: unknown
  try {
    run()
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(WeChatXmlError)
  expect((caught as WeChatXmlError).reason).toBe(reason)
}

describe('parseXml', () => {
  test('parses the decrypted official sample (vector E), newlines between fields', () => {
    const record = parseXml(VECTOR_E.safe.xml)
    expect(Object.getPrototypeOf(record)).toBeNull()
    expect({ ...record }).toEqual({
      ToUserName: 'gh_97417a04a28d',
      FromUserName: 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY',
      CreateTime: '1715943329',
      MsgType: 'event',
      Event: 'debug_demo',
      debug_str: 'hello world',
    })
  })

  test('parses MASSSENDJOBFINISH with nested lists into null-prototype objects and arrays', () => {
    const record = parseXml(MASS_FINISH_SAMPLE)
    expect(xmlText(record, 'Event')).toBe('MASSSENDJOBFINISH')
    expect(xmlText(record, 'Status')).toBe('err(30003)')
    const copyright = record.CopyrightCheckResult as XmlRecord
    expect(Object.getPrototypeOf(copyright)).toBeNull()
    expect(copyright.CheckState).toBe('2')
    const items = (copyright.ResultList as XmlRecord).item
    expect(Array.isArray(items)).toBe(true)
    expect(items).toHaveLength(1)
    const item = (items as XmlRecord[])[0]!
    expect(Object.getPrototypeOf(item)).toBeNull()
    expect(item.OriginalArticleUrl).toBe('Url_1')
    expect(((record.ArticleUrlResult as XmlRecord).ResultList as XmlRecord).item).toHaveLength(1)
  })

  test('repeated elements become arrays; empty and self-closing elements are empty strings', () => {
    const record = parseXml('<xml><A>1</A><A>2</A><B></B><C/><D attr="x>y">v</D></xml>')
    expect(record.A).toEqual(['1', '2'])
    expect(record.B).toBe('')
    expect(record.C).toBe('')
    expect(record.D).toBe('v')
  })

  test('CDATA keeps markup literally and adjacent sections join', () => {
    const record = parseXml('<xml><Content><![CDATA[<b>&amp;</b> a]]]]><![CDATA[>b]]></Content></xml>')
    expect(record.Content).toBe('<b>&amp;</b> a]]>b')
  })

  test('accepts an XML declaration and comments', () => {
    expect(xmlText(parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<!-- hi --><xml><A>1</A></xml>\n'), 'A')).toBe('1')
  })

  test('accepts bytes (UTF-8)', () => {
    expect(xmlText(parseXml(Buffer.from('<xml><A><![CDATA[街道]]></A></xml>')), 'A')).toBe('街道')
  })

  test('decodes predefined entities and character references but never expands others', () => {
    const record = parseXml('<xml><A>a &lt; b &amp; &#x4E2D;&#25991;</A><B>&xxe;</B></xml>')
    expect(record.A).toBe('a < b & 中文')
    expect(record.B).toBe('&xxe;')
  })

  test('refuses DOCTYPE, in any case', () => {
    expectReason(() => parseXml('<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><A>&xxe;</A></xml>'), 'doctype')
    expectReason(() => parseXml('<?xml version="1.0"?><!doctype xml><xml></xml>'), 'doctype')
  })

  test('refuses ENTITY declarations', () => {
    expectReason(() => parseXml('<xml><!ENTITY a "b"><A>1</A></xml>'), 'entity')
  })

  test('refuses oversize documents (default 64 KB, configurable)', () => {
    const big = `<xml><A><![CDATA[${'x'.repeat(64 * 1024)}]]></A></xml>`
    expectReason(() => parseXml(big), 'too-large')
    expectReason(() => parseXml(Buffer.from(big)), 'too-large')
    expectReason(() => parseXml('<xml><A>12345</A></xml>', { maxBytes: 10 }), 'too-large')
    // Multi-byte characters count as bytes, not characters.
    expectReason(() => parseXml(`<xml><A>${'中'.repeat(30)}</A></xml>`, { maxBytes: 60 }), 'too-large')
    expect(xmlText(parseXml(`<xml><A>${'x'.repeat(1000)}</A></xml>`, { maxBytes: 2000 }), 'A')).toHaveLength(1000)
  })

  test('__proto__, constructor and prototype are plain keys and never reach Object.prototype', () => {
    const record = parseXml(
      '<xml><__proto__><polluted>yes</polluted></__proto__><constructor><prototype><polluted>yes</polluted></prototype></constructor><toString>x</toString></xml>',
    )
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect((Object.prototype as unknown as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(record)).toBeNull()
    expect(Object.keys(record)).toEqual(['__proto__', 'constructor', 'toString'])
    expect(Object.getPrototypeOf(record.__proto__)).toBeNull()
    expect((record.__proto__ as XmlRecord).polluted).toBe('yes')
    expect(record.toString).toBe('x')
  })

  test.each([
    ['not xml', 'hello'],
    ['wrong root', '<root><A>1</A></root>'],
    ['unclosed', '<xml><A>1</A>'],
    ['mismatched', '<xml><A>1</B></xml>'],
    ['two roots', '<xml></xml><xml></xml>'],
    ['text after root', '<xml></xml>junk'],
    ['unterminated CDATA', '<xml><A><![CDATA[abc</A></xml>'],
    ['unterminated tag', '<xml><A'],
    ['bad name', '<xml><1A>1</1A></xml>'],
    ['empty', ''],
    ['invalid UTF-8 bytes', Buffer.from([0x3c, 0x78, 0x6d, 0x6c, 0x3e, 0xff, 0x3c, 0x2f, 0x78, 0x6d, 0x6c, 0x3e])],
  ])('refuses malformed input: %s', (_name, input) => {
    expectReason(() => parseXml(input), 'malformed')
  })

  test('limits nesting depth', () => {
    const deep = `<xml>${'<a>'.repeat(40)}x${'</a>'.repeat(40)}</xml>`
    expectReason(() => parseXml(deep), 'too-deep')
  })
})

describe('buildXml', () => {
  test('strings in CDATA, numbers as text, nested records and arrays as repeated elements', () => {
    const xml = buildXml({
      ToUserName: 'gh_1',
      CreateTime: 1481013459,
      ArticleUrlResult: { Count: 2, ResultList: { item: [{ ArticleIdx: 1 }, { ArticleIdx: 2 }] } },
      Skipped: undefined,
    })
    expect(xml).toBe(
      '<xml><ToUserName><![CDATA[gh_1]]></ToUserName><CreateTime>1481013459</CreateTime><ArticleUrlResult><Count>2</Count><ResultList><item><ArticleIdx>1</ArticleIdx></item><item><ArticleIdx>2</ArticleIdx></item></ResultList></ArticleUrlResult></xml>',
    )
  })

  test('round-trips text containing "]]>" and markup', () => {
    const content = 'a]]>b <script>alert(1)</script> &amp; 中文'
    expect(parseXml(buildXml({ Content: content })).Content).toBe(content)
  })

  test('refuses element names that are not XML names', () => {
    expect(() => buildXml({ 'bad name': 'x' })).toThrow(WeChatXmlError)
  })
})
