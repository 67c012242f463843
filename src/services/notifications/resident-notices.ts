/**
 * Notices to residents (居民通知): one WeChat template message per step of an appointment or a
 * matter, sent at most once per `clientMsgId`, every one recorded in `resident-notices` whether it
 * went out, was skipped or failed. Never throws for a failed send: the step that caused the notice
 * has already happened.
 */
import type { CollectionSlug, Payload, Where } from 'payload'
import { findDefaultAccount } from '../accounts/accounts'
import { clientForAccount } from '../accounts/account-client'
import { findFollower } from '../followers/followers'
import { compareAndSet } from '../../shared/cas'
import { WeChatApiError } from '../../wechat/client'
import { outcomeUnknown } from '../../wechat/client/errors'
import {
  RESIDENT_NOTICE_KIND_LABELS,
  RESIDENT_NOTICE_KINDS,
  templateDataFor,
  type ResidentNoticeFields,
  type ResidentNoticeKind,
  type TemplateData,
} from './resident-notice-layout'

export { RESIDENT_NOTICE_KINDS, type ResidentNoticeFields, type ResidentNoticeKind } from './resident-notice-layout'

// `resident-notices` and `wechat-accounts.residentTemplates` are not in src/payload-types.ts until the
// types are regenerated after the merge: the Local API is called through this slug and the narrow
// interfaces below, cast once here.
export const RESIDENT_NOTICES = 'resident-notices' as CollectionSlug

export type ResidentNoticeStatus = 'pending' | 'sent' | 'delivered' | 'failed' | 'skipped'

/** A `resident-notices` document as this service reads it (depth 0). */
export interface ResidentNoticeRecord {
  id: string | number
  clientMsgId: string
  account?: string | number | null
  kind: ResidentNoticeKind
  openid: string
  status: ResidentNoticeStatus
  reason?: string | null
  errcode?: number | null
  msgid?: string | null
  attempts?: number | null
  retryable?: boolean | null
  templateId?: string | null
  url?: string | null
  createdAt: string
  updatedAt: string
}

/** What notifyResident is asked to send. */
export interface ResidentNotice {
  /** Document id or app id of the account; the default account when absent. */
  accountId?: string
  /** The resident's openid on that account. */
  openid: string
  kind: ResidentNoticeKind
  /**
   * The notice's identity, e.g. `appointment:<id>:booked`: the notice is sent at most once per id
   * (unique in `resident-notices`), and WeChat gets it as `client_msg_id`. ≤ 64 characters.
   */
  clientMsgId: string
  /** Where the message leads (the appointment's page), optional. */
  url?: string
  fields: ResidentNoticeFields
  /** The document the notice is about, e.g. `{ collection: 'appointments', id }`. */
  related: { collection: string; id: string }
}

/** What happened to a notice; `reason` is Chinese, for staff. */
export interface ResidentNoticeOutcome {
  /**
   * `sent`: WeChat accepted it (msgid known, TEMPLATESENDJOBFINISH to come); `delivered`: WeChat
   * reported it delivered; `skipped`: not sent on purpose (no template id, resident known not to
   * follow); `failed`: WeChat or the system refused it; `pending`: another call is sending it now.
   */
  status: ResidentNoticeStatus
  /** The `resident-notices` document; null only when even recording failed (the database). */
  noticeId: string | null
  /** True when an earlier call had claimed this clientMsgId: this one sent nothing. */
  duplicate: boolean
  msgId?: string
  errcode?: number
  reason?: string
}

/** WeChat's 43004 「需关注公众号」: the resident does not follow the account. */
export const NOT_FOLLOWING_ERRCODE = 43004
export const NOT_FOLLOWING_REASON = '居民未关注公众号，无法发送模板消息'
/** How long a 43004 keeps later notices to the same resident from calling WeChat (unless they follow again). */
export const NOT_FOLLOWING_MEMORY_MS = 24 * 3600_000
/**
 * WeChat sends one template message per openid + client_msg_id within 10 minutes (发送模板消息,
 * `client_msg_id`, as quoted in github.com/silenceper/wechat/pull/651: "10分钟有效，超过10分钟不保证效果"): a failed send whose outcome is unknown is sent
 * again only inside that window, where a repeat cannot reach the resident twice.
 */
export const CLIENT_MSG_ID_WINDOW_MS = 10 * 60_000
/** A `pending` claim older than this was left by a process that died mid-send (the send takes ≤ ~11 s). */
const STALE_CLAIM_MS = 2 * 60_000
/** A booking answers while the notice goes out: a short timeout and one retry (≈ 11 s at worst), then a later call may retry. */
const CLIENT_OPTIONS = { timeoutMs: 5_000, retry: { maxAttempts: 2 } }

const CLIENT_MSG_ID_MAX = 64

/** Residents' openids in lists: the first 4 characters (an account's common prefix) and 「****」. */
export const maskOpenid = (openid: string): string => `${openid.slice(0, 4)}****`

interface AccountView {
  id: string
  residentTemplates?: Partial<Record<ResidentNoticeKind, string | null>> | null
}

async function findAccountView(payload: Payload, accountId: string | undefined): Promise<AccountView | null> {
  if (!accountId) return (await findDefaultAccount(payload)) as unknown as AccountView | null
  const found = await payload.find({
    collection: 'wechat-accounts',
    overrideAccess: true,
    depth: 0,
    limit: 1,
    where: { or: [{ id: { equals: accountId } }, { appId: { equals: accountId } }] },
  })
  return (found.docs[0] as unknown as AccountView | undefined) ?? null
}

async function findByClientMsgId(payload: Payload, clientMsgId: string): Promise<ResidentNoticeRecord | null> {
  const found = await payload.find({ collection: RESIDENT_NOTICES, overrideAccess: true, depth: 0, limit: 1, where: { clientMsgId: { equals: clientMsgId } } })
  return (found.docs[0] as unknown as ResidentNoticeRecord | undefined) ?? null
}

/**
 * True when WeChat answered 43004 for this resident on this account in the last 24 h and they have
 * not followed since (a `subscribe` event kept in `followers` lifts it at once).
 */
async function knownNotFollowing(payload: Payload, accountId: string, openid: string, now: number): Promise<boolean> {
  const found = await payload.find({
    collection: RESIDENT_NOTICES,
    overrideAccess: true,
    depth: 0,
    limit: 1,
    sort: '-createdAt',
    where: {
      and: [
        { account: { equals: accountId } },
        { openid: { equals: openid } },
        { errcode: { equals: NOT_FOLLOWING_ERRCODE } },
        { createdAt: { greater_than: new Date(now - NOT_FOLLOWING_MEMORY_MS).toISOString() } },
      ],
    },
  })
  const refusal = found.docs[0] as unknown as ResidentNoticeRecord | undefined
  if (!refusal) return false
  const follower = await findFollower(payload, accountId, openid)
  const followedAgain = follower?.subscribed === true && Boolean(follower.followedAt) && Date.parse(follower.followedAt!) > Date.parse(refusal.createdAt)
  return !followedAgain
}

const outcomeOf = (record: ResidentNoticeRecord, duplicate: boolean): ResidentNoticeOutcome => ({
  status: record.status,
  noticeId: String(record.id),
  duplicate,
  ...(record.msgid ? { msgId: record.msgid } : {}),
  ...(record.errcode != null ? { errcode: record.errcode } : {}),
  ...(record.reason ? { reason: record.reason } : {}),
})

/**
 * Takes over a notice an earlier call left retryable (a timeout, WeChat busy) or a claim left
 * `pending` by a process that died, while WeChat's client_msg_id still dedupes (10 minutes after the
 * first attempt). Compare-and-set on (status, attempts): of two racing callers one wins.
 */
async function reclaim(payload: Payload, record: ResidentNoticeRecord, now: number): Promise<ResidentNoticeRecord | null> {
  if (now - Date.parse(record.createdAt) >= CLIENT_MSG_ID_WINDOW_MS) return null
  const attempts = Number(record.attempts ?? 0)
  const base: Where[] = [{ id: { equals: record.id } }, { attempts: { equals: attempts } }]
  let where: Where
  if (record.status === 'failed' && record.retryable) where = { and: [...base, { status: { equals: 'failed' } }, { retryable: { equals: true } }] }
  else if (record.status === 'pending' && now - Date.parse(record.updatedAt) >= STALE_CLAIM_MS) where = { and: [...base, { status: { equals: 'pending' } }] }
  else return null
  const claimed = await compareAndSet(payload, RESIDENT_NOTICES, where, { status: 'pending', attempts: attempts + 1, retryable: false })
  return claimed as unknown as ResidentNoticeRecord | null
}

async function finish(payload: Payload, id: string | number, data: Record<string, unknown>): Promise<ResidentNoticeRecord> {
  const updated = await payload.update({ collection: RESIDENT_NOTICES, id, overrideAccess: true, depth: 0, data })
  return updated as unknown as ResidentNoticeRecord
}

/** The Chinese reason and the record's fields for a send that threw. */
function failureOf(error: unknown): { reason: string; errcode: number | null; retryable: boolean } {
  if (error instanceof WeChatApiError) {
    if (error.errcode === NOT_FOLLOWING_ERRCODE) return { reason: NOT_FOLLOWING_REASON, errcode: error.errcode, retryable: false }
    // -1 (busy), HTTP 5xx, a timeout or a lost connection: WeChat may or may not have sent it.
    const retryable = error.retryClass === 'transient' || outcomeUnknown(error)
    const code = error.errcode ?? error.kind
    return { reason: `微信模板消息发送失败：${error.meaning}（${code}）`, errcode: error.errcode, retryable }
  }
  const message = error instanceof Error ? error.message : String(error)
  return { reason: `模板消息未能发送：${message}`, errcode: null, retryable: false }
}

/** Sends the claimed `record` (its openid, url and clientMsgId) and writes the answer on it. */
async function send(payload: Payload, record: ResidentNoticeRecord, accountId: string, templateId: string, data: TemplateData): Promise<ResidentNoticeOutcome> {
  try {
    const client = await clientForAccount(payload, accountId, CLIENT_OPTIONS)
    const { msgId } = await client.template.send({
      touser: record.openid,
      templateId,
      url: record.url ?? undefined,
      data,
      clientMsgId: record.clientMsgId,
    })
    const sent = await finish(payload, record.id, {
      status: 'sent',
      msgid: msgId,
      sentAt: new Date().toISOString(),
      reason: null,
      errcode: null,
      retryable: false,
    })
    return outcomeOf(sent, false)
  } catch (error) {
    const failure = failureOf(error)
    payload.logger.warn({ msg: 'resident notice not sent', notice: record.id, kind: record.kind, errcode: failure.errcode, reason: failure.reason })
    const failed = await finish(payload, record.id, { status: 'failed', reason: failure.reason, errcode: failure.errcode, retryable: failure.retryable })
    return outcomeOf(failed, false)
  }
}

/**
 * Sends `notice` to the resident as a WeChat template message, at most once per `clientMsgId`, and
 * records it in `resident-notices`:
 * - the clientMsgId is claimed by creating the record (unique in the database): a second call with
 *   the same id — also concurrently — sends nothing and answers the record's state (`duplicate`);
 *   it sends again only when the first attempt failed transiently (timeout, -1, HTTP 5xx) or was
 *   left pending by a dead process, within WeChat's 10-minute client_msg_id window;
 * - no template id set for the kind (微信 → 公众号 → 模板消息): `skipped` with the reason;
 * - WeChat's 43004 (the resident does not follow): `failed` with 「居民未关注公众号，无法发送模板消息」,
 *   never retried; later notices to the same resident on the account are `skipped` without calling
 *   WeChat for 24 h, unless a `subscribe` event shows they followed again;
 * - any other error: `failed` with WeChat's code and its Chinese meaning. Never thrown.
 * The send waits at most about 11 s (5 s timeout, one retry). TEMPLATESENDJOBFINISH later moves a
 * `sent` record to `delivered` or `failed` (template-results.ts).
 * Throws only for a call that cannot be recorded (unknown kind, empty openid or clientMsgId, a
 * clientMsgId over 64 characters): a programming error.
 */
export async function notifyResident(payload: Payload, notice: ResidentNotice): Promise<ResidentNoticeOutcome> {
  if (!RESIDENT_NOTICE_KINDS.includes(notice.kind)) throw new TypeError(`unknown resident notice kind ${String(notice.kind)}`)
  if (!notice.openid) throw new TypeError('resident notice without an openid')
  if (!notice.clientMsgId || notice.clientMsgId.length > CLIENT_MSG_ID_MAX) throw new TypeError('resident notice clientMsgId must be 1–64 characters')
  const now = Date.now()
  try {
    const existing = await findByClientMsgId(payload, notice.clientMsgId)
    if (existing) return await again(payload, existing, now)

    const account = await findAccountView(payload, notice.accountId)
    const templateId = account?.residentTemplates?.[notice.kind]?.trim() ?? ''
    const data = templateDataFor(notice.kind, notice.fields)
    let skipped: string | null = null
    if (!account) skipped = notice.accountId ? `公众号 ${notice.accountId} 不存在，未发送` : '没有默认公众号，未发送'
    else if (!templateId) skipped = `未设置"${RESIDENT_NOTICE_KIND_LABELS[notice.kind].zh}"的模板 ID（微信 → 公众号 → 模板消息），未发送`
    else if (await knownNotFollowing(payload, String(account.id), notice.openid, now)) skipped = `${NOT_FOLLOWING_REASON}（24 小时内微信已答复过），未发送`

    let record: ResidentNoticeRecord
    try {
      record = (await payload.create({
        collection: RESIDENT_NOTICES,
        overrideAccess: true,
        depth: 0,
        data: {
          clientMsgId: notice.clientMsgId,
          account: account?.id ?? null,
          kind: notice.kind,
          openid: notice.openid,
          openidMasked: maskOpenid(notice.openid),
          relatedCollection: notice.related.collection,
          relatedId: notice.related.id,
          status: skipped ? 'skipped' : 'pending',
          reason: skipped,
          attempts: skipped ? 0 : 1,
          templateId: templateId || null,
          url: notice.url ?? null,
          data,
        },
      })) as unknown as ResidentNoticeRecord
    } catch (error) {
      // Another call claimed the same clientMsgId between our look-up and our insert.
      const winner = await findByClientMsgId(payload, notice.clientMsgId)
      if (winner) return outcomeOf(winner, true)
      throw error
    }
    if (skipped) return outcomeOf(record, false)
    return await send(payload, record, String(account!.id), templateId, data)
  } catch (error) {
    // The database, not WeChat: still not the caller's problem, but loud in the log.
    const reason = `居民通知未能记录：${error instanceof Error ? error.message : String(error)}`
    payload.logger.error({ msg: 'resident notice could not be recorded', clientMsgId: notice.clientMsgId, error: reason })
    return { status: 'failed', noticeId: null, duplicate: false, reason }
  }
}

/** A second call for a clientMsgId already recorded: its state, or a retry when reclaim allows one. */
async function again(payload: Payload, existing: ResidentNoticeRecord, now: number): Promise<ResidentNoticeOutcome> {
  const claimed = await reclaim(payload, existing, now)
  if (!claimed) return outcomeOf(existing, true)
  // The same message as the first attempt (what was recorded), to the same account: WeChat dedupes it.
  const record = (await payload.findByID({
    collection: RESIDENT_NOTICES,
    id: claimed.id,
    overrideAccess: true,
    depth: 0,
  })) as unknown as ResidentNoticeRecord & {
    data?: TemplateData | null
  }
  const accountId = record.account == null ? null : String(record.account)
  if (!accountId || !record.templateId) return outcomeOf(existing, true)
  return send(payload, record, accountId, record.templateId, record.data ?? templateDataFor(record.kind, {}))
}
