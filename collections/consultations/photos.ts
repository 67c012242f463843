import type { CollectionConfig } from 'payload'
import path from 'node:path'
import { canReadPhotos } from '../../src/services/consultations/access'
import { mediaDirectory } from '../media'

/** Where residents' suggestion photos are kept: beside the media directory unless CONSULTATION_PHOTOS_DIR says. */
const photosDirectory = (): string => path.resolve(process.env.CONSULTATION_PHOTOS_DIR ?? path.join(path.dirname(mediaDirectory()), 'consultation-photos'))

/**
 * 建议照片: the photos a resident attaches to a suggestion, converted to JPEG or PNG and stripped of
 * EXIF (location) before they are stored. Personal data until the suggestion is approved.
 */
export const ConsultationPhotos: CollectionConfig = {
  slug: 'consultation-photos',
  labels: { singular: { zh: '建议照片', en: 'Suggestion photo' }, plural: { zh: '建议照片', en: 'Suggestion photos' } },
  admin: { group: { zh: '微问政', en: 'Consultations' } },
  // Read by those who read their suggestion; stored only by the residents' page (submit.ts).
  access: { read: canReadPhotos, create: () => false, update: () => false, delete: () => false },
  upload: { staticDir: photosDirectory(), mimeTypes: ['image/jpeg', 'image/png'] },
  fields: [
    { name: 'submission', type: 'relationship', relationTo: 'consultation-submissions', index: true, label: { zh: '居民建议', en: 'Suggestion' } },
    { name: 'originalFormat', type: 'text', label: { zh: '原格式', en: 'Original format' } },
  ],
  timestamps: true,
}
