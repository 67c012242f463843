'use client'
import { Button, toast, useAuth, useDocumentInfo, useFormFields, useFormModified, useTranslation } from '@payloadcms/ui'
import React, { useState } from 'react'
import { idOf, type Role } from '../../access/roles'
import { availableActions, isReviewState, REVIEW_ACTION_LABELS, REVIEW_STATE_LABELS, type ReviewAction } from '../../services/review/state-machine'
import { pick } from '../../shared/bilingual'
import { errorsText } from '../api-errors'

/**
 * A refused review action in the admin's language. The server explains in Chinese; in English the
 * kind of refusal is said in English, with the server's precise reason (a field, a limit) after it.
 */
function failureMessage(status: number, detail: string | undefined, lang: string): string {
  if (lang !== 'en') return detail ?? `请求失败（HTTP ${status}）`
  const kind =
    status === 403
      ? 'You may not do this with this item.'
      : status === 409
        ? 'Not possible in its current state (someone may have acted on it meanwhile); reload the page.'
        : status === 400
          ? 'The item is not ready for this step.'
          : `The request failed (HTTP ${status}).`
  return detail ? `${kind}\n${detail}` : kind
}

/** The review buttons in the document sidebar; the server decides, these only ask. */
export const ReviewActions: React.FC = () => {
  const { id, collectionSlug } = useDocumentInfo()
  const { user } = useAuth<{ id: string; role: Role }>()
  const { i18n } = useTranslation()
  const lang = i18n.language
  const modified = useFormModified()
  const status = useFormFields(([fields]) => fields.reviewStatus?.value)
  const createdBy = useFormFields(([fields]) => fields.createdBy?.value)
  const lastReturn = useFormFields(([fields]) => {
    const rows = Object.keys(fields)
      .map((key) => /^reviewHistory\.(\d+)\.action$/.exec(key))
      .filter((match): match is RegExpExecArray => match !== null && fields[match[0]]?.value === 'return')
      .map((match) => Number(match[1]))
    if (rows.length === 0) return undefined
    const last = Math.max(...rows)
    return fields[`reviewHistory.${last}.reason`]?.value as string | undefined
  })
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  if (!id || !collectionSlug) {
    return <p className="review-actions__hint">{pick({ zh: '保存草稿后即可提交审核。', en: 'Save the draft to submit it for review.' }, lang)}</p>
  }
  const state = isReviewState(status) ? status : 'draft'
  const actions = user ? availableActions(state, { role: user.role, isAuthor: idOf(createdBy) === String(user.id) }) : []

  const run = async (action: ReviewAction) => {
    if (action === 'return' && reason.trim() === '') {
      setError(pick({ zh: '退回修改必须填写原因。', en: 'A reason is required to return an item.' }, lang))
      return
    }
    setBusy(true)
    setError(null)
    try {
      const response = await fetch(`/api/${collectionSlug}/${id}/review`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ action, reason: reason.trim() || undefined }),
      })
      const body: unknown = await response.json().catch(() => ({}))
      if (!response.ok) {
        setError(failureMessage(response.status, errorsText(body) ?? undefined, lang))
        return
      }
      toast.success(pick(REVIEW_ACTION_LABELS[action], lang) + ' ✓')
      window.location.reload()
    } catch {
      setError(pick({ zh: '无法连接服务器，请稍后再试。', en: 'The server cannot be reached; try again later.' }, lang))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="review-actions" data-review-status={state} style={{ marginBottom: 'var(--base)' }}>
      <p style={{ margin: '0 0 8px' }}>
        {pick({ zh: '当前状态：', en: 'Status: ' }, lang)}
        <strong className="review-actions__status">{pick(REVIEW_STATE_LABELS[state], lang)}</strong>
      </p>
      {state === 'returned' && lastReturn ? (
        <p className="review-actions__return-reason" style={{ color: 'var(--theme-error-500)', whiteSpace: 'pre-wrap' }}>
          {pick({ zh: '退回原因：', en: 'Returned because: ' }, lang)}
          {lastReturn}
        </p>
      ) : null}
      {actions.includes('return') ? (
        <textarea
          name="reviewReason"
          aria-label={pick({ zh: '审核意见 / 退回原因', en: 'Review comment / reason' }, lang)}
          placeholder={pick({ zh: '审核意见（退回时必填）', en: 'Comment (required to return)' }, lang)}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          rows={3}
          style={{ width: '100%', marginBottom: 8 }}
        />
      ) : null}
      {modified && actions.length > 0 ? (
        <p style={{ color: 'var(--theme-warning-500)' }}>{pick({ zh: '有未保存的修改，请先保存。', en: 'Save your changes first.' }, lang)}</p>
      ) : null}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {actions.map((action) => (
          <Button
            key={action}
            buttonStyle={action === 'approve' || action === 'submit' ? 'primary' : 'secondary'}
            disabled={busy || modified}
            onClick={() => void run(action)}
            size="small"
            className={`review-action review-action--${action}`}
          >
            {pick(REVIEW_ACTION_LABELS[action], lang)}
          </Button>
        ))}
      </div>
      {error ? (
        <p role="alert" className="review-actions__error" style={{ color: 'var(--theme-error-500)', whiteSpace: 'pre-wrap' }}>
          {error}
        </p>
      ) : null}
    </div>
  )
}
