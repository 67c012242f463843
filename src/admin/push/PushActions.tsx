'use client'
import { Button, toast, useTranslation } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useState } from 'react'
import { pick, type Bilingual } from '../labels'

type Action = 'preview' | 'sign-off' | 'reject'

const ACTION_LABELS: Record<Action, Bilingual> = {
  preview: { zh: '发送预览', en: 'Send preview' },
  'sign-off': { zh: '审定通过', en: 'Sign off' },
  reject: { zh: '本周不发送', en: 'Do not send this week' },
}

export interface PushActionsProps {
  pushId: string
  /** The push's status; sign-off needs `proposed`, reject `proposed` or `signed_off`. */
  status: string
}

/** The leader's buttons on 本周推送; the endpoint decides, these only ask. */
export const PushActions: React.FC<PushActionsProps> = ({ pushId, status }) => {
  const { i18n } = useTranslation()
  const lang = i18n.language
  const router = useRouter()
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState<Action | null>(null)
  const [error, setError] = useState<string | null>(null)

  const open = status === 'proposed' || status === 'signed_off'
  const actions: Action[] = open ? ['preview', ...(status === 'proposed' ? (['sign-off'] as const) : []), 'reject'] : []
  if (actions.length === 0) return null

  const run = async (action: Action) => {
    if (action === 'reject' && reason.trim() === '') {
      setError(pick({ zh: '本周不发送必须填写原因。', en: 'A reason is required.' }, lang))
      return
    }
    if (action === 'reject' && !window.confirm(pick({ zh: '确定本周不发送？内容会退回待推送池。', en: 'Skip this week? Items go back to the pool.' }, lang))) return
    setBusy(action)
    setError(null)
    try {
      const response = await fetch(`/api/weekly-pushes/${encodeURIComponent(pushId)}/action`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ action, reason: action === 'reject' ? reason.trim() : undefined }),
      })
      const body = (await response.json().catch(() => ({}))) as { message?: string; errors?: { message: string }[] }
      if (!response.ok) {
        setError(body.errors?.map((entry) => entry.message).join('\n') ?? `HTTP ${response.status}`)
        return
      }
      toast.success(body.message ?? `${pick(ACTION_LABELS[action], lang)} ✓`)
      setReason('')
      router.refresh()
    } catch (caught) {
      setError((caught as Error).message)
    } finally {
      setBusy(null)
    }
  }

  return (
    <div className="push-actions" data-push-status={status}>
      <textarea
        name="rejectReason"
        aria-label={pick({ zh: '不发送的原因', en: 'Reason for not sending' }, lang)}
        placeholder={pick({ zh: '不发送的原因（选择"本周不发送"时必填）', en: 'Reason (required to skip the week)' }, lang)}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        rows={2}
        style={{ width: '100%', maxWidth: 560, marginBottom: 8 }}
      />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {actions.map((action) => (
          <Button
            key={action}
            buttonStyle={action === 'sign-off' ? 'primary' : 'secondary'}
            disabled={busy !== null}
            onClick={() => void run(action)}
            size="small"
            className={`push-action push-action--${action}`}
          >
            {busy === action ? '…' : pick(ACTION_LABELS[action], lang)}
          </Button>
        ))}
      </div>
      {error ? (
        <p role="alert" className="push-actions__error" style={{ color: 'var(--theme-error-500)', whiteSpace: 'pre-wrap' }}>
          {error}
        </p>
      ) : null}
    </div>
  )
}
