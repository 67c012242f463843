'use client'
import { Banner, Button, Pill, useDocumentInfo, useTranslation } from '@payloadcms/ui'
import { useRouter } from 'next/navigation.js'
import React, { useState } from 'react'
import type { MatterPanel as Panel, PanelAction } from '../../services/appointments/staff-views'
import { pick } from '../../shared/bilingual'
import { formatShanghai } from '../../shared/time'
import { errorsText } from '../api-errors'
import { useDocumentPanel } from '../document-panel'
import { STATUS_PILL } from './labels'

const MUTED = 'var(--theme-elevation-500)'

const ACTOR_LABELS: Record<string, { zh: string; en: string }> = {
  resident: { zh: '群众', en: 'Resident' },
  staff: { zh: '工作人员', en: 'Staff' },
  system: { zh: '系统', en: 'System' },
}

/** Steps that end the matter for the resident: asked once more before they are taken. */
const CONFIRMED = new Set(['reject', 'cancel', 'mark_no_show'])

/**
 * The matter on an appointment's edit view: the status timeline (GET /api/appointments/:id/history:
 * step, Beijing time, note, who), the expected completion date or how long it is overdue, and a button
 * for each step the user may take now (none for leaders and other offices) with the note for the
 * resident — required for 通知补正, 不予受理 and a cancellation by staff, and the reason shown before
 * sending. Each step is POST /api/appointments/:id/step; the answer's calendar warning is shown.
 */
export const MatterPanel: React.FC = () => {
  const { id } = useDocumentInfo()
  const { i18n } = useTranslation()
  const lang = i18n.language
  const t = (zh: string, en: string) => pick({ zh, en }, lang)
  const router = useRouter()
  const { panel, loadError, reload } = useDocumentPanel<Panel>(id ? `/api/appointments/${id}/history` : null)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [answer, setAnswer] = useState<{ ok: boolean; message: string; warning?: string } | null>(null)

  if (!id) return null

  const take = async (action: PanelAction) => {
    const text = note.trim()
    if (action.noteRequired && text === '') {
      setAnswer({
        ok: false,
        message: t(
          `“${action.label.zh}”须填写给群众的说明：${action.noteRequired}`,
          `“${action.label.en}” needs a note for the resident: ${action.noteRequired}`,
        ),
      })
      return
    }
    if (CONFIRMED.has(action.action) && !window.confirm(t(`确定要“${action.label.zh}”吗？此操作不能撤回。`, `${action.label.en}? This cannot be undone.`)))
      return
    setBusy(true)
    setAnswer(null)
    try {
      const response = await fetch(`/api/appointments/${id}/step`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ action: action.action, ...(text ? { note: text } : {}) }),
      })
      const body = (await response.json().catch(() => ({}))) as { expectedCompletion?: string | null; calendarWarning?: string }
      if (!response.ok) {
        setAnswer({ ok: false, message: errorsText(body) ?? `HTTP ${response.status}` })
        return
      }
      const expected =
        action.action === 'accept' && body.expectedCompletion ? t(`，预计办结 ${body.expectedCompletion}`, `, expected by ${body.expectedCompletion}`) : ''
      setAnswer({
        ok: true,
        message: `${t('已', 'Done: ')}${pick(action.label, lang)}${expected}`,
        ...(body.calendarWarning ? { warning: body.calendarWarning } : {}),
      })
      setNote('')
      await reload()
      // The document's own fields (status, note, date) are read again too.
      router.refresh()
    } catch (error) {
      setAnswer({ ok: false, message: (error as Error).message })
    } finally {
      setBusy(false)
    }
  }

  const needNote = panel?.actions.filter((action) => action.noteRequired) ?? []

  return (
    <div
      className="matter-panel"
      style={{ marginBottom: 'calc(var(--base) * 1.5)', padding: 'var(--base)', border: '1px solid var(--theme-elevation-150)', borderRadius: 4 }}
    >
      <h3 style={{ margin: '0 0 8px' }}>{t('办理进度', 'Progress')}</h3>
      {loadError ? <Banner type="error">{t(`办理进度加载失败：${loadError}`, `The progress could not be loaded: ${loadError}`)}</Banner> : null}
      {!panel && !loadError ? <p>{t('正在加载…', 'Loading…')}</p> : null}
      {panel ? (
        <>
          <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap', margin: '0 0 12px' }}>
            <span className="matter-panel__status" data-status={panel.status}>
              <Pill pillStyle={STATUS_PILL[panel.status]}>{pick(panel.statusLabel, lang)}</Pill>
            </span>
            {panel.deadlineLabel.zh ? (
              <span
                className="matter-panel__deadline"
                style={{
                  color: panel.deadline.kind === 'overdue' ? 'var(--theme-error-500)' : undefined,
                  fontWeight: panel.deadline.kind === 'overdue' ? 600 : undefined,
                }}
              >
                {pick(panel.deadlineLabel, lang)}
              </span>
            ) : null}
          </div>
          <ol className="matter-panel__steps" style={{ listStyle: 'none', margin: '0 0 12px', padding: 0, borderLeft: '2px solid var(--theme-elevation-150)' }}>
            {panel.steps.map((step, index) => (
              <li key={index} className="matter-panel__step" data-action={step.action} style={{ margin: '0 0 8px', paddingLeft: 12 }}>
                <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
                  <strong>{pick(step.label, lang)}</strong>
                  <span>→ {pick(step.toLabel, lang)}</span>
                  <time dateTime={step.at} style={{ color: MUTED, fontSize: 13 }}>
                    {formatShanghai(step.at)}
                  </time>
                  <span style={{ color: MUTED, fontSize: 13 }}>
                    {step.byName ?? pick(ACTOR_LABELS[step.actor] ?? { zh: step.actor, en: step.actor }, lang)}
                  </span>
                </div>
                {step.note ? <div style={{ whiteSpace: 'pre-wrap' }}>{step.note}</div> : null}
                {step.expectedCompletion ? (
                  <div style={{ fontSize: 13 }}>{t(`预计办结 ${step.expectedCompletion}`, `Expected by ${step.expectedCompletion}`)}</div>
                ) : null}
                {step.calendarWarning ? <div style={{ fontSize: 13, color: 'var(--theme-warning-600, #b26b00)' }}>{step.calendarWarning}</div> : null}
              </li>
            ))}
          </ol>
          {panel.actions.length > 0 ? (
            <div className="matter-panel__actions">
              <label htmlFor="matter-note" style={{ display: 'block', marginBottom: 4 }}>
                {t('给群众的说明（会告知群众，最多 500 字）', 'Note for the resident (they are told; up to 500 characters)')}
              </label>
              <textarea
                id="matter-note"
                value={note}
                rows={3}
                maxLength={500}
                onChange={(event) => setNote(event.target.value)}
                style={{ width: '100%' }}
                disabled={busy}
              />
              {needNote.length > 0 ? (
                <p style={{ color: MUTED, fontSize: 13, margin: '4px 0 8px' }}>
                  {needNote
                    .map((action) => `${t('“', '“')}${pick(action.label, lang)}${t('”必须填写：', '” requires: ')}${action.noteRequired}`)
                    .join(t('；', '; '))}
                </p>
              ) : null}
              <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
                {panel.actions.map((action) => (
                  <Button
                    key={action.action}
                    buttonStyle={CONFIRMED.has(action.action) ? 'secondary' : 'primary'}
                    size="medium"
                    margin={false}
                    disabled={busy || action.disabledReason !== null}
                    tooltip={action.disabledReason ?? undefined}
                    className={`matter-panel__action matter-panel__action--${action.action}`}
                    onClick={() => void take(action)}
                  >
                    {pick(action.label, lang)}
                  </Button>
                ))}
              </div>
              {panel.actions
                .filter((action) => action.disabledReason)
                .map((action) => (
                  <p key={action.action} style={{ color: MUTED, fontSize: 13, margin: '4px 0 0' }}>
                    {pick(action.label, lang)}：{action.disabledReason}
                  </p>
                ))}
            </div>
          ) : (
            <p style={{ color: MUTED, margin: 0 }}>
              {['done', 'rejected', 'cancelled', 'no_show'].includes(panel.status)
                ? t('该事项已结束。', 'This matter is closed.')
                : t('只读：只有承办科室的工作人员和管理员可以办理。', 'Read only: only the office’s staff and administrators take steps.')}
            </p>
          )}
          {answer ? (
            <div className={`matter-panel__answer matter-panel__answer--${answer.ok ? 'ok' : 'error'}`} role="status" style={{ marginTop: 8 }}>
              <Banner type={answer.ok ? 'success' : 'error'}>{answer.message}</Banner>
              {answer.warning ? <Banner type="info">{answer.warning}</Banner> : null}
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  )
}
