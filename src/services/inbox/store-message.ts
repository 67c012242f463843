/** Turns a resident's message into a `resident-messages` document for the inbox. */
import type { Payload } from 'payload'
import type { ResidentMessage } from '../../payload-types'
import { xmlText, type XmlRecord } from '../../wechat/xml'
import { notifyNewResidentMessage } from './notify-new-message'
import { maskOpenid } from './sender'
import { routeResidentMessage } from './route-message'
import { answeringRule } from '../auto-reply/auto-reply'
// Used at call time only (the callback's runtime, src/inbound/callback-runtime.ts, reaches this module through the inbound worker).
import { loadRules } from '../auto-reply/rules'
import { fetchResidentMedia, filesToFetch, type FetchOptions } from './resident-media'

const KNOWN_TYPES: ReadonlySet<string> = new Set<ResidentMessage['type']>(['text', 'image', 'voice', 'video', 'shortvideo', 'location', 'link', 'file'])
const isKnownType = (msgType: string): msgType is ResidentMessage['type'] => KNOWN_TYPES.has(msgType)
const MEDIA_FIELDS = [
  'MediaId',
  'PicUrl',
  'Format',
  'Recognition',
  'ThumbMediaId',
  'Location_X',
  'Location_Y',
  'Scale',
  'Label',
  'Title',
  'Description',
  'Url',
  'FileKey',
  'FileMd5',
  'FileTotalLen',
]

/**
 * Stores the message once (unique `inboundKey`) in its community's queue (src/services/inbox/route-message.ts), marked 已自动回复 with its rule when the
 * callback's passive reply answered it, then fetches its image or voice from WeChat (`media/get`)
 * while the MediaId is valid. A failed fetch does not fail the message: it stays
 * `mediaStatus: 'pending'` and the inbound worker retries it (resident-media.ts).
 */
export async function storeResidentMessage(
  payload: Payload,
  accountId: string,
  inboundKey: string,
  record: XmlRecord,
  options: FetchOptions = {},
): Promise<void> {
  const msgType = xmlText(record, 'MsgType')
  const type = isKnownType(msgType) ? msgType : 'other'
  const openid = xmlText(record, 'FromUserName')
  const media = mediaOf(record)
  const wantsFiles = filesToFetch(type, media).length > 0
  // The same choice the callback made moments ago (its rules are cached 10 s; an edit within
  // those seconds is the only way the two can differ).
  const rule = answeringRule(await loadRules(payload, accountId), { msgType, content: xmlText(record, 'Content') })
  // The queue it goes to (its community, or the street office's general queue): who may read it.
  const community = await routeResidentMessage(payload, accountId, openid, { client: options.client })
  let created: { id: string }
  try {
    created = await payload.create({
      collection: 'resident-messages',
      overrideAccess: true,
      depth: 0,
      data: {
        account: accountId,
        community,
        openid,
        sender: maskOpenid(openid),
        type,
        content: summarize(type, msgType, record),
        media,
        received: new Date(Number(xmlText(record, 'CreateTime')) * 1000).toISOString(),
        status: rule ? 'auto-replied' : 'new',
        autoReply: rule ? rule.id : null,
        ...(wantsFiles ? { mediaStatus: 'pending', mediaAttempts: 0, mediaRetryAt: new Date((options.now ?? Date.now)()).toISOString() } : {}),
        inboundKey,
      },
    })
  } catch (error) {
    // Processed before but not marked done (a crash between the two): the unique inboundKey kept it single.
    if (await alreadyStored(payload, inboundKey)) return
    throw error
  }
  if (wantsFiles) await fetchResidentMedia(payload, created.id, options)
  await notifyNewResidentMessage(payload, community).catch((error: unknown) =>
    payload.logger.warn({ msg: 'resident message notice failed', error: error instanceof Error ? error.message : String(error) }),
  )
}

function summarize(type: string, msgType: string, record: XmlRecord): string {
  switch (type) {
    case 'text':
      return xmlText(record, 'Content')
    case 'image':
      return '[图片]'
    case 'voice':
      return xmlText(record, 'Recognition') ? `[语音] ${xmlText(record, 'Recognition')}` : '[语音]'
    case 'video':
    case 'shortvideo':
      return '[视频]'
    case 'location':
      return `[位置] ${xmlText(record, 'Label')}（${xmlText(record, 'Location_X')}, ${xmlText(record, 'Location_Y')}）`
    case 'link':
      return `[链接] ${xmlText(record, 'Title')} ${xmlText(record, 'Url')}`
    case 'file':
      return `[文件] ${xmlText(record, 'Title')}`
    default:
      return `[暂不支持的消息类型：${msgType.slice(0, 32)}]`
  }
}

function mediaOf(record: XmlRecord): Record<string, string> | null {
  const media: Record<string, string> = {}
  for (const field of MEDIA_FIELDS) {
    const value = xmlText(record, field)
    if (value) media[field] = value
  }
  return Object.keys(media).length > 0 ? media : null
}

async function alreadyStored(payload: Payload, inboundKey: string): Promise<boolean> {
  const { totalDocs } = await payload.count({ collection: 'resident-messages', overrideAccess: true, where: { inboundKey: { equals: inboundKey } } })
  return totalDocs > 0
}
