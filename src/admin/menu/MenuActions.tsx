'use client'
import { Button, toast } from '@payloadcms/ui'
import React, { useState } from 'react'

type Action = 'publish' | 'compare'

interface Answer {
  message?: string
  same?: boolean
  differences?: string[]
  errors?: { message: string }[]
}

const BASE = '/api/globals/wechat-menu'

/** 发布 and 核对 on the menu global. Publishing sends the last *saved* menu, so save first. */
export const MenuActions: React.FC = () => {
  const [busy, setBusy] = useState<Action | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [differences, setDifferences] = useState<string[] | null>(null)

  const run = async (action: Action) => {
    if (action === 'publish' && !window.confirm('发布后所有关注者都会看到新菜单。确定发布已保存的菜单？')) return
    setBusy(action)
    setError(null)
    try {
      const response = await fetch(
        `${BASE}/${action}`,
        // The server's endpoints take JSON only (src/http/json-only.ts), so the publish POST says so.
        action === 'publish' ? { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: '{}' } : { method: 'GET', credentials: 'include' },
      )
      const body = (await response.json().catch(() => ({}))) as Answer
      if (!response.ok) {
        setError(body.errors?.map((entry) => entry.message).join('\n') ?? `HTTP ${response.status}`)
        return
      }
      if (action === 'publish') {
        toast.success(body.message ?? '菜单已发布')
        setDifferences(null)
      } else {
        setDifferences(body.differences ?? [])
      }
    } catch (caught) {
      setError((caught as Error).message)
    } finally {
      setBusy(null)
    }
  }

  return (
    <div style={{ marginBottom: 'var(--base)' }}>
      <p style={{ margin: '0 0 8px' }}>保存只改后台；点“发布到微信”后关注者才会看到。发布前请先保存。</p>
      <div style={{ display: 'flex', gap: 8 }}>
        <Button buttonStyle="primary" disabled={busy !== null} onClick={() => void run('publish')}>
          {busy === 'publish' ? '发布中…' : '发布到微信'}
        </Button>
        <Button buttonStyle="secondary" disabled={busy !== null} onClick={() => void run('compare')}>
          {busy === 'compare' ? '核对中…' : '与线上菜单核对'}
        </Button>
      </div>
      {error && <p style={{ color: 'var(--theme-error-500)', whiteSpace: 'pre-wrap' }}>{error}</p>}
      {differences && differences.length === 0 && <p>线上菜单与已保存的一致。</p>}
      {differences && differences.length > 0 && (
        <ul>
          {differences.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  )
}
