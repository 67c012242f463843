import type { PayloadHandler } from 'payload'
import { staffOf } from '../../src/access/roles'
import { InboxReplyError, replyToResident } from '../../src/wechat/inbox/reply'
import { latestMessageAt, replyWindow } from '../../src/wechat/inbox/window'
import { loose } from '../../src/wechat/callback/loose-payload'

const idParam = (req: Parameters<PayloadHandler>[0]): string => String(req.routeParams?.id ?? '')

/** POST /api/resident-messages/:id/reply  { content } — a customer-service reply to the resident. */
export const replyEndpoint: PayloadHandler = async (req) => {
  if (!staffOf(req.user)) return Response.json({ error: '请先登录' }, { status: 401 })
  let body: { content?: unknown } = {}
  try {
    body = req.json ? ((await req.json()) as { content?: unknown }) : {}
  } catch {
    return Response.json({ error: '请求格式错误' }, { status: 400 })
  }
  try {
    const result = await replyToResident(req.payload, { messageId: idParam(req), content: body.content, req })
    return Response.json({ ok: true, status: result.status, thread: result.message.thread ?? [] })
  } catch (error) {
    if (error instanceof InboxReplyError) return Response.json({ error: error.message }, { status: error.status })
    req.payload.logger.error({ msg: 'resident reply failed', error: error instanceof Error ? error.message : String(error) })
    return Response.json({ error: '回复失败，请稍后再试' }, { status: 500 })
  }
}

/** GET /api/resident-messages/:id/reply-window — how long staff may still reply. */
export const replyWindowEndpoint: PayloadHandler = async (req) => {
  if (!staffOf(req.user)) return Response.json({ error: '请先登录' }, { status: 401 })
  try {
    const doc = (await loose(req.payload).findByID({ collection: 'resident-messages', id: idParam(req), req, overrideAccess: false, depth: 0 })) as unknown as {
      account: unknown
      openid?: string
    }
    const accountId = typeof doc.account === 'object' && doc.account ? String((doc.account as { id: unknown }).id) : String(doc.account)
    // Leaders cannot read openids; the window is still computed server-side from the stored one.
    const openid = doc.openid ?? (await openidOf(req, idParam(req)))
    return Response.json(replyWindow(await latestMessageAt(req.payload, accountId, openid), Date.now()))
  } catch {
    return Response.json({ error: '留言不存在或您无权查看' }, { status: 404 })
  }
}

async function openidOf(req: Parameters<PayloadHandler>[0], id: string): Promise<string> {
  const doc = (await loose(req.payload).findByID({ collection: 'resident-messages', id, overrideAccess: true, depth: 0 })) as unknown as { openid: string }
  return doc.openid
}
