/**
 * The 好差评 pages' markup: the rating form (five levels as radio buttons, every level's reasons as
 * checkboxes grouped under it — no script, so the server checks on POST that the ticked reasons belong
 * to the chosen level), the resident's own rating with its rectification and buttons, and the public
 * monthly summary (counts, 满意率, rectifications, approved comments — no personal data).
 */
import type { ReactNode } from 'react'
import { RATING_LEVELS, RATING_LEVEL_INFO, type RatingLevel, type ReasonsConfig } from '../../../../services/ratings/levels'
import type { ResidentRatingView } from '../../../../services/ratings/resident-view'
import type { MonthlySummary, SummaryGroup } from '../../../../services/ratings/summary'
import { formatShanghai } from '../../../../shared/time'
import { Shell } from './shell'

export interface RateFormProps {
  /** `/m/rate/<kind>/<id>`: where the form posts. */
  action: string
  /** What is rated (the guide's name, the consultation's subject). */
  title: string
  /** Where 返回 leads. */
  backHref: string
  reasons: ReasonsConfig
  values?: { level?: string; reasons?: string[]; comment?: string }
  error?: { message: string; problems?: Record<string, string> }
}

/** `GET /m/rate/<kind>/<id>`: the rating form. */
export function RateFormPage({ action, title, backHref, reasons, values = {}, error }: RateFormProps) {
  const ticked = new Set(values.reasons ?? [])
  return (
    <Shell title="评价本次服务">
      <main className="m-page">
        <header className="m-header">
          <h1>评价本次服务</h1>
          <p className="m-sub">{title}</p>
        </header>
        <form method="post" action={action}>
          {error ? (
            <div className="m-error" role="alert">
              <p>{error.message}</p>
            </div>
          ) : null}
          <section className="m-section">
            <h2>1. 满意程度</h2>
            {error?.problems?.level ? <p className="m-field-problem">{error.problems.level}</p> : null}
            <div className="m-slots">
              {RATING_LEVELS.map((level) => (
                <label key={level} className="m-slot">
                  <input type="radio" name="level" value={level} defaultChecked={values.level === level} required />
                  <span>{RATING_LEVEL_INFO[level].zh}</span>
                </label>
              ))}
            </div>
          </section>
          <section className="m-section">
            <h2>2. 原因（可选，请只勾选与所选满意程度对应的一组，最多 5 项）</h2>
            {error?.problems?.reasons ? <p className="m-field-problem">{error.problems.reasons}</p> : null}
            {RATING_LEVELS.map((level) => (
              <fieldset key={level} className="m-reasons" style={{ border: 0, padding: 0, margin: '0 0 .75rem' }}>
                <legend className="m-muted">选「{RATING_LEVEL_INFO[level].zh}」时</legend>
                <div className="m-slots">
                  {reasons[level].map((reason) => (
                    <label key={reason} className="m-slot">
                      <input type="checkbox" name={`reason_${level}`} value={reason} defaultChecked={values.level === level && ticked.has(reason)} />
                      <span>{reason}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
            ))}
          </section>
          <section className="m-section">
            <h2>3. 意见和建议（可选）</h2>
            {error?.problems?.comment ? <p className="m-field-problem">{error.problems.comment}</p> : null}
            <textarea name="comment" className="weui-textarea" rows={4} maxLength={500} defaultValue={values.comment ?? ''} aria-label="意见和建议" />
            <p className="m-muted">最多 500 字。您的意见只有工作人员可见；经工作人员审核后，可能不署名地出现在月度公示中。请不要填写姓名、电话等个人信息。</p>
          </section>
          <div className="m-actions">
            <button type="submit" className="weui-btn weui-btn_primary">
              提交评价
            </button>
            <a className="weui-btn weui-btn_default" href={backHref}>
              返回
            </a>
          </div>
        </form>
      </main>
    </Shell>
  )
}

/** The resident's rating, and for a 差评 its rectification with the buttons they may press. */
export function MyRatingSection({ view, rateHref }: { view: ResidentRatingView | null; rateHref: string | null }) {
  if (!view) {
    if (!rateHref) return null
    return (
      <section className="m-section">
        <h2>服务评价</h2>
        <p className="m-muted">事项已办结，欢迎评价本次服务（每件事项只能评价一次）。</p>
        <div className="m-actions" style={{ padding: '.5rem 0 0' }}>
          <a className="weui-btn weui-btn_primary" href={rateHref}>
            评价本次服务
          </a>
        </div>
      </section>
    )
  }
  const item = view.rectification
  return (
    <section className="m-section">
      <h2>我的评价</h2>
      <dl className="m-fields">
        <div>
          <dt>满意程度</dt>
          <dd>{view.levelLabel}</dd>
        </div>
        {view.reasons.length ? (
          <div>
            <dt>原因</dt>
            <dd>{view.reasons.join('、')}</dd>
          </div>
        ) : null}
        {view.comment ? (
          <div>
            <dt>意见</dt>
            <dd className="m-text">{view.comment}</dd>
          </div>
        ) : null}
        <div>
          <dt>评价时间</dt>
          <dd>{formatShanghai(view.ratedAt)}</dd>
        </div>
      </dl>
      {item ? (
        <>
          <h2 style={{ marginTop: '1rem' }}>差评整改</h2>
          <dl className="m-fields">
            <div>
              <dt>整改状态</dt>
              <dd>
                <span className="m-badge">{item.stateLabel}</span>
              </dd>
            </div>
            {item.deadline ? (
              <div>
                <dt>整改期限</dt>
                <dd>
                  {item.deadline}
                  {item.deadlineWarning ? <span className="m-muted">（{item.deadlineWarning}）</span> : null}
                </dd>
              </div>
            ) : null}
            {item.fix ? (
              <div>
                <dt>整改措施</dt>
                <dd className="m-text">
                  {item.fix}
                  {item.fixedOn ? <span className="m-muted">（{item.fixedOn}）</span> : null}
                </dd>
              </div>
            ) : null}
            {item.closeReason ? (
              <div>
                <dt>办结理由</dt>
                <dd className="m-text">{item.closeReason}</dd>
              </div>
            ) : null}
            {item.reviewNote ? (
              <div>
                <dt>领导复核</dt>
                <dd className="m-text">{item.reviewNote}</dd>
              </div>
            ) : null}
          </dl>
          {item.actions.length ? (
            <form method="post" action={`/m/rectifications/${item.id}`} className="m-actions" style={{ padding: '.5rem 0 0' }}>
              <label className="m-field">
                <span className="m-field-label">{item.actions.some((a) => a.action === 'appeal') ? '申诉理由（可选）' : '您的意见（可选）'}</span>
                <textarea name="note" className="weui-textarea" rows={3} maxLength={1000} />
              </label>
              {item.actions.map((action) => (
                <button
                  key={action.action}
                  type="submit"
                  name="action"
                  value={action.action}
                  className={`weui-btn ${action.action === 'accept' ? 'weui-btn_primary' : action.action === 'appeal' ? 'weui-btn_warn' : 'weui-btn_default'}`}
                >
                  {action.label}
                </button>
              ))}
              {item.actions.some((a) => a.action === 'appeal') ? <p className="m-muted">每件差评只能申诉一次，申诉由街道领导复核。</p> : null}
            </form>
          ) : null}
        </>
      ) : null}
    </section>
  )
}

const percent = (group: SummaryGroup) => (group.satisfactionRate === null ? '—' : `${group.satisfactionRate.toFixed(1)}%`)

function CountsTable({ rows }: { rows: Array<{ name: ReactNode; group: SummaryGroup }> }) {
  return (
    <table className="m-table">
      <thead>
        <tr>
          <th scope="col">名称</th>
          {RATING_LEVELS.map((level) => (
            <th key={level} scope="col" className="m-num">
              {RATING_LEVEL_INFO[level].zh}
            </th>
          ))}
          <th scope="col" className="m-num">
            合计
          </th>
          <th scope="col" className="m-num">
            满意率
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={index}>
            <td>{row.name}</td>
            {RATING_LEVELS.map((level: RatingLevel) => (
              <td key={level} className="m-num">
                {row.group.counts[level]}
              </td>
            ))}
            <td className="m-num">{row.group.total}</td>
            <td className="m-num">{percent(row.group)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

const monthLabel = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`

/** `/m/ratings[/<YYYY-MM>]`: the public monthly summary. No personal data: see summary.ts. */
export function MonthlySummaryPage({ summary, prev, next }: { summary: MonthlySummary; prev: string; next: string | null }) {
  return (
    <Shell title={`好差评公示 ${monthLabel(summary.month)}`}>
      <main className="m-page">
        <header className="m-header">
          <h1>好差评公示 · {monthLabel(summary.month)}</h1>
          <p className="m-sub">
            共 {summary.total} 条评价，满意率 {percent(summary)}（满意率 =（非常满意 + 满意 + 基本满意）÷ 全部评价）
          </p>
        </header>
        <p className="m-section m-sub">
          想评价自己办过的事？在 <a href="/m/appointments">我的预约</a> 或 <a href="/m/my-suggestions">我的建议</a>{' '}
          中，事项办结或建议答复后点「评价」，每件事评价一次。
        </p>
        <nav className="m-section m-badges" aria-label="月份">
          <a href={`/m/ratings/${prev}`}>‹ {monthLabel(prev)}</a>
          {next ? <a href={`/m/ratings/${next}`}>{monthLabel(next)} ›</a> : null}
        </nav>
        <section className="m-section" style={{ overflowX: 'auto' }}>
          <h2>各科室</h2>
          {summary.byOffice.length === 0 ? (
            <p className="m-muted">本月暂无评价。</p>
          ) : (
            <CountsTable rows={summary.byOffice.map((office) => ({ name: office.officeName, group: office }))} />
          )}
        </section>
        {summary.byGuide.length ? (
          <section className="m-section" style={{ overflowX: 'auto' }}>
            <h2>各事项</h2>
            <CountsTable
              rows={summary.byGuide.map((guide) => ({
                name: (
                  <>
                    {guide.guideTitle}
                    <span className="m-muted">（{guide.officeName}）</span>
                  </>
                ),
                group: guide,
              }))}
            />
          </section>
        ) : null}
        <section className="m-section">
          <h2>差评整改（{summary.rectifications.length} 件）</h2>
          {summary.rectifications.length === 0 ? <p className="m-muted">本月没有差评。</p> : null}
          <ul className="m-list">
            {summary.rectifications.map((item, index) => (
              <li key={index} style={{ padding: '.75rem 0' }}>
                <div>
                  <strong>{item.officeName}</strong>
                  {item.guideTitle ? ` · ${item.guideTitle}` : ''} <span className="m-badge m-badge_warn">{RATING_LEVEL_INFO[item.level].zh}</span>{' '}
                  <span className="m-badge">{item.stateLabel}</span>
                </div>
                <p>问题：{item.whatWasWrong.length ? item.whatWasWrong.join('、') : '（未选择原因）'}</p>
                <p>整改：{item.whatWasDone ?? '整改进行中'}</p>
                <p className="m-muted">
                  收到 {item.openedOn}
                  {item.deadline ? ` · 期限 ${item.deadline}` : ''}
                  {item.fixedOn ? ` · 整改 ${item.fixedOn}` : ''}
                  {item.closedOn ? ` · 办结 ${item.closedOn}` : ''}
                </p>
              </li>
            ))}
          </ul>
        </section>
        {summary.comments.length ? (
          <section className="m-section">
            <h2>群众意见（经审核公开）</h2>
            <ul className="m-list">
              {summary.comments.map((comment, index) => (
                <li key={index} style={{ padding: '.75rem 0' }}>
                  <p className="m-text">{comment.text}</p>
                  <p className="m-muted">
                    {RATING_LEVEL_INFO[comment.level].zh} · {comment.officeName}
                    {comment.guideTitle ? ` · ${comment.guideTitle}` : ''} · {comment.date}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <p className="m-muted" style={{ padding: '0 1rem' }}>
          依据《国务院办公厅关于建立政务服务“好差评”制度提高政务服务水平的意见》（国办发〔2019〕51号）公开。本页不含任何个人信息。
        </p>
      </main>
    </Shell>
  )
}
