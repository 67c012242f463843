/**
 * What an uploaded file is, judged by its bytes, and the image re-encoded without what a camera or
 * phone writes into it. Used by every upload path: staff images (`media`, src/services/media/check-upload.ts)
 * and residents' files fetched from WeChat (`resident-media`, collections/resident-media.ts).
 *
 * Why re-encode: a phone photo carries EXIF (GPS position, time, device), XMP and IPTC; served
 * as uploaded, anyone given the image learns where it was taken. sharp writes a new file from the
 * decoded pixels: orientation applied first (`rotate()`, so photos still stand upright), the ICC
 * colour profile kept (colours unchanged), nothing else of the original's metadata.
 */
import { fileTypeFromBuffer } from 'file-type'
import sharp from 'sharp'

/**
 * Images larger than this in pixels are refused before sharp decodes them: 50 megapixels is beyond
 * any cover (WeChat shows 900×383) and decoding one costs about 200 MB of memory. Also sharp's
 * `limitInputPixels` wherever it decodes an upload, so no path decodes more.
 */
export const MAX_IMAGE_PIXELS = 50_000_000
/**
 * The longest side accepted, in pixels: WebP's own ceiling (16383), so every accepted image can be
 * re-encoded in its format. The largest phone photo (8160×6120 on a 50-megapixel sensor) fits, and
 * so does a 1080-wide long image (长图, common in government accounts' explainers) of about
 * fourteen phone screens; the 50-megapixel limit still bounds what is decoded.
 */
export const MAX_IMAGE_SIDE = 16383

/** The image formats stored, with the MIME type and the file extension that follow from them. */
const IMAGE_TYPES = {
  jpeg: { mime: 'image/jpeg', ext: 'jpg' },
  png: { mime: 'image/png', ext: 'png' },
  webp: { mime: 'image/webp', ext: 'webp' },
  gif: { mime: 'image/gif', ext: 'gif' },
} as const
export type ImageFormat = keyof typeof IMAGE_TYPES

/** Format and size read from an image's header: `width`×`height` as shown (EXIF orientation applied). */
export interface ImageHeader {
  format: ImageFormat
  width: number
  height: number
  /** Frames of an animated GIF or WebP; 1 for a still image. */
  pages: number
}

/**
 * The type of `data` by its leading bytes (file-type, the detector Payload itself uses), whatever
 * name or MIME type came with it: `{ mime, ext }`, or null when the bytes are no known format.
 */
export async function detectFileType(data: Buffer): Promise<{ mime: string; ext: string } | null> {
  const found = await fileTypeFromBuffer(data)
  return found ? { mime: found.mime, ext: found.ext } : null
}

/** The image format of a detected MIME type, when it is one stored (`image/jpeg` → `jpeg`). */
export function imageFormatOf(mime: string | null | undefined): ImageFormat | null {
  const entry = Object.entries(IMAGE_TYPES).find(([, type]) => type.mime === mime)
  return entry ? (entry[0] as ImageFormat) : null
}

/**
 * Reads the header only (no pixel is decoded): null when sharp cannot read it, it is not one of
 * `IMAGE_TYPES`, or it has no size. Width and height are swapped for EXIF orientations 5–8, as the
 * stored, upright image will be.
 */
export async function readImageHeader(data: Buffer): Promise<ImageHeader | null> {
  try {
    const metadata = await sharp(data, { limitInputPixels: false }).metadata()
    const format = metadata.format
    if (!format || !(format in IMAGE_TYPES) || !metadata.width || !metadata.height) return null
    const pages = metadata.pages ?? 1
    // For an animated image sharp reports one frame's height as pageHeight.
    const frameHeight = pages > 1 && metadata.pageHeight ? metadata.pageHeight : metadata.height
    const turned = (metadata.orientation ?? 1) >= 5
    return { format: format as ImageFormat, width: turned ? frameHeight : metadata.width, height: turned ? metadata.width : frameHeight, pages }
  } catch {
    return null
  }
}

/**
 * Whether an image is over MAX_IMAGE_SIDE a side or MAX_IMAGE_PIXELS in all (every frame of an
 * animated image counts: sharp decodes them together).
 */
export const exceedsImageLimits = ({ width, height, pages }: ImageHeader): boolean =>
  width * height * pages > MAX_IMAGE_PIXELS || width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE

/**
 * `data` re-encoded in its own format with no EXIF, XMP or IPTC: orientation applied, the ICC
 * profile kept, high quality (JPEG and WebP 90, PNG and GIF lossless as sharp writes them),
 * every frame of an animated GIF or WebP kept. Decodes at most MAX_IMAGE_PIXELS (sharp refuses
 * more, so call `readImageHeader` first to refuse with a reason). Throws sharp's error for a
 * damaged image.
 */
export async function cleanImage(data: Buffer, header: ImageHeader): Promise<Buffer> {
  const image = sharp(data, { limitInputPixels: MAX_IMAGE_PIXELS, animated: header.pages > 1 })
    .rotate()
    .keepIccProfile()
  switch (header.format) {
    case 'jpeg':
      // libjpeg-turbo, not mozjpeg: several times faster on a 12-megapixel photo, while the admin waits.
      return image.jpeg({ quality: 90 }).toBuffer()
    case 'png':
      return image.png().toBuffer()
    case 'webp':
      return image.webp({ quality: 90 }).toBuffer()
    case 'gif':
      return image.gif().toBuffer()
  }
}

/** How a caller words the two refusals of `replaceWithCleanImage` (each upload path has its own wording). */
export interface ImageRefusals {
  damaged: () => Error
  tooLarge: (header: ImageHeader) => Error
}

/**
 * The one path every stored image takes, whatever its source (the staff's uploads, residents' files):
 * reads `file`'s header (no pixel decoded), refuses a damaged image or one over MAX_IMAGE_PIXELS /
 * MAX_IMAGE_SIDE with the caller's errors, then replaces the file in place with `cleanImage`'s bytes,
 * its MIME type and its name's extension following `format` (the type detected from the bytes).
 */
export async function replaceWithCleanImage(
  file: { data: Buffer; size: number; mimetype: string; name: string },
  format: ImageFormat,
  refuse: ImageRefusals,
): Promise<void> {
  const header = await readImageHeader(file.data)
  if (!header || header.format !== format) throw refuse.damaged()
  if (exceedsImageLimits(header)) throw refuse.tooLarge(header)
  const clean = await cleanImage(file.data, header).catch(() => {
    throw refuse.damaged()
  })
  file.data = clean
  file.size = clean.length
  file.mimetype = IMAGE_TYPES[format].mime
  file.name = withExtension(file.name, IMAGE_TYPES[format].ext)
}

/** `name` with its extension replaced by `ext` (`polyglot.html` → `polyglot.jpg`; `photo` → `photo.jpg`). */
export function withExtension(name: string, ext: string): string {
  const base = name.replace(/\.[^./\\]*$/, '') || 'image'
  return `${base}.${ext}`
}
