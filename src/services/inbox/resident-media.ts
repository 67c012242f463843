/**
 * Residents' images and voice arrive as a MediaId that WeChat deletes after 3 days: the file is
 * fetched with `media/get` when the message is processed and kept in the staff-only
 * `resident-media` collection. A failed fetch leaves the message `mediaStatus: 'pending'` with a
 * retry time; the inbound worker retries due ones on every pass until 3 days after the message,
 * then records it as expired.
 */
import type { Payload, Where } from 'payload'
import type { ResidentMessage, ResidentMessagesSelect } from '../../payload-types'
import { idOf } from '../../access/roles'
import { compareAndSet } from '../../shared/cas'
import { WeChatApiError, type WeChatClient } from '../../wechat/client'
import { cachedClientForAccount } from '../accounts/cached-client'

const FILES = 'resident-media'
/** WeChat keeps temporary media 3 days (临时素材有效期 3 天). */
export const MEDIA_KEEP_MS = 3 * 24 * 3600_000
/** While one worker fetches, others leave the message alone; a crashed fetch is retried after it. */
const FETCH_LEASE_MS = 2 * 60_000

export type ResidentFileKind = 'image' | 'voice' | 'thumb'

export interface WantedFile {
  kind: ResidentFileKind
  mediaId: string
}

/** The files worth keeping for a message type: the image, the voice, a video's thumbnail. */
export function filesToFetch(type: string, media: ResidentMessage['media'] | undefined): WantedFile[] {
  // A JSON field: WeChat's media fields as an object (see mediaOf in store-message.ts).
  const fields = media && typeof media === 'object' && !Array.isArray(media) ? media : {}
  const text = (key: string) => {
    const value = fields[key]
    return typeof value === 'string' ? value : ''
  }
  if (type === 'image' && text('MediaId')) return [{ kind: 'image', mediaId: text('MediaId') }]
  if (type === 'voice' && text('MediaId')) return [{ kind: 'voice', mediaId: text('MediaId') }]
  if ((type === 'video' || type === 'shortvideo') && text('ThumbMediaId')) return [{ kind: 'thumb', mediaId: text('ThumbMediaId') }]
  return []
}

/** 1 min, 2 min, 4 min, … capped at 1 hour: about 80 attempts over the 3 days. */
export const mediaRetryDelayMs = (attempt: number): number => Math.min(60_000 * 2 ** Math.max(0, attempt - 1), 3600_000)

export interface FetchOptions {
  now?: () => number
  /** For tests; otherwise the account's shared client (WECHAT_API_BASE decides where it goes). */
  client?: WeChatClient
}

/** `none`: the message has nothing to fetch; `busy`: another worker holds it or it is not due. */
export type FetchOutcome = 'fetched' | 'pending' | 'expired' | 'busy' | 'none'

/**
 * Fetches the message's files if it is due: claims it with a compare-and-set on
 * (mediaStatus, mediaAttempts, mediaRetryAt), so two workers never fetch one message at once,
 * then stores each file not stored yet. Never throws for a WeChat failure: the failure is
 * recorded on the message (`mediaError`, in Chinese) with the next attempt's time.
 */
export async function fetchResidentMedia(payload: Payload, messageId: string, options: FetchOptions = {}): Promise<FetchOutcome> {
  const now = (options.now ?? Date.now)()
  const message = await payload.findByID({ collection: 'resident-messages', id: messageId, overrideAccess: true, depth: 0 })
  if (message.mediaStatus === 'fetched' || message.mediaStatus === 'expired') return message.mediaStatus
  if (message.mediaStatus !== 'pending') return 'none'
  const attempts = Number(message.mediaAttempts ?? 0)
  const due: Where = { or: [{ mediaRetryAt: { exists: false } }, { mediaRetryAt: { less_than_equal: new Date(now).toISOString() } }] }
  const claimed = await compareAndSet(
    payload,
    'resident-messages',
    { and: [{ id: { equals: messageId } }, { mediaStatus: { equals: 'pending' } }, { mediaAttempts: { equals: attempts } }, due] },
    { mediaAttempts: attempts + 1, mediaRetryAt: new Date(now + FETCH_LEASE_MS).toISOString() },
  )
  if (!claimed) return 'busy'
  const mine: Where = { and: [{ id: { equals: messageId } }, { mediaAttempts: { equals: attempts + 1 } }] }

  if (now - Date.parse(message.received) > MEDIA_KEEP_MS) {
    await compareAndSet(payload, 'resident-messages', mine, { mediaStatus: 'expired', mediaRetryAt: null, mediaError: '超过 3 天仍未能取回，微信已删除该文件' })
    return 'expired'
  }
  try {
    const accountId = idOf(message.account)
    if (!accountId) throw new Error('留言缺少公众号')
    const client = options.client ?? (await cachedClientForAccount(payload, accountId))
    for (const wanted of filesToFetch(message.type, message.media)) await fetchOne(payload, client, messageId, wanted)
    await compareAndSet(payload, 'resident-messages', mine, { mediaStatus: 'fetched', mediaRetryAt: null, mediaError: null })
    return 'fetched'
  } catch (error) {
    const reason = describeFailure(error)
    payload.logger.warn({ msg: 'resident media fetch failed', messageId, attempt: attempts + 1, error: reason })
    await compareAndSet(payload, 'resident-messages', mine, {
      mediaRetryAt: new Date(now + mediaRetryDelayMs(attempts + 1)).toISOString(),
      mediaError: reason.slice(0, 500),
    })
    return 'pending'
  }
}

async function fetchOne(payload: Payload, client: WeChatClient, messageId: string, wanted: WantedFile): Promise<void> {
  const stored = await payload.count({
    collection: FILES,
    overrideAccess: true,
    where: { and: [{ message: { equals: messageId } }, { wechatMediaId: { equals: wanted.mediaId } }] },
  })
  if (stored.totalDocs > 0) return // fetched by an attempt that crashed before marking the message
  const answer = await client.media.getTemporary(wanted.mediaId)
  if (answer.kind !== 'file') throw new Error('微信返回的是视频下载地址，不是文件')
  const contentType = answer.contentType.split(';')[0]!.trim()
  await payload.create({
    collection: FILES,
    overrideAccess: true,
    depth: 0,
    data: { message: messageId, kind: wanted.kind, wechatMediaId: wanted.mediaId },
    // The collection judges the bytes: the image is re-encoded without EXIF and the extension is the
    // detected type's (collections/resident-media.ts, prepareResidentFile).
    file: { data: answer.bytes, mimetype: contentType, name: `${wanted.kind}-${messageId}`, size: answer.bytes.length },
  })
}

function describeFailure(error: unknown): string {
  if (error instanceof WeChatApiError) return `从微信取回文件失败：${error.meaning}`
  return `从微信取回文件失败：${error instanceof Error ? error.message : String(error)}`
}

/**
 * Retries every message whose fetch is due (at most `limit` per call), oldest first; the inbound
 * worker calls it on each pass. Answers how many were attempted.
 */
export async function retryDueResidentMedia(payload: Payload, options: FetchOptions & { limit?: number } = {}): Promise<number> {
  const now = (options.now ?? Date.now)()
  const found = await payload.find({
    collection: 'resident-messages',
    overrideAccess: true,
    depth: 0,
    limit: options.limit ?? 20,
    sort: 'mediaRetryAt',
    where: { and: [{ mediaStatus: { equals: 'pending' } }, { mediaRetryAt: { less_than_equal: new Date(now).toISOString() } }] },
    // Only the id, which Payload always answers; its select type lists the fields but not `id`.
    select: { id: true } as ResidentMessagesSelect<true>,
  })
  for (const doc of found.docs) await fetchResidentMedia(payload, String(doc.id), options)
  return found.docs.length
}
