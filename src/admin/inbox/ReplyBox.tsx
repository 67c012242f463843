'use client'
import { Banner, Button, toast, useDocumentInfo, useTranslation } from '@payloadcms/ui'
import { useRouter } from 'next/navigation.js'
import React, { useCallback, useEffect, useState } from 'react'
import { pick } from '../../shared/bilingual'
import { windowLabel, type WindowInfo } from './window-label'
import { errorsText } from '../api-errors'

const MAX_LENGTH = 600

/**
 * Reply to a resident by customer-service message; the server enforces the 48-hour window, this
 * only shows it. When WeChat refused the latest reply (45015, 45047, 48001, …) the countdown stops
 * and the reason is shown; every attempt is kept on the message (回复记录) and in the conversation.
 */
export const ReplyBox: React.FC = () => {
  const { id } = useDocumentInfo()
  const router = useRouter()
  const { i18n } = useTranslation()
  const lang = i18n.language
  const [info, setInfo] = useState<WindowInfo | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const [content, setContent] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  /** The message's reply window from the server; `null` when it did not answer. */
  const fetchWindow = useCallback(async (): Promise<WindowInfo | null> => {
    if (!id) return null
    const response = await fetch(`/api/resident-messages/${id}/reply-window`, { credentials: 'include' })
    return response.ok ? ((await response.json()) as WindowInfo) : null
  }, [id])

  useEffect(() => {
    // An answer arriving after the message changed or the box closed is dropped.
    let current = true
    void fetchWindow().then((next) => {
      if (current && next) setInfo(next)
    })
    const timer = setInterval(() => setNow(Date.now()), 30_000)
    return () => {
      current = false
      clearInterval(timer)
    }
  }, [fetchWindow])

  if (!id) return null
  const refused = Boolean(info?.refusal)
  const remainingMs = !refused && info?.expiresAt ? Date.parse(info.expiresAt) - now : 0
  const closed = remainingMs <= 0

  const send = async () => {
    setBusy(true)
    setError(null)
    try {
      const response = await fetch(`/api/resident-messages/${id}/reply`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ content }),
      })
      const body: unknown = await response.json().catch(() => ({}))
      if (!response.ok) {
        setError(errorsText(body) ?? pick({ zh: '回复失败，请稍后再试', en: 'The reply failed; please try again later' }, lang))
        return
      }
      setContent('')
      toast.success(pick({ zh: '已发送给居民', en: 'Sent to the resident' }, lang))
    } finally {
      setBusy(false)
      // Failed attempts are recorded too: show them, and a refusal stops the countdown.
      router.refresh()
      void fetchWindow().then((next) => {
        if (next) setInfo(next)
      })
    }
  }

  return (
    <div className="resident-reply" style={{ marginBottom: 24 }}>
      <h4 style={{ margin: '0 0 8px' }}>{pick({ zh: '回复居民（客服消息）', en: 'Reply to the resident (customer-service message)' }, lang)}</h4>
      {info && (refused || closed) ? (
        <Banner type="error">{windowLabel(info, remainingMs, lang)}</Banner>
      ) : (
        <p className="resident-reply__window" style={{ margin: '0 0 8px' }}>
          {info ? windowLabel(info, remainingMs, lang) : pick({ zh: '正在查询回复时限…', en: 'Checking the reply window…' }, lang)}
        </p>
      )}
      <textarea
        value={content}
        maxLength={MAX_LENGTH}
        rows={4}
        disabled={busy || closed}
        onChange={(event) => setContent(event.target.value)}
        placeholder={pick({ zh: '输入回复内容（最多 600 字）', en: 'Your reply (up to 600 characters)' }, lang)}
        style={{ width: '100%' }}
      />
      {error ? <Banner type="error">{error}</Banner> : null}
      <Button buttonStyle="primary" disabled={busy || closed || content.trim() === ''} onClick={() => void send()}>
        {busy ? pick({ zh: '发送中…', en: 'Sending…' }, lang) : pick({ zh: '发送回复', en: 'Send reply' }, lang)}
      </Button>
    </div>
  )
}
