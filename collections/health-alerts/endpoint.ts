import type { Endpoint } from 'payload'
import { roleOf } from '../../src/access/roles'
import { cachedHealthReport, healthReport, publicHealthReport } from '../../src/services/health/report'

/**
 * `GET /api/health` (a root endpoint of the Payload config): `{ status, checkedAt, checks }`, HTTP 200
 * unless a check is red (503), so a monitor needs only the status code. Anonymous callers get the
 * overall status and each check's id and status; signed-in admins also each check's title, detail
 * and action (src/services/health/README.md). No secrets and no personal data in either: the
 * checks name accounts by id and app id, processes by host and pid, never an openid or email.
 * Anonymous answers are evaluated at most every 15 s (report.ts: a monitor polling without limit
 * must not cost a dozen queries each time); a signed-in admin gets a fresh evaluation.
 */
export const healthEndpoint: Endpoint = {
  path: '/health',
  method: 'get',
  handler: async (req) => {
    const admin = roleOf(req.user) === 'admin'
    const report = admin ? await healthReport(req.payload) : await cachedHealthReport(req.payload)
    const body = admin ? report : publicHealthReport(report)
    return Response.json(body, { status: report.status === 'red' ? 503 : 200, headers: { 'Cache-Control': 'no-store' } })
  },
}
