'use client'
import type { EChartsCoreOption } from 'echarts/core'
import React, { useMemo } from 'react'
import type { AnalyticsOverview } from '../../services/analytics/report/overview'
import { EChart } from './EChart'
import { PushItemsTable } from '../push/PushItemsTable'

const MUTED = 'var(--theme-elevation-500)'
const cell: React.CSSProperties = { border: '1px solid var(--theme-elevation-150)', padding: '4px 8px', textAlign: 'right', whiteSpace: 'nowrap' }
const textCell: React.CSSProperties = { ...cell, textAlign: 'left', whiteSpace: 'normal' }
const dash = (value: number | null | undefined, suffix = '') => (value === null || value === undefined ? '—' : `${value}${suffix}`)

/** The export buttons of one table: CSV and XLSX for the dashboard's account and range. */
function Exports({ table, query, lang, label }: { table: string; query: string; lang: string; label?: { zh: string; en: string } }) {
  return (
    <span className="analytics-exports" style={{ display: 'inline-flex', gap: 8, marginLeft: 12, fontSize: 13, fontWeight: 'normal' }}>
      {(['csv', 'xlsx'] as const).map((format) => (
        <a
          key={format}
          className={`analytics-export analytics-export--${format}`}
          href={`/api/analytics/export/${table}.${format}?${query}`}
          download
          style={{ border: '1px solid var(--theme-elevation-250)', borderRadius: 3, padding: '1px 8px', textDecoration: 'none' }}
        >
          {lang === 'en' ? `Export ${label ? `${label.en} ` : ''}${format.toUpperCase()}` : `导出${label?.zh ?? ''} ${format.toUpperCase()}`}
        </a>
      ))}
    </span>
  )
}

function Section({ title, children, exports, name }: { title: string; children: React.ReactNode; exports?: React.ReactNode; name: string }) {
  return (
    <section className={`analytics-section analytics-section--${name}`} style={{ margin: '24px 0', breakInside: 'avoid' }}>
      <h2 style={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap' }}>
        {title}
        {exports}
      </h2>
      {children}
    </section>
  )
}

/**
 * The charts and tables of 统计分析, drawn with Apache ECharts from the overview the server view
 * loaded (imports only its type). `query` is the account and range for the export links.
 */
export function AnalyticsCharts({ overview, query, lang }: { overview: AnalyticsOverview; query: string; lang: string }) {
  const t = (zh: string, en: string) => (lang === 'en' ? en : zh)
  const options = useMemo(() => chartOptions(overview, lang), [overview, lang])
  const { totals } = overview
  const cards: Array<[string, number, string]> = [
    [t('阅读人数', 'Readers'), totals.readUser, 'reads'],
    [t('阅读次数', 'Reads'), totals.readCount, 'read-count'],
    [t('分享人数', 'Sharers'), totals.shareUser, 'shares'],
    [t('净增关注', 'Net new followers'), totals.netUser, 'net'],
    [t('累计关注', 'Followers'), totals.cumulateUser, 'followers'],
  ]
  return (
    <div className="analytics-dashboard">
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))', gap: 12 }}>
        {cards.map(([label, value, key]) => (
          <div key={key} className={`analytics-card analytics-card--${key}`} style={{ background: 'var(--theme-elevation-50)', borderRadius: 4, padding: 12 }}>
            <div style={{ color: MUTED, fontSize: 13 }}>{label}</div>
            <div className="analytics-card__value" style={{ fontSize: 24, fontWeight: 600 }}>
              {value.toLocaleString('zh-CN')}
            </div>
          </div>
        ))}
      </div>

      <Section name="months" title={t('每月阅读与分享', 'Reads and shares per month')} exports={<Exports table="daily" query={query} lang={lang} />}>
        <EChart name="months" option={options.months} />
      </Section>
      <Section name="sources" title={t('阅读来源', 'Reads by source')}>
        <EChart name="sources" option={options.sources} />
      </Section>
      <Section name="followers" title={t('粉丝增长', 'Follower growth')} exports={<Exports table="daily" query={query} lang={lang} />}>
        <EChart name="followers" option={options.followers} />
      </Section>

      <Section
        name="pushes"
        title={t('群发效果（每次推送）', 'Per push')}
        exports={
          <>
            <Exports table="pushes" query={query} lang={lang} label={{ zh: '群发汇总', en: 'pushes' }} />
            <Exports table="articles" query={query} lang={lang} label={{ zh: '单篇图文', en: 'items' }} />
          </>
        }
      >
        <EChart name="pushes" option={options.pushes} height={360} />
        <div style={{ overflowX: 'auto' }}>
          <PushItemsTable pushes={overview.pushes} lang={lang} perSend className="analytics-pushes" readsClassName="analytics-pushes__reads" />
          {overview.pushes.length === 0 ? <p style={{ color: MUTED }}>{t('这段时间没有群发数据。', 'No mass send in this range.')}</p> : null}
        </div>
      </Section>

      <Section
        name="menu"
        title={t('菜单使用（每千粉丝每周点击，低者在前）', 'Menu use (clicks per 1,000 followers a week, lowest first)')}
        exports={<Exports table="menu" query={query} lang={lang} />}
      >
        <EChart name="menu" option={options.menu} height={Math.max(200, overview.menu.items.length * 32 + 60)} />
      </Section>

      <Section
        name="content-types"
        title={t('内容类型与社区对比', 'Content types and communities')}
        exports={<Exports table="content-types" query={query} lang={lang} />}
      >
        <EChart name="content-types" option={options.contentTypes} />
        <table className="analytics-communities" style={{ borderCollapse: 'collapse', fontSize: 13 }}>
          <thead>
            <tr>
              {[t('社区', 'Community'), t('篇数', 'Items'), t('篇均阅读', 'Readers per item'), t('分享率', 'Share rate')].map((heading) => (
                <th key={heading} style={textCell}>
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {overview.communities.map((group) => (
              <tr key={group.key}>
                <td style={textCell}>{group.label}</td>
                <td style={cell}>{group.items}</td>
                <td style={cell}>{dash(group.averageReads)}</td>
                <td style={cell}>{dash(group.shareRate, '%')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      <Section
        name="services"
        title={t('办事服务（按周、科室）', "Residents' services per week and office")}
        exports={<Exports table="services" query={query} lang={lang} />}
      >
        <EChart name="services" option={options.services} />
        <table className="analytics-services" style={{ borderCollapse: 'collapse', fontSize: 13 }}>
          <thead>
            <tr>
              {[
                t('周次', 'Week'),
                t('科室', 'Office'),
                t('预约', 'Appointments'),
                t('微问政建议', 'Suggestions'),
                t('好差评', 'Ratings'),
                t('满意率', 'Satisfaction'),
              ].map((heading) => (
                <th key={heading} style={textCell}>
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {overview.services.map((row) => (
              <tr key={`${row.week}-${row.officeId}`}>
                <td style={textCell}>{row.week}</td>
                <td style={textCell}>{row.officeName}</td>
                <td style={cell}>{row.appointments}</td>
                <td style={cell}>{row.consultations}</td>
                <td style={cell}>{row.ratings}</td>
                <td style={cell}>{dash(row.satisfactionRate, '%')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </div>
  )
}

/** ECharts' options of every chart (data only; the look is ECharts' default theme). */
function chartOptions(
  overview: AnalyticsOverview,
  lang: string,
): Record<'months' | 'sources' | 'followers' | 'pushes' | 'menu' | 'contentTypes' | 'services', EChartsCoreOption> {
  const t = (zh: string, en: string) => (lang === 'en' ? en : zh)
  const tooltip = { trigger: 'axis' }
  const legend = { top: 0 }
  const grid = { left: 48, right: 48, top: 40, bottom: 32, containLabel: true }
  const weeks = [...new Set(overview.services.map((row) => row.week))]
  const serviceSum = (key: 'appointments' | 'consultations' | 'ratings') =>
    weeks.map((week) => overview.services.filter((row) => row.week === week).reduce((sum, row) => sum + row[key], 0))
  const pushItems = overview.pushes.flatMap((push) => push.items.map((item) => ({ ...item, label: `${push.sentDate} #${item.index}` }))).reverse()
  return {
    months: {
      tooltip,
      legend,
      grid,
      xAxis: { type: 'category', data: overview.months.map((month) => month.month) },
      yAxis: { type: 'value' },
      series: [
        { name: t('阅读人数', 'Readers'), type: 'bar', data: overview.months.map((month) => month.readUser) },
        { name: t('阅读次数', 'Reads'), type: 'bar', data: overview.months.map((month) => month.readCount) },
        { name: t('分享人数', 'Sharers'), type: 'line', data: overview.months.map((month) => month.shareUser) },
        { name: t('分享次数', 'Shares'), type: 'line', data: overview.months.map((month) => month.shareCount) },
      ],
    },
    sources: {
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend,
      series: [
        {
          name: t('阅读来源', 'Source'),
          type: 'pie',
          radius: ['35%', '65%'],
          top: 24,
          data: overview.sources.map((source) => ({ name: source.label, value: source.user })),
        },
      ],
    },
    followers: {
      tooltip,
      legend,
      grid,
      xAxis: { type: 'category', data: overview.followers.map((day) => day.date) },
      yAxis: [{ type: 'value' }, { type: 'value', scale: true }],
      series: [
        { name: t('新关注', 'New'), type: 'bar', stack: 'change', data: overview.followers.map((day) => day.newUser) },
        { name: t('取消关注', 'Cancelled'), type: 'bar', stack: 'change', data: overview.followers.map((day) => -day.cancelUser) },
        { name: t('净增', 'Net'), type: 'line', data: overview.followers.map((day) => day.netUser) },
        { name: t('累计关注', 'Followers'), type: 'line', yAxisIndex: 1, showSymbol: false, data: overview.followers.map((day) => day.cumulateUser) },
      ],
    },
    pushes: {
      tooltip,
      legend,
      grid: { ...grid, left: 160 },
      yAxis: { type: 'category', data: pushItems.map((item) => `${item.label} ${item.title.slice(0, 12)}`) },
      xAxis: { type: 'value' },
      series: [
        { name: t('1天阅读', 'Day 1'), type: 'bar', data: pushItems.map((item) => item.readUserDay1) },
        { name: t('3天阅读', 'Day 3'), type: 'bar', data: pushItems.map((item) => item.readUserDay3) },
        { name: t('7天阅读', 'Day 7'), type: 'bar', data: pushItems.map((item) => item.readUserDay7) },
        { name: t('累计阅读', 'Readers'), type: 'bar', data: pushItems.map((item) => item.readUser) },
      ],
    },
    menu: {
      tooltip,
      grid: { ...grid, left: 120 },
      yAxis: { type: 'category', inverse: true, data: overview.menu.items.map((item) => item.name) },
      xAxis: { type: 'value', name: t('每千粉丝', 'per 1,000') },
      series: [
        { name: t('每千粉丝每周点击', 'Clicks per 1,000 followers a week'), type: 'bar', data: overview.menu.items.map((item) => item.perThousand ?? 0) },
      ],
    },
    contentTypes: {
      tooltip,
      legend,
      grid,
      xAxis: { type: 'category', data: overview.contentTypes.map((group) => group.label) },
      yAxis: [
        { type: 'value', name: t('篇均阅读', 'Readers per item') },
        { type: 'value', name: t('分享率 %', 'Share rate %') },
      ],
      series: [
        { name: t('篇均阅读', 'Readers per item'), type: 'bar', data: overview.contentTypes.map((group) => group.averageReads ?? 0) },
        { name: t('分享率 %', 'Share rate %'), type: 'bar', yAxisIndex: 1, data: overview.contentTypes.map((group) => group.shareRate ?? 0) },
      ],
    },
    services: {
      tooltip,
      legend,
      grid,
      xAxis: { type: 'category', data: weeks },
      yAxis: { type: 'value' },
      series: [
        { name: t('预约', 'Appointments'), type: 'bar', data: serviceSum('appointments') },
        { name: t('微问政建议', 'Suggestions'), type: 'bar', data: serviceSum('consultations') },
        { name: t('好差评', 'Ratings'), type: 'bar', data: serviceSum('ratings') },
      ],
    },
  }
}
