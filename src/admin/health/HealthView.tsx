import { Banner } from '@payloadcms/ui'
import type { AdminViewServerProps } from 'payload'
import React from 'react'
import { roleOf } from '../../access/roles'
import type { HealthStatus } from '../../services/health/facts'
import { healthReport } from '../../services/health/report'
import { pick } from '../../shared/bilingual'
import { formatShanghai } from '../../shared/time'
import { PushPage } from '../push/PushPage'

const MARK: Record<HealthStatus, { color: string; zh: string; en: string }> = {
  ok: { color: 'var(--theme-success-500)', zh: '正常', en: 'OK' },
  warn: { color: 'var(--theme-warning-500)', zh: '注意', en: 'Warning' },
  red: { color: 'var(--theme-error-500)', zh: '故障', en: 'Failure' },
}
const ORDER: Record<HealthStatus, number> = { red: 0, warn: 1, ok: 2 }

/**
 * 运行状态 (`/admin/health`, admins only): every health check (src/services/health) with a green,
 * amber or red mark, what was found and what to do, red first. Evaluated fresh on each visit (the
 * API's 15-second cache is for monitors). The texts are Chinese: they are the checks' own.
 */
export async function HealthView(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  const lang = req.i18n.language
  const t = (zh: string, en: string) => pick({ zh, en }, lang)
  if (roleOf(req.user) !== 'admin') {
    return (
      <PushPage view={props}>
        <h1 style={{ marginTop: 24 }}>{t('运行状态', 'System health')}</h1>
        <Banner type="info">{t('只有管理员可以查看运行状态。', 'Only administrators see the system health.')}</Banner>
      </PushPage>
    )
  }
  const report = await healthReport(req.payload)
  const checks = [...report.checks].sort((a, b) => ORDER[a.status] - ORDER[b.status])
  const overall = MARK[report.status]
  return (
    <PushPage view={props}>
      <h1 style={{ marginTop: 24 }}>{t('运行状态', 'System health')}</h1>
      <p className="health__overall" data-status={report.status}>
        <span style={{ color: overall.color, fontWeight: 'bold' }}>● {pick(overall, lang)}</span>{' '}
        <span style={{ color: 'var(--theme-elevation-500)' }}>
          {t(
            `检查时间 ${formatShanghai(report.checkedAt)}（北京时间）。故障会邮件通知管理员一次，恢复时再通知一次；`,
            `Checked ${formatShanghai(report.checkedAt)} (Beijing). `,
          )}
          {t('监控可访问 /api/health（故障时返回 503）。', 'Monitors may poll /api/health (503 when red).')}
        </span>
      </p>
      <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {checks.map((check) => {
          const mark = MARK[check.status]
          return (
            <li
              key={check.id}
              className="health__check"
              data-id={check.id}
              data-status={check.status}
              style={{ borderLeft: `4px solid ${mark.color}`, background: 'var(--theme-elevation-50)', padding: '8px 12px', margin: '0 0 8px' }}
            >
              <div style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
                <span aria-label={pick(mark, lang)} title={pick(mark, lang)} style={{ color: mark.color }}>
                  ●
                </span>
                <strong>{check.title}</strong>
                <span style={{ color: mark.color, fontSize: 13 }}>{pick(mark, lang)}</span>
              </div>
              <div style={{ marginTop: 4 }}>{check.detail}</div>
              {check.action ? (
                <div style={{ marginTop: 4, color: 'var(--theme-elevation-700)' }}>
                  {t('处理：', 'What to do: ')}
                  {check.action}
                </div>
              ) : null}
            </li>
          )
        })}
      </ol>
    </PushPage>
  )
}
