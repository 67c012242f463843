import { addDataAndFileToRequest, type Endpoint } from 'payload'
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { requireStaff } from '../../access/roles'
import { ApiError } from '../../http/api-error'
import { AccountUnavailableError, loadAccountCredentials } from '../accounts/accounts'
import { matchAutoReply } from './auto-reply'
import { loadRules } from './rules'
import { perPayload } from '../../shared/per-payload'

/** Tries per staff member per minute: enough to check rules by hand, too few to load the server. */
export const TRY_LIMIT_PER_MINUTE = 10

// In memory, per Payload instance (one per `next start` process, which the admin runs in): the
// endpoint has no constructor, only req.payload.
const triesOf = perPayload('auto-reply-tries', () => new RateLimiterMemory({ points: TRY_LIMIT_PER_MINUTE, duration: 60 }))

/**
 * `POST /api/auto-replies/try` with `{ "content": "…", "follow"?: true, "account"?: id }`: which rule a
 * resident's message would hit now, so staff can check their rules before residents do. At most
 * TRY_LIMIT_PER_MINUTE tries per staff member a minute (429 with Retry-After beyond that).
 */
export const tryAutoReplyEndpoint: Endpoint = {
  path: '/try',
  method: 'post',
  handler: async (req) => {
    const staff = requireStaff(req)
    try {
      await triesOf(req.payload).consume(String(staff.id))
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal
      const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000))
      const message = {
        zh: `试用过于频繁：每分钟最多 ${TRY_LIMIT_PER_MINUTE} 次，请 ${seconds} 秒后再试`,
        en: `Too many tries: at most ${TRY_LIMIT_PER_MINUTE} a minute. Try again in ${seconds} s.`,
      }
      throw new ApiError(429, 'too-many-tries', message, { retryAfterSeconds: seconds }, { 'Retry-After': String(seconds) })
    }
    await addDataAndFileToRequest(req).catch(() => undefined)
    const body = (req.data ?? {}) as { content?: unknown; follow?: unknown; account?: unknown }
    if (body.follow !== true && (typeof body.content !== 'string' || body.content.trim() === '')) {
      throw new ApiError(400, 'content-required', { zh: '请输入一条示例消息', en: "Type a resident's message to try" })
    }
    const account = await loadAccountCredentials(req.payload, typeof body.account === 'string' ? body.account : undefined).catch((error: unknown) => {
      if (error instanceof AccountUnavailableError) throw new ApiError(404, 'no-account', { zh: '没有可用的公众号', en: 'No WeChat account is available' })
      throw error
    })
    const rule = matchAutoReply(
      await loadRules(req.payload, account.id),
      body.follow === true ? { msgType: 'event', event: 'subscribe' } : { msgType: 'text', content: String(body.content) },
    )
    if (!rule) return Response.json({ rule: null, message: '没有规则命中：不自动回复' })
    const doc = await req.payload.findByID({ collection: 'auto-replies', id: rule.id, depth: 0, overrideAccess: true })
    return Response.json({ rule: { id: rule.id, name: doc.name ?? '', kind: rule.kind }, message: `命中规则：${doc.name ?? rule.id}` })
  },
}
