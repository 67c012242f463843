import { addDataAndFileToRequest, type Endpoint } from 'payload'
import { isReviewedCollection } from './reviewed'
import { applyReviewAction, ReviewError } from './service'

/**
 * `POST /api/<collection>/:id/review` with `{ action, reason? }`; answers the updated document.
 * Refusals are ReviewErrors, answered by apiEndpoints as `{ errors: [{ message, code, data: { problems } }] }`.
 */
export const reviewEndpoint = (collection: string): Endpoint => ({
  path: '/:id/review',
  method: 'post',
  handler: async (req) => {
    const id = req.routeParams?.id
    if (!isReviewedCollection(collection) || typeof id !== 'string') {
      throw new ReviewError(404, 'not-found', '内容不存在')
    }
    try {
      await addDataAndFileToRequest(req)
    } catch {
      throw new ReviewError(400, 'bad-body', '请求体必须是 JSON：{"action": "...", "reason": "..."}')
    }
    const body = (req.data ?? {}) as { action?: unknown; reason?: unknown }
    const doc = await applyReviewAction({ req, collection, id, action: body.action, reason: body.reason })
    return Response.json({ doc, message: '操作成功' })
  },
})
