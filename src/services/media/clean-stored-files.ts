import fs from 'node:fs/promises'
import path from 'node:path'
import type { Payload, PayloadRequest } from 'payload'
import sharp from 'sharp'
import { cleanImage, readImageHeader } from '../../shared/clean-image'

/** What one run did: files re-encoded, files already clean, files that could not be read (kept as they were). */
export interface StoredFilesReport {
  cleaned: number
  alreadyClean: number
  failed: Array<{ collection: string; filename: string; reason: string }>
}

interface StoredDoc {
  id: string | number
  filename?: string | null
  sizes?: Record<string, { filename?: string | null } | undefined> | null
}

/**
 * Removes EXIF, XMP and IPTC (GPS included) from images stored before uploads were cleaned
 * (issue 11, finding 8): every file of `media` (the original and each generated size) and of
 * `resident-media` that still carries such metadata is re-encoded in place with `cleanImage` —
 * same name, same format, orientation applied — and the document's `filesize`, `width` and
 * `height` follow the new original. Run once by the migration that ships it; safe to run again
 * (a file without metadata is left alone, so a second run changes nothing).
 *
 * Writes the documents with `payload.db.updateOne` (no hooks): the picture is the same, so an image
 * held by an approved item (collections/media/replace-guard.ts) is cleaned too. A file that is
 * missing or cannot be read is reported in `failed` and left as it is; nothing throws for one file.
 * `req`: the migration's request, so the reads and writes join its transaction.
 */
export async function cleanStoredImages(payload: Payload, req?: Partial<PayloadRequest>): Promise<StoredFilesReport> {
  const report: StoredFilesReport = { cleaned: 0, alreadyClean: 0, failed: [] }
  for (const collection of ['media', 'resident-media'] as const) {
    // Where this running config stores the collection's files (MEDIA_DIR / RESIDENT_MEDIA_DIR).
    const directory = payload.collections[collection].config.upload.staticDir ?? ''
    let page = 1
    for (;;) {
      const found = await payload.find({ collection, overrideAccess: true, req, depth: 0, limit: 100, page, pagination: true, sort: 'createdAt' })
      // Media and resident photos alike: only the files matter here (resident photos have no sizes).
      const docs: StoredDoc[] = found.docs
      for (const doc of docs) {
        if (!doc.filename) continue
        const original = await cleanFile(path.join(directory, path.basename(doc.filename)), collection, report)
        for (const size of Object.values(doc.sizes ?? {})) {
          if (size?.filename) await cleanFile(path.join(directory, path.basename(size.filename)), collection, report)
        }
        if (original) {
          await payload.db.updateOne({ collection, id: doc.id, data: { filesize: original.bytes, width: original.width, height: original.height }, req: req ?? {} })
        }
      }
      if (!found.hasNextPage) break
      page++
    }
  }
  if (report.cleaned > 0 || report.failed.length > 0) {
    payload.logger.info({ msg: 'stored images cleaned of EXIF/XMP/IPTC', cleaned: report.cleaned, alreadyClean: report.alreadyClean, failed: report.failed })
  }
  return report
}

/** Re-encodes one file when it carries metadata; its new size and dimensions, or null when untouched. */
async function cleanFile(file: string, collection: string, report: StoredFilesReport): Promise<{ bytes: number; width: number; height: number } | null> {
  let data: Buffer
  try {
    data = await fs.readFile(file)
  } catch (error) {
    report.failed.push({ collection, filename: path.basename(file), reason: error instanceof Error ? error.message : String(error) })
    return null
  }
  const header = await readImageHeader(data)
  // Voice and anything not an image carry no location: left as they are.
  if (!header) return null
  const metadata = await sharp(data, { limitInputPixels: false }).metadata()
  if (!metadata.exif && !metadata.xmp && !metadata.iptc) {
    report.alreadyClean++
    return null
  }
  try {
    const clean = await cleanImage(data, header)
    // Written beside the file and renamed over it: a crash never leaves half an image.
    const temporary = `${file}.cleaning`
    await fs.writeFile(temporary, clean)
    await fs.rename(temporary, file)
    report.cleaned++
    return { bytes: clean.length, width: header.width, height: header.height }
  } catch (error) {
    report.failed.push({ collection, filename: path.basename(file), reason: error instanceof Error ? error.message : String(error) })
    return null
  }
}
