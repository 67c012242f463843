'use client'
import { Banner, Button, Pill, useDocumentInfo, useTranslation } from '@payloadcms/ui'
import { useRouter } from 'next/navigation.js'
import React, { useState } from 'react'
import type { RectificationPanel as Panel } from '../../services/ratings/staff-views'
import { pick } from '../../shared/bilingual'
import { formatShanghai } from '../../shared/time'
import { errorsText } from '../api-errors'
import { useDocumentPanel } from '../document-panel'

const MUTED = 'var(--theme-elevation-500)'
const ACTOR: Record<string, string> = { resident: '群众', staff: '工作人员', system: '系统' }

/** `YYYY-MM-DDTHH:mm` of now in Beijing, for the call-back time input. */
const beijingNow = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 16)

/**
 * The rectification on its edit view: state, deadline (已超期 N 个工作日), the timeline with the
 * call-back records (GET /api/rectifications/:id/panel), and a button for each action the user may take
 * now — 记录回访 (who called, when, what was said), 记录整改, 未获认可办结 (office head), 复核 (leader),
 * 调整整改期限 (office head, leader, admin: a date not before today and the reason) —
 * each POST /api/rectifications/:id/step; admins and leaders also set the fix as published.
 */
export const RectificationPanel: React.FC = () => {
  const { id } = useDocumentInfo()
  const { i18n } = useTranslation()
  const t = (zh: string, en: string) => pick({ zh, en }, i18n.language)
  const router = useRouter()
  const { panel, loadError, reload } = useDocumentPanel<Panel>(id ? `/api/rectifications/${id}/panel` : null)
  const [note, setNote] = useState('')
  const [caller, setCaller] = useState('')
  const [calledAt, setCalledAt] = useState(beijingNow)
  const [summary, setSummary] = useState('')
  const [publicFix, setPublicFix] = useState('')
  const [newDeadline, setNewDeadline] = useState('')
  const [deadlineReason, setDeadlineReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [answer, setAnswer] = useState<{ ok: boolean; message: string } | null>(null)

  if (!id) return null

  const post = async (path: string, body: unknown, done: string) => {
    setBusy(true)
    setAnswer(null)
    try {
      const response = await fetch(`/api/rectifications/${id}/${path}`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
      const result: unknown = await response.json().catch(() => ({}))
      if (!response.ok) {
        setAnswer({ ok: false, message: errorsText(result) ?? `HTTP ${response.status}` })
        return
      }
      setAnswer({ ok: true, message: done })
      setNote('')
      setSummary('')
      setDeadlineReason('')
      await reload()
      router.refresh()
    } catch (error) {
      setAnswer({ ok: false, message: (error as Error).message })
    } finally {
      setBusy(false)
    }
  }

  const hasCallBack = panel?.actions.some((action) => action.callBack) ?? false
  const adjust = panel?.actions.find((action) => action.deadline)
  const noteActions = panel?.actions.filter((action) => !action.callBack && !action.deadline) ?? []

  return (
    <div
      className="rectification-panel"
      style={{ marginBottom: 'calc(var(--base) * 1.5)', padding: 'var(--base)', border: '1px solid var(--theme-elevation-150)', borderRadius: 4 }}
    >
      <h3 style={{ margin: '0 0 8px' }}>{t('整改进度', 'Progress')}</h3>
      {loadError ? <Banner type="error">{t(`整改进度加载失败：${loadError}`, `Could not load: ${loadError}`)}</Banner> : null}
      {!panel && !loadError ? <p>{t('正在加载…', 'Loading…')}</p> : null}
      {panel ? (
        <>
          <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap', margin: '0 0 12px' }}>
            <Pill>{panel.stateLabel}</Pill>
            <span>{panel.levelLabel}</span>
            {panel.reasons.length ? <span style={{ color: MUTED }}>{panel.reasons.join('、')}</span> : null}
            {panel.deadlineText ? (
              <span
                style={{
                  color: panel.deadline.kind === 'overdue' ? 'var(--theme-error-500)' : undefined,
                  fontWeight: panel.deadline.kind === 'overdue' ? 600 : undefined,
                }}
              >
                {panel.deadlineText}
              </span>
            ) : null}
          </div>
          {panel.deadlineWarning ? <Banner type="info">{panel.deadlineWarning}</Banner> : null}
          <ol style={{ listStyle: 'none', margin: '0 0 12px', padding: 0, borderLeft: '2px solid var(--theme-elevation-150)' }}>
            {panel.history.map((step, index) => (
              <li key={index} data-action={step.action} style={{ margin: '0 0 8px', paddingLeft: 12 }}>
                <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
                  <strong>{step.label}</strong>
                  <time dateTime={step.at} style={{ color: MUTED, fontSize: 13 }}>
                    {formatShanghai(step.at)}
                  </time>
                  <span style={{ color: MUTED, fontSize: 13 }}>{ACTOR[step.actor] ?? step.actor}</span>
                </div>
                {step.caller ? (
                  <div style={{ fontSize: 13 }}>
                    {t(`回访人：${step.caller}，回访时间：${formatShanghai(step.calledAt)}`, `Called by ${step.caller} at ${formatShanghai(step.calledAt)}`)}
                  </div>
                ) : null}
                {step.summary ? <div style={{ whiteSpace: 'pre-wrap' }}>{step.summary}</div> : null}
                {step.note ? <div style={{ whiteSpace: 'pre-wrap' }}>{step.note}</div> : null}
              </li>
            ))}
          </ol>
          {hasCallBack ? (
            <fieldset style={{ border: '1px solid var(--theme-elevation-150)', padding: 8, marginBottom: 12 }}>
              <legend>{t('回访记录', 'Call-back record')}</legend>
              <label style={{ display: 'block' }}>
                {t('回访人', 'Caller')} <input value={caller} onChange={(e) => setCaller(e.target.value)} disabled={busy} />
              </label>
              <label style={{ display: 'block' }}>
                {t('回访时间（北京时间）', 'Called at (Beijing)')}{' '}
                <input type="datetime-local" value={calledAt} onChange={(e) => setCalledAt(e.target.value)} disabled={busy} />
              </label>
              <label style={{ display: 'block' }}>
                {t('回访内容', 'What was said')}
                <textarea value={summary} rows={3} maxLength={1000} onChange={(e) => setSummary(e.target.value)} style={{ width: '100%' }} disabled={busy} />
              </label>
              <Button
                size="medium"
                margin={false}
                disabled={busy}
                onClick={() =>
                  void post(
                    'step',
                    { action: 'call_back', callBack: { caller, calledAt: `${calledAt}:00+08:00`, summary } },
                    t('已记录回访', 'Call-back recorded'),
                  )
                }
              >
                {t('记录回访', 'Record the call-back')}
              </Button>
            </fieldset>
          ) : null}
          {adjust?.deadline ? (
            <fieldset style={{ border: '1px solid var(--theme-elevation-150)', padding: 8, marginBottom: 12 }}>
              <legend>{adjust.label}</legend>
              <p style={{ color: MUTED, fontSize: 13, margin: '0 0 4px' }}>{adjust.deadline.rule}</p>
              <label style={{ display: 'block' }}>
                {t('新的整改期限', 'New deadline')}{' '}
                <input type="date" value={newDeadline} min={beijingNow().slice(0, 10)} onChange={(e) => setNewDeadline(e.target.value)} disabled={busy} />
              </label>
              <label style={{ display: 'block' }}>
                {t('调整理由', 'Reason')}
                <textarea
                  value={deadlineReason}
                  rows={2}
                  maxLength={1000}
                  onChange={(e) => setDeadlineReason(e.target.value)}
                  style={{ width: '100%' }}
                  disabled={busy}
                />
              </label>
              <Button
                size="medium"
                margin={false}
                disabled={busy}
                onClick={() =>
                  void post('step', { action: 'adjust_deadline', deadline: newDeadline, note: deadlineReason }, t('已调整整改期限', 'Deadline adjusted'))
                }
              >
                {adjust.label}
              </Button>
            </fieldset>
          ) : null}
          {noteActions.length ? (
            <div>
              <label htmlFor="rectification-note" style={{ display: 'block', marginBottom: 4 }}>
                {t('说明（整改措施会反馈给群众，不要写入个人信息）', 'Note (the fix is shown to the resident; no personal data)')}
              </label>
              <textarea
                id="rectification-note"
                value={note}
                rows={3}
                maxLength={1000}
                onChange={(e) => setNote(e.target.value)}
                style={{ width: '100%' }}
                disabled={busy}
              />
              <p style={{ color: MUTED, fontSize: 13 }}>
                {noteActions
                  .filter((a) => a.note)
                  .map((a) => `“${a.label}”：${a.note}`)
                  .join('；')}
              </p>
              <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
                {noteActions.map((action) => (
                  <Button
                    key={action.action}
                    size="medium"
                    margin={false}
                    disabled={busy}
                    onClick={() => void post('step', { action: action.action, note }, `${t('已', 'Done: ')}${action.label}`)}
                  >
                    {action.label}
                  </Button>
                ))}
              </div>
            </div>
          ) : null}
          {panel.canPublish && panel.fix ? (
            <div style={{ marginTop: 12 }}>
              <label htmlFor="rectification-public-fix" style={{ display: 'block', marginBottom: 4 }}>
                {t('公示的整改措施（月度公示中显示，不含个人信息）', 'Fix as published (monthly page; no personal data)')}
              </label>
              <textarea
                id="rectification-public-fix"
                value={publicFix}
                rows={2}
                maxLength={1000}
                onChange={(e) => setPublicFix(e.target.value)}
                style={{ width: '100%' }}
                disabled={busy}
              />
              <Button
                size="medium"
                margin={false}
                buttonStyle="secondary"
                disabled={busy}
                onClick={() => void post('public-fix', { text: publicFix }, t('已保存公示内容', 'Saved'))}
              >
                {t('批准公示', 'Approve for publication')}
              </Button>
            </div>
          ) : null}
          {answer ? <Banner type={answer.ok ? 'success' : 'error'}>{answer.message}</Banner> : null}
        </>
      ) : null}
    </div>
  )
}
