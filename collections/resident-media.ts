import path from 'node:path'
import type { Access, CollectionBeforeOperationHook, CollectionConfig } from 'payload'
import { isAdmin, staffOf } from '../src/access/roles'
import { publicError } from '../src/shared/errors'
import { mediaDirectory } from './media'
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, detectFileType, imageFormatOf, replaceWithCleanImage, withExtension } from '../src/shared/clean-image'
import { readableMessages, throughRelation } from '../src/services/inbox/access'

const nobody = () => false

/**
 * Where residents' images and voice are kept: beside the public `media` folder in the data
 * directory (`RESIDENT_MEDIA_DIR` overrides), never under a public URL — Payload serves each file
 * through `/api/resident-media/file/<name>` only after the read rule below.
 */
const residentMediaDirectory = (): string => path.resolve(process.env.RESIDENT_MEDIA_DIR ?? path.join(path.dirname(mediaDirectory()), 'resident-media'))

/**
 * Exactly the people who may read the message may read its files (the message's rule,
 * src/services/inbox/access.ts, through the `message` relation): an editor of another
 * community's queue gets nothing, not even the file by its name. No one else, never without a login.
 */
const readResidentMedia: Access = ({ req }) => {
  const staff = staffOf(req.user)
  if (!staff) return false
  const messages = readableMessages(staff)
  return messages === true ? true : throughRelation(messages, 'message.')
}

/**
 * Every file stored here is first judged by its bytes, whatever type and name WeChat gave it:
 * - an image (image messages, video thumbnails) is re-encoded in its own format without
 *   EXIF/XMP/IPTC — a resident's photo carries where it was taken — upright, stored as `.jpg`,
 *   `.png`, `.webp` or `.gif` by what it is; over MAX_IMAGE_PIXELS / MAX_IMAGE_SIDE or unreadable, it is refused;
 * - voice keeps its bytes (it carries no location) under the extension of its detected type
 *   (`.amr`, `.spx` for Ogg Speex, `.mp3`), so it is served as audio, never as a page;
 * - anything else, or an image where voice was expected (and the reverse), is refused. The refusal's
 *   Chinese reason is what the inbound worker records on the message (`mediaError`).
 */
const prepareResidentFile: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  const file = req.file
  if ((operation !== 'create' && operation !== 'update') || !file) return args
  const kind = (args as { data?: { kind?: unknown } }).data?.kind
  const detected = await detectFileType(file.data)
  const format = imageFormatOf(detected?.mime)
  if (format) {
    if (kind === 'voice') throw publicError(`应为语音，微信给的却是图片（${detected!.mime}）`, 400)
    await replaceWithCleanImage(file, format, {
      damaged: () => publicError('图片无法读取：文件已损坏或不完整', 400),
      tooLarge: ({ width, height }) =>
        publicError(`图片尺寸过大：最多 ${MAX_IMAGE_PIXELS / 10_000} 万像素、每边不超过 ${MAX_IMAGE_SIDE} 像素，这张是 ${width}×${height}`, 400),
    })
    return args
  }
  // Bytes no detector knows are refused too (Payload would refuse them as well): WeChat's voice is AMR.
  if (!detected?.mime.startsWith('audio/') || kind !== 'voice') {
    throw publicError(`文件类型不支持：只保存居民发来的图片和语音，这个文件是 ${detected?.mime ?? '未知类型'}`, 400)
  }
  file.mimetype = detected.mime
  file.name = withExtension(file.name, detected.ext)
  return args
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
  hooks: { beforeOperation: [prepareResidentFile] },
  upload: {
    staticDir: residentMediaDirectory(),
    // What WeChat hands over for image, voice and video-thumbnail messages (voice: AMR or Speex),
    // as prepareResidentFile leaves it: the types it detected from the bytes.
    mimeTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'audio/*'],
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
