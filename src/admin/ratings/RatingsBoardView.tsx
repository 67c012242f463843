import { Banner, Pill } from '@payloadcms/ui'
import type { AdminViewServerProps } from 'payload'
import React from 'react'
import { RATING_LEVELS, RATING_LEVEL_INFO } from '../../services/ratings/levels'
import { RECTIFICATION_STATE_LABELS } from '../../services/ratings/rectification'
import { itemDeadlineText, loadRatingsBoard, mayUseBoard } from '../../services/ratings/staff-views'
import { pick } from '../../shared/bilingual'
import { PushPage } from '../push/PushPage'

const MUTED = 'var(--theme-elevation-500)'
const cell: React.CSSProperties = { border: '1px solid var(--theme-elevation-150)', padding: '4px 8px', textAlign: 'center', whiteSpace: 'nowrap' }

/**
 * 好差评看板 (`/admin/ratings-board`): the ratings of the last 8 ISO weeks per office (counts per level
 * and 满意率 per week), and every rectification item by state — overdue first, 已超期 N 个工作日 counted
 * with today's Beijing date — each linked to its item. Read as the user: admins and leaders see every
 * office, office staff their own.
 */
export async function RatingsBoardView(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  const lang = req.i18n.language
  const t = (zh: string, en: string) => pick({ zh, en }, lang)
  if (!mayUseBoard(req.user)) {
    return (
      <PushPage view={props}>
        <h1 style={{ marginTop: 24 }}>{t('好差评看板', 'Ratings board')}</h1>
        <Banner type="info">{t('只有科室工作人员、审核领导和管理员可以查看好差评。', 'Only office staff, leaders and administrators see ratings.')}</Banner>
      </PushPage>
    )
  }
  const board = await loadRatingsBoard(req.payload, req.user)
  const rate = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)}%`)
  return (
    <PushPage view={props}>
      <h1 style={{ marginTop: 24 }}>{t('好差评看板', 'Ratings board')}</h1>
      <p style={{ color: MUTED }}>
        {t(
          `今天 ${board.today}（北京时间）。满意率 =（非常满意 + 满意 + 基本满意）÷ 全部评价。`,
          `Today ${board.today} (Beijing). Satisfaction = (very satisfied + satisfied + fairly satisfied) ÷ all.`,
        )}
      </p>
      <h2>{t('各科室评价（按周）', 'Ratings per office and week')}</h2>
      {board.offices.length === 0 ? <p style={{ color: MUTED }}>{t('近 8 周没有评价。', 'No rating in the last 8 weeks.')}</p> : null}
      {board.offices.map((office) => (
        <section key={office.officeId} className="ratings-board__office" style={{ marginBottom: 24, overflowX: 'auto' }}>
          <h3>
            {office.officeName}{' '}
            <span style={{ color: MUTED, fontWeight: 'normal', fontSize: 14 }}>
              {t(`共 ${office.all.total} 条，满意率 ${rate(office.all.satisfactionRate)}`, `${office.all.total} in all, ${rate(office.all.satisfactionRate)}`)}
            </span>
          </h3>
          <table style={{ borderCollapse: 'collapse' }}>
            <thead>
              <tr>
                <th style={cell}>{t('周', 'Week')}</th>
                {RATING_LEVELS.map((level) => (
                  <th key={level} style={cell}>
                    {pick(RATING_LEVEL_INFO[level], lang)}
                  </th>
                ))}
                <th style={cell}>{t('合计', 'Total')}</th>
                <th style={cell}>{t('满意率', 'Satisfaction')}</th>
              </tr>
            </thead>
            <tbody>
              {board.weeks.map((week) => {
                const group = office.byWeek[week]
                return (
                  <tr key={week}>
                    <td style={cell}>{week}</td>
                    {RATING_LEVELS.map((level) => (
                      <td key={level} style={cell}>
                        {group?.counts[level] ?? 0}
                      </td>
                    ))}
                    <td style={cell}>{group?.total ?? 0}</td>
                    <td style={cell}>{rate(group?.satisfactionRate ?? null)}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </section>
      ))}
      <h2>{t('差评整改', 'Rectifications')}</h2>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))', gap: 'var(--base)', alignItems: 'start' }}>
        {board.rectifications
          .filter((column) => column.count > 0)
          .map((column) => (
            <section
              key={column.state}
              className="ratings-board__column"
              data-state={column.state}
              style={{ background: 'var(--theme-elevation-50)', borderRadius: 4, padding: 12 }}
            >
              <h3 style={{ margin: '0 0 8px', display: 'flex', gap: 8, alignItems: 'center' }}>
                <Pill size="small">{pick(RECTIFICATION_STATE_LABELS[column.state], lang)}</Pill>
                <span>{column.count}</span>
                {column.overdue > 0 ? (
                  <span style={{ color: 'var(--theme-error-500)', fontSize: 13, fontWeight: 'normal' }}>
                    {t(`超期 ${column.overdue}`, `${column.overdue} overdue`)}
                  </span>
                ) : null}
              </h3>
              <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                {column.rows.map((row) => {
                  const overdue = row.deadline.kind === 'overdue'
                  return (
                    <li
                      key={row.id}
                      data-id={row.id}
                      style={{
                        background: 'var(--theme-elevation-0)',
                        borderLeft: `3px solid ${overdue ? 'var(--theme-error-500)' : 'var(--theme-elevation-150)'}`,
                        padding: 8,
                        margin: '0 0 8px',
                      }}
                    >
                      <a href={`/admin/collections/rectifications/${row.id}`}>
                        <strong>{row.officeName}</strong>
                        {row.guideTitle ? ` · ${row.guideTitle}` : ''}
                      </a>
                      <div style={{ fontSize: 13, color: MUTED }}>
                        {pick(RATING_LEVEL_INFO[row.level], lang)} · {t(`收到 ${row.openedOn}`, `Opened ${row.openedOn}`)}
                      </div>
                      <div style={{ fontSize: 13, color: overdue ? 'var(--theme-error-500)' : undefined, fontWeight: overdue ? 600 : undefined }}>
                        {itemDeadlineText(row.deadline, lang)}
                      </div>
                      {row.deadlineWarning ? <div style={{ fontSize: 12, color: 'var(--theme-warning-600, #b26b00)' }}>{row.deadlineWarning}</div> : null}
                    </li>
                  )
                })}
              </ol>
            </section>
          ))}
      </div>
    </PushPage>
  )
}
