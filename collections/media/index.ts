import path from 'node:path'
import type { CollectionConfig } from 'payload'
import { isAdmin, isStaff, roleOf, staffOf } from '../../src/access/roles'
import { checkUpload } from './check-upload'

export const mediaDirectory = (): string => path.resolve(process.env.MEDIA_DIR ?? 'data/media')

export const Media: CollectionConfig = {
  slug: 'media',
  labels: { singular: { zh: '图片', en: 'Image' }, plural: { zh: '图片库', en: 'Media' } },
  admin: { useAsTitle: 'alt', group: { zh: '内容', en: 'Content' }, defaultColumns: ['filename', 'alt', 'filesize', 'createdAt'] },
  access: {
    read: isStaff,
    create: isStaff,
    update: ({ req }) => {
      const staff = staffOf(req.user)
      if (!staff) return false
      return staff.role === 'admin' ? true : { uploadedBy: { equals: staff.id } }
    },
    delete: isAdmin,
  },
  hooks: {
    beforeOperation: [checkUpload],
    beforeChange: [
      ({ data, operation, req }) => {
        if (operation === 'create' && roleOf(req.user)) data.uploadedBy = req.user?.id
        return data
      },
    ],
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
    {
      name: 'uploadedBy',
      type: 'relationship',
      relationTo: 'users',
      label: { zh: '上传人', en: 'Uploaded by' },
      access: { create: () => false, update: () => false },
      admin: { readOnly: true, position: 'sidebar' },
    },
  ],
}
