import type { WeChatEmulator } from '../../src/dev/emulator'
import { api, article, createDraft, fetchToken, jpeg, png, startTestEmulator, type Api } from './support'

let emulator: WeChatEmulator
let client: Api

beforeEach(async () => {
  emulator = await startTestEmulator()
  client = api(emulator, await fetchToken(emulator))
})
afterEach(async () => emulator.close())

describe('media/uploadimg', () => {
  test('jpg and png below 1 MB give an mmbiz URL', async () => {
    const jpgAnswer = await client.upload('/cgi-bin/media/uploadimg', jpeg(5000))
    expect(jpgAnswer.url).toMatch(/^http:\/\/mmbiz\.qpic\.cn\/mmbiz_jpg\//)
    const pngAnswer = await client.upload('/cgi-bin/media/uploadimg', png(5000), {}, 'a.png')
    expect(pngAnswer.url).toMatch(/wx_fmt=png$/)
  })

  test('the real format is sniffed: a GIF or text named .jpg is refused', async () => {
    expect((await client.upload('/cgi-bin/media/uploadimg', Buffer.from('GIF89a-----'))).errcode).toBe(40005)
    expect((await client.upload('/cgi-bin/media/uploadimg', Buffer.from('hello, not an image'))).errcode).toBe(40005)
  })

  test('1 MB or more is refused', async () => {
    expect((await client.upload('/cgi-bin/media/uploadimg', jpeg(1024 * 1024))).errcode).toBe(40009)
    expect((await client.upload('/cgi-bin/media/uploadimg', jpeg(1024 * 1024 - 1))).url).toBeDefined()
  })

  test('no media part: 41005', async () => {
    const url = new URL('/cgi-bin/media/uploadimg', emulator.url)
    url.searchParams.set('access_token', await fetchToken(emulator))
    const form = new FormData()
    form.append('other', 'x')
    const answer = await (await fetch(url, { method: 'POST', body: form })).json()
    expect(answer.errcode).toBe(41005)
  })
})

describe('material/add_material', () => {
  test('thumb: JPG up to 64 KB gives media_id and url', async () => {
    const answer = await client.upload('/cgi-bin/material/add_material', jpeg(64 * 1024), { type: 'thumb' })
    expect(typeof answer.media_id).toBe('string')
    expect(answer.url).toMatch(/^http:\/\/mmbiz\.qpic\.cn\//)
  })

  test('thumb: over 64 KB or PNG is refused', async () => {
    expect((await client.upload('/cgi-bin/material/add_material', jpeg(64 * 1024 + 1), { type: 'thumb' })).errcode).toBe(40012)
    expect((await client.upload('/cgi-bin/material/add_material', png(1000), { type: 'thumb' })).errcode).toBe(40005)
  })

  test('image accepts PNG; unknown type is 40004', async () => {
    expect(typeof (await client.upload('/cgi-bin/material/add_material', png(100 * 1024), { type: 'image' })).media_id).toBe('string')
    expect((await client.upload('/cgi-bin/material/add_material', jpeg(), { type: 'voice' })).errcode).toBe(40004)
  })

  test('add_news is retired: 45103', async () => {
    expect(await client.post('/cgi-bin/material/add_news', { articles: [] })).toEqual({ errcode: 45103, errmsg: 'This API has been unsupported' })
  })
})

describe('draft box', () => {
  let thumbId: string
  beforeEach(async () => {
    thumbId = (await client.upload('/cgi-bin/material/add_material', jpeg(), { type: 'thumb' })).media_id
  })
  const add = (articles: unknown[]) => client.post('/cgi-bin/draft/add', { articles })
  const one = (overrides: Record<string, unknown>) => add([article({ thumb_media_id: thumbId, ...overrides })])

  test('add, get, count, delete', async () => {
    const { media_id } = await one({ title: '停水通知' })
    expect(typeof media_id).toBe('string')
    expect((await client.get('/cgi-bin/draft/count')).total_count).toBe(1)
    const draft = await client.post('/cgi-bin/draft/get', { media_id })
    expect(draft.news_item).toHaveLength(1)
    expect(draft.news_item[0].title).toBe('停水通知')
    expect(draft.news_item[0].thumb_url).toMatch(/mmbiz\.qpic\.cn/)
    expect(await client.post('/cgi-bin/draft/delete', { media_id })).toEqual({ errcode: 0, errmsg: 'ok' })
    expect((await client.post('/cgi-bin/draft/get', { media_id })).errcode).toBe(40007)
    expect((await client.get('/cgi-bin/draft/count')).total_count).toBe(0)
  })

  test('1 to 8 articles', async () => {
    expect((await add([])).errcode).toBe(44003)
    const eight = Array.from({ length: 8 }, (_, i) => article({ title: `第${i}篇`, thumb_media_id: thumbId }))
    expect(typeof (await add(eight)).media_id).toBe('string')
    expect((await add([...eight, eight[0]])).errcode).toBe(45008)
  })

  test('title ≤ 32 characters (characters, not bytes)', async () => {
    expect(typeof (await one({ title: '通'.repeat(32) })).media_id).toBe('string')
    expect((await one({ title: '通'.repeat(33) })).errcode).toBe(45003)
  })

  test('author ≤ 16, digest ≤ 128, content_source_url ≤ 1 KB', async () => {
    expect((await one({ author: 'a'.repeat(17) })).errcode).toBe(45110)
    expect((await one({ digest: 'd'.repeat(129) })).errcode).toBe(45004)
    expect(typeof (await one({ digest: 'd'.repeat(128) })).media_id).toBe('string')
    expect((await one({ content_source_url: `https://example.org/${'x'.repeat(1010)}` })).errcode).toBe(45005)
  })

  test('content < 20,000 characters and < 1 MB', async () => {
    expect(typeof (await one({ content: 'x'.repeat(19_999) })).media_id).toBe('string')
    expect((await one({ content: 'x'.repeat(20_000) })).errcode).toBe(45002)
  })

  test('thumb_media_id must be existing permanent material', async () => {
    expect((await one({ thumb_media_id: 'nope' })).errcode).toBe(40007)
    expect((await one({ thumb_media_id: '' })).errcode).toBe(40007)
    expect(await client.post('/cgi-bin/material/del_material', { media_id: thumbId })).toEqual({ errcode: 0, errmsg: 'ok' })
    expect((await one({})).errcode).toBe(40007)
  })

  test('scripts and non-WeChat images are stripped; the digest defaults to the text start', async () => {
    const uploaded = (await client.upload('/cgi-bin/media/uploadimg', jpeg())).url
    const content = `<p>开头</p><script>alert(1)</script><img src="https://evil.example/x.png"><img src="${uploaded}">${'字'.repeat(100)}`
    const { media_id } = await one({ content, digest: undefined })
    const stored = (await client.post('/cgi-bin/draft/get', { media_id })).news_item[0]
    expect(stored.content).not.toContain('<script')
    expect(stored.content).not.toContain('evil.example')
    expect(stored.content).toContain(uploaded)
    expect([...stored.digest]).toHaveLength(54)
    expect(stored.digest.startsWith('开头')).toBe(true)
  })

  test('multi-article drafts carry no digest', async () => {
    const { media_id } = await add([article({ thumb_media_id: thumbId, digest: 'x' }), article({ thumb_media_id: thumbId, digest: 'y' })])
    const items = (await client.post('/cgi-bin/draft/get', { media_id })).news_item
    expect(items.map((item: { digest: string }) => item.digest)).toEqual(['', ''])
  })

  test('createDraft helper works end to end', async () => {
    expect(typeof (await createDraft(client, 2))).toBe('string')
  })
})
