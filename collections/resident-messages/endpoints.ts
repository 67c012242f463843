import type { PayloadHandler } from 'payload'
import { requireStaff } from '../../src/access/roles'
import { ApiError } from '../../src/http/api-error'
import { MESSAGE_NOT_FOUND, replyToResident } from '../../src/services/inbox/reply'
import { latestMessageAt, replyWindow } from '../../src/services/inbox/window'
import { replyRefusal, residentConversation } from '../../src/services/inbox/conversation'
import type { ResidentMessage } from '../../src/payload-types'

const idParam = (req: Parameters<PayloadHandler>[0]): string => String(req.routeParams?.id ?? '')

/** 404 `not-found`: a message the user may not read is answered as one that does not exist. */
const notFound = () => new ApiError(404, 'not-found', MESSAGE_NOT_FOUND)

/**
 * POST /api/resident-messages/:id/reply  { content } — a customer-service reply to the resident:
 * `{ ok, status, thread }`; refusals are InboxReplyErrors (400/403/404/409/502, answered by apiEndpoints).
 */
export const replyEndpoint: PayloadHandler = async (req) => {
  requireStaff(req)
  let body: { content?: unknown } = {}
  try {
    body = req.json ? ((await req.json()) as { content?: unknown }) : {}
  } catch {
    throw new ApiError(400, 'bad-body', { zh: '请求格式错误', en: 'The request is not valid JSON' })
  }
  try {
    const result = await replyToResident(req.payload, { messageId: idParam(req), content: body.content, req })
    return Response.json({ ok: true, status: result.status, thread: result.message.thread ?? [] })
  } catch (error) {
    if (error instanceof ApiError) throw error
    req.payload.logger.error({ msg: 'resident reply failed', error: error instanceof Error ? error.message : String(error) })
    throw new ApiError(500, 'reply-failed', { zh: '回复失败，请稍后再试', en: 'The reply failed; please try again later' })
  }
}

/**
 * GET /api/resident-messages/:id/reply-window — how long staff may still reply:
 * `{ open, lastMessageAt, expiresAt, remainingMs, refusal }`; `refusal` is `{ errcode, at }` when
 * WeChat refused the latest reply since the resident's last message (45015, 45047, 48001, …):
 * then `open` is false and the countdown has stopped.
 */
export const replyWindowEndpoint: PayloadHandler = async (req) => {
  requireStaff(req)
  try {
    // `openid` is missing for those its field access hides it from (leaders), whatever the generated type says.
    const doc: Pick<ResidentMessage, 'account'> & { openid?: string } = await req.payload.findByID({
      collection: 'resident-messages',
      id: idParam(req),
      req,
      overrideAccess: false,
      depth: 0,
    })
    const accountId = typeof doc.account === 'object' && doc.account ? String(doc.account.id) : String(doc.account)
    // Leaders cannot read openids; the window is still computed server-side from the stored one.
    const openid = doc.openid ?? (await openidOf(req, idParam(req)))
    const lastMessageAt = await latestMessageAt(req.payload, accountId, openid)
    const window = replyWindow(lastMessageAt, Date.now())
    const refusal = await replyRefusal(req.payload, accountId, openid, lastMessageAt)
    return Response.json(refusal ? { ...window, open: false, remainingMs: 0, refusal } : { ...window, refusal: null })
  } catch {
    throw notFound()
  }
}

/**
 * GET /api/resident-messages/:id/conversation — the same resident's messages and the staff's
 * reply attempts, oldest first, as the signed-in user may see them (no openid):
 * `{ entries: [{ kind, at, messageId, content, type?, status, by?, error?, errcode? }], hidden }`.
 */
export const conversationEndpoint: PayloadHandler = async (req) => {
  requireStaff(req)
  try {
    return Response.json(await residentConversation(req.payload, req, idParam(req)))
  } catch {
    throw notFound()
  }
}

async function openidOf(req: Parameters<PayloadHandler>[0], id: string): Promise<string> {
  const doc = await req.payload.findByID({ collection: 'resident-messages', id, overrideAccess: true, depth: 0 })
  return doc.openid
}
