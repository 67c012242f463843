'use client'
import { Button, useTranslation } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useState } from 'react'
import { pick } from '../../shared/bilingual'
import { AnswerBanner } from './AnswerBanner'
import { carryAnswer, postPushRequest, type ActionAnswer } from './post-action'

/**
 * 立即生成本周推送: makes this week's proposal now for `accountId` (the account the page shows), by
 * the scheduled assemble's rules; the answer (how many items, what is missing, what the preview did)
 * stays on the page after it reloads.
 */
export const GenerateWeekButton: React.FC<{ accountId: string }> = ({ accountId }) => {
  const { i18n } = useTranslation()
  const lang = i18n.language
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [answer, setAnswer] = useState<ActionAnswer | null>(null)
  const generate = async () => {
    setBusy(true)
    const result = await postPushRequest('/api/weekly-pushes/generate', { account: accountId })
    setAnswer(result)
    setBusy(false)
    if (result.tone !== 'error') {
      // The page shows the new push instead of this button: its actions show the answer.
      carryAnswer(result)
      router.refresh()
    }
  }
  return (
    <div className="push-generate">
      <Button buttonStyle="primary" disabled={busy} onClick={() => void generate()} className="push-generate__button" margin={false}>
        {busy ? pick({ zh: '生成中…', en: 'Generating…' }, lang) : pick({ zh: '立即生成本周推送', en: 'Generate this week’s push now' }, lang)}
      </Button>
      <p style={{ color: 'var(--theme-elevation-500)' }}>
        {pick(
          {
            zh: '按定时组稿的同一规则从待推送池选出内容，并向已绑定微信的领导发送预览。',
            en: 'Chooses items from the pool by the scheduled assemble’s rules and previews them to leaders who bound WeChat.',
          },
          lang,
        )}
      </p>
      <AnswerBanner answer={answer} />
    </div>
  )
}
