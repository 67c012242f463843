import type { PayloadHandler } from 'payload'
import { staffOf } from '../../src/access/roles'
import { HANDLED_BY_OTHERS, InboxReplyError, MAX_REPLY_LENGTH, replyToResident } from '../../src/wechat/inbox/reply'
import { latestMessageAt, replyWindow, WINDOW_CLOSED_MESSAGE } from '../../src/wechat/inbox/window'
import { replyRefusal, residentConversation } from '../../src/wechat/inbox/conversation'
import type { ResidentMessage } from '../../src/payload-types'

const idParam = (req: Parameters<PayloadHandler>[0]): string => String(req.routeParams?.id ?? '')

/** The inbox's own errors in English for an English admin; WeChat's reasons stay as worded in Chinese. */
const ENGLISH: Record<string, string> = {
  请先登录: 'Please log in',
  请求格式错误: 'The request is not valid JSON',
  '回复失败，请稍后再试': 'The reply failed; please try again later',
  只有社区编辑和管理员可以回复居民留言: 'Only community editors and administrators may reply to residents',
  回复内容不能为空: 'The reply is empty',
  [`回复内容不能超过 ${MAX_REPLY_LENGTH} 个字`]: `A reply may have at most ${MAX_REPLY_LENGTH} characters`,
  留言不存在或您无权查看: 'This message does not exist or you may not see it',
  [HANDLED_BY_OTHERS]: 'A colleague handles this message, so you cannot reply; ask a reviewing leader to reassign it',
  '该留言缺少公众号或居民信息，无法回复': 'This message has no account or resident, so it cannot be answered',
  [WINDOW_CLOSED_MESSAGE]: 'The 48-hour reply window has passed (or the resident unfollowed): a customer-service reply is not possible until the resident writes again.',
}

/** `message` in the admin's language (Chinese unless the user chose English). */
function localized(req: Parameters<PayloadHandler>[0], message: string): string {
  if (req.i18n?.language !== 'en') return message
  if (ENGLISH[message]) return ENGLISH[message]!
  if (message.startsWith('微信发送失败：')) return `WeChat did not send the reply: ${message.slice('微信发送失败：'.length)}`
  return message
}

/** POST /api/resident-messages/:id/reply  { content } — a customer-service reply to the resident. */
export const replyEndpoint: PayloadHandler = async (req) => {
  if (!staffOf(req.user)) return Response.json({ error: localized(req, '请先登录') }, { status: 401 })
  let body: { content?: unknown } = {}
  try {
    body = req.json ? ((await req.json()) as { content?: unknown }) : {}
  } catch {
    return Response.json({ error: localized(req, '请求格式错误') }, { status: 400 })
  }
  try {
    const result = await replyToResident(req.payload, { messageId: idParam(req), content: body.content, req })
    return Response.json({ ok: true, status: result.status, thread: result.message.thread ?? [] })
  } catch (error) {
    if (error instanceof InboxReplyError) return Response.json({ error: localized(req, error.message) }, { status: error.status })
    req.payload.logger.error({ msg: 'resident reply failed', error: error instanceof Error ? error.message : String(error) })
    return Response.json({ error: localized(req, '回复失败，请稍后再试') }, { status: 500 })
  }
}

/**
 * GET /api/resident-messages/:id/reply-window — how long staff may still reply:
 * `{ open, lastMessageAt, expiresAt, remainingMs, refusal }`; `refusal` is `{ errcode, at }` when
 * WeChat refused the latest reply since the resident's last message (45015, 45047, 48001, …):
 * then `open` is false and the countdown has stopped.
 */
export const replyWindowEndpoint: PayloadHandler = async (req) => {
  if (!staffOf(req.user)) return Response.json({ error: localized(req, '请先登录') }, { status: 401 })
  try {
    // `openid` is missing for those its field access hides it from (leaders), whatever the generated type says.
    const doc: Pick<ResidentMessage, 'account'> & { openid?: string } = await req.payload.findByID({ collection: 'resident-messages', id: idParam(req), req, overrideAccess: false, depth: 0 })
    const accountId = typeof doc.account === 'object' && doc.account ? String(doc.account.id) : String(doc.account)
    // Leaders cannot read openids; the window is still computed server-side from the stored one.
    const openid = doc.openid ?? (await openidOf(req, idParam(req)))
    const lastMessageAt = await latestMessageAt(req.payload, accountId, openid)
    const window = replyWindow(lastMessageAt, Date.now())
    const refusal = await replyRefusal(req.payload, accountId, openid, lastMessageAt)
    return Response.json(refusal ? { ...window, open: false, remainingMs: 0, refusal } : { ...window, refusal: null })
  } catch {
    return Response.json({ error: notFound(req) }, { status: 404 })
  }
}

/**
 * GET /api/resident-messages/:id/conversation — the same resident's messages and the staff's
 * reply attempts, oldest first, as the signed-in user may see them (no openid):
 * `{ entries: [{ kind, at, messageId, content, type?, status, by?, error?, errcode? }], hidden }`.
 */
export const conversationEndpoint: PayloadHandler = async (req) => {
  if (!staffOf(req.user)) return Response.json({ error: localized(req, '请先登录') }, { status: 401 })
  try {
    return Response.json(await residentConversation(req.payload, req, idParam(req)))
  } catch {
    return Response.json({ error: notFound(req) }, { status: 404 })
  }
}

const notFound = (req: Parameters<PayloadHandler>[0]): string => localized(req, '留言不存在或您无权查看')

async function openidOf(req: Parameters<PayloadHandler>[0], id: string): Promise<string> {
  const doc = await req.payload.findByID({ collection: 'resident-messages', id, overrideAccess: true, depth: 0 })
  return doc.openid
}
