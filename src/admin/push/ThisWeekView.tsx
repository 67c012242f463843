import { Banner, Button, Pill } from '@payloadcms/ui'
import type { AdminViewServerProps } from 'payload'
import React from 'react'
import { idOf, staffOf, type StaffUser } from '../../access/roles'
import { audienceReach, type AudienceReach } from '../../services/push/audience'
import { plannedSendAt } from '../../services/push/sign-off'
import { OPEN_PUSH_STATUSES, inStatusGroup } from '../../services/push/status'
import { readPush } from '../../services/push/store'
import { addWeeks, mondayOf } from '../../services/push/week'
import { addDays, formatShanghai, isoWeekOf, shanghaiDate } from '../../shared/time'
import { pick } from '../../shared/bilingual'
import { accountForStaff } from '../../services/push/account-scope'
import { BundleEditor, type BundleRow, type PoolEntry } from './BundleEditor'
import { GenerateWeekButton } from './GenerateWeekButton'
import { CONTENT_TYPE_NAMES } from '../../services/content/types'
import { EXCLUSION_PILL, EXCLUSION_SHORT, exclusionText, stepDetail, stepEntryLabel } from '../../services/push/labels'
import { MessageCard } from './PhonePreview'
import { PushActions, type SignOffSummary } from './PushActions'
import { SendDatePicker } from './SendDatePicker'
import { PushPage } from './PushPage'
import { PushFigures } from './PushFigures'
import { loadItemPreviews } from './preview'
import { loadWeekReport, type WeekReport } from '../../services/push/week-report'
import { readPushSteps } from './steps'
import { DataTable } from '../table'
import { ItemList, NoPushPanel, ScheduleLines, StatusPanel } from './WeekSections'
import { resolveWeek } from '../../services/push/week-param'

const MUTED = 'var(--theme-elevation-500)'

/** "全部粉丝" or the community's tag, and how many followers that is — and where the figure comes from. */
function audienceLines(reach: AudienceReach, lang: string): { audience: string; followers: string; source: string } {
  const audience =
    reach.audience === 'community'
      ? pick({ zh: `「${reach.community ?? '未选择社区'}」社区标签的粉丝`, en: `Followers tagged for ${reach.community ?? '(no community chosen)'}` }, lang)
      : pick({ zh: '全部粉丝', en: 'All followers' }, lang)
  if (reach.followers !== null) {
    return {
      audience,
      followers: pick({ zh: `${reach.followers} 人`, en: `${reach.followers} people` }, lang),
      source: pick({ zh: '人数来自微信（实时查询）', en: 'Count from WeChat (asked just now)' }, lang),
    }
  }
  return {
    audience,
    followers: pick({ zh: '人数未知', en: 'count unknown' }, lang),
    source: `${reach.error ?? ''}${pick(
      {
        zh: `；本系统记录的关注者 ${reach.recorded} 人（只含接入本系统后关注的，不是全部）`,
        en: `; this system has ${reach.recorded} followers on record (only those who followed since it was connected)`,
      },
      lang,
    )}`,
  }
}

/** The pool as this person may see it: editors read only their own community's items. */
function poolEntries(report: WeekReport, lang: string, staff: StaffUser): PoolEntry[] {
  const community = idOf(staff.community)
  const visible = staff.role === 'editor' ? report.poolRows.filter((row) => row.community !== null && row.community === community) : report.poolRows
  return visible.map((row) => ({
    relationTo: row.collection,
    value: row.id,
    title: row.title,
    typeLabel: pick(CONTENT_TYPE_NAMES[row.collection], lang),
    code: row.code,
    reason: exclusionText(row, lang),
    pill: EXCLUSION_PILL[row.code] ?? 'light-gray',
    pillLabel: pick(EXCLUSION_SHORT[row.code] ?? { zh: row.code, en: row.code }, lang),
  }))
}

/**
 * 本周推送: an account's push for the current (or `?week=`) ISO week, as WeChat will show it: the
 * default account's, a community's staff their community's account's, or `?account=`'s (accountForStaff).
 */
export async function ThisWeekView(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  const lang = req.i18n.language
  const t = (zh: string, en: string) => pick({ zh, en }, lang)
  const staff = staffOf(req.user)
  if (!staff) return <p>{t('请先登录。', 'Please log in.')}</p>

  const now = new Date()
  const choice = resolveWeek(props.searchParams?.week, now)
  // A community's staff open their community's account; `?account=` picks another they may read.
  const asked = typeof props.searchParams?.account === 'string' ? props.searchParams.account : null
  const account = await accountForStaff(req.payload, req.user, asked)
  if (!choice.ok || !account) {
    return (
      <PushPage view={props}>
        <h1 style={{ marginTop: 24 }}>{t('本周推送', 'This week')}</h1>
        <Banner type="error">
          {choice.ok ? t('没有默认公众号：请在 微信 → 公众号 中添加并设为默认', 'No default account: add one under WeChat → Accounts') : choice.error}
        </Banner>
      </PushPage>
    )
  }
  const week = choice.week
  // The week links keep the account the page shows (else they would open the user's own account).
  const accountQuery = asked ? `account=${encodeURIComponent(account.id)}` : ''
  const weekUrl = (target: string | null) => `/admin/this-week${target ? `?week=${target}` : ''}${accountQuery ? `${target ? '&' : '?'}${accountQuery}` : ''}`
  const report = await loadWeekReport(req.payload, { account, week, now })
  const push = report.push
  const canAct = staff.role === 'leader' || staff.role === 'admin'
  const editable = Boolean(push && canAct && inStatusGroup(OPEN_PUSH_STATUSES, push.status))
  const [previews, rawPush, steps] = push
    ? await Promise.all([loadItemPreviews(req.payload, push.refs), readPush(req.payload, push.id), readPushSteps(req.payload, push.id)])
    : [[], null, []]
  const reach = rawPush ? await audienceReach(req.payload, rawPush) : null
  const audience = reach ? audienceLines(reach, lang) : null
  const sendAt = plannedSendAt(report.slots, now)
  const bundle: BundleRow[] = push
    ? push.items.map((item) => ({
        relationTo: item.collection,
        value: item.id,
        title: item.title,
        typeLabel: pick(CONTENT_TYPE_NAMES[item.collection], lang),
        problems: item.problems,
        sent: item.sent,
      }))
    : []
  const summary: SignOffSummary = {
    items: bundle.map((item) => item.title),
    audience: audience?.audience ?? '',
    followers: audience?.followers ?? '',
    sendAt: report.slots.merge
      ? t(`本周不单独推送，内容并入下周（${report.slots.merge.intoDay}）`, `not sent on its own; merged into the next week (${report.slots.merge.intoDay})`)
      : sendAt
        ? `${formatShanghai(sendAt)}（${t('北京时间', 'Beijing time')}）`
        : t('本周发送时段已过，不会发送', 'this week’s send slots have passed'),
  }

  return (
    <PushPage view={props}>
      <h1 style={{ marginTop: 24 }}>
        {t('本周推送', 'This week')} · {week}
      </h1>
      <nav style={{ display: 'flex', gap: 8, flexWrap: 'wrap', margin: '8px 0 16px' }}>
        <Button el="link" url={weekUrl(addWeeks(week, -1))} buttonStyle="pill" size="small" margin={false}>
          {t('← 上一周', '← Previous week')}
        </Button>
        <Button el="link" url={weekUrl(null)} buttonStyle="pill" size="small" margin={false}>
          {t('本周', 'Current week')}
        </Button>
        <Button el="link" url={weekUrl(addWeeks(week, 1))} buttonStyle="pill" size="small" margin={false}>
          {t('下一周 →', 'Next week →')}
        </Button>
        <Button el="link" url={`/admin/push-calendar${accountQuery ? `?${accountQuery}` : ''}`} buttonStyle="pill" size="small" margin={false}>
          {t('推送日历', 'Calendar')}
        </Button>
      </nav>
      <p style={{ color: MUTED }}>{`${account.name}（${account.appId}）`}</p>
      <ScheduleLines report={report} lang={lang} />
      {!push ? (
        <>
          <NoPushPanel report={report} now={now} lang={lang} />
          {canAct && week === isoWeekOf(now) ? <GenerateWeekButton accountId={account.id} /> : null}
          <BundleEditor pushId={null} editable={false} items={[]} pool={poolEntries(report, lang, staff)} />
        </>
      ) : (
        <>
          <StatusPanel report={report} push={push} lang={lang} now={now} />
          {audience ? (
            <section className="this-week__audience" data-audience={reach?.audience} style={{ margin: '8px 0' }}>
              <span style={{ color: MUTED, display: 'inline-block', minWidth: 88 }}>{t('发送对象', 'Audience')}</span>
              <strong>{audience.audience}</strong>
              {'：'}
              <Pill pillStyle={reach?.followers === null ? 'warning' : 'light'} size="small">
                <span className="this-week__followers">{audience.followers}</span>
              </Pill>
              <span style={{ color: MUTED, marginLeft: 8 }}>{audience.source}</span>
            </section>
          ) : null}
          <section style={{ margin: '16px 0' }}>
            {canAct ? <PushActions pushId={push.id} status={push.status} summary={summary} /> : null}
            {editable ? (
              <SendDatePicker
                pushId={push.id}
                current={report.slots.sendDate}
                min={[addDays(shanghaiDate(mondayOf(week)), -7), shanghaiDate(now)].sort().at(-1)!}
                max={addDays(shanghaiDate(mondayOf(week)), 6)}
              />
            ) : null}
            {canAct && inStatusGroup(OPEN_PUSH_STATUSES, push.status) ? (
              <p style={{ color: MUTED, margin: '8px 0' }}>
                {t('发送对象可在', 'The audience can be changed in')}{' '}
                <a href={`/admin/collections/weekly-pushes/${push.id}`}>{t('推送记录', 'the push record')}</a>
                {t('中修改。', '.')}
              </p>
            ) : null}
          </section>
          <BundleEditor pushId={push.id} editable={editable} items={bundle} pool={poolEntries(report, lang, staff)} />
          <h2>{t('微信中的样子', 'As WeChat shows it')}</h2>
          <MessageCard items={previews} lang={lang} />
          <ItemList rows={push.items} previews={previews} accountName={account.name} lang={lang} />
          {push.status === 'sent' ? <PushFigures payload={req.payload} pushId={push.id} lang={lang} /> : null}
          {steps.length ? (
            <>
              <h2>{t('记录', 'Log')}</h2>
              <DataTable
                className="this-week__log"
                rowIds={steps.map((_, index) => String(index))}
                columns={[
                  { key: 'at', heading: t('时间（北京时间）', 'At (Beijing time)'), cells: steps.map((entry) => formatShanghai(entry.at)) },
                  {
                    key: 'step',
                    heading: t('步骤', 'Step'),
                    cells: steps.map((entry, index) => (
                      <Pill key={index} pillStyle={entry.ok ? 'light' : 'error'} size="small">
                        {stepEntryLabel(entry, lang)}
                      </Pill>
                    )),
                  },
                  { key: 'detail', heading: t('详情', 'Detail'), cells: steps.map((entry) => stepDetail(entry)) },
                ]}
              />
            </>
          ) : null}
        </>
      )}
    </PushPage>
  )
}
