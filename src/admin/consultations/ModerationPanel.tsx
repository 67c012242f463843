'use client'
// Client code: imports only types from src/services (the services' modules pull in the calendar and
// node:crypto, whose browser build trips the admin's CSP with eval).
import { Banner, Button, Pill, useDocumentInfo, useTranslation } from '@payloadcms/ui'
import { useRouter } from 'next/navigation.js'
import React, { useState } from 'react'
import type { ModerationPanel as Panel } from '../../services/consultations/board'
import { pick } from '../../shared/bilingual'
import { formatShanghai } from '../../shared/time'
import { errorsText } from '../api-errors'
import { useDocumentPanel } from '../document-panel'

const MUTED = 'var(--theme-elevation-500)'
const STATE_PILL: Record<string, 'warning' | 'success' | 'error' | 'light' | 'light-gray'> = {
  pending: 'warning',
  approved: 'success',
  answered: 'light',
  rejected: 'error',
  withdrawn: 'light-gray',
}

/**
 * The moderation panel on a suggestion's edit view (like the appointments' MatterPanel): the text,
 * the photos, the contact as the user may read it, how long it has waited against the reply deadline,
 * and the buttons the user may use now — 审核通过 (公开), 不予采纳 with the reason the resident sees,
 * 公开回复 with the reply — each POST /api/consultation-submissions/:id/moderate. The rules are the
 * endpoint's; this only shows them.
 */
export const ModerationPanel: React.FC = () => {
  const { id } = useDocumentInfo()
  const { i18n } = useTranslation()
  const lang = i18n.language
  const t = (zh: string, en: string) => pick({ zh, en }, lang)
  const router = useRouter()
  const { panel, loadError, reload } = useDocumentPanel<Panel>(id ? `/api/consultation-submissions/${id}/panel` : null)
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [answer, setAnswer] = useState<{ ok: boolean; message: string } | null>(null)

  if (!id) return null

  const take = async (action: Panel['actions'][number]) => {
    const value = text.trim()
    if (action.needsText && value === '') {
      setAnswer({
        ok: false,
        message:
          action.action === 'reject'
            ? t('请写明不予采纳的理由（建议人可以看到）', 'Write the reason (the resident sees it)')
            : t('请填写公开回复的内容', 'Write the public reply'),
      })
      return
    }
    if (action.action === 'reject' && !window.confirm(t('确定不予采纳吗？理由会告知建议人。', 'Reject? The resident sees the reason.'))) return
    setBusy(true)
    setAnswer(null)
    try {
      const response = await fetch(`/api/consultation-submissions/${id}/moderate`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ action: action.action, ...(action.needsText ? { text: value } : {}) }),
      })
      const body: unknown = await response.json().catch(() => ({}))
      if (!response.ok) {
        setAnswer({ ok: false, message: errorsText(body) ?? `HTTP ${response.status}` })
        return
      }
      setAnswer({ ok: true, message: `${t('已', 'Done: ')}${pick(action.label, lang)}` })
      setText('')
      await reload()
      router.refresh()
    } catch (error) {
      setAnswer({ ok: false, message: (error as Error).message })
    } finally {
      setBusy(false)
    }
  }

  const textAction = panel?.actions.find((action) => action.needsText)

  return (
    <div
      className="moderation-panel"
      style={{ marginBottom: 'calc(var(--base) * 1.5)', padding: 'var(--base)', border: '1px solid var(--theme-elevation-150)', borderRadius: 4 }}
    >
      <h3 style={{ margin: '0 0 8px' }}>{t('审核（先审后发）', 'Moderation (nothing public before approval)')}</h3>
      {loadError ? <Banner type="error">{t(`加载失败：${loadError}`, `Could not load: ${loadError}`)}</Banner> : null}
      {!panel && !loadError ? <p>{t('正在加载…', 'Loading…')}</p> : null}
      {panel ? (
        <>
          <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap', margin: '0 0 8px' }}>
            <span className="moderation-panel__status" data-status={panel.status}>
              <Pill pillStyle={STATE_PILL[panel.status] ?? 'light'}>{pick(panel.statusLabel, lang)}</Pill>
            </span>
            <span>{panel.topic.title}</span>
            {panel.waiting ? (
              <span style={{ color: panel.waiting.overdue ? 'var(--theme-error-500)' : undefined, fontWeight: panel.waiting.overdue ? 600 : undefined }}>
                {pick(panel.waiting.label, lang)}
              </span>
            ) : null}
          </div>
          {panel.deadlineWarning ? <Banner type="info">{panel.deadlineWarning}</Banner> : null}
          <p style={{ whiteSpace: 'pre-wrap', margin: '0 0 8px' }}>{panel.body}</p>
          <p style={{ color: MUTED, fontSize: 13, margin: '0 0 8px' }}>
            {formatShanghai(panel.receivedAt)} · {panel.source === 'chat' ? t('公众号留言', 'Chat') : t('页面', 'Page')}
            {panel.name ? ` · ${panel.name}` : ''}
            {panel.phone ? ` · ${panel.phone}` : ''}
          </p>
          {panel.photos.length > 0 ? (
            <div className="moderation-panel__photos" style={{ display: 'flex', gap: 8, flexWrap: 'wrap', margin: '0 0 12px' }}>
              {panel.photos.map((photo) => (
                <a key={photo.id} href={photo.url} target="_blank" rel="noreferrer">
                  <img src={photo.url} alt={photo.alt} style={{ width: 120, height: 120, objectFit: 'cover', borderRadius: 4 }} />
                </a>
              ))}
            </div>
          ) : null}
          {panel.rejectionReason ? (
            <p>{t(`不予采纳理由（仅建议人可见）：${panel.rejectionReason}`, `Reason (resident only): ${panel.rejectionReason}`)}</p>
          ) : null}
          {panel.reply ? <p>{t(`公开回复：${panel.reply}`, `Public reply: ${panel.reply}`)}</p> : null}
          {panel.actions.length > 0 ? (
            <div className="moderation-panel__actions">
              {textAction ? (
                <>
                  <label htmlFor="moderation-text" style={{ display: 'block', marginBottom: 4 }}>
                    {panel.status === 'pending'
                      ? t('不予采纳的理由（建议人可见，最多 1000 字）', 'Reason for rejecting (the resident sees it; up to 1000 characters)')
                      : t('公开回复（所有人可见，最多 1000 字）', 'Public reply (everyone sees it; up to 1000 characters)')}
                  </label>
                  <textarea
                    id="moderation-text"
                    value={text}
                    rows={3}
                    maxLength={1000}
                    onChange={(event) => setText(event.target.value)}
                    style={{ width: '100%' }}
                    disabled={busy}
                  />
                </>
              ) : null}
              <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginTop: 8 }}>
                {panel.actions.map((action) => (
                  <Button
                    key={action.action}
                    buttonStyle={action.action === 'reject' ? 'secondary' : 'primary'}
                    size="medium"
                    margin={false}
                    disabled={busy}
                    onClick={() => void take(action)}
                  >
                    {pick(action.label, lang)}
                  </Button>
                ))}
              </div>
            </div>
          ) : (
            <p style={{ color: MUTED, margin: 0 }}>
              {panel.status === 'pending'
                ? t(
                    '只有话题所属社区或承办科室的工作人员、审核领导和管理员可以审核。',
                    "Only the topic's community or office staff, leaders and admins moderate.",
                  )
                : t('没有可执行的操作。', 'Nothing to do.')}
            </p>
          )}
          {answer ? <Banner type={answer.ok ? 'success' : 'error'}>{answer.message}</Banner> : null}
        </>
      ) : null}
    </div>
  )
}
