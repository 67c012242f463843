'use client'
import { Button } from '@payloadcms/ui'
import React, { useState } from 'react'

interface Issued {
  code?: string
  expiresAt?: string
  errors?: { message: string }[]
}

/**
 * 绑定微信: shows a one-time code the signed-in staff member sends to the service account as
 * `绑定 123456`. Meant as a ui field on users (shown on one's own profile).
 */
export const BindingCode: React.FC = () => {
  const [issued, setIssued] = useState<Issued | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const issue = async () => {
    setBusy(true)
    setError(null)
    try {
      const response = await fetch('/api/binding-codes/issue', { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: '{}' })
      const body = (await response.json().catch(() => ({}))) as Issued
      if (!response.ok || !body.code) setError(body.errors?.map((entry) => entry.message).join('\n') ?? `HTTP ${response.status}`)
      else setIssued(body)
    } catch (caught) {
      setError((caught as Error).message)
    } finally {
      setBusy(false)
    }
  }

  const until = issued?.expiresAt ? new Date(issued.expiresAt).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' }) : ''
  return (
    <div style={{ marginBottom: 'var(--base)' }}>
      <h4 style={{ margin: '0 0 8px' }}>绑定微信</h4>
      <p style={{ margin: '0 0 8px' }}>绑定后可在微信中收到推送预览；审核领导回复“审定”即可审定本周推送。</p>
      <Button buttonStyle="secondary" disabled={busy} onClick={() => void issue()}>
        {busy ? '生成中…' : issued ? '重新获取绑定码' : '获取绑定码'}
      </Button>
      {issued?.code && (
        <p>
          请在 {until} 前向公众号发送：<strong style={{ fontSize: '1.4em', letterSpacing: '0.15em' }}>绑定 {issued.code}</strong>（仅可使用一次）
        </p>
      )}
      {error && <p style={{ color: 'var(--theme-error-500)' }}>{error}</p>}
    </div>
  )
}
