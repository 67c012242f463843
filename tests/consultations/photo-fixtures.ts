/**
 * Photos as a resident's phone makes them, for the suggestion tests: a JPEG with GPS EXIF and an
 * orientation, a PNG, a WebP (with and without transparency), the committed HEIC (made with libheif's
 * heif-enc from a JPEG carrying GPS EXIF: tests/README.md), and a GIF.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'

/** Where the photos were "taken" (Shanghai), and the maker written beside it. */
export const GPS = { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '121/1 28/1 0/1' }
export const MAKER = 'PhoneMaker'

/** A 600×300 JPEG (red, blue left third) tagged orientation 6 (shown 300×600) with GPS and maker EXIF. */
export async function gpsJpeg(): Promise<Buffer> {
  const blue = await sharp({ create: { width: 200, height: 300, channels: 3, background: '#0000ff' } })
    .png()
    .toBuffer()
  return sharp({ create: { width: 600, height: 300, channels: 3, background: '#c04020' } })
    .composite([{ input: blue, left: 0, top: 0 }])
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: MAKER, Model: 'Phone 12' }, IFD3: GPS })
    .toBuffer()
}

/** A 64×48 green PNG carrying EXIF too (a PNG may: eXIf chunk). */
export const png = (): Promise<Buffer> =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: '#20a040' } })
    .png()
    .withExif({ IFD0: { Make: MAKER }, IFD3: GPS })
    .toBuffer()

/** A 80×60 opaque WebP with GPS EXIF; `alpha`: half-transparent instead. */
export const webp = (alpha = false): Promise<Buffer> =>
  sharp({ create: { width: 80, height: 60, channels: alpha ? 4 : 3, background: alpha ? { r: 0, g: 0, b: 255, alpha: 0.5 } : '#2040c0' } })
    .webp({ quality: 80 })
    .withExif({ IFD0: { Make: MAKER }, IFD3: GPS })
    .toBuffer()

/** A 2-frame animated GIF (refused: not a photo). */
export const gif = (): Promise<Buffer> =>
  sharp({ create: { width: 10, height: 20, channels: 3, background: '#ff0000' } })
    .gif()
    .toBuffer()
    .then((frame) =>
      sharp([frame, frame], { join: { animated: true } })
        .gif()
        .toBuffer(),
    )

/** tests/fixtures/consultations/photo.heic: 320×240, HEVC, with GPS EXIF (heif-enc of a JPEG). */
export const HEIC_PATH = fileURLToPath(new URL('../fixtures/consultations/photo.heic', import.meta.url))
export const heic = (): Buffer => readFileSync(HEIC_PATH)
