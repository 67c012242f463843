import { Banner, Pill } from '@payloadcms/ui'
import type { AdminViewServerProps } from 'payload'
import React from 'react'
import { MATTER_STATE_LABELS } from '../../services/appointments/matter-status'
import { boardColumns, deadlineText, loadOpenMatters, officeChoices, staffViewAccess } from '../../services/appointments/staff-views'
import { pick } from '../../shared/bilingual'
import { shanghaiDate } from '../../shared/time'
import { PushPage } from '../push/PushPage'
import { DayFilters } from './DayFilters'
import { appointmentHref, chosenOffice, STATUS_PILL } from './labels'

const MUTED = 'var(--theme-elevation-500)'

/**
 * 办件看板 (`/admin/matters-board`): the open matters (已签到, 已受理, 办理中, 需补正) the user may read,
 * one column per status with its count, overdue ones first (已超期 N 个工作日, counted with today's
 * Beijing date), else the expected completion date. Leaders see it masked and read-only; steps are
 * taken on the appointment.
 */
export async function MattersBoardView(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  const lang = req.i18n.language
  const t = (zh: string, en: string) => pick({ zh, en }, lang)
  const access = staffViewAccess(req.user)
  if (!access.canSee) {
    return (
      <PushPage view={props}>
        <h1 style={{ marginTop: 24 }}>{t('办件看板', 'Matters board')}</h1>
        <Banner type="info">{t('只有承办科室的工作人员、审核领导和管理员可以查看办件。', 'Only office staff, leaders and administrators see matters.')}</Banner>
      </PushPage>
    )
  }
  const today = shanghaiDate(new Date())
  const offices = await officeChoices(req.payload, req.user)
  const office = chosenOffice(props.searchParams?.office, offices)
  const columns = boardColumns(await loadOpenMatters(req.payload, req.user, { office }), today)
  const warning = columns.flatMap((column) => column.rows).find((row) => row.deadline.kind === 'overdue' && row.deadline.calendarWarning)

  return (
    <PushPage view={props}>
      <h1 style={{ marginTop: 24 }}>{t('办件看板', 'Matters board')}</h1>
      <p style={{ color: MUTED }}>
        {t(`今天 ${today}（北京时间）。超期按工作日计算，超期的排在每列最前。`, `Today ${today} (Beijing). Overdue counted in working days, listed first.`)}
        {access.canAct ? '' : t('只读：办理操作由承办科室在预约页面进行。', ' Read only: the office takes the steps.')}
      </p>
      <DayFilters path="/admin/matters-board" offices={offices} office={office ?? ''} />
      {warning && warning.deadline.kind === 'overdue' ? <Banner type="info">{warning.deadline.calendarWarning}</Banner> : null}
      <div
        className="matters-board"
        style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))', gap: 'var(--base)', alignItems: 'start' }}
      >
        {columns.map((column) => (
          <section
            key={column.status}
            className="matters-board__column"
            data-status={column.status}
            style={{ background: 'var(--theme-elevation-50)', borderRadius: 4, padding: 12 }}
          >
            <h3 style={{ margin: '0 0 8px', display: 'flex', gap: 8, alignItems: 'center' }}>
              <Pill pillStyle={STATUS_PILL[column.status]} size="small">
                {pick(MATTER_STATE_LABELS[column.status], lang)}
              </Pill>
              <span className="matters-board__count">{column.count}</span>
              {column.overdue > 0 ? (
                <span style={{ color: 'var(--theme-error-500)', fontSize: 13, fontWeight: 'normal' }}>
                  {t(`超期 ${column.overdue}`, `${column.overdue} overdue`)}
                </span>
              ) : null}
            </h3>
            {column.rows.length === 0 ? <p style={{ color: MUTED, margin: 0 }}>{t('无', 'None')}</p> : null}
            <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {column.rows.map((row) => {
                const overdue = row.deadline.kind === 'overdue'
                return (
                  <li
                    key={row.id}
                    className={`matters-board__card${overdue ? ' matters-board__card--overdue' : ''}`}
                    data-id={row.id}
                    style={{
                      background: 'var(--theme-elevation-0)',
                      border: `1px solid ${overdue ? 'var(--theme-error-500)' : 'var(--theme-elevation-150)'}`,
                      borderRadius: 4,
                      padding: '8px 10px',
                      marginBottom: 8,
                    }}
                  >
                    <a href={appointmentHref(row.id)} style={{ fontFamily: 'monospace', fontSize: 15 }}>
                      {row.bookingCode}
                    </a>
                    <div>{row.guideTitle}</div>
                    <div style={{ color: MUTED, fontSize: 13 }}>
                      {row.name} · {row.mobile}
                    </div>
                    <div style={{ color: MUTED, fontSize: 13 }}>
                      {t(`预约 ${row.slotDate} ${row.slotStart}`, `Booked for ${row.slotDate} ${row.slotStart}`)}
                    </div>
                    {row.deadline.kind !== 'none' ? (
                      <div
                        className="matters-board__deadline"
                        style={{ fontSize: 13, color: overdue ? 'var(--theme-error-500)' : undefined, fontWeight: overdue ? 600 : undefined }}
                      >
                        {deadlineText(row.deadline, lang)}
                      </div>
                    ) : null}
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
