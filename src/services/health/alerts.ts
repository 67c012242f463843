/**
 * One notification per problem: a check that turns red tells the admins once, its recovery once
 * more (「已恢复」), and a check still red reminds them at most once a day. The state is a
 * `health-alerts` row per check id, changed only by compare-and-set on `state` (and, for the
 * reminder, on `notifiedAt`), so any number of schedulers evaluating at once notify once.
 */
import type { Payload } from 'payload'
import { adminUrl, publicBaseUrl } from '../../http/admin-url'
import { compareAndSet } from '../../shared/cas'
import { formatShanghai } from '../../shared/time'
import { activeUsersWithRole, notify } from '../notifications/notify'
import type { HealthCheck } from './facts'

/** A red check reminds the admins again after this long (a daily nudge, not a flood). */
export const REMINDER_AFTER_MS = 24 * 3600_000

export interface AlertReport {
  raised: string[]
  reminded: string[]
  recovered: string[]
}

/**
 * Applies the checks (evaluateHealth's answer at `now`) to the alert state and notifies the active
 * admins of what changed. A red alert whose check no longer exists (an account deleted) recovers.
 */
export async function applyHealthAlerts(payload: Payload, checks: HealthCheck[], now = Date.now()): Promise<AlertReport> {
  const report: AlertReport = { raised: [], reminded: [], recovered: [] }
  const nowIso = new Date(now).toISOString()
  const red = await payload.find({
    collection: 'health-alerts',
    overrideAccess: true,
    depth: 0,
    limit: 500,
    pagination: false,
    where: { state: { equals: 'red' } },
  })
  const redIds = new Set(red.docs.map((row) => row.checkId))
  const byId = new Map(checks.map((check) => [check.id, check]))

  for (const check of checks) {
    if (check.status === 'red') {
      if (!redIds.has(check.id)) {
        await ensureRow(payload, check)
        const claimed = await compareAndSet(
          payload,
          'health-alerts',
          { and: [{ checkId: { equals: check.id } }, { state: { not_equals: 'red' } }] },
          { state: 'red', title: check.title, detail: check.detail.slice(0, 500), redSince: nowIso, notifiedAt: nowIso, recoveredAt: null },
        )
        if (claimed) {
          report.raised.push(check.id)
          await tell(
            payload,
            `【运行状态·故障】${check.title}`,
            [check.detail, check.action ? `处理：${check.action}` : '', `时间：${formatShanghai(nowIso)}（北京时间）`],
            check.id,
          )
        }
      } else {
        const claimed = await compareAndSet(
          payload,
          'health-alerts',
          {
            and: [
              { checkId: { equals: check.id } },
              { state: { equals: 'red' } },
              { notifiedAt: { less_than: new Date(now - REMINDER_AFTER_MS).toISOString() } },
            ],
          },
          { notifiedAt: nowIso, detail: check.detail.slice(0, 500) },
        )
        if (claimed) {
          report.reminded.push(check.id)
          const since = formatShanghai(claimed.redSince ?? null)
          await tell(
            payload,
            `【运行状态·仍未恢复】${check.title}`,
            [`自 ${since} 起仍是故障。`, check.detail, check.action ? `处理：${check.action}` : ''],
            check.id,
          )
        }
      }
    }
  }

  for (const row of red.docs) {
    const check = byId.get(row.checkId)
    if (check && check.status === 'red') continue
    const claimed = await compareAndSet(
      payload,
      'health-alerts',
      { and: [{ checkId: { equals: row.checkId } }, { state: { equals: 'red' } }] },
      { state: 'ok', recoveredAt: nowIso, detail: (check?.detail ?? '检查项已不存在').slice(0, 500) },
    )
    if (claimed) {
      report.recovered.push(row.checkId)
      await tell(
        payload,
        `【运行状态·已恢复】${check?.title ?? row.title ?? row.checkId}`,
        [`已恢复（故障自 ${formatShanghai(row.redSince ?? null)} 起）。`, check ? `当前：${check.detail}` : '该检查项已不存在（如公众号已删除）。'],
        row.checkId,
      )
    }
  }
  return report
}

/** The row must exist before it can be claimed; two creators race on the unique checkId and one wins. */
async function ensureRow(payload: Payload, check: HealthCheck): Promise<void> {
  const existing = await payload.count({ collection: 'health-alerts', overrideAccess: true, where: { checkId: { equals: check.id } } })
  if (existing.totalDocs > 0) return
  try {
    await payload.create({ collection: 'health-alerts', overrideAccess: true, depth: 0, data: { checkId: check.id, title: check.title, state: 'ok' } })
  } catch (error) {
    // The other scheduler created it first (unique checkId); anything else is real.
    const again = await payload.count({ collection: 'health-alerts', overrideAccess: true, where: { checkId: { equals: check.id } } })
    if (again.totalDocs === 0) throw error
  }
}

/**
 * An e-mail is read away from the server: the admin paths a check's text names (「本周推送（/admin/this-week）」)
 * become absolute links (PUBLIC_URL, src/http/admin-url.ts).
 */
export function absoluteAdminLinks(text: string, base = publicBaseUrl()): string {
  return text.replace(/(^|[^\w/:.])\/admin(?=[/?#]|$|[^\w])/g, `$1${base}/admin`)
}

async function tell(payload: Payload, subject: string, lines: string[], checkId: string): Promise<void> {
  const recipients = await activeUsersWithRole(payload, 'admin')
  const body = [...lines.filter(Boolean).map((line) => absoluteAdminLinks(line)), '', `详情见管理后台 → 运行状态：${adminUrl('/health')}`].join('\n')
  await notify(payload, { recipients, subject, body, relatedCollection: 'health-alerts', relatedId: checkId })
}
