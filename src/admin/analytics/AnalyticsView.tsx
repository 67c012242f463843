import { Banner } from '@payloadcms/ui'
import type { AdminViewServerProps } from 'payload'
import React from 'react'
import { NAV_ROLES, roleOf } from '../../access/roles'
import { ApiError } from '../../http/api-error'
import { loadOverview } from '../../services/analytics/report/load'
import { addMonths, parseRange, type DateRange } from '../../services/analytics/report/overview'
import { pick } from '../../shared/bilingual'
import { shanghaiDate } from '../../shared/time'
import { PushPage } from '../push/PushPage'
import { AnalyticsCharts } from './AnalyticsCharts'

const MUTED = 'var(--theme-elevation-500)'
const param = (value: unknown): string | null => (typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : null)

/**
 * 统计分析 (`/admin/analytics?account=&from=&to=`), leaders and admins: the account and date-range
 * filters (a plain GET form; default the current month and the two before it, the default account),
 * the headline figures and the charts (AnalyticsCharts, Apache ECharts), each with its CSV/XLSX
 * export, and a link to the printable monthly report. A bad date shows the Chinese reason and the
 * default range.
 */
export async function AnalyticsView(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  const lang = req.i18n.language
  const t = (zh: string, en: string) => pick({ zh, en }, lang)
  const role = roleOf(req.user)
  const title = <h1 style={{ marginTop: 24 }}>{t('统计分析', 'Analytics')}</h1>
  if (!role || !NAV_ROLES.analytics?.includes(role)) {
    return (
      <PushPage view={props}>
        {title}
        <Banner type="info">{t('只有审核领导和管理员可以查看统计分析。', 'Only leaders and administrators see the analytics.')}</Banner>
      </PushPage>
    )
  }
  const search = props.searchParams ?? {}
  const today = shanghaiDate(new Date())
  let range: DateRange
  let rangeError: string | null = null
  try {
    range = parseRange(param(search.from), param(search.to), today)
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    rangeError = error.messageIn(req)
    range = parseRange(null, null, today)
  }
  let overview
  try {
    overview = await loadOverview(req.payload, param(search.account), range)
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    return (
      <PushPage view={props}>
        {title}
        <Banner type="error">{error.messageIn(req)}</Banner>
      </PushPage>
    )
  }
  const query = new URLSearchParams({ account: overview.account.id, from: overview.from, to: overview.to }).toString()
  // The report of the range's last month — once it is over: a month under way has no whole figures yet.
  const thisMonth = shanghaiDate(new Date()).slice(0, 7)
  const month = overview.to.slice(0, 7) < thisMonth ? overview.to.slice(0, 7) : addMonths(thisMonth, -1)
  return (
    <PushPage view={props}>
      {title}
      <form
        method="get"
        action="/admin/analytics"
        className="analytics-filters"
        style={{ display: 'flex', gap: 12, alignItems: 'end', flexWrap: 'wrap', margin: '8px 0 16px' }}
      >
        <label style={{ display: 'grid', gap: 4 }}>
          <span style={{ color: MUTED, fontSize: 13 }}>{t('公众号', 'Account')}</span>
          <select name="account" defaultValue={overview.account.id}>
            {overview.accounts.map((account) => (
              <option key={account.id} value={account.id}>
                {account.name}
              </option>
            ))}
          </select>
        </label>
        <label style={{ display: 'grid', gap: 4 }}>
          <span style={{ color: MUTED, fontSize: 13 }}>{t('开始日期', 'From')}</span>
          <input type="date" name="from" defaultValue={overview.from} />
        </label>
        <label style={{ display: 'grid', gap: 4 }}>
          <span style={{ color: MUTED, fontSize: 13 }}>{t('结束日期', 'To')}</span>
          <input type="date" name="to" defaultValue={overview.to} />
        </label>
        <button type="submit" className="btn btn--style-primary btn--size-small" style={{ margin: 0 }}>
          {t('查询', 'Show')}
        </button>
        <a href={`/admin/analytics/report/${month}?account=${overview.account.id}`} className="analytics-report-link">
          {t(`${month} 月报（可打印）`, `Monthly report ${month} (printable)`)}
        </a>
      </form>
      {rangeError ? <Banner type="error">{rangeError}</Banner> : null}
      <p style={{ color: MUTED }}>
        {t(
          `${overview.account.name}，${overview.from} 至 ${overview.to}（北京时间）。数据来自微信数据统计接口，每日同步：微信在次日 8 点后发布前一天的数据，本系统 8:30 同步，所以今天的数据明天才有。`,
          `${overview.account.name}, ${overview.from} to ${overview.to} (Beijing). Figures from WeChat's statistics API, WeChat publishes a day's figures after 08:00 the next day and they are synced at 08:30, so today's show tomorrow.`,
        )}
      </p>
      {!overview.hasData ? (
        <Banner type="info">
          {t(
            '这段时间还没有微信统计数据（同步尚未运行，或公众号尚无数据）。',
            'No WeChat figures in this range yet (the sync has not run, or there are none).',
          )}
        </Banner>
      ) : null}
      <AnalyticsCharts overview={overview} query={query} lang={lang} />
    </PushPage>
  )
}
