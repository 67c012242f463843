import type { Endpoint } from 'payload'
import { requireStaff } from '../../src/access/roles'
import { ApiError } from '../../src/http/api-error'
import { jsonBody } from '../../src/http/json-body'
import { approvePublicFix } from '../../src/services/ratings/publish'
import { takeRectificationStep } from '../../src/services/ratings/rectify'
import { loadRectificationPanel } from '../../src/services/ratings/staff-views'

/** `calledAt` as the admin sends it (ISO text or epoch ms), as epoch ms; anything else stays as it is for the rule to refuse. */
const instant = (value: unknown): unknown => (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Date.parse(value)) ? Date.parse(value) : value)

/**
 * The rectification items' endpoints for staff (the residents' verdict and appeal go through their pages):
 *
 * - POST /api/rectifications/:id/step { action, note?, callBack?: { caller, calledAt, summary }, deadline? } — 记录回访,
 *   记录整改, 未获认可办结 (office head), 复核维持办结 / 复核后重新整改 (leader), 调整整改期限 (office head,
 *   leader, admin: `deadline` YYYY-MM-DD not before today, the reason in `note`). `{ ok, state, deadline, deadlineEstimated }`;
 *   refusals 400/403/409 in Chinese (rectification.ts), 409 `changed` for the loser of two clicks at once.
 * - POST /api/rectifications/:id/public-fix { text } — admins and leaders set the fix as published on the monthly page.
 * - GET  /api/rectifications/:id/panel — the item's timeline (with the call-back records) and the actions the user may take.
 */
export const rectificationEndpoints: Endpoint[] = [
  {
    path: '/:id/step',
    method: 'post',
    handler: async (req) => {
      const body = await jsonBody(req)
      const staff = requireStaff(req)
      const id = String(req.routeParams?.id ?? '')
      // Staff who may not read the item (another office) learn nothing of it: 404, as for one that does not exist.
      if (!(await loadRectificationPanel(req.payload, req.user, id))) throw new ApiError(404, 'not-found', { zh: '没有找到这条差评整改', en: 'Not found' })
      const callBack = body.callBack && typeof body.callBack === 'object' ? (body.callBack as Record<string, unknown>) : undefined
      const step = await takeRectificationStep(
        req.payload,
        id,
        body.action,
        { kind: 'staff', user: staff },
        {
          note: body.note,
          deadline: body.deadline,
          ...(callBack ? { callBack: { caller: callBack.caller, calledAt: instant(callBack.calledAt), summary: callBack.summary } } : {}),
        },
      )
      return Response.json({
        ok: true,
        state: step.to,
        deadline: step.deadline,
        deadlineEstimated: step.deadlineEstimated,
        ...(step.deadlineWarning ? { deadlineWarning: step.deadlineWarning } : {}),
      })
    },
  },
  {
    path: '/:id/public-fix',
    method: 'post',
    handler: async (req) => {
      const body = await jsonBody(req)
      const answer = await approvePublicFix(req.payload, req, String(req.routeParams?.id ?? ''), body.text)
      return Response.json({ ok: true, ...answer })
    },
  },
  {
    path: '/:id/panel',
    method: 'get',
    handler: async (req) => {
      requireStaff(req)
      const panel = await loadRectificationPanel(req.payload, req.user, String(req.routeParams?.id ?? ''))
      if (!panel) throw new ApiError(404, 'not-found', { zh: '没有找到这条差评整改', en: 'Not found' })
      return Response.json(panel)
    },
  },
]
