import fs from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'
import sharp from 'sharp'
import { cleanStoredImages } from '../src/services/media/clean-stored-files'
import { drawCover } from '../src/seed/covers'
import { startTestPayload, type TestPayload } from './helpers/payload'

// Issue 11, finding 8, for images stored before uploads were re-encoded: the upgrade's migration
// cleans every stored file of its EXIF (GPS) in place, original and sizes, staff and residents'.

let t: TestPayload
let payload: Payload
/** Where the running config keeps each collection's files. */
const mediaDirectory = () => String(payload.collections.media.config.upload.staticDir)
const residentMediaDirectory = () => String(payload.collections['resident-media'].config.upload.staticDir)

beforeAll(async () => {
  t = await startTestPayload()
  payload = t.payload
}, 120_000)

afterAll(async () => {
  await t?.close()
})

/** A phone photo as it was stored before: GPS, maker, and turned (orientation 6: stored 40×80, shown 80×40). */
const photoWithGps = () =>
  sharp({ create: { width: 40, height: 80, channels: 3, background: '#3366aa' } })
    .withExif({
      IFD0: { Make: 'PhoneMaker' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '34/1 15/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '108/1 56/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer()

const hasMetadata = async (file: string) => {
  const metadata = await sharp(fs.readFileSync(file)).metadata()
  return Boolean(metadata.exif || metadata.xmp || metadata.iptc) || fs.readFileSync(file).includes(Buffer.from('PhoneMaker'))
}

test('stored images with EXIF are re-encoded in place (original, sizes, residents’ photos), the document follows, voice is untouched, a second run changes nothing', async () => {
  const cover = await drawCover(3)
  const media = await payload.create({
    collection: 'media',
    overrideAccess: true,
    data: { alt: '旧照片' },
    file: { data: cover, mimetype: 'image/jpeg', name: 'old.jpg', size: cover.length },
  })
  const original = path.join(mediaDirectory(), String(media.filename))
  const thumbnail = path.join(mediaDirectory(), String((media.sizes as Record<string, { filename: string }>).thumbnail.filename))
  const old = await photoWithGps()
  fs.writeFileSync(original, old)
  fs.writeFileSync(thumbnail, old)
  expect(await hasMetadata(original)).toBe(true)

  const account = await payload.create({
    collection: 'wechat-accounts',
    overrideAccess: true,
    data: {
      name: '测试号',
      appId: 'wxclean0000000001',
      appSecret: 's'.repeat(32),
      token: 'tokenclean',
      encodingAESKey: 'a'.repeat(43),
      type: 'service',
      messageMode: 'safe',
    } as never,
  })
  const message = await payload.create({
    collection: 'resident-messages',
    overrideAccess: true,
    data: { account: account.id, openid: 'oClean000000000000000000001', type: 'image', received: new Date().toISOString(), status: 'new' } as never,
  })
  const residentPhoto = await payload.create({
    collection: 'resident-media',
    overrideAccess: true,
    data: { message: message.id, kind: 'image' } as never,
    file: { data: cover, mimetype: 'image/jpeg', name: 'photo.jpg', size: cover.length },
  })
  const residentFile = path.join(residentMediaDirectory(), String(residentPhoto.filename))
  fs.writeFileSync(residentFile, old)

  const first = await cleanStoredImages(payload)
  expect(first.cleaned).toBe(3)
  expect(first.failed).toEqual([])
  for (const file of [original, thumbnail, residentFile]) expect(await hasMetadata(file)).toBe(false)
  // Upright: the turned photo is now stored as it was shown, and the document says so.
  expect(await sharp(fs.readFileSync(original)).metadata()).toMatchObject({ width: 80, height: 40 })
  const after = await payload.findByID({ collection: 'media', id: media.id, overrideAccess: true })
  expect(after).toMatchObject({ width: 80, height: 40, filesize: fs.statSync(original).size })
  expect(fs.readdirSync(mediaDirectory()).filter((name) => name.endsWith('.cleaning'))).toEqual([])

  const bytes = fs.readFileSync(original)
  const second = await cleanStoredImages(payload)
  expect(second.cleaned).toBe(0)
  expect(second.alreadyClean).toBeGreaterThanOrEqual(3)
  expect(fs.readFileSync(original).equals(bytes)).toBe(true)
}, 60_000)

test('a stored file that has gone missing is reported, not thrown, and the rest are still cleaned', async () => {
  const cover = await drawCover(4)
  const lost = await payload.create({
    collection: 'media',
    overrideAccess: true,
    data: { alt: '丢失的文件' },
    file: { data: cover, mimetype: 'image/jpeg', name: 'lost.jpg', size: cover.length },
  })
  fs.rmSync(path.join(mediaDirectory(), String(lost.filename)))
  const kept = await payload.create({
    collection: 'media',
    overrideAccess: true,
    data: { alt: '另一张' },
    file: { data: cover, mimetype: 'image/jpeg', name: 'kept.jpg', size: cover.length },
  })
  fs.writeFileSync(path.join(mediaDirectory(), String(kept.filename)), await photoWithGps())
  const report = await cleanStoredImages(payload)
  expect(report.failed.map((entry) => entry.filename)).toContain(lost.filename)
  expect(report.cleaned).toBe(1)
  expect(await hasMetadata(path.join(mediaDirectory(), String(kept.filename)))).toBe(false)
}, 60_000)
