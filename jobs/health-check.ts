import type { Payload } from 'payload'
import { applyHealthAlerts, type AlertReport } from '../src/services/health/alerts'
import { evaluateHealth } from '../src/services/health/evaluate'
import type { HealthFacts } from '../src/services/health/facts'
import { gatherHealthFacts } from '../src/services/health/gather'

/** Every five minutes: the checks of 运行状态, and the admins told of what turned red or recovered. */
export const HEALTH_CHECK_SCHEDULE = '*/5 * * * *'

export interface HealthCheckOptions {
  /** ms since the epoch; defaults to now. */
  now?: number
  /** Tests give the facts; the scheduler gathers them. */
  facts?: HealthFacts
}

/**
 * Gathers the facts, judges them and applies the alerts (src/services/health/alerts.ts): a check that
 * turns red notifies the admins once, its recovery once, a check still red at most once a day. Safe to
 * run on several schedulers at once (each change is claimed by compare-and-set).
 */
export async function runHealthCheck(payload: Payload, options: HealthCheckOptions = {}): Promise<AlertReport> {
  const now = options.now ?? Date.now()
  const facts = options.facts ?? (await gatherHealthFacts(payload, { now }))
  return applyHealthAlerts(payload, evaluateHealth(facts, now), now)
}
