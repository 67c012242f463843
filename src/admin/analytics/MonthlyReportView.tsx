import type { AdminViewServerProps } from 'payload'
import React from 'react'
import { shanghaiDate, shanghaiMonth } from '../../shared/time'
import { NAV_ROLES, roleOf } from '../../access/roles'
import { ApiError } from '../../http/api-error'
import { comparisonText, compare, percent } from '../../services/analytics/report/aggregate'
import { loadMonthlyReport } from '../../services/analytics/report/load'
import { PrintButton } from './PrintButton'

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

// One A4 page: the admin's chrome and the buttons are not printed.
const PRINT_CSS = `
@page { size: A4; margin: 14mm; }
.monthly-report { max-width: 180mm; margin: 0 auto; padding: 16px; font-size: 13px; line-height: 1.5; color: #111; background: #fff; }
.monthly-report h1 { font-size: 20px; margin: 0 0 4px; }
.monthly-report h2 { font-size: 15px; margin: 14px 0 6px; border-bottom: 1px solid #999; }
.monthly-report table { border-collapse: collapse; width: 100%; }
.monthly-report td, .monthly-report th { border: 1px solid #bbb; padding: 2px 6px; text-align: right; }
.monthly-report td:first-child, .monthly-report th:first-child { text-align: left; }
.monthly-report__headline { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px; }
.monthly-report__headline > div { border: 1px solid #bbb; padding: 6px 8px; }
.monthly-report__figure { font-size: 22px; font-weight: 600; }
@media print {
  .monthly-report__tools { display: none !important; }
  body { background: #fff !important; }
  .monthly-report { padding: 0; max-width: none; }
}
`

/**
 * 月报 (`/admin/analytics/report/<YYYY-MM>?account=`), leaders and admins: one printable A4 page —
 * the month's readers, net followers and sharers against last month (↑/↓ %), the top 5 items, menu use
 * (lowest per-1,000 rate first), residents' services, and a 「打印」 button. Outside the admin's
 * chrome so that it prints as it shows.
 */
export async function MonthlyReportView(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  const role = roleOf(req.user)
  const segments = (props.params?.segments as string[] | undefined) ?? []
  const month = segments.at(-1) ?? ''
  const account = typeof props.searchParams?.account === 'string' ? props.searchParams.account : null
  const page = (children: React.ReactNode) => (
    <main className="monthly-report">
      <style>{PRINT_CSS}</style>
      {children}
    </main>
  )
  if (!role || !NAV_ROLES.analytics?.includes(role)) return page(<p>只有审核领导和管理员可以查看统计月报。</p>)
  // 2026-13, abc: the address is wrong, not the range of the data; the example is this month.
  if (!MONTH.test(month)) return page(<p className="monthly-report__error">月份格式应为 YYYY-MM，例如 {shanghaiMonth(new Date())}</p>)
  let report
  try {
    report = await loadMonthlyReport(req.payload, account, month)
  } catch (error) {
    if (error instanceof ApiError) return page(<p className="monthly-report__error">{error.messageIn(req)}</p>)
    throw error
  }
  const { overview, previous } = report
  const totals = overview.totals
  const headline: Array<[string, number, number, string]> = [
    ['阅读人数', totals.readUser, previous.readUser, 'reads'],
    ['净增关注', totals.netUser, previous.netUser, 'net'],
    ['分享人数', totals.shareUser, previous.shareUser, 'shares'],
  ]
  const services = report.services
  const before = report.previousServices
  const rate = percent(report.services.satisfied, report.services.ratings)
  const [year, number] = month.split('-')
  return page(
    <>
      <div className="monthly-report__tools" style={{ display: 'flex', gap: 12, alignItems: 'center', marginBottom: 12 }}>
        <PrintButton label="打印" />
        <a href={`/admin/analytics?account=${overview.account.id}&from=${overview.from}&to=${overview.to}`}>返回统计分析</a>
      </div>
      <h1>
        {overview.account.name} · {year} 年 {Number(number)} 月运营月报
      </h1>
      <p style={{ margin: 0, color: '#555' }}>
        统计期 {overview.from} 至 {overview.to}（北京时间）；对比 {report.previousMonth}。累计关注 {totals.cumulateUser.toLocaleString('zh-CN')} 人。
      </p>
      {month >= shanghaiDate(new Date()).slice(0, 7) ? (
        <p className="monthly-report__note" style={{ margin: '4px 0', color: '#a15c00' }}>
          本月尚未结束：微信的数据次日 8 点后才发布，这里只有已同步的天数，与上月整月相比会偏低。月报请在下月初查看。
        </p>
      ) : null}
      <h2>核心数据</h2>
      <div className="monthly-report__headline">
        {headline.map(([label, value, last, key]) => (
          <div key={key} className={`monthly-report__card monthly-report__card--${key}`}>
            <div>{label}</div>
            <div className="monthly-report__figure">{value.toLocaleString('zh-CN')}</div>
            <div className="monthly-report__change">
              {comparisonText(compare(value, last))}（上月 {last.toLocaleString('zh-CN')}）
            </div>
          </div>
        ))}
      </div>
      <h2>阅读最多的 5 篇</h2>
      <table className="monthly-report__top">
        <thead>
          <tr>
            <th>标题</th>
            <th>群发日期</th>
            <th>送达</th>
            <th>阅读人数</th>
            <th>7天阅读</th>
            <th>分享人数</th>
          </tr>
        </thead>
        <tbody>
          {report.top.map((item) => (
            <tr key={item.msgid}>
              <td>{item.title}</td>
              <td>{item.sentDate}</td>
              <td>{item.targetUser}</td>
              <td>{item.readUser}</td>
              <td>{item.readUserDay7 ?? '—'}</td>
              <td>{item.shareUser}</td>
            </tr>
          ))}
          {report.top.length === 0 ? (
            <tr>
              <td colSpan={6}>本月没有群发数据。</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <h2>菜单使用（每千粉丝每周点击，低者在前）</h2>
      <table className="monthly-report__menu">
        <thead>
          <tr>
            <th>菜单项</th>
            <th>点击次数</th>
            <th>每千粉丝每周</th>
          </tr>
        </thead>
        <tbody>
          {overview.menu.items.slice(0, 10).map((item) => (
            <tr key={item.key}>
              <td>{item.name}</td>
              <td>{item.clicks}</td>
              <td>{item.perThousand ?? '—'}</td>
            </tr>
          ))}
          {overview.menu.items.length === 0 ? (
            <tr>
              <td colSpan={3}>本月没有菜单点击记录。</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <h2>办事服务</h2>
      <table className="monthly-report__services">
        <thead>
          <tr>
            <th>项目</th>
            <th>本月</th>
            <th>上月</th>
            <th>变化</th>
          </tr>
        </thead>
        <tbody>
          {(
            [
              ['预约', services.appointments, before.appointments],
              ['微问政建议', services.consultations, before.consultations],
              ['好差评', services.ratings, before.ratings],
            ] as Array<[string, number, number]>
          ).map(([label, value, last]) => (
            <tr key={label}>
              <td>{label}</td>
              <td>{value}</td>
              <td>{last}</td>
              <td>{comparisonText(compare(value, last))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p style={{ margin: '4px 0' }}>本月满意率：{rate === null ? '—（无评价）' : `${rate}%`}</p>
      <h2>与上月相比</h2>
      <p className="monthly-report__summary" style={{ margin: 0 }}>
        阅读人数{comparisonText(compare(totals.readUser, previous.readUser))}，分享人数{comparisonText(compare(totals.shareUser, previous.shareUser))}，净增关注{' '}
        {totals.netUser} 人（上月 {previous.netUser} 人）；办事服务共 {services.appointments + services.consultations + services.ratings} 件（上月{' '}
        {before.appointments + before.consultations + before.ratings} 件）。
      </p>
    </>,
  )
}
