import type { Endpoint, PayloadRequest } from 'payload'
import { ApiError } from '../../src/http/api-error'
import { moderateSubmission } from '../../src/services/consultations/moderate'

type Body = Record<string, unknown>

async function jsonBody(req: PayloadRequest): Promise<Body> {
  try {
    const body: unknown = req.json ? await req.json() : {}
    return body && typeof body === 'object' ? (body as Body) : {}
  } catch {
    throw new ApiError(400, 'bad-body', { zh: '请求格式错误', en: 'The request is not valid JSON' })
  }
}

const routeId = (req: PayloadRequest): string => {
  const id = req.routeParams?.id
  if (typeof id !== 'string' || id === '') throw new ApiError(404, 'not-found', { zh: '不存在', en: 'Not found' })
  return id
}

/**
 * The suggestions' endpoint for staff (residents submit and withdraw through the residents' pages):
 *
 * - POST /api/consultation-submissions/:id/moderate { action: 'approve' | 'reject' | 'answer', text? }
 *   — answers `{ doc }` (as the user reads it); refusals in src/services/consultations/moderate.ts.
 */
export const submissionEndpoints: Endpoint[] = [
  {
    path: '/:id/moderate',
    method: 'post',
    handler: async (req) => {
      const id = routeId(req)
      const body = await jsonBody(req)
      const doc = await moderateSubmission(req, { id, action: body.action, text: body.text })
      return Response.json({ doc, message: '操作成功' })
    },
  },
]

/** The topics' endpoints besides `/:id/review` (outcome, articles, menu pin): see below. */
export const topicEndpoints: Endpoint[] = []
