import type { AdminViewServerProps } from 'payload'
import React from 'react'
import { staffOf } from '../../access/roles'
import { formatShanghai, isoWeekday, isoWeekOf, shanghaiDate } from '../../shared/time'
import { pick } from '../../shared/bilingual'
import { accountForStaff } from '../../services/push/account-scope'
import { CALENDAR_WEEKS, loadCalendar } from '../../services/push/calendar-view'
import { Banner, Pill } from '@payloadcms/ui'
import { CALENDAR_STATUS_LABELS, calendarNote, calendarNoteEn, calendarWarns, weekdayLabel } from '../../services/push/labels'
import { sendTimeText, weekSendTime } from '../../services/push/send-time'
import { DataTable } from '../table'
import { PushPage } from './PushPage'

/** 推送日历: the next eight weeks' send slots, with the weeks the monthly quota will not allow. */
export async function PushCalendarView(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  const lang = req.i18n.language
  if (!staffOf(req.user)) return <p>{pick({ zh: '请先登录。', en: 'Please log in.' }, lang)}</p>
  const asked = typeof props.searchParams?.account === 'string' ? props.searchParams.account : null
  const account = await accountForStaff(req.payload, req.user, asked)
  const title = <h1 style={{ marginTop: 24 }}>{pick({ zh: '推送日历', en: 'Push calendar' }, lang)}</h1>
  if (!account) {
    return (
      <PushPage view={props}>
        {title}
        <Banner type="error">
          {pick({ zh: '没有默认公众号：请在 微信 → 公众号 中添加并设为默认', en: 'No default account: add one under WeChat → Accounts' }, lang)}
        </Banner>
      </PushPage>
    )
  }
  const now = new Date()
  const currentWeek = isoWeekOf(now)
  // The week links keep the account the page shows.
  const accountQuery = asked ? `&account=${encodeURIComponent(account.id)}` : ''
  const { rows, settings, pushIds, sentAt } = await loadCalendar(req.payload, account.id, currentWeek, CALENDAR_WEEKS, now)

  return (
    <PushPage view={props}>
      {title}
      <p style={{ color: 'var(--theme-elevation-500)' }}>
        {pick(
          {
            zh: `${account.name}（${account.appId}）· 未来 ${rows.length} 周，北京时间 · 服务号每月最多群发 ${settings.monthlyQuota} 次，超出时${settings.quotaPolicy === 'merge' ? '并入下周' : '跳过该周'}（推送设置）`,
            en: `${account.name} (${account.appId}) · the next ${rows.length} weeks, Beijing time · a service account mass-sends at most ${settings.monthlyQuota} times a month; beyond that a week is ${settings.quotaPolicy === 'merge' ? 'merged into the next' : 'skipped'} (push settings)`,
          },
          lang,
        )}
      </p>
      <DataTable
        className="push-calendar"
        rowIds={rows.map((row) => row.week)}
        columns={[
          {
            key: 'week',
            heading: pick({ zh: '周次', en: 'Week' }, lang),
            cells: rows.map((row) => (
              <>
                <a href={`/admin/this-week?week=${row.week}${accountQuery}`}>{row.week}</a>
                {row.week === currentWeek ? pick({ zh: '（本周）', en: ' (this week)' }, lang) : ''}
              </>
            )),
          },
          {
            key: 'sendAt',
            heading: pick({ zh: '发送时间（北京时间）', en: 'Send at (Beijing time)' }, lang),
            cells: rows.map((row) => {
              // A sent week shows when it went out, a failed one its retry (send-time.ts); the others their slot.
              const time = weekSendTime({ status: row.status, sentAt: sentAt?.[row.week] }, row, now)
              const day = time.kind === 'sent' || time.kind === 'retry' ? time.at : time.kind === 'planned' ? row.sendAt : null
              const weekday = day ? ` ${weekdayLabel(isoWeekday(shanghaiDate(day)), lang)}` : ''
              return <span key={row.week} className="push-calendar__send-at">{`${sendTimeText(time, now, lang)}${weekday}`}</span>
            }),
          },
          {
            key: 'status',
            heading: pick({ zh: '状态', en: 'Status' }, lang),
            cells: rows.map((row) => {
              const label = (
                <Pill pillStyle={calendarWarns(row, now) ? 'warning' : 'light'} size="small">
                  {pick(CALENDAR_STATUS_LABELS[row.status], lang)}
                </Pill>
              )
              return pushIds[row.week] ? <a href={`/admin/this-week?week=${row.week}${accountQuery}`}>{label}</a> : label
            }),
          },
          {
            key: 'quota',
            heading: pick({ zh: '当月群发', en: 'Month quota' }, lang),
            cells: rows.map((row) => `${row.quotaUsed} / ${row.quotaLimit}（${row.month}）`),
          },
          {
            key: 'note',
            heading: pick({ zh: '说明', en: 'Note' }, lang),
            cells: rows.map((row) => {
              const note = calendarNote(row, now)
              // Why the slots moved (holidays, the leader's pick, a year not yet in the calendar), from weekSlots: Chinese only.
              const moved = row.notes.length > 0 ? <span className="push-calendar__holiday">{row.notes.join('；')}</span> : null
              return (
                <>
                  {note ? (
                    <span style={{ color: calendarWarns(row, now) ? 'var(--theme-error-500)' : undefined }}>
                      {lang === 'en' ? calendarNoteEn(row, now) : note}
                    </span>
                  ) : null}
                  {note && moved ? ' · ' : null}
                  {moved}
                </>
              )
            }),
          },
        ]}
      />
    </PushPage>
  )
}
