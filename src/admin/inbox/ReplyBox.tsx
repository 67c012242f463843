'use client'
import { Button, toast, useDocumentInfo } from '@payloadcms/ui'
import { useRouter } from 'next/navigation.js'
import React, { useCallback, useEffect, useState } from 'react'
import { windowLabel } from './window-label'

interface WindowInfo {
  open: boolean
  expiresAt: string | null
}

const MAX_LENGTH = 600

/** Reply to a resident by customer-service message; the server enforces the 48-hour window, this only shows it. */
export const ReplyBox: React.FC = () => {
  const { id } = useDocumentInfo()
  const router = useRouter()
  const [info, setInfo] = useState<WindowInfo | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const [content, setContent] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    if (!id) return
    const response = await fetch(`/api/resident-messages/${id}/reply-window`, { credentials: 'include' })
    if (response.ok) setInfo((await response.json()) as WindowInfo)
  }, [id])

  useEffect(() => {
    void load()
    const timer = setInterval(() => setNow(Date.now()), 30_000)
    return () => clearInterval(timer)
  }, [load])

  if (!id) return null
  const remainingMs = info?.expiresAt ? Date.parse(info.expiresAt) - now : 0

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
      const body = (await response.json().catch(() => ({}))) as { error?: string }
      if (!response.ok) {
        setError(body.error ?? '回复失败，请稍后再试')
        return
      }
      setContent('')
      toast.success('已发送给居民')
      router.refresh()
      void load()
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="resident-reply" style={{ marginBottom: 24 }}>
      <h4 style={{ margin: '0 0 8px' }}>回复居民（客服消息）</h4>
      <p style={{ margin: '0 0 8px', color: remainingMs > 0 ? undefined : 'var(--theme-error-500)' }}>
        {info ? windowLabel(remainingMs) : '正在查询回复时限…'}
      </p>
      <textarea
        value={content}
        maxLength={MAX_LENGTH}
        rows={4}
        disabled={busy || remainingMs <= 0}
        onChange={(event) => setContent(event.target.value)}
        placeholder="输入回复内容（最多 600 字）"
        style={{ width: '100%' }}
      />
      {error ? <p style={{ color: 'var(--theme-error-500)' }}>{error}</p> : null}
      <Button buttonStyle="primary" disabled={busy || remainingMs <= 0 || content.trim() === ''} onClick={() => void send()}>
        {busy ? '发送中…' : '发送回复'}
      </Button>
    </div>
  )
}
