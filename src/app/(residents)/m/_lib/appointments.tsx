/**
 * The booking pages' markup: pick a day and a slot and fill the form (预约办理), 我的预约 (the list),
 * and one appointment with its booking code, its status timeline and the cancel button. No script:
 * the day is a link, the slot a radio button, the form posts.
 */
import type { ReactNode } from 'react'
import type { OpenSlot } from '../../../../services/appointments/book'
import type { HistoryEntry } from '../../../../services/appointments/steps'
import { MATTER_ACTION_LABELS, MATTER_STATE_LABELS, isMatterAction, isMatterState } from '../../../../services/appointments/matter-status'
import { formatShanghai } from '../../../../shared/time'
import { Shell } from './shell'

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

/** 「12月8日 周二」 for a Beijing date. */
export function dayLabel(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay()
  return `${month}月${day}日 周${WEEKDAYS[weekday]}`
}

const stateLabel = (state: string) => (isMatterState(state) ? MATTER_STATE_LABELS[state].zh : state)

/** The status as a coloured badge: green while it runs, orange when the resident must act, grey when over. */
function StateBadge({ state }: { state: string }) {
  const tone = state === 'needs_more' ? ' m-badge_warn' : ['cancelled', 'no_show', 'rejected'].includes(state) ? ' m-badge_off' : ''
  return <span className={`m-badge${tone}`}>{stateLabel(state)}</span>
}

/** What the form had, to show it again after a refusal. */
export interface BookingFormValues {
  name?: string
  mobile?: string
  idNumber?: string
  slotKey?: string
}

export interface BookPageProps {
  guideId: string
  guideTitle: string
  place: string | null
  needsIdNumber: boolean
  /** The days of the window that have slots, in order, with the free seats of each. */
  days: { date: string; free: number }[]
  day: string | null
  slots: OpenSlot[]
  requestKey: string
  values?: BookingFormValues
  /** The refusal to show above the form (Chinese), with its field problems. */
  error?: { message: string; problems?: Record<string, string> }
  /** A reason online booking is not possible now (no-show block, no slots); the form is not shown. */
  closed?: ReactNode
  /** Calendar warnings, shortened for residents. */
  notes?: string[]
}

function Field({
  label,
  name,
  value,
  type = 'text',
  problem,
  hint,
  inputMode,
  autoComplete,
}: {
  label: string
  name: string
  value?: string
  type?: string
  problem?: string
  hint?: string
  inputMode?: 'numeric' | 'tel' | 'text'
  autoComplete?: string
}) {
  return (
    <label className={`m-field${problem ? ' m-field_error' : ''}`}>
      <span className="m-field-label">{label}</span>
      <input name={name} type={type} defaultValue={value} inputMode={inputMode} autoComplete={autoComplete} required />
      {problem ? <span className="m-field-problem">{problem}</span> : hint ? <span className="m-muted">{hint}</span> : null}
    </label>
  )
}

/** `/m/book/<guide>`: the days of the window, the slots of the chosen day, the form. */
export function BookPage(props: BookPageProps) {
  const { guideId, guideTitle, days, day, slots, values = {}, error, closed, notes = [] } = props
  return (
    <Shell title={`预约：${guideTitle}`}>
      <main className="m-page">
        <header className="m-header">
          <h1>预约办理</h1>
          <p className="m-sub">{guideTitle}</p>
          {props.place ? <p className="m-sub">办理地点：{props.place}</p> : null}
        </header>
        {notes.map((note) => (
          <p key={note} className="m-preview">
            {note}
          </p>
        ))}
        {closed ? (
          <section className="m-section m-closed">{closed}</section>
        ) : (
          <>
            <section className="m-section">
              <h2>1. 选择日期</h2>
              <ul className="m-days">
                {days.map((entry) => (
                  <li key={entry.date}>
                    <a
                      className={`m-day${entry.date === day ? ' m-day_on' : ''}${entry.free === 0 ? ' m-day_full' : ''}`}
                      href={`/m/book/${guideId}?day=${entry.date}`}
                    >
                      <span>{dayLabel(entry.date)}</span>
                      <span className="m-muted">{entry.free > 0 ? `余 ${entry.free}` : '已约满'}</span>
                    </a>
                  </li>
                ))}
              </ul>
            </section>
            <form method="post" action={`/m/book/${guideId}`} className="m-form">
              <input type="hidden" name="requestKey" value={props.requestKey} />
              <input type="hidden" name="day" value={day ?? ''} />
              {error ? (
                <div className="m-error" role="alert">
                  <p>{error.message}</p>
                </div>
              ) : null}
              <section className="m-section">
                <h2>2. 选择时段{day ? `（${dayLabel(day)}）` : ''}</h2>
                {slots.length === 0 ? <p className="m-muted">这一天没有可预约的时段，请选择其他日期。</p> : null}
                <div className="m-slots">
                  {slots.map((slot) => (
                    <label key={slot.key} className={`m-slot${slot.free === 0 ? ' m-slot_full' : ''}`}>
                      <input type="radio" name="slotKey" value={slot.key} defaultChecked={values.slotKey === slot.key} disabled={slot.free === 0} required />
                      <span>
                        {slot.start}–{slot.end}
                      </span>
                      <span className="m-muted">{slot.free > 0 ? `余 ${slot.free} 个` : '已约满'}</span>
                    </label>
                  ))}
                </div>
              </section>
              <section className="m-section">
                <h2>3. 填写信息</h2>
                <Field label="姓名" name="name" value={values.name} problem={error?.problems?.name} autoComplete="name" />
                <Field label="手机号" name="mobile" type="tel" inputMode="tel" value={values.mobile} problem={error?.problems?.mobile} autoComplete="tel" />
                {props.needsIdNumber ? (
                  <Field
                    label="身份证号"
                    name="idNumber"
                    value={values.idNumber}
                    problem={error?.problems?.idNumber}
                    hint="办理本事项需核对身份，仅承办科室可见"
                  />
                ) : null}
                <p className="m-muted">您的姓名和手机号只用于本次办事，仅承办科室工作人员可见，事项办结 180 天后自动删除。</p>
              </section>
              <div className="m-actions">
                <button type="submit" className="weui-btn weui-btn_primary">
                  提交预约
                </button>
                <a className="weui-btn weui-btn_default" href={`/m/guides/${guideId}`}>
                  返回办事指南
                </a>
              </div>
            </form>
          </>
        )}
      </main>
    </Shell>
  )
}

/** One row of 我的预约. */
export interface AppointmentRow {
  id: string
  guideTitle: string
  slotDate: string
  slotStart: string
  slotEnd: string
  status: string
  bookingCode: string
}

/** `/m/appointments`: the resident's appointments, newest first. */
export function AppointmentsPage({ rows }: { rows: AppointmentRow[] }) {
  return (
    <Shell title="我的预约">
      <main className="m-page">
        <header className="m-header">
          <h1>我的预约</h1>
          <p className="m-sub">点开一条可查看办理进度</p>
        </header>
        {rows.length === 0 ? (
          <section className="m-section">
            <p style={{ textAlign: 'center' }}>暂无预约</p>
          </section>
        ) : (
          <ul className="m-list">
            {rows.map((row) => (
              <li key={row.id}>
                <a href={`/m/appointments/${row.id}`}>
                  <div className="m-title">{row.guideTitle}</div>
                  <div className="m-muted">
                    {dayLabel(row.slotDate)} {row.slotStart}–{row.slotEnd} · 预约码 {row.bookingCode}
                  </div>
                  <StateBadge state={row.status} />
                </a>
              </li>
            ))}
          </ul>
        )}
        <div className="m-actions">
          <a className="weui-btn weui-btn_primary" href="/m/guides">
            查看办事指南并预约
          </a>
        </div>
      </main>
    </Shell>
  )
}

export interface AppointmentPageProps {
  row: AppointmentRow & { statusNote: string | null; expectedCompletion: string | null; place: string | null; phone: string | null }
  history: HistoryEntry[]
  /** Show the cancel form (still 已预约 and before the cut-off). */
  cancellable: boolean
  cutoffText: string
  /** A message at the top: booked just now, cancelled, or a refusal. */
  flash?: { tone: 'ok' | 'error'; text: string }
  /** The 好差评 section (ratings.tsx `MyRatingSection`): 「评价本次服务」, or the rating and its rectification. */
  rating?: ReactNode
}

const ACTOR = { resident: '本人', staff: '工作人员', system: '系统' } as Record<string, string>

/** `/m/appointments/<id>`: the booking code to show at the window, the status and its timeline, cancel. */
export function AppointmentPage({ row, history, cancellable, cutoffText, flash, rating }: AppointmentPageProps) {
  return (
    <Shell title={`预约：${row.guideTitle}`}>
      <main className="m-page">
        {flash ? (
          <p className={flash.tone === 'ok' ? 'm-ok' : 'm-error'} role={flash.tone === 'ok' ? 'status' : 'alert'}>
            {flash.text}
          </p>
        ) : null}
        <header className="m-header">
          <h1>{row.guideTitle}</h1>
          <div className="m-badges">
            <StateBadge state={row.status} />
          </div>
        </header>
        <section className="m-section m-code">
          <p className="m-muted">预约码（到窗口出示）</p>
          <p className="m-code-value" aria-label={`预约码 ${row.bookingCode.split('').join(' ')}`}>
            {row.bookingCode}
          </p>
        </section>
        <section className="m-section">
          <dl className="m-fields">
            <div>
              <dt>预约时间</dt>
              <dd>
                {dayLabel(row.slotDate)} {row.slotStart}–{row.slotEnd}
              </dd>
            </div>
            {row.place ? (
              <div>
                <dt>办理地点</dt>
                <dd>{row.place}</dd>
              </div>
            ) : null}
            {row.expectedCompletion ? (
              <div>
                <dt>预计办结</dt>
                <dd>{dayLabel(row.expectedCompletion)}</dd>
              </div>
            ) : null}
            {row.statusNote ? (
              <div>
                <dt>说明</dt>
                <dd className="m-text">{row.statusNote}</dd>
              </div>
            ) : null}
            {row.phone ? (
              <div>
                <dt>咨询电话</dt>
                <dd>{row.phone}</dd>
              </div>
            ) : null}
          </dl>
        </section>
        <section className="m-section">
          <h2>办理进度</h2>
          <ol className="m-timeline">
            {history.map((step, index) => (
              <li key={`${step.at}-${index}`} className={index === history.length - 1 ? 'm-timeline_now' : undefined}>
                <div className="m-timeline-head">
                  <strong>{stateLabel(step.to)}</strong>
                  <span className="m-muted">{formatShanghai(step.at)}</span>
                </div>
                <div className="m-muted">
                  {step.action === 'book' ? '提交预约' : isMatterAction(step.action) ? MATTER_ACTION_LABELS[step.action].zh : step.action}（
                  {ACTOR[step.actor] ?? step.actor}）
                </div>
                {step.note ? <p className="m-text">{step.note}</p> : null}
                {step.expectedCompletion ? <p>预计办结日期：{dayLabel(step.expectedCompletion)}</p> : null}
              </li>
            ))}
          </ol>
        </section>
        {rating}
        <div className="m-actions">
          {cancellable ? (
            <form method="post" action={`/m/appointments/${row.id}/cancel`}>
              <button type="submit" className="weui-btn weui-btn_warn">
                取消预约
              </button>
              <p className="m-muted">时段开始前 {cutoffText}可在这里取消；之后请联系窗口。</p>
            </form>
          ) : null}
          <a className="weui-btn weui-btn_default" href="/m/appointments">
            我的全部预约
          </a>
        </div>
      </main>
    </Shell>
  )
}
