/**
 * Staff uploads through REST on the production server (issue 11, finding 8): a phone photo's EXIF
 * (GPS) is gone from the stored file and from every size Payload makes, and the photo stands upright;
 * the stored name and MIME type follow what the bytes are (a JPEG named `x.html` is `x.jpg`, served
 * as image/jpeg with nosniff); an image over the pixel limits, and a create that would make Payload
 * fetch a web address, are refused in Chinese (English when the admin is English).
 */
import sharp from 'sharp'
import { api, login, startServer, type Session, type TestServer } from '../helpers/server'

let server: TestServer
let editor: Session

beforeAll(async () => {
  server = await startServer()
  editor = await login(server.url, 'editor@demo.local', 'demo-password')
}, 180_000)
afterAll(async () => server?.stop())

/** Where and with what a phone writes into a JPEG: the GPS position of Xi'an, the maker, the orientation. */
const GPS = { GPSLatitudeRef: 'N', GPSLatitude: '34/1 15/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '108/1 56/1 0/1' }

/**
 * A 1200×600 landscape JPEG, blue in its left sixth, tagged with EXIF orientation 6 (shown turned 90°
 * clockwise: 600×1200, blue on top) and with GPS: what a phone held upright writes.
 */
async function phonePhoto(): Promise<Buffer> {
  const blue = await sharp({ create: { width: 200, height: 600, channels: 3, background: '#0000ff' } })
    .png()
    .toBuffer()
  return sharp({ create: { width: 1200, height: 600, channels: 3, background: '#c04020' } })
    .composite([{ input: blue, left: 0, top: 0 }])
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: 'PhoneMaker', Model: 'Phone 12' }, IFD3: GPS })
    .toBuffer()
}

async function upload(name: string, type: string, data: Buffer, lang: 'zh' | 'en' = 'zh') {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(data)], { type }), name)
  form.append('_payload', JSON.stringify({ alt: '测试图片' }))
  const response = await fetch(`${server.url}/api/media`, {
    method: 'POST',
    headers: { Authorization: `JWT ${editor.token}`, 'Accept-Language': lang },
    body: form,
  })
  return { status: response.status, body: (await response.json()) as any }
}

const download = async (url: string) => {
  const response = await fetch(new URL(url, server.url), { headers: { Authorization: `JWT ${editor.token}` } })
  expect(response.status).toBe(200)
  return { headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) }
}

/** No EXIF block ('Exif\0\0' marker), no maker or GPS text, nothing sharp reads as EXIF or XMP. */
async function expectNoCameraData(bytes: Buffer) {
  expect(bytes.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false)
  expect(bytes.includes(Buffer.from('PhoneMaker'))).toBe(false)
  const metadata = await sharp(bytes).metadata()
  expect(metadata.exif).toBeUndefined()
  expect(metadata.xmp).toBeUndefined()
  expect(metadata.orientation ?? 1).toBe(1)
}

test('a phone photo: the stored file and every size have no EXIF (GPS) and stand upright', async () => {
  const original = await phonePhoto()
  expect(original.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(true)
  const result = await upload('IMG_0001.jpg', 'image/jpeg', original)
  expect(result.status).toBe(201)
  const doc = result.body.doc
  expect([doc.width, doc.height, doc.mimeType]).toEqual([600, 1200, 'image/jpeg'])

  const stored = await download(doc.url)
  await expectNoCameraData(stored.bytes)
  const { data, info } = await sharp(stored.bytes).raw().toBuffer({ resolveWithObject: true })
  expect([info.width, info.height]).toEqual([600, 1200])
  // Upright: the blue side of the landscape is now the top.
  const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)]
  expect(pixel(300, 50)[2]).toBeGreaterThan(200)
  expect(pixel(300, 1150)[2]).toBeLessThan(80)

  expect(Object.keys(doc.sizes).sort()).toEqual(['cover', 'thumbnail'])
  for (const size of Object.values(doc.sizes) as Array<{ url: string }>) await expectNoCameraData((await download(size.url)).bytes)
})

test('a JPEG named x.html is stored as x.jpg and served as image/jpeg with nosniff', async () => {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#20a040' } })
    .jpeg()
    .toBuffer()
  const polyglot = Buffer.concat([jpeg, Buffer.from('<html><script>alert(document.cookie)</script></html>')])
  const result = await upload('x.html', 'text/html', polyglot)
  expect(result.status).toBe(201)
  expect(result.body.doc).toMatchObject({ filename: 'x.jpg', mimeType: 'image/jpeg' })
  const served = await download(result.body.doc.url)
  expect(served.headers.get('content-type')).toBe('image/jpeg')
  expect(served.headers.get('x-content-type-options')).toBe('nosniff')
  // Re-encoded: what followed the image is gone.
  expect(served.bytes.includes(Buffer.from('<script'))).toBe(false)
})

test('an image over 16383 pixels a side is refused with the limit and its size, in the admin’s language', async () => {
  const wide = await sharp({ create: { width: 16384, height: 20, channels: 3, background: '#ffffff' } })
    .png()
    .toBuffer()
  const zh = await upload('banner.png', 'image/png', wide)
  expect(zh.status).toBe(400)
  expect(zh.body.errors[0].message).toBe('图片尺寸过大：最多 5000 万像素、每边不超过 16383 像素，“banner.png”是 16384×20')
  const en = await upload('banner.png', 'image/png', wide, 'en')
  expect(en.body.errors[0].message).toBe('Image too large in pixels: at most 50 megapixels and 16383 pixels a side; "banner.png" is 16384×20')
})

test('a create without a file is refused: Payload is never made to fetch an image from a web address', async () => {
  const result = await api(server.url, editor, 'POST', '/api/media', { alt: '网址图片', filename: 'x.html', url: 'http://127.0.0.1:9/x.jpg' })
  expect(result.status).toBe(400)
  expect(result.body.errors[0].message).toBe('请选择要上传的图片文件（不支持从网址导入图片）')
})
