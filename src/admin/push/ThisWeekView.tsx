import type { AdminViewServerProps } from 'payload'
import React from 'react'
import { staffOf } from '../../access/roles'
import { addWeeks } from '../../push/week'
import { pick } from '../labels'
import { findAccount } from './account'
import { PushActions } from './PushActions'
import { PushPage } from './PushPage'
import { MessageCard } from './PhonePreview'
import { loadItemPreviews } from './preview'
import { loadWeekReport } from './report'
import { ItemList, NoPushPanel, ScheduleLines, StatusPanel } from './WeekSections'
import { resolveWeek } from './week-param'

const EDITABLE = ['proposed', 'signed_off']

/** 本周推送: the default account's push for the current (or `?week=`) ISO week, as WeChat will show it. */
export async function ThisWeekView(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  const lang = req.i18n.language
  const staff = staffOf(req.user)
  if (!staff) return <p>{pick({ zh: '请先登录。', en: 'Please log in.' }, lang)}</p>

  const now = new Date()
  const choice = resolveWeek(props.searchParams?.week, now)
  const account = await findAccount(req.payload)
  if (!choice.ok || !account) {
    return (
      <PushPage view={props}>
        <h1 style={{ marginTop: 24 }}>{pick({ zh: '本周推送', en: 'This week' }, lang)}</h1>
        <p style={{ color: 'var(--theme-error-500)' }}>{choice.ok ? '没有默认公众号：请在 微信 → 公众号 中添加并设为默认' : choice.error}</p>
      </PushPage>
    )
  }
  const week = choice.week
  const report = await loadWeekReport(req.payload, { account, week, now })
  const push = report.push
  const previews = push ? await loadItemPreviews(req.payload, push.refs) : []
  const canAct = staff.role === 'leader' || staff.role === 'admin'

  return (
    <PushPage view={props}>
      <h1 style={{ marginTop: 24 }}>
        {pick({ zh: '本周推送', en: 'This week' }, lang)} · {week}
      </h1>
      <nav style={{ display: 'flex', gap: 16, margin: '8px 0 16px' }}>
        <a href={`/admin/this-week?week=${addWeeks(week, -1)}`}>{pick({ zh: '← 上一周', en: '← Previous week' }, lang)}</a>
        <a href="/admin/this-week">{pick({ zh: '本周', en: 'Current week' }, lang)}</a>
        <a href={`/admin/this-week?week=${addWeeks(week, 1)}`}>{pick({ zh: '下一周 →', en: 'Next week →' }, lang)}</a>
        <a href="/admin/push-calendar">{pick({ zh: '推送日历', en: 'Calendar' }, lang)}</a>
      </nav>
      <p style={{ color: 'var(--theme-elevation-500)' }}>{`${account.name}（${account.appId}）`}</p>
      <ScheduleLines report={report} lang={lang} />
      {!push ? (
        <NoPushPanel report={report} now={now} />
      ) : (
        <>
          <StatusPanel report={report} push={push} lang={lang} />
          <section style={{ margin: '16px 0' }}>
            {canAct ? <PushActions pushId={push.id} status={push.status} /> : null}
            <p style={{ margin: '8px 0' }}>
              <a href={`/admin/collections/weekly-pushes/${push.id}`}>
                {canAct && EDITABLE.includes(push.status)
                  ? pick({ zh: '调整顺序 / 添加 / 移除内容', en: 'Edit order / add / remove items' }, lang)
                  : pick({ zh: '查看推送记录', en: 'Open the push record' }, lang)}
              </a>
              {canAct && EDITABLE.includes(push.status) ? (
                <span style={{ color: 'var(--theme-elevation-500)' }}>
                  {pick({ zh: '（移除的内容自动回到待推送池；修改后需重新审定）', en: ' (removed items return to the pool; changes void the sign-off)' }, lang)}
                </span>
              ) : null}
            </p>
          </section>
          <h2>{pick({ zh: '微信中的样子', en: 'As WeChat shows it' }, lang)}</h2>
          <MessageCard items={previews} lang={lang} />
          <ItemList rows={push.items} previews={previews} accountName={account.name} lang={lang} />
        </>
      )}
    </PushPage>
  )
}
