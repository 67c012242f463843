import { addDataAndFileToRequest, type Endpoint } from 'payload'
import { staffOf } from '../../access/roles'
import { loadAccountCredentials } from '../accounts'
import { matchAutoReply } from './auto-reply'
import { loadRules } from './payload-deps'

/**
 * `POST /api/auto-replies/try` with `{ "content": "…", "follow"?: true, "account"?: id }`: which rule a
 * resident's message would hit now, so staff can check their rules before residents do.
 */
export const tryAutoReplyEndpoint: Endpoint = {
  path: '/try',
  method: 'post',
  handler: async (req) => {
    if (!staffOf(req.user)) return Response.json({ errors: [{ message: '请先登录' }] }, { status: 401 })
    await addDataAndFileToRequest(req).catch(() => undefined)
    const body = (req.data ?? {}) as { content?: unknown; follow?: unknown; account?: unknown }
    if (body.follow !== true && (typeof body.content !== 'string' || body.content.trim() === '')) {
      return Response.json({ errors: [{ message: '请输入一条示例消息' }] }, { status: 400 })
    }
    const account = await loadAccountCredentials(req.payload, typeof body.account === 'string' ? body.account : undefined).catch(() => null)
    if (!account) return Response.json({ errors: [{ message: '没有可用的公众号' }] }, { status: 404 })
    const rule = matchAutoReply(
      await loadRules(req.payload, account.id),
      body.follow === true ? { msgType: 'event', event: 'subscribe' } : { msgType: 'text', content: String(body.content) },
    )
    if (!rule) return Response.json({ rule: null, message: '没有规则命中：不自动回复' })
    const doc = await req.payload.findByID({ collection: 'auto-replies' as never, id: rule.id, depth: 0, overrideAccess: true })
    return Response.json({ rule: { id: rule.id, name: (doc as { name?: string }).name ?? '', kind: rule.kind }, message: `命中规则：${(doc as { name?: string }).name ?? rule.id}` })
  },
}
