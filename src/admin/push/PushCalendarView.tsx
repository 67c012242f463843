import type { AdminViewServerProps } from 'payload'
import React from 'react'
import { staffOf } from '../../access/roles'
import { isoWeekOf, slotInstant } from '../../push/week'
import { formatShanghai } from '../../time'
import { pick } from '../labels'
import { findAccount } from './account'
import { CALENDAR_WEEKS, loadCalendar } from './calendar'
import { CALENDAR_STATUS_LABELS, calendarNote, weekdayName } from './labels'
import { PushPage } from './PushPage'

const cell: React.CSSProperties = { padding: '8px 12px 8px 0' }

/** 推送日历: the next eight weeks' send slots, with the weeks the monthly quota will not allow. */
export async function PushCalendarView(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  const lang = req.i18n.language
  if (!staffOf(req.user)) return <p>{pick({ zh: '请先登录。', en: 'Please log in.' }, lang)}</p>
  const account = await findAccount(req.payload)
  const title = <h1 style={{ marginTop: 24 }}>{pick({ zh: '推送日历', en: 'Push calendar' }, lang)}</h1>
  if (!account) {
    return (
      <PushPage view={props}>
        {title}
        <p style={{ color: 'var(--theme-error-500)' }}>没有默认公众号：请在 微信 → 公众号 中添加并设为默认</p>
      </PushPage>
    )
  }
  const now = new Date()
  const currentWeek = isoWeekOf(now)
  const { rows, settings, pushIds } = await loadCalendar(req.payload, account.id, currentWeek, CALENDAR_WEEKS)

  return (
    <PushPage view={props}>
      {title}
      <p style={{ color: 'var(--theme-elevation-500)' }}>
        {`${account.name}（${account.appId}）· 未来 ${rows.length} 周，北京时间 · 服务号每月最多群发 ${settings.monthlyQuota} 次，超出时${settings.quotaPolicy === 'merge' ? '并入下周' : '跳过该周'}（推送设置）`}
      </p>
      <table className="push-calendar" style={{ width: '100%', borderCollapse: 'collapse' }}>
        <thead>
          <tr style={{ textAlign: 'left' }}>
            <th style={cell}>{pick({ zh: '周次', en: 'Week' }, lang)}</th>
            <th style={cell}>{pick({ zh: '发送时间', en: 'Send at' }, lang)}</th>
            <th style={cell}>{pick({ zh: '状态', en: 'Status' }, lang)}</th>
            <th style={cell}>{pick({ zh: '当月群发', en: 'Month quota' }, lang)}</th>
            <th style={cell}>{pick({ zh: '说明', en: 'Note' }, lang)}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const note = calendarNote(row, settings, now)
            return (
              <tr
                key={row.week}
                data-status={row.status}
                style={{ borderTop: '1px solid var(--theme-elevation-100)', background: note ? 'var(--theme-warning-100)' : undefined }}
              >
                <td style={cell}>
                  <a href={`/admin/this-week?week=${row.week}`}>{row.week}</a>
                  {row.week === currentWeek ? pick({ zh: '（本周）', en: ' (this week)' }, lang) : ''}
                </td>
                <td style={cell}>{`${formatShanghai(slotInstant(row.week, settings.sendWeekday, settings.sendTime))} ${weekdayName(settings.sendWeekday)}`}</td>
                <td style={cell}>
                  {pushIds[row.week] ? (
                    <a href={`/admin/collections/weekly-pushes/${pushIds[row.week]}`}>{pick(CALENDAR_STATUS_LABELS[row.status], lang)}</a>
                  ) : (
                    pick(CALENDAR_STATUS_LABELS[row.status], lang)
                  )}
                </td>
                <td style={cell}>{`${row.quotaUsed} / ${row.quotaLimit}（${row.month}）`}</td>
                <td style={{ ...cell, color: note ? 'var(--theme-error-500)' : undefined }}>{note ?? ''}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </PushPage>
  )
}
