'use client'
import { Button, ConfirmationModal, TextareaInput, useModal, useTranslation } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useEffect, useState } from 'react'
import { OPEN_PUSH_STATUSES, inStatusGroup } from '../../services/push/status'
import { pick } from '../../shared/bilingual'
import { AnswerBanner } from './AnswerBanner'
import { postPushRequest, takeCarriedAnswer, type ActionAnswer } from './post-action'

/** What the leader confirms when signing off, ready in the admin's language. */
export interface SignOffSummary {
  items: string[]
  audience: string
  followers: string
  sendAt: string
}

export interface PushActionsProps {
  pushId: string
  /** The push's status; sign-off needs `proposed`, 撤销审定 `signed_off`, reject either. */
  status: string
  summary: SignOffSummary
}

type Action = 'preview' | 'sign-off' | 'revoke' | 'reject'

const LABELS: Record<Action, { zh: string; en: string }> = {
  preview: { zh: '发送预览', en: 'Send preview' },
  'sign-off': { zh: '审定通过…', en: 'Sign off…' },
  revoke: { zh: '撤销审定…', en: 'Revoke sign-off…' },
  reject: { zh: '本周不发送…', en: 'Do not send this week…' },
}

/** The leader's buttons on 本周推送; sign-off, 撤销审定 and reject ask first. The endpoint decides. */
export const PushActions: React.FC<PushActionsProps> = ({ pushId, status, summary }) => {
  const { i18n } = useTranslation()
  const lang = i18n.language
  const t = (zh: string, en: string) => pick({ zh, en }, lang)
  const router = useRouter()
  const { openModal } = useModal()
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState<Action | null>(null)
  const [answer, setAnswer] = useState<ActionAnswer | null>(null)
  useEffect(() => {
    const carried = takeCarriedAnswer()
    // The answer carried over a reload lives in sessionStorage, which only the browser has and
    // which taking empties: it cannot be the initial state (the server renders this first, and
    // React may run an initialiser twice), so it is read after mounting.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- one render after mount, from browser storage
    if (carried) setAnswer(carried)
  }, [])

  if (!inStatusGroup(OPEN_PUSH_STATUSES, status)) return null
  const actions: Action[] = ['preview', status === 'proposed' ? 'sign-off' : 'revoke', 'reject']

  const run = async (action: Action) => {
    setBusy(action)
    const result = await postPushRequest(`/api/weekly-pushes/${encodeURIComponent(pushId)}/action`, {
      action,
      reason: action === 'reject' ? reason.trim() : undefined,
    })
    setAnswer(result)
    setBusy(null)
    if (result.tone !== 'error' || action === 'preview') {
      if (action === 'reject') setReason('')
      router.refresh()
    }
  }

  const ask = (action: Action) => {
    if (action === 'preview') return void run('preview')
    if (action === 'reject' && reason.trim() === '') {
      setAnswer({ tone: 'error', message: t('本周不发送必须填写原因。', 'A reason is required to skip the week.') })
      return
    }
    openModal(`push-confirm-${action}`)
  }

  const summaryBody = (
    <div className="push-sign-off-summary">
      <p>{t(`将审定以下 ${summary.items.length} 条内容：`, `You sign off these ${summary.items.length} items:`)}</p>
      <ol style={{ paddingLeft: 20 }}>
        {summary.items.map((title, index) => (
          <li key={`${index}-${title}`}>{title}</li>
        ))}
      </ol>
      <p>{`${t('发送对象', 'Audience')}：${summary.audience}（${summary.followers}）`}</p>
      <p>{`${t('计划发送', 'Planned send')}：${summary.sendAt}`}</p>
      <p>{t('发送开始前可以撤销审定；审定后修改内容会使审定作废。', 'You can revoke until the send starts; any change voids the sign-off.')}</p>
    </div>
  )

  return (
    <div className="push-actions" data-push-status={status}>
      <TextareaInput
        path="rejectReason"
        label={t('不发送的原因（选择"本周不发送"时必填）', 'Reason for not sending (required to skip the week)')}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        rows={2}
        style={{ maxWidth: 560 }}
      />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 'calc(var(--base) / 2)' }}>
        {actions.map((action) => (
          <Button
            key={action}
            buttonStyle={action === 'sign-off' ? 'primary' : action === 'reject' ? 'error' : 'secondary'}
            disabled={busy !== null}
            onClick={() => ask(action)}
            size="medium"
            margin={false}
            className={`push-action push-action--${action}`}
          >
            {busy === action ? t('处理中…', 'Working…') : pick(LABELS[action], lang)}
          </Button>
        ))}
      </div>
      <AnswerBanner answer={answer} />
      <ConfirmationModal
        modalSlug="push-confirm-sign-off"
        className="push-confirm push-confirm--sign-off"
        heading={t('确认审定本周推送', 'Sign off this week’s push')}
        body={summaryBody}
        confirmLabel={t('确认审定', 'Sign off')}
        cancelLabel={t('取消', 'Cancel')}
        onConfirm={() => run('sign-off')}
      />
      <ConfirmationModal
        modalSlug="push-confirm-revoke"
        className="push-confirm push-confirm--revoke"
        heading={t('撤销审定？', 'Revoke the sign-off?')}
        body={t(
          `撤销后本周推送回到「待审定」，在再次审定之前不会发送（原计划 ${summary.sendAt}）。`,
          `The push goes back to "proposed" and will not be sent until signed off again (planned ${summary.sendAt}).`,
        )}
        confirmLabel={t('撤销审定', 'Revoke')}
        cancelLabel={t('取消', 'Cancel')}
        onConfirm={() => run('revoke')}
      />
      <ConfirmationModal
        modalSlug="push-confirm-reject"
        className="push-confirm push-confirm--reject"
        heading={t('本周不发送？', 'Skip this week?')}
        body={t(
          `本周推送将关闭，${summary.items.length} 条内容退回待推送池。原因：${reason.trim()}`,
          `The week closes and its ${summary.items.length} items go back to the pool. Reason: ${reason.trim()}`,
        )}
        confirmLabel={t('本周不发送', 'Skip this week')}
        cancelLabel={t('取消', 'Cancel')}
        onConfirm={() => run('reject')}
      />
    </div>
  )
}
