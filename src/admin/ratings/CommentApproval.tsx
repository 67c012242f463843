'use client'
import { Banner, Button, useAuth, useDocumentInfo, useFormFields, useTranslation } from '@payloadcms/ui'
import { useRouter } from 'next/navigation.js'
import React, { useState } from 'react'
import { pick } from '../../shared/bilingual'
import { errorsText } from '../api-errors'

/**
 * 批准公开意见 on a rating's edit view (admins and leaders; the endpoint checks it again): POST
 * /api/ratings/:id/approve-comment `{ approved }`. The rating itself cannot be edited; only whether its
 * comment appears on the public monthly page.
 */
export const CommentApproval: React.FC = () => {
  const { id } = useDocumentInfo()
  const { user } = useAuth<{ role?: string }>()
  const { i18n } = useTranslation()
  const t = (zh: string, en: string) => pick({ zh, en }, i18n.language)
  const router = useRouter()
  const comment = useFormFields(([fields]) => fields.comment?.value as string | undefined)
  const approved = useFormFields(([fields]) => fields.commentApproved?.value === true)
  const [busy, setBusy] = useState(false)
  const [answer, setAnswer] = useState<{ ok: boolean; message: string } | null>(null)
  if (!id || !comment || (user?.role !== 'admin' && user?.role !== 'leader')) return null

  const send = async (value: boolean) => {
    setBusy(true)
    setAnswer(null)
    try {
      const response = await fetch(`/api/ratings/${id}/approve-comment`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ approved: value }),
      })
      const body: unknown = await response.json().catch(() => ({}))
      if (!response.ok) setAnswer({ ok: false, message: errorsText(body) ?? `HTTP ${response.status}` })
      else {
        setAnswer({ ok: true, message: value ? t('已批准公开', 'Approved') : t('已撤销公开', 'Withdrawn') })
        router.refresh()
      }
    } catch (error) {
      setAnswer({ ok: false, message: (error as Error).message })
    } finally {
      setBusy(false)
    }
  }

  return (
    <div style={{ marginBottom: 'var(--base)' }}>
      <p style={{ color: 'var(--theme-elevation-500)', margin: '0 0 8px' }}>
        {t(
          '批准后，这条意见（不署名）会出现在月度好差评公示中。请先确认其中没有个人信息。',
          'Once approved, the comment (unsigned) appears on the monthly page. Check it holds no personal data.',
        )}
      </p>
      <Button size="medium" margin={false} buttonStyle={approved ? 'secondary' : 'primary'} disabled={busy} onClick={() => void send(!approved)}>
        {approved ? t('撤销公开', 'Withdraw publication') : t('批准公开意见', 'Approve the comment for publication')}
      </Button>
      {answer ? <Banner type={answer.ok ? 'success' : 'error'}>{answer.message}</Banner> : null}
    </div>
  )
}
