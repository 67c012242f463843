'use client'
import { Button, useTranslation } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useState } from 'react'
import { pick } from '../../shared/bilingual'
import { AnswerBanner } from './AnswerBanner'
import { postPushRequest, type ActionAnswer } from './post-action'

export interface SendDatePickerProps {
  pushId: string
  /** The leader's current pick (`YYYY-MM-DD`), or null: by the push settings and holidays. */
  current: string | null
  /** The days the endpoint accepts (the ISO week and the 7 days before it, from today), `YYYY-MM-DD`. */
  min: string
  max: string
}

/**
 * 改发送日 on 本周推送: the leader picks another send day for this week, or goes back to the
 * settings; the `send-date` action validates and answers in Chinese.
 */
export const SendDatePicker: React.FC<SendDatePickerProps> = ({ pushId, current, min, max }) => {
  const { i18n } = useTranslation()
  const t = (zh: string, en: string) => pick({ zh, en }, i18n.language)
  const router = useRouter()
  const [date, setDate] = useState(current ?? '')
  const [busy, setBusy] = useState(false)
  const [answer, setAnswer] = useState<ActionAnswer | null>(null)

  const save = async (value: string | null) => {
    setBusy(true)
    const result = await postPushRequest(`/api/weekly-pushes/${encodeURIComponent(pushId)}/action`, { action: 'send-date', date: value })
    setAnswer(result)
    setBusy(false)
    if (result.tone !== 'error') router.refresh()
  }

  return (
    <div className="push-send-date" style={{ display: 'flex', flexWrap: 'wrap', gap: 'calc(var(--base) / 2)', alignItems: 'center' }}>
      <label htmlFor="push-send-date">{t('本周改在此日发送', 'Send this week on')}</label>
      <input id="push-send-date" type="date" value={date} min={min} max={max} onChange={(event) => setDate(event.target.value)} />
      <Button buttonStyle="secondary" size="small" margin={false} disabled={busy || date === ''} onClick={() => void save(date)}>
        {t('改发送日', 'Change the send day')}
      </Button>
      {current ? (
        <Button buttonStyle="secondary" size="small" margin={false} disabled={busy} onClick={() => void save(null)}>
          {t('恢复按设置发送', 'Back to the settings')}
        </Button>
      ) : null}
      <AnswerBanner answer={answer} />
    </div>
  )
}
