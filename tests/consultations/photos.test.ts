/**
 * cleanSuggestionPhoto with real files (issue 14, deliverable 2): a phone JPEG with GPS EXIF comes out
 * a JPEG with no EXIF, upright; a PNG stays PNG without EXIF; a WebP becomes JPEG (PNG with alpha); the
 * committed HEIC (real HEVC, GPS EXIF inside) becomes a JPEG with the same size and no EXIF; a GIF,
 * a text file, an empty file, a file over 10 MB and a truncated HEIC are refused in Chinese; a HEIC over
 * 24 megapixels is refused from its header, before a pixel is decoded.
 */
import sharp from 'sharp'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { cleanSuggestionPhoto, MAX_HEIC_PIXELS } from '../../src/services/consultations/photos'
import { MAX_PHOTO_BYTES } from '../../src/services/consultations/submission'
import { GPS, MAKER, gif, gpsJpeg, heic, png, webp } from './photo-fixtures'

/** No EXIF marker, no maker or GPS text in the bytes, and nothing sharp reads as EXIF/XMP/IPTC. */
async function expectNoMetadata(bytes: Buffer) {
  expect(bytes.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false)
  expect(bytes.includes(Buffer.from(MAKER))).toBe(false)
  const metadata = await sharp(bytes).metadata()
  expect(metadata.exif).toBeUndefined()
  expect(metadata.xmp).toBeUndefined()
  expect(metadata.iptc).toBeUndefined()
}

const ok = async (bytes: Buffer, name: string) => {
  const result = await cleanSuggestionPhoto(bytes, name)
  if (!result.ok) throw new Error(result.message)
  return result.photo
}

test('the inputs do carry GPS EXIF (else the next tests prove nothing)', async () => {
  for (const input of [await gpsJpeg(), await png(), await webp(), await webp(true)]) {
    expect(input.includes(Buffer.from(MAKER))).toBe(true)
    // The GPS block (IFD3) is there: sharp reads it back with its latitude.
    const exif = (await sharp(input).metadata()).exif
    expect(exif?.includes(Buffer.from('GPS', 'latin1')) || exif?.includes(Buffer.from([0x88, 0x25])) || exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true)
  }
  // The HEIC fixture's EXIF (maker TestPhone, GPS) is inside its meta box.
  expect(heic().includes(Buffer.from('TestPhone'))).toBe(true)
  expect(GPS.GPSLatitude).toBe('31/1 14/1 0/1')
})

test('a phone JPEG with GPS: JPEG, no EXIF, upright (orientation applied), name kept with .jpg', async () => {
  const input = await gpsJpeg()
  const photo = await ok(input, 'C:\\Users\\x\\IMG_0001.JPEG')
  expect(photo).toMatchObject({ mimetype: 'image/jpeg', filename: 'IMG_0001.jpg', originalFormat: 'jpeg', originalBytes: input.length })
  const metadata = await sharp(photo.data).metadata()
  expect(metadata).toMatchObject({ format: 'jpeg', width: 300, height: 600 })
  expect(metadata.orientation).toBeUndefined()
  await expectNoMetadata(photo.data)
})

test('a PNG stays PNG, without its EXIF', async () => {
  const photo = await ok(await png(), 'shot.png')
  expect(photo).toMatchObject({ mimetype: 'image/png', filename: 'shot.png', originalFormat: 'png' })
  expect((await sharp(photo.data).metadata()).format).toBe('png')
  await expectNoMetadata(photo.data)
})

test('a WebP becomes JPEG; one with transparency becomes PNG', async () => {
  const opaque = await ok(await webp(), 'a.webp')
  expect(opaque).toMatchObject({ mimetype: 'image/jpeg', filename: 'a.jpg', originalFormat: 'webp' })
  expect(await sharp(opaque.data).metadata()).toMatchObject({ format: 'jpeg', width: 80, height: 60 })
  await expectNoMetadata(opaque.data)

  const clear = await ok(await webp(true), 'sticker.webp')
  expect(clear).toMatchObject({ mimetype: 'image/png', filename: 'sticker.png', originalFormat: 'webp' })
  expect(await sharp(clear.data).metadata()).toMatchObject({ format: 'png', hasAlpha: true })
  await expectNoMetadata(clear.data)
})

test('a real HEIC (HEVC, GPS EXIF inside) becomes a JPEG of the same size without EXIF', async () => {
  const input = heic()
  const photo = await ok(input, 'IMG_4242.HEIC')
  expect(photo).toMatchObject({ mimetype: 'image/jpeg', filename: 'IMG_4242.jpg', originalFormat: 'heic', originalBytes: input.length })
  const metadata = await sharp(photo.data).metadata()
  expect(metadata).toMatchObject({ format: 'jpeg', width: 320, height: 240, channels: 3 })
  await expectNoMetadata(photo.data)
  // The pixels are the photo's (a gradient: red grows to the right), not a blank.
  const { data, info } = await sharp(photo.data).raw().toBuffer({ resolveWithObject: true })
  const red = (x: number, y: number) => data[(y * info.width + x) * info.channels]!
  expect(red(250, 120) - red(10, 120)).toBeGreaterThan(150)
})

test('the bytes decide, not the name: a HEIC named .jpg is converted, a JPEG named .heic stays JPEG', async () => {
  expect(await ok(heic(), 'x.jpg')).toMatchObject({ originalFormat: 'heic', mimetype: 'image/jpeg' })
  expect(await ok(await gpsJpeg(), 'y.heic')).toMatchObject({ originalFormat: 'jpeg', filename: 'y.jpg' })
})

test('refusals in Chinese, at the photo’s place in the form', async () => {
  expect(await cleanSuggestionPhoto(await gif(), 'a.gif', { position: 3 })).toEqual({
    ok: false,
    message: '第 3 张是 GIF 动图，请上传照片（JPG、PNG、HEIC 或 WebP）',
  })
  expect(await cleanSuggestionPhoto(Buffer.from('<html>hello</html>'), 'a.jpg')).toEqual({
    ok: false,
    message: '第 1 张不是支持的图片格式，请上传 JPG、PNG、HEIC 或 WebP 照片',
  })
  expect(await cleanSuggestionPhoto(Buffer.alloc(0), 'empty.jpg', { position: 2 })).toEqual({ ok: false, message: '第 2 张照片是空文件，请重新选择' })
  const big = Buffer.concat([await gpsJpeg(), Buffer.alloc(MAX_PHOTO_BYTES)])
  expect(await cleanSuggestionPhoto(big, 'big.jpg', { position: 6 })).toEqual({ ok: false, message: '第 6 张照片超过 10 MB，请压缩后再上传' })
  const cut = heic().subarray(0, 600)
  const damaged = await cleanSuggestionPhoto(cut, 'cut.heic')
  expect(damaged).toEqual({ ok: false, message: '第 1 张照片无法读取（文件可能已损坏或不完整），请重新选择' })
  const cutJpeg = (await gpsJpeg()).subarray(0, 200)
  expect(await cleanSuggestionPhoto(cutJpeg, 'cut.jpg')).toMatchObject({ ok: false })
})

test('over the shared pixel limit (16383 px a side) refused before decoding', async () => {
  const wide = await sharp({ create: { width: 16384, height: 2, channels: 3, background: '#ffffff' } })
    .png()
    .toBuffer()
  expect(await cleanSuggestionPhoto(wide, 'wide.png')).toEqual({ ok: false, message: '第 1 张照片尺寸过大（16384×2 像素），请缩小后再上传' })
})

test('a HEIC over 24 megapixels (6000×4096, under the shared 50) is refused in Chinese before its pixels are decoded', async () => {
  // `fixtures/consultations/plain-24mp.heic` (6 KB, one flat colour): a 6000×4096 JPEG drawn by sharp,
  // then `heif-enc -q 1 -o plain-24mp.heic in.jpg` (Debian 12's libheif-examples 1.15.1).
  const big = readFileSync(fileURLToPath(new URL('../fixtures/consultations/plain-24mp.heic', import.meta.url)))
  expect(6000 * 4096).toBeGreaterThan(MAX_HEIC_PIXELS)
  const started = Date.now()
  const answer = await cleanSuggestionPhoto(big, 'IMG_48MP.HEIC', { position: 2 })
  expect(answer).toEqual({ ok: false, message: expect.stringContaining('第 2 张 HEIC 照片像素过多（6000×4096') })
  expect(!answer.ok && answer.message).toContain('最多 2400 万像素')
  // Only the header was read: no second-long decode of 24 MP on the main thread.
  expect(Date.now() - started).toBeLessThan(1500)
})
