import path from 'node:path'
import type { Access, CollectionConfig } from 'payload'
import { isAdmin, staffOf } from '../src/access/roles'
import { mediaDirectory } from './media'
import { readableMessages, throughRelation } from './resident-messages/access'

const nobody = () => false

/**
 * Where residents' images and voice are kept: beside the public `media` folder in the data
 * directory (`RESIDENT_MEDIA_DIR` overrides), never under a public URL — Payload serves each file
 * through `/api/resident-media/file/<name>` only after the read rule below.
 */
export const residentMediaDirectory = (): string => path.resolve(process.env.RESIDENT_MEDIA_DIR ?? path.join(path.dirname(mediaDirectory()), 'resident-media'))

/**
 * Exactly the people who may read the message may read its files (the message's rule,
 * collections/resident-messages/access.ts, through the `message` relation): an editor of another
 * community's queue gets nothing, not even the file by its name. No one else, never without a login.
 */
export const readResidentMedia: Access = ({ req }) => {
  const staff = staffOf(req.user)
  if (!staff) return false
  const messages = readableMessages(staff)
  return messages === true ? true : throughRelation(messages, 'message.')
}

/**
 * Residents' images, voice and video thumbnails, fetched from WeChat (`media/get`) when their
 * message is processed: WeChat deletes temporary media after 3 days. Personal data, so not the
 * public `media` collection: written by the inbound worker only, read as the message is.
 */
export const ResidentMedia: CollectionConfig = {
  slug: 'resident-media',
  labels: { singular: { zh: '居民发来的文件', en: 'Resident file' }, plural: { zh: '居民发来的文件', en: 'Resident files' } },
  admin: {
    group: { zh: '微信', en: 'WeChat' },
    defaultColumns: ['filename', 'kind', 'message', 'createdAt'],
    // Opened from the message; the list is for administrators.
  },
  access: { read: readResidentMedia, create: nobody, update: nobody, delete: isAdmin },
  upload: {
    staticDir: residentMediaDirectory(),
    // What WeChat hands over for image, voice and video-thumbnail messages (voice: AMR or Speex).
    mimeTypes: ['image/*', 'audio/*'],
    disableLocalStorage: false,
  },
  fields: [
    { name: 'message', type: 'relationship', relationTo: 'resident-messages', required: true, index: true, label: { zh: '居民留言', en: 'Message' } },
    {
      name: 'kind',
      type: 'select',
      required: true,
      label: { zh: '类型', en: 'Kind' },
      options: [
        { value: 'image', label: { zh: '图片', en: 'Image' } },
        { value: 'voice', label: { zh: '语音', en: 'Voice' } },
        { value: 'thumb', label: { zh: '视频封面', en: 'Video thumbnail' } },
      ],
    },
    // WeChat's id of the temporary file, kept to tell which fetch produced this file.
    { name: 'wechatMediaId', type: 'text', index: true, label: { zh: '微信 MediaId', en: 'WeChat MediaId' }, admin: { readOnly: true } },
  ],
  timestamps: true,
}
