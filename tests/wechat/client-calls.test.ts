/** Each client call over real HTTP against the emulator, through wechat-api and its extensions. */
import { createWeChatClient, type WeChatClient } from '../../src/wechat/client'
import type { WeChatEmulator } from '../../src/dev/emulator'
import { clientFor, countPath, pathsOf, startClientEmulator } from './helpers/client'
import { ACCOUNT, jpeg, png } from './support'

const START = Date.parse('2026-03-02T02:00:00Z') // 10:00 Beijing time
let emulator: WeChatEmulator
let client: WeChatClient

beforeEach(async () => {
  ;({ emulator, client } = await startClientEmulator({ clock: () => START }))
})
afterEach(async () => emulator.close())

async function draftWithThumb(): Promise<string> {
  const thumb = await client.media.addThumb(jpeg(2048))
  const { mediaId } = await client.draft.add([{ title: '社区停水通知', author: '街道办', content: '<p>周六停水。</p>', thumb_media_id: thumb.mediaId }])
  return mediaId
}

describe('token', () => {
  test('one stable_token (POST, secret in the body) serves many calls', async () => {
    await client.menu.create({ button: [{ type: 'click', name: '办事', key: 'SERVICE' }] })
    await client.menu.get()
    await client.tags.list()
    expect(pathsOf(emulator)).toEqual(['/cgi-bin/stable_token', '/cgi-bin/menu/create', '/cgi-bin/menu/get', '/cgi-bin/tags/get'])
    const tokenRequest = emulator.requestLog[0]!
    expect(tokenRequest).toMatchObject({ method: 'POST', errcode: 0, query: {}, body: { appid: ACCOUNT.appId, secret: '***', force_refresh: false } })
  })

  test('classic mode uses GET /cgi-bin/token', async () => {
    const classic = clientFor(emulator, { tokenEndpoint: 'classic' }).client
    await classic.tags.list()
    expect(pathsOf(emulator)).toEqual(['/cgi-bin/token', '/cgi-bin/tags/get'])
  })

  test('WECHAT_API_BASE points every call at the emulator when no baseUrl is given', async () => {
    const previous = process.env.WECHAT_API_BASE
    process.env.WECHAT_API_BASE = emulator.url
    try {
      const fromEnv = createWeChatClient({ appId: ACCOUNT.appId, appSecret: ACCOUNT.appSecret, logger: { log: () => {} } })
      expect(fromEnv.api.endpoint).toBe(emulator.url)
      expect(fromEnv.api.fileServerPrefix).toBe(`${emulator.url}/cgi-bin/`)
      expect(fromEnv.api.mpPrefix).toBe(`${emulator.url}/cgi-bin/`)
      await fromEnv.media.uploadImage(png(500))
      expect(pathsOf(emulator)).toEqual(['/cgi-bin/stable_token', '/cgi-bin/media/uploadimg'])
    } finally {
      if (previous === undefined) delete process.env.WECHAT_API_BASE
      else process.env.WECHAT_API_BASE = previous
    }
  })

  test('a wrong secret is a WeChatApiError 40125 with its meaning, not retried', async () => {
    const wrong = clientFor(emulator, { appSecret: 'not-the-secret-000000000000000000' }).client
    await expect(wrong.tags.list()).rejects.toMatchObject({
      name: 'WeChatApiError',
      errcode: 40125,
      endpoint: '/cgi-bin/stable_token',
      meaning: 'AppSecret 不正确',
    })
    expect(countPath(emulator, '/cgi-bin/stable_token')).toBe(1)
  })
})

describe('media', () => {
  test('uploadimg (multipart from memory) returns an mmbiz URL; the emulator stored the exact bytes', async () => {
    const bytes = jpeg(4096)
    const { url } = await client.media.uploadImage(bytes)
    expect(url).toMatch(/^http:\/\/mmbiz\.qpic\.cn\/mmbiz_jpg\//)
    const stored = [...emulator.account().media.values()].find((media) => media.url === url)!
    expect(stored.kind).toBe('uploadimg')
    expect(stored.bytes.equals(bytes)).toBe(true)
    expect(emulator.requestLog.at(-1)!.body).toEqual({ files: [{ field: 'media', filename: 'image.jpg', contentType: 'image/jpeg', bytes: 4096 }] })
  })

  test('thumb and image material, and deletion', async () => {
    const thumb = await client.media.addThumb(jpeg(2048))
    const image = await client.media.addImage(png(2048))
    expect(emulator.account().media.get(thumb.mediaId)!.kind).toBe('thumb')
    expect(emulator.account().media.get(image.mediaId)!.kind).toBe('image')
    await client.media.deleteMaterial(image.mediaId)
    expect(emulator.account().media.has(image.mediaId)).toBe(false)
  })

  test('a thumb over 64 KB is refused with 40012 and its meaning', async () => {
    await expect(client.media.addThumb(jpeg(70 * 1024))).rejects.toMatchObject({ errcode: 40012, meaning: expect.stringContaining('64 KB') })
  })
})

describe('draft', () => {
  test('add, get, delete', async () => {
    const mediaId = await draftWithThumb()
    const draft = await client.draft.get(mediaId)
    expect(draft.news_item).toHaveLength(1)
    expect(draft.news_item[0]).toMatchObject({ title: '社区停水通知', content: '<p>周六停水。</p>' })
    await client.draft.delete(mediaId)
    await expect(client.draft.get(mediaId)).rejects.toMatchObject({ errcode: 40007 })
  })
})

describe('mass', () => {
  test('sendAll to a tag with clientmsgid and send_ignore_reprint, then status, delete and preview', async () => {
    const tag = await client.tags.create('西关社区')
    const openids = [...emulator.account().users.keys()].slice(0, 2)
    await client.tags.tagUsers(tag.id, openids)
    const mediaId = await draftWithThumb()
    const sent = await client.mass.sendAll({ mediaId, tagId: tag.id, clientMsgId: 'weekly-2026-10', sendIgnoreReprint: false })
    expect(sent.msgId).toBeGreaterThan(0)
    expect(typeof sent.msgDataId).toBe('number')
    expect(emulator.requestLog.find((entry) => entry.path === '/cgi-bin/message/mass/sendall')!.body).toEqual({
      filter: { is_to_all: false, tag_id: tag.id },
      mpnews: { media_id: mediaId },
      msgtype: 'mpnews',
      send_ignore_reprint: 0,
      clientmsgid: 'weekly-2026-10',
    })
    expect(emulator.account().massJobs.get(sent.msgId)!.targetOpenids).toEqual(openids)
    expect((await client.mass.status(sent.msgId)).status).toBe('SENDING')
    await client.mass.delete(sent.msgId, 1)
    expect(emulator.account().massJobs.get(sent.msgId)!.deletedArticles.has(1)).toBe(true)

    const preview = await client.mass.preview(openids[0]!, await draftWithThumb())
    expect(emulator.account().massJobs.get(preview.msgId)!.preview).toBe(true)
  })

  test('sendAll to everyone', async () => {
    const sent = await client.mass.sendAll({ mediaId: await draftWithThumb(), sendIgnoreReprint: true })
    const body = emulator.requestLog.find((entry) => entry.path === '/cgi-bin/message/mass/sendall')!.body as Record<string, unknown>
    expect(body).toMatchObject({ filter: { is_to_all: true }, send_ignore_reprint: 1 })
    expect(body).not.toHaveProperty('clientmsgid')
    expect(emulator.account().massJobs.get(sent.msgId)!.targetOpenids).toHaveLength(10)
  })
})

describe('menu, messages, templates, tags, datacube', () => {
  test('menu create / get / remove', async () => {
    const menu = {
      button: [
        { type: 'view', name: '社区', url: 'https://example.gov.cn/' },
        { name: '服务', sub_button: [{ type: 'click', name: '办事指南', key: 'GUIDE' }] },
      ],
    }
    await client.menu.create(menu)
    expect(await client.menu.get()).toEqual(menu)
    await client.menu.remove()
    await expect(client.menu.get()).rejects.toMatchObject({ errcode: 46003 })
  })

  test('customer-service text inside the 48-hour window; outside it 45015', async () => {
    const [openid, silent] = [...emulator.account().users.keys()]
    await emulator.simulateUserMessage(openid!, { content: '请问停水到几点？' })
    await client.message.sendText(openid!, '到中午十二点。')
    expect(emulator.account().customMessages.at(-1)!.body).toMatchObject({ touser: openid, msgtype: 'text', text: { content: '到中午十二点。' } })
    await expect(client.message.sendText(silent!, '你好')).rejects.toMatchObject({ errcode: 45015 })
  })

  test('template message with client_msg_id', async () => {
    const [openid] = [...emulator.account().users.keys()]
    const { msgId } = await client.template.send({ touser: openid!, templateId: 'TPL_1', data: { first: { value: '办理结果' } }, clientMsgId: 'notice-1' })
    expect(msgId).toBe(String(emulator.account().templateMessages.at(-1)!.msgid))
    expect(emulator.account().templateMessages.at(-1)!.body).toMatchObject({ template_id: 'TPL_1', client_msg_id: 'notice-1' })
  })

  test('tags: list, tags of a user, users of a tag, untag, delete', async () => {
    const tag = await client.tags.create('土门社区')
    const [a, b] = [...emulator.account().users.keys()]
    await client.tags.tagUsers(tag.id, [a!, b!])
    expect((await client.tags.list()).find((t) => t.id === tag.id)).toMatchObject({ name: '土门社区', count: 2 })
    expect(await client.tags.tagsOfUser(a!)).toEqual([tag.id])
    expect((await client.tags.usersOfTag(tag.id)).openids).toEqual([a, b])
    await client.tags.untagUsers(tag.id, [a!])
    expect(await client.tags.tagsOfUser(a!)).toEqual([])
    await client.tags.delete(tag.id)
    expect(await client.tags.list()).toEqual([])
  })

  test('datacube reports; a span over the limit is 61501', async () => {
    const rows = await client.datacube.get('getusersummary', '2026-02-25', '2026-03-01')
    expect(Array.isArray(rows)).toBe(true)
    expect(emulator.requestLog.at(-1)).toMatchObject({ path: '/datacube/getusersummary', body: { begin_date: '2026-02-25', end_date: '2026-03-01' } })
    await expect(client.datacube.get('getarticlesummary', '2026-02-27', '2026-03-01')).rejects.toMatchObject({ errcode: 61501, meaning: '日期范围不正确' })
  })
})

describe('template msgid beyond 2^53', () => {
  test('the msgid comes back with every digit WeChat sent (JSON.parse would round it)', async () => {
    const { createServer } = await import('node:http')
    const server = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json; encoding=utf-8' })
      // A real msgid as reported on developers.weixin.qq.com; Number('3717005636572528642') is 3717005636572528600.
      if (request.url?.startsWith('/cgi-bin/stable_token')) response.end('{"access_token":"big-msgid-token","expires_in":7200}')
      else response.end('{"errcode":0,"errmsg":"ok","msgid":3717005636572528642}')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
    try {
      const { port } = server.address() as import('node:net').AddressInfo
      const big = createWeChatClient({
        appId: 'wxbigmsgid000001',
        appSecret: 'secret-big-msgid',
        baseUrl: `http://127.0.0.1:${port}`,
        logger: { log: () => {} },
      })
      const { msgId } = await big.template.send({ touser: 'oResident', templateId: 'TPL', data: {}, clientMsgId: 'x' })
      expect(msgId).toBe('3717005636572528642')
    } finally {
      server.close()
    }
  })
})
