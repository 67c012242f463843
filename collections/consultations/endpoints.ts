import type { Endpoint, PayloadRequest } from 'payload'
import { ApiError } from '../../src/http/api-error'
import { jsonBody } from '../../src/http/json-body'
import { requireStaff } from '../../src/access/roles'
import { loadModerationPanel, waitingCountFor } from '../../src/services/consultations/board'
import { moderateSubmission } from '../../src/services/consultations/moderate'
import { createCallArticle, createOutcomeArticle, pinTopic, publishOutcome } from '../../src/services/consultations/outcome-actions'

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
 * - GET /api/consultation-submissions/:id/panel — the moderation panel (board.ts ModerationPanel), 404 when unreadable
 * - GET /api/consultation-submissions/waiting-count — `{ waiting }`: the nav badge's number
 */
export const submissionEndpoints: Endpoint[] = [
  {
    path: '/waiting-count',
    method: 'get',
    handler: async (req) => {
      requireStaff(req)
      return Response.json({ waiting: await waitingCountFor(req.payload, req.user) }, { headers: { 'Cache-Control': 'private, no-store' } })
    },
  },
  {
    path: '/:id/panel',
    method: 'get',
    handler: async (req) => {
      requireStaff(req)
      const panel = await loadModerationPanel(req.payload, req.user, routeId(req))
      if (!panel) throw new ApiError(404, 'not-found', { zh: '建议不存在或您无权查看', en: 'No such suggestion, or you may not read it' })
      return Response.json(panel, { headers: { 'Cache-Control': 'private, no-store' } })
    },
  },
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

/**
 * The topics' endpoints besides `/:id/review` (src/services/consultations/outcome-actions.ts):
 *
 * - POST /api/consultation-topics/:id/publish-outcome — `{ outcomePublishedAt, told }`: the outcome
 *   published, the participants told once (staff of the handling office, leaders, admins)
 * - POST /api/consultation-topics/:id/outcome-article — `{ doc, created }`: the draft article of the
 *   outcome (the existing one on a second call)
 * - POST /api/consultation-topics/:id/call-article — `{ doc, created }`: the draft article calling for suggestions
 * - POST /api/consultation-topics/:id/pin — `{ name, url, account: { id, name } }`: the topic in the 微·服务 section of
 *   the menu draft of the topic's community's account (else the street office's), named in `message`
 */
export const topicEndpoints: Endpoint[] = [
  {
    path: '/:id/publish-outcome',
    method: 'post',
    handler: async (req) => Response.json({ ...(await publishOutcome(req, routeId(req))), message: '结果已公开' }),
  },
  {
    path: '/:id/outcome-article',
    method: 'post',
    handler: async (req) => {
      const { article, created } = await createOutcomeArticle(req, routeId(req))
      return Response.json({ doc: article, created, message: created ? '已生成推送文章草稿' : '推送文章已存在' }, { status: created ? 201 : 200 })
    },
  },
  {
    path: '/:id/call-article',
    method: 'post',
    handler: async (req) => {
      const { article, created } = await createCallArticle(req, routeId(req))
      return Response.json({ doc: article, created, message: created ? '已生成征集文章草稿' : '征集文章已存在' }, { status: created ? 201 : 200 })
    },
  },
  {
    path: '/:id/pin',
    method: 'post',
    handler: async (req) => {
      const pinned = await pinTopic(req, routeId(req))
      return Response.json({ ...pinned, message: `已加入「${pinned.account.name}」的菜单草稿，发布该公众号的菜单后生效` })
    },
  },
]
