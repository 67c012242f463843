/**
 * The health report as the endpoint, the admin page and the job use it: facts gathered, judged,
 * and the answer's two shapes (anonymous callers get only statuses).
 */
import type { Payload } from 'payload'
import { perPayload } from '../../shared/per-payload'
import { TtlCache } from '../../shared/ttl-cache'
import { evaluateHealth, overallStatus } from './evaluate'
import type { HealthCheck, HealthStatus } from './facts'
import { gatherHealthFacts } from './gather'

export interface HealthReport {
  status: HealthStatus
  /** ISO instant of the evaluation. */
  checkedAt: string
  checks: HealthCheck[]
}

/** What an anonymous caller of `/api/health` sees: no detail, no action, no title. */
export interface PublicHealthReport {
  status: HealthStatus
  checkedAt: string
  checks: Array<Pick<HealthCheck, 'id' | 'status'>>
}

/** Gathers and judges now. */
export async function healthReport(payload: Payload, now = Date.now()): Promise<HealthReport> {
  const checks = evaluateHealth(await gatherHealthFacts(payload, { now }), now)
  return { status: overallStatus(checks), checkedAt: new Date(now).toISOString(), checks }
}

// A monitor polling /api/health (anonymous, unlimited) must not cost a dozen queries and a few
// statfs calls each time: one evaluation per 15 s per Payload serves them all.
const REPORT_TTL_MS = 15_000
const reportCache = perPayload('health-report', () => new TtlCache<HealthReport>(REPORT_TTL_MS))

/** healthReport, shared for 15 s between the anonymous callers of this Payload (`/api/health`). */
export function cachedHealthReport(payload: Payload): Promise<HealthReport> {
  return reportCache(payload).get('report', () => healthReport(payload))
}

/** The anonymous shape: the overall status and each check's id and status. */
export function publicHealthReport(report: HealthReport): PublicHealthReport {
  return { status: report.status, checkedAt: report.checkedAt, checks: report.checks.map(({ id, status }) => ({ id, status })) }
}
