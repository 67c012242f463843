import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'
import { PUSH_SYSTEM_CONTEXT } from '../src/services/push/system-context'
import { REVIEW_TRANSITION_CONTEXT } from '../src/services/review/hooks'
import { drawCover } from '../src/seed/covers'
import { createFixtures, createItem, type Fixtures } from './helpers/fixtures'
import { startTestPayload, type TestPayload } from './helpers/payload'
import { bodyWithInlineImage } from './helpers/lexical'

// What a leader approved is what is sent, through the Local API as a person (overrideAccess: false):
// an image used by an item under review, approved, scheduled or sent, or in an unfinished push's
// bundle, keeps its file (and, inline in a body, its alt text); a draft's image does not.

let t: TestPayload
let payload: Payload
let fx: Fixtures
let pushId: string

const jpeg = async (seed: number) => {
  const data = await drawCover(seed)
  return { data, mimetype: 'image/jpeg', name: `image-${seed}.jpg`, size: data.length }
}

/** An image uploaded by the editor `author` (so the author may update it). */
const upload = async (seed: number, alt = `图片${seed}`) =>
  String((await payload.create({ collection: 'media', data: { alt }, file: await jpeg(seed), user: fx.users.author, overrideAccess: false })).id)

/** The stored file of a media document: name and content hash. */
const stored = async (id: string) => {
  const doc = (await payload.findByID({ collection: 'media', id, depth: 0 })) as unknown as { filename: string; alt: string }
  const bytes = fs.readFileSync(path.join(t.directory, 'media', doc.filename))
  return { filename: doc.filename, alt: doc.alt, sha: createHash('sha256').update(bytes).digest('hex') }
}

const bodyWithImage = (mediaId: string) => bodyWithInlineImage('正文。', mediaId, 'inline-1')

const replaceFile = (id: string, seed: number, user = fx.users.author) =>
  jpeg(seed).then((file) => payload.update({ collection: 'media', id, file, data: {}, user, overrideAccess: false }))

beforeAll(async () => {
  t = await startTestPayload()
  payload = t.payload
  fx = await createFixtures(payload)
  const account = await payload.create({
    collection: 'wechat-accounts',
    data: {
      name: '测试服务号',
      appId: 'wxmedialock00001',
      appSecret: 'test-secret-000000000000000000001',
      token: 'testtoken',
      encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
      isDefault: true,
      type: 'service',
    } as never,
  })
  pushId = String(
    (
      await payload.create({
        collection: 'weekly-pushes',
        data: { week: '2026-W48', account: account.id, status: 'signed_off', items: [] } as never,
        context: { [PUSH_SYSTEM_CONTEXT]: true },
      })
    ).id,
  )
}, 60_000)
afterAll(async () => t?.close())

test('an approved item in a signed-off push: cover and inline image keep their files (single and bulk), the inline alt text stays, the push stays signed off', async () => {
  const cover = await upload(1)
  const inline = await upload(2, '正文插图')
  const item = await createItem(payload, fx, 'articles', 'scheduled', { title: '已审定的通知', cover, body: bodyWithImage(inline) })
  await payload.update({
    collection: 'weekly-pushes',
    id: pushId,
    data: { items: [{ relationTo: 'articles', value: item }] } as never,
    context: { [PUSH_SYSTEM_CONTEXT]: true },
  })
  const before = { cover: await stored(cover), inline: await stored(inline) }

  await expect(replaceFile(cover, 11)).rejects.toMatchObject({ status: 409, message: expect.stringContaining('《已审定的通知》') })
  await expect(replaceFile(cover, 11)).rejects.toThrow('上传新图片作为新的图片文档，并在稿件中替换')
  await expect(replaceFile(inline, 12)).rejects.toThrow('2026-W48')
  // An admin is held to it too.
  await expect(replaceFile(cover, 13, fx.users.admin)).rejects.toMatchObject({ status: 409 })
  const bulk = payload.update({
    collection: 'media',
    where: { id: { in: [cover, inline] } },
    file: await jpeg(14),
    data: {},
    user: fx.users.author,
    overrideAccess: false,
  })
  await expect(bulk).rejects.toMatchObject({ status: 409 })
  // The alt text of an inline image goes out in the article HTML; a cover's does not.
  await expect(payload.update({ collection: 'media', id: inline, data: { alt: '换了说明' }, user: fx.users.author, overrideAccess: false })).rejects.toThrow(
    '图片说明随正文一起发给微信',
  )
  await payload.update({ collection: 'media', id: cover, data: { alt: '封面新说明' }, user: fx.users.author, overrideAccess: false })

  expect(await stored(cover)).toEqual({ ...before.cover, alt: '封面新说明' })
  expect(await stored(inline)).toEqual(before.inline)
  const push = await payload.findByID({ collection: 'weekly-pushes', id: pushId, depth: 0 })
  expect(push.status).toBe('signed_off')
  // Deleting it (admins only) would take the cover away: refused as well.
  await expect(payload.delete({ collection: 'media', id: cover, user: fx.users.admin, overrideAccess: false })).rejects.toMatchObject({ status: 409 })
  expect((await stored(cover)).sha).toBe(before.cover.sha)
}, 60_000)

test('every frozen state and every media field counts; drafts, returned and archived items do not; a bundle holds its items whatever their state', async () => {
  const frozen: Array<[string, 'articles' | 'policy-explainers' | 'community-news', Record<string, unknown>]> = [
    ['submitted', 'policy-explainers', {}],
    ['approved', 'articles', {}],
    ['sent', 'articles', {}],
  ]
  for (const [state, collection] of frozen) {
    const cover = await upload(20)
    await createItem(payload, fx, collection, state as never, { title: `${state}稿件`, cover })
    await expect(replaceFile(cover, 21)).rejects.toThrow(`${state}稿件`)
  }
  // Community news' photos are part of what the leader approved too.
  const photo = await upload(22)
  await createItem(payload, fx, 'community-news', 'approved', { title: '活动照片', photos: [photo] })
  await expect(replaceFile(photo, 23)).rejects.toThrow('《活动照片》')

  for (const state of ['draft', 'returned', 'withdrawn', 'archived'] as const) {
    const cover = await upload(30)
    const inline = await upload(31)
    await createItem(payload, fx, 'articles', state, { cover, body: bodyWithImage(inline) })
    const before = await stored(cover)
    await replaceFile(cover, 32)
    expect((await stored(cover)).sha).not.toBe(before.sha)
    await payload.update({ collection: 'media', id: inline, data: { alt: '草稿里可以改' }, user: fx.users.author, overrideAccess: false })
  }

  // An item an admin set back to `returned` while it sits in the signed-off bundle still goes out with it.
  const cover = await upload(40)
  const item = await createItem(payload, fx, 'articles', 'returned', { title: '仍在推送中的稿件', cover })
  const push = await payload.findByID({ collection: 'weekly-pushes', id: pushId, depth: 0 })
  await payload.update({
    collection: 'weekly-pushes',
    id: pushId,
    data: { items: [...(push.items as unknown as unknown[]), { relationTo: 'articles', value: item }] } as never,
    context: { [PUSH_SYSTEM_CONTEXT]: true },
  })
  await expect(replaceFile(cover, 41)).rejects.toThrow('《仍在推送中的稿件》')
  // Once the push is finished (sent or skipped), only the item's own state counts.
  await payload.update({
    collection: 'weekly-pushes',
    id: pushId,
    data: { status: 'skipped' } as never,
    context: { [PUSH_SYSTEM_CONTEXT]: true, [REVIEW_TRANSITION_CONTEXT]: true },
  })
  await replaceFile(cover, 42)
}, 120_000)
