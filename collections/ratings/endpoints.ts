import type { Endpoint } from 'payload'
import { ApiError } from '../../src/http/api-error'
import { approveComment } from '../../src/services/ratings/publish'

/**
 * The ratings' one staff endpoint (ratings are otherwise written by the residents' pages only):
 *
 * - POST /api/ratings/:id/approve-comment { approved?: boolean } — admins and leaders approve (or withdraw)
 *   the comment for the public monthly page. `{ ok, id, commentApproved }`.
 */
export const ratingEndpoints: Endpoint[] = [
  {
    path: '/:id/approve-comment',
    method: 'post',
    handler: async (req) => {
      let body: Record<string, unknown> = {}
      try {
        const parsed: unknown = req.json ? await req.json() : {}
        if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>
      } catch {
        throw new ApiError(400, 'bad-body', { zh: '请求格式错误', en: 'The request is not valid JSON' })
      }
      const answer = await approveComment(req.payload, req, String(req.routeParams?.id ?? ''), body.approved !== false)
      return Response.json({ ok: true, ...answer })
    },
  },
]
