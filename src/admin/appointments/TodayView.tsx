import { Banner, Button, Pill } from '@payloadcms/ui'
import type { AdminViewServerProps } from 'payload'
import React from 'react'
import { MATTER_STATES, MATTER_STATE_LABELS } from '../../services/appointments/matter-status'
import { CHANNEL_LABELS, groupBySlot, loadDayAppointments, officeChoices, staffViewAccess } from '../../services/appointments/staff-views'
import { pick } from '../../shared/bilingual'
import { addDays, isIsoDate, shanghaiDate } from '../../shared/time'
import { PushPage } from '../push/PushPage'
import { DataTable } from '../table'
import { CheckInBox } from './CheckInBox'
import { DayFilters } from './DayFilters'
import { appointmentHref, chosenOffice, STATUS_PILL } from './labels'

const MUTED = 'var(--theme-elevation-500)'

const first = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined

/**
 * 今日预约 (`/admin/appointments-today`): a Beijing day's appointments (today, or `?date=`) of the
 * offices the user belongs to (admins and leaders: every office, `?office=` to narrow), grouped by slot,
 * read as the user (full name and mobile only for the office's staff and admins), with the check-in box
 * for those who may check in.
 */
export async function AppointmentsTodayView(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  const lang = req.i18n.language
  const t = (zh: string, en: string) => pick({ zh, en }, lang)
  const access = staffViewAccess(req.user)
  const heading = <h1 style={{ marginTop: 24 }}>{t('今日预约', 'Appointments today')}</h1>
  if (!access.canSee) {
    return (
      <PushPage view={props}>
        {heading}
        <Banner type="info">
          {t('只有承办科室的工作人员、审核领导和管理员可以查看预约。', 'Only office staff, leaders and administrators see appointments.')}
        </Banner>
      </PushPage>
    )
  }
  const today = shanghaiDate(new Date())
  const asked = first(props.searchParams?.date)
  const badDate = asked !== undefined && !isIsoDate(asked)
  const date = asked !== undefined && isIsoDate(asked) ? asked : today
  const offices = await officeChoices(req.payload, req.user)
  const office = chosenOffice(props.searchParams?.office, offices)
  const rows = await loadDayAppointments(req.payload, req.user, { date, office })
  const groups = groupBySlot(rows)
  const counts = MATTER_STATES.map((state) => ({ state, count: rows.filter((row) => row.status === state).length })).filter((entry) => entry.count > 0)

  return (
    <PushPage view={props}>
      <h1 style={{ marginTop: 24 }}>
        {date === today ? t('今日预约', 'Appointments today') : t('预约', 'Appointments')} · {date}
      </h1>
      {badDate ? (
        <Banner type="error">{t(`日期“${asked}”无效，已显示今天（格式如 2026-12-07）`, `“${asked}” is not a date; showing today (e.g. 2026-12-07)`)}</Banner>
      ) : null}
      <DayFilters
        path="/admin/appointments-today"
        date={date}
        today={today}
        previous={addDays(date, -1)}
        next={addDays(date, 1)}
        offices={offices}
        office={office ?? ''}
      />
      {access.canAct ? (
        <>
          <CheckInBox />
          <div style={{ margin: '0 0 var(--base)' }}>
            <Button el="link" url="/admin/appointments-book" buttonStyle="secondary" size="small" margin={false}>
              {t('代约（电话或现场）', 'Book for a resident')}
            </Button>{' '}
            <Button el="link" url="/admin/matters-board" buttonStyle="secondary" size="small" margin={false}>
              {t('办件看板', 'Matters board')}
            </Button>
          </div>
        </>
      ) : null}
      <p className="appointments-today__summary" style={{ color: MUTED }}>
        {t(`共 ${rows.length} 个预约`, `${rows.length} appointment(s)`)}
        {counts.length > 0 ? `：${counts.map((entry) => `${pick(MATTER_STATE_LABELS[entry.state], lang)} ${entry.count}`).join('，')}` : ''}
        {rows.length > 0
          ? t(
              '。列表中姓名和手机号脱敏显示，完整信息请打开预约查看（仅承办科室和管理员）。',
              '. Names and mobiles are masked in lists; open an appointment for the full data (office staff and admins only).',
            )
          : ''}{' '}
        {rows.length > 0 ? (
          <a className="appointments-today__export" href={`/api/appointments/export?from=${date}&to=${date}`}>
            {t('导出本日（CSV，姓名和手机号脱敏）', 'Export the day (CSV, names and mobiles masked)')}
          </a>
        ) : null}
      </p>
      {groups.length === 0 ? (
        <Banner type="info">
          <span className="appointments-today__empty">{t('这一天没有预约。', 'No appointments on this day.')}</span>
        </Banner>
      ) : (
        groups.map((group) => (
          <section key={`${group.start}-${group.end}`} className="appointments-today__slot" data-slot={`${group.start}-${group.end}`}>
            <h3 style={{ margin: 'calc(var(--base) * 1.5) 0 8px' }}>
              {group.start}–{group.end}
              <span style={{ color: MUTED, fontWeight: 'normal', marginLeft: 8 }}>{t(`${group.rows.length} 人`, `${group.rows.length} booked`)}</span>
            </h3>
            <DataTable
              className="appointments-today__table"
              rowIds={group.rows.map((row) => row.id)}
              columns={[
                {
                  key: 'bookingCode',
                  heading: t('预约码', 'Code'),
                  cells: group.rows.map((row) => (
                    <a key={row.id} href={appointmentHref(row.id)} className="appointments-today__code" style={{ fontFamily: 'monospace', fontSize: 16 }}>
                      {row.bookingCode}
                    </a>
                  )),
                },
                { key: 'guide', heading: t('事项', 'Matter'), cells: group.rows.map((row) => row.guideTitle) },
                { key: 'name', heading: t('姓名', 'Name'), cells: group.rows.map((row) => row.name) },
                { key: 'mobile', heading: t('手机号', 'Mobile'), cells: group.rows.map((row) => row.mobile) },
                {
                  key: 'status',
                  heading: t('状态', 'Status'),
                  cells: group.rows.map((row) => (
                    <span key={row.id} className="appointments-today__status" data-status={row.status}>
                      <Pill pillStyle={STATUS_PILL[row.status]} size="small">
                        {pick(MATTER_STATE_LABELS[row.status], lang)}
                      </Pill>
                    </span>
                  )),
                },
                {
                  key: 'channel',
                  heading: t('预约方式', 'Channel'),
                  cells: group.rows.map((row) => pick(CHANNEL_LABELS[row.channel] ?? { zh: row.channel, en: row.channel }, lang)),
                },
                {
                  key: 'open',
                  heading: '',
                  cells: group.rows.map((row) => (
                    <a key={row.id} href={appointmentHref(row.id)}>
                      {t('查看/办理', 'Open')}
                    </a>
                  )),
                },
              ]}
            />
          </section>
        ))
      )}
    </PushPage>
  )
}
