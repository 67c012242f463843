import { createHash } from 'node:crypto'
import { drawCover } from '../../src/seed/covers'
import { DEMO_ACCOUNT, startEmulator, type WeChatEmulator } from '../../src/dev/emulator'
import { api, graphql, login, startServer, type Session, type TestServer } from '../helpers/server'
import { bodyWithInlineImage } from '../helpers/lexical'

// The probe of issue 11, finding 1, replayed through the production server with real logins: an
// editor swaps the image of an approved item in the signed-off week after the leader's sign-off.
// What a leader approved is what is sent: the swap is refused whatever the way in (REST one by one
// or in bulk, GraphQL), the push stays signed off and the stored file stays; an image only a draft
// uses can still be replaced.

let emulator: WeChatEmulator
let server: TestServer
let admin: Session
let leader: Session
let editor: Session
let pushId: string
let itemId: string
const media = { cover: '', inline: '', draftCover: '' }
const TITLE = '本周已审定的活动通知'

/** A multipart media request (create or replace the file), as the admin's upload form sends it. */
async function sendImage(session: Session, method: 'POST' | 'PATCH', pathname: string, seed: number, data: Record<string, unknown>, lang: 'zh' | 'en' = 'zh') {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(await drawCover(seed))], { type: 'image/jpeg' }), `swap-${seed}.jpg`)
  form.append('_payload', JSON.stringify(data))
  const response = await fetch(`${server.url}${pathname}`, { method, headers: { Authorization: `JWT ${session.token}`, 'Accept-Language': lang }, body: form })
  return { status: response.status, body: (await response.json()) as any }
}

/** The media document as stored and the hash of the file the server serves for it. */
async function stored(id: string) {
  const doc = (await api(server.url, admin, 'GET', `/api/media/${id}?depth=0`)).body
  const file = await fetch(`${server.url}/api/media/file/${encodeURIComponent(doc.filename)}`, { headers: { Authorization: `JWT ${admin.token}` } })
  expect(file.status).toBe(200)
  return {
    filename: doc.filename as string,
    alt: doc.alt as string,
    sha: createHash('sha256')
      .update(Buffer.from(await file.arrayBuffer()))
      .digest('hex'),
  }
}

const pushStatus = async () => (await api(server.url, admin, 'GET', `/api/weekly-pushes/${pushId}?depth=0`)).body.status as string

const bodyWithImage = (mediaId: string) => bodyWithInlineImage('周六上午在社区广场举行义诊。', mediaId, 'inline-photo')

beforeAll(async () => {
  emulator = await startEmulator({ faults: null, accounts: [DEMO_ACCOUNT] })
  server = await startServer({ WECHAT_API_BASE: emulator.url })
  admin = await login(server.url, 'admin@demo.local', 'demo-password')
  leader = await login(server.url, 'leader@demo.local', 'demo-password')
  editor = await login(server.url, 'editor@demo.local', 'demo-password')

  // The editor's own images: a cover, a photo inline in the body, and a draft's cover.
  for (const [key, seed] of [
    ['cover', 1],
    ['inline', 2],
    ['draftCover', 3],
  ] as const) {
    const created = await sendImage(editor, 'POST', '/api/media', seed, { alt: `编辑的图片 ${key}` })
    expect(created.status).toBe(201)
    media[key] = created.body.doc.id
  }
  // The editor's item goes through review; the leader approves it, puts it in the week and signs off.
  const item = await api(server.url, editor, 'POST', '/api/articles', {
    title: TITLE,
    digest: '义诊通知',
    category: 'notice',
    cover: media.cover,
    body: bodyWithImage(media.inline),
  })
  expect(item.status).toBe(201)
  itemId = item.body.doc.id
  expect((await api(server.url, editor, 'POST', `/api/articles/${itemId}/review`, { action: 'submit' })).status).toBe(200)
  expect((await api(server.url, leader, 'POST', `/api/articles/${itemId}/review`, { action: 'approve' })).status).toBe(200)
  const draft = await api(server.url, editor, 'POST', '/api/articles', { title: '还在写的草稿', cover: media.draftCover })
  expect(draft.status).toBe(201)

  const generated = await api(server.url, leader, 'POST', '/api/weekly-pushes/generate', {})
  expect(generated.status).toBe(201)
  pushId = generated.body.doc.id
  const others = (generated.body.doc.items as { relationTo: string; value: string }[]).map(({ relationTo, value }) => ({ relationTo, value }))
  const bundle = await api(server.url, leader, 'POST', `/api/weekly-pushes/${pushId}/action`, {
    action: 'bundle',
    items: [{ relationTo: 'articles', value: itemId }, ...others].slice(0, 6),
  })
  expect(bundle.status).toBe(200)
  const signedOff = await api(server.url, leader, 'POST', `/api/weekly-pushes/${pushId}/action`, { action: 'sign-off' })
  expect(signedOff.body.message).toContain('已审定')
  expect(await pushStatus()).toBe('signed_off')
}, 240_000)

afterAll(async () => {
  await server?.stop()
  await emulator?.close()
})

test('REST: the editor cannot swap the cover or the inline image of the signed-off item (nor can an admin, one by one or in bulk); the push stays signed off and the files stay', async () => {
  const before = { cover: await stored(media.cover), inline: await stored(media.inline) }

  const cover = await sendImage(editor, 'PATCH', `/api/media/${media.cover}`, 11, {})
  expect(cover.status).toBe(409)
  expect(cover.body.errors[0].message).toContain(`《${TITLE}》`)
  expect(cover.body.errors[0].message).toContain('上传新图片作为新的图片文档，并在稿件中替换')
  const english = await sendImage(editor, 'PATCH', `/api/media/${media.cover}`, 11, {}, 'en')
  expect(english.status).toBe(409)
  expect(english.body.errors[0].message).toContain(`"${TITLE}"`)
  expect(english.body.errors[0].message).toContain('Upload the new image as a new media document')

  const inline = await sendImage(editor, 'PATCH', `/api/media/${media.inline}`, 12, { alt: '换掉的图' })
  expect(inline.status).toBe(409)
  expect(inline.body.errors[0].message).toContain(`《${TITLE}》`)
  expect((await sendImage(admin, 'PATCH', `/api/media/${media.cover}`, 13, {})).status).toBe(409)

  const bulk = await sendImage(editor, 'PATCH', `/api/media?where[id][in]=${media.cover},${media.inline}`, 14, {})
  expect(bulk.status).toBe(409)
  const bulkAlt = await api(server.url, editor, 'PATCH', `/api/media?where[id][equals]=${media.inline}`, { alt: '批量改说明' })
  expect(bulkAlt.status).toBe(409)

  // Deleting it (admins only) would take the cover away from the item: refused too.
  const deleted = await api(server.url, admin, 'DELETE', `/api/media/${media.cover}`)
  expect(deleted.status).toBe(409)
  expect(deleted.body.errors[0].message).toContain(`《${TITLE}》`)

  expect(await stored(media.cover)).toEqual(before.cover)
  expect(await stored(media.inline)).toEqual(before.inline)
  expect(await pushStatus()).toBe('signed_off')
}, 60_000)

test("alt text and focal point: the inline image's alt goes out in the article and is held; a cover's alt and focal point are not sent and can change", async () => {
  const inline = await api(server.url, editor, 'PATCH', `/api/media/${media.inline}`, { alt: '义诊现场（改）' })
  expect(inline.status).toBe(409)
  expect(inline.body.errors[0].message).toContain('图片说明随正文一起发给微信')
  const before = await stored(media.cover)
  const cover = await api(server.url, editor, 'PATCH', `/api/media/${media.cover}`, { alt: '封面：社区广场', focalX: 30, focalY: 40 })
  expect(cover.status).toBe(200)
  expect(await stored(media.cover)).toEqual({ ...before, alt: '封面：社区广场' })
  expect(await pushStatus()).toBe('signed_off')
}, 60_000)

test('GraphQL updateMedia is held to the same rule', async () => {
  const changed = await graphql(
    server.url,
    editor,
    `
      mutation ($id: String!) {
        updateMedia(id: $id, data: { alt: "GraphQL 改说明" }) {
          alt
        }
      }
    `,
    { id: media.inline },
  )
  expect(changed.body.data?.updateMedia ?? null).toBeNull()
  expect(changed.body.errors[0].message).toContain(`《${TITLE}》`)
  expect((await stored(media.inline)).alt).toBe('编辑的图片 inline')
}, 60_000)

test('an image only a draft uses can still be replaced', async () => {
  const before = await stored(media.draftCover)
  const replaced = await sendImage(editor, 'PATCH', `/api/media/${media.draftCover}`, 15, {})
  expect(replaced.status).toBe(200)
  expect((await stored(media.draftCover)).sha).not.toBe(before.sha)
}, 60_000)
