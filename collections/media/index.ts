import path from 'node:path'
import type { CollectionConfig } from 'payload'
import { isAdmin, isStaff } from '../../src/access/roles'
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, MAX_UPLOAD_MB, checkUpload, explainUploadError } from '../../src/services/media/check-upload'
import { refuseChangingSentMedia, refuseDeletingSentMedia } from './replace-guard'
import { stampUploader, updateOwnUploads, uploadedByField } from '../uploads/uploaded-by'

export const mediaDirectory = (): string => path.resolve(process.env.MEDIA_DIR ?? 'data/media')

export const Media: CollectionConfig = {
  slug: 'media',
  labels: { singular: { zh: '图片', en: 'Image' }, plural: { zh: '图片库', en: 'Media' } },
  admin: {
    useAsTitle: 'alt',
    group: { zh: '内容', en: 'Content' },
    defaultColumns: ['filename', 'alt', 'filesize', 'createdAt'],
    // Shown above the upload field: the limits are known before choosing a file.
    description: {
      zh: `JPG、PNG 或 WebP 图片，不超过 ${MAX_UPLOAD_MB} MB（微信的图片上限）、${MAX_IMAGE_PIXELS / 10_000} 万像素、每边 ${MAX_IMAGE_SIDE} 像素以内（位置等拍摄信息会被去掉）；封面建议 900×383`,
      en: `JPG, PNG or WebP images up to ${MAX_UPLOAD_MB} MB (WeChat's limit) and ${MAX_IMAGE_PIXELS / 1_000_000} megapixels, ${MAX_IMAGE_SIDE} pixels a side (location and other camera data are removed); covers 900×383`,
    },
  },
  access: {
    read: isStaff,
    create: isStaff,
    update: updateOwnUploads,
    delete: isAdmin,
  },
  hooks: {
    // What a leader approved is what is sent: no new file under an item in review or in a push.
    beforeOperation: [refuseChangingSentMedia, checkUpload],
    beforeDelete: [refuseDeletingSentMedia],
    afterError: [explainUploadError],
    beforeChange: [stampUploader],
  },
  upload: {
    staticDir: mediaDirectory(),
    mimeTypes: ['image/jpeg', 'image/png', 'image/webp'],
    imageSizes: [
      { name: 'thumbnail', width: 400, height: 300, position: 'centre' },
      { name: 'cover', width: 900, height: 383, position: 'centre' },
    ],
    adminThumbnail: 'thumbnail',
    focalPoint: true,
  },
  fields: [
    {
      name: 'alt',
      type: 'text',
      required: true,
      label: { zh: '图片说明', en: 'Alt text' },
      admin: { description: { zh: '给读屏软件和图片加载失败时显示', en: 'Shown to screen readers and when the image fails to load' } },
    },
    uploadedByField(),
  ],
}
