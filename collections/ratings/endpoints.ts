import type { Endpoint } from 'payload'
import { jsonBody } from '../../src/http/json-body'
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
      const body = await jsonBody(req)
      const answer = await approveComment(req.payload, req, String(req.routeParams?.id ?? ''), body.approved !== false)
      return Response.json({ ok: true, ...answer })
    },
  },
]
