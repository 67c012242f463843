/** renderLexicalToWeChatHtml: the pure Lexical → WeChat HTML conversion, with a stubbed image resolver. */
import fc from 'fast-check'
import { lexicalFromParagraphs } from '../../src/services/content/rich-text'
import { renderLexicalToWeChatHtml, TEXT_FORMAT, type ImageReference, type LexicalNode, type RenderOptions } from '../../src/wechat/convert'

const noImages: RenderOptions = { resolveImage: async () => null }
const doc = (...children: LexicalNode[]) => ({ root: { type: 'root', children } })
const text = (value: string, format = 0): LexicalNode => ({ type: 'text', text: value, format, detail: 0, mode: 'normal', style: '', version: 1 })
const paragraph = (...children: LexicalNode[]): LexicalNode => ({ type: 'paragraph', format: '', indent: 0, children })
/** The HTML inside the outer <section>. */
async function inner(document: unknown, options: RenderOptions = noImages): Promise<string> {
  const { html } = await renderLexicalToWeChatHtml(document, options)
  const match = /^<section style="[^"]*">([\s\S]*)<\/section>$/.exec(html)
  if (!match) throw new Error(`unexpected wrapper: ${html}`)
  return match[1]!
}

test('Chinese paragraphs from lexicalFromParagraphs, inline styles only', async () => {
  const { html } = await renderLexicalToWeChatHtml(lexicalFromParagraphs(['本周六上午八点至十二点停水。', '请居民提前储水。']), noImages)
  expect(html).toBe(
    '<section style="font-size:16px;line-height:1.75;color:#333333;letter-spacing:0.5px;word-wrap:break-word;">' +
      '<p style="margin:0 0 1em 0;">本周六上午八点至十二点停水。</p><p style="margin:0 0 1em 0;">请居民提前储水。</p></section>',
  )
  expect(html).not.toMatch(/class=|<style|<script/)
})

test('empty document renders nothing; empty paragraph keeps its line', async () => {
  expect((await renderLexicalToWeChatHtml(null, noImages)).html).toBe('')
  expect(await inner(doc(paragraph()))).toBe('<p style="margin:0 0 1em 0;"><br/></p>')
})

test.each([
  ['bold', TEXT_FORMAT.bold, '<strong>字</strong>'],
  ['italic', TEXT_FORMAT.italic, '<em>字</em>'],
  ['strikethrough', TEXT_FORMAT.strikethrough, '<span style="text-decoration:line-through;">字</span>'],
  ['underline', TEXT_FORMAT.underline, '<span style="text-decoration:underline;">字</span>'],
  [
    'code',
    TEXT_FORMAT.code,
    '<code style="font-family:Menlo,Consolas,monospace;font-size:0.9em;background:#f3f3f3;padding:0 0.25em;border-radius:3px;">字</code>',
  ],
  ['subscript', TEXT_FORMAT.subscript, '<sub>字</sub>'],
  ['superscript', TEXT_FORMAT.superscript, '<sup>字</sup>'],
  ['bold+italic+underline', 1 | 2 | 8, '<strong><em><span style="text-decoration:underline;">字</span></em></strong>'],
])('text format %s', async (_name, format, expected) => {
  expect(await inner(doc(paragraph(text('字', format))))).toBe(`<p style="margin:0 0 1em 0;">${expected}</p>`)
})

test('all text is escaped; no markup can come from content', async () => {
  const html = await inner(doc(paragraph(text('<script>alert("x")</script> & <iframe src=x>'))))
  expect(html).toBe('<p style="margin:0 0 1em 0;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;iframe src=x&gt;</p>')
})

test("property: for any text, the only tags in the output are the renderer's own", async () => {
  const allowed = /<\/?(section|p|strong|em|span|code|sub|sup|br|h[1-6]|blockquote|ul|ol|li|a|img|hr|table|tbody|tr|td|th)\b[^<>]*>/g
  await fc.assert(
    fc.asyncProperty(fc.string(), fc.integer({ min: 0, max: 255 }), fc.webUrl(), async (value, format, url) => {
      const { html } = await renderLexicalToWeChatHtml(
        doc(paragraph(text(value, format), { type: 'link', fields: { url }, children: [text(value)] }), {
          type: 'heading',
          tag: 'h2',
          children: [text(value)],
        }),
        noImages,
      )
      expect(html.replace(allowed, '')).not.toMatch(/[<>]/)
    }),
    { numRuns: 200 },
  )
})

test('headings h1–h6, alignment and indent', async () => {
  const headings = [1, 2, 3, 4, 5, 6].map((level) => ({ type: 'heading', tag: `h${level}`, children: [text(`标题${level}`)] }))
  const html = await inner(doc(...headings, { ...paragraph(text('居中')), format: 'center' }, { ...paragraph(text('缩进')), indent: 2, format: 'right' }))
  for (const level of [1, 2, 3, 4, 5, 6]) expect(html).toContain(`<h${level} style="margin:1.2em 0 0.6em 0;font-weight:bold;line-height:1.4;font-size:`)
  expect(html).toContain('<h1 style="margin:1.2em 0 0.6em 0;font-weight:bold;line-height:1.4;font-size:22px;">标题1</h1>')
  expect(html).toContain('<p style="margin:0 0 1em 0;text-align:center;">居中</p>')
  expect(html).toContain('<p style="margin:0 0 1em 0;text-align:right;padding-left:4em;">缩进</p>')
})

test('bullet, numbered (with start), check and nested lists; quote; rule; line break', async () => {
  const item = (value: string, extra: Record<string, unknown> = {}): LexicalNode => ({ type: 'listitem', children: [text(value)], ...extra })
  const html = await inner(
    doc(
      {
        type: 'list',
        listType: 'bullet',
        tag: 'ul',
        children: [item('一'), { type: 'listitem', children: [{ type: 'list', listType: 'bullet', tag: 'ul', children: [item('一.一')] }] }],
      },
      { type: 'list', listType: 'number', tag: 'ol', start: 3, children: [item('三')] },
      { type: 'list', listType: 'check', tag: 'ul', children: [item('已办', { checked: true }), item('待办', { checked: false })] },
      { type: 'quote', children: [text('引用'), { type: 'linebreak' }, text('第二行')] },
      { type: 'horizontalrule' },
    ),
  )
  expect(html).toContain(
    '<ul style="margin:0 0 1em 0;padding-left:2em;"><li style="margin:0.25em 0;">一</li><li style="margin:0.25em 0;"><ul style="margin:0 0 1em 0;padding-left:2em;"><li style="margin:0.25em 0;">一.一</li></ul></li></ul>',
  )
  expect(html).toContain('<ol style="margin:0 0 1em 0;padding-left:2em;" start="3"><li style="margin:0.25em 0;">三</li></ol>')
  expect(html).toContain('<li style="margin:0.25em 0;">☑ 已办</li><li style="margin:0.25em 0;">☐ 待办</li>')
  expect(html).toContain(
    '<blockquote style="margin:1em 0;padding:0.6em 1em;border-left:4px solid #d0d7de;background:#f6f8fa;color:#555555;">引用<br/>第二行</blockquote>',
  )
  expect(html).toContain('<hr style="border:none;border-top:1px solid #dddddd;margin:1.5em 0;"/>')
})

test('links: WeChat articles stay links; outside addresses become text in brackets and are reported', async () => {
  const link = (url: string, label: string, type = 'link', linkType = 'custom'): LexicalNode => ({
    type,
    fields: { url, linkType, newTab: true },
    children: [text(label)],
  })
  const { html, externalLinks } = await renderLexicalToWeChatHtml(
    doc(
      paragraph(
        link('https://mp.weixin.qq.com/s/abc"onmouseover="x', '上期回顾'),
        text('，'),
        link('https://www.xa.gov.cn/zwgk/1.html', '市政府通知'),
        text('，'),
        link('https://www.xa.gov.cn/zwgk/1.html', 'https://www.xa.gov.cn/zwgk/1.html', 'autolink'),
        text('，'),
        link('javascript:alert(1)', '危险'),
        text('，'),
        { type: 'link', fields: { linkType: 'internal', doc: { relationTo: 'articles', value: 'x' } }, children: [text('站内')] },
        text('，'),
        link('http://example.com/b', '第二个'),
      ),
    ),
    noImages,
  )
  expect(html).toContain('<a href="https://mp.weixin.qq.com/s/abc&quot;onmouseover=&quot;x" style="color:#576b95;text-decoration:none;">上期回顾</a>')
  expect(html).toContain('市政府通知（https://www.xa.gov.cn/zwgk/1.html）')
  expect(html).toContain('，https://www.xa.gov.cn/zwgk/1.html，')
  expect(html).toContain('，危险，站内，第二个（http://example.com/b）')
  expect(html).not.toContain('javascript:')
  expect(html.match(/<a /g)).toHaveLength(1)
  expect(externalLinks).toEqual(['https://www.xa.gov.cn/zwgk/1.html', 'http://example.com/b'])
})

test('images: each distinct image resolved once, all at the same time; src rewritten; alt escaped; unresolved left out', async () => {
  const upload = (value: unknown, relationTo = 'media'): LexicalNode => ({ type: 'upload', relationTo, value, fields: null })
  const calls: ImageReference[] = []
  let inFlight = 0
  let maxInFlight = 0
  const resolveImage = async (image: ImageReference) => {
    calls.push(image)
    maxInFlight = Math.max(maxInFlight, ++inFlight)
    await new Promise((resolve) => setTimeout(resolve, 20))
    inFlight--
    if (image.id === 'missing') return null
    return { src: `http://mmbiz.qpic.cn/mmbiz_jpg/${image.id}/0`, alt: image.doc ? String(image.doc.alt) : '社区"活动"<照片>' }
  }
  const html = await inner(doc(upload('a'), paragraph(text('中间')), upload({ id: 'b', alt: '文化节', filename: 'b.jpg' }), upload('a'), upload('missing')), {
    resolveImage,
  })
  expect(calls.map((image) => image.id)).toEqual(['a', 'b', 'missing'])
  expect(calls[1]!.doc).toMatchObject({ alt: '文化节' })
  expect(maxInFlight).toBe(3)
  const image = (id: string, alt: string) =>
    `<p style="margin:1em 0;text-align:center;"><img src="http://mmbiz.qpic.cn/mmbiz_jpg/${id}/0" alt="${alt}" style="max-width:100%;height:auto;display:block;margin:0 auto;"/></p>`
  const alt = '社区&quot;活动&quot;&lt;照片&gt;'
  expect(html).toBe(`${image('a', alt)}<p style="margin:0 0 1em 0;">中间</p>${image('b', '文化节')}${image('a', alt)}`)
})

test('simple tables: header cells, spans, compact paragraphs in cells', async () => {
  const cell = (value: string, extra: Record<string, unknown> = {}): LexicalNode => ({
    type: 'tablecell',
    headerState: 0,
    colSpan: 1,
    children: [paragraph(text(value))],
    ...extra,
  })
  const html = await inner(
    doc({
      type: 'table',
      children: [
        { type: 'tablerow', children: [cell('事项', { headerState: 1 }), cell('时间', { headerState: 1 })] },
        { type: 'tablerow', children: [cell('停水'), cell('周六 8:00–12:00')] },
        { type: 'tablerow', children: [cell('以上时间如有变动另行通知', { colSpan: 2 })] },
      ],
    }),
  )
  expect(html).toBe(
    '<table style="width:100%;border-collapse:collapse;margin:1em 0;font-size:15px;"><tbody>' +
      '<tr><th style="border:1px solid #d0d7de;padding:6px 8px;vertical-align:top;background:#f6f8fa;font-weight:bold;"><p style="margin:0;">事项</p></th>' +
      '<th style="border:1px solid #d0d7de;padding:6px 8px;vertical-align:top;background:#f6f8fa;font-weight:bold;"><p style="margin:0;">时间</p></th></tr>' +
      '<tr><td style="border:1px solid #d0d7de;padding:6px 8px;vertical-align:top;"><p style="margin:0;">停水</p></td>' +
      '<td style="border:1px solid #d0d7de;padding:6px 8px;vertical-align:top;"><p style="margin:0;">周六 8:00–12:00</p></td></tr>' +
      '<tr><td style="border:1px solid #d0d7de;padding:6px 8px;vertical-align:top;" colspan="2"><p style="margin:0;">以上时间如有变动另行通知</p></td></tr>' +
      '</tbody></table>',
  )
})

test('unknown nodes keep their text but never their markup', async () => {
  const html = await inner(
    doc(
      { type: 'block', fields: { blockType: 'html', html: '<iframe src="x"></iframe>' } },
      { type: 'custom', children: [text('保留的文字')] },
      { type: 'relationship', value: 'x' },
    ),
  )
  expect(html).toBe('保留的文字')
})
