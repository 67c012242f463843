'use client'
import { Button } from '@payloadcms/ui'
import React, { useState } from 'react'

/** "试一试": type a resident's message and see which rule would answer it. */
export const TryAutoReply: React.FC = () => {
  const [content, setContent] = useState('')
  const [result, setResult] = useState<string | null>(null)
  const run = async (follow: boolean) => {
    const response = await fetch('/api/auto-replies/try', {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(follow ? { follow: true } : { content }),
    })
    const body = (await response.json().catch(() => ({}))) as { message?: string; errors?: { message: string }[] }
    setResult(body.message ?? body.errors?.map((e) => e.message).join('；') ?? `HTTP ${response.status}`)
  }
  return (
    <div className="try-auto-reply" style={{ margin: '8px 0 24px' }}>
      <p style={{ margin: '0 0 8px' }}>试一试：输入一条居民消息，查看会命中哪条规则（按当前已保存的规则）</p>
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
        <input name="tryContent" value={content} onChange={(event) => setContent(event.target.value)} placeholder="例如：什么时候停水" style={{ flex: 1, minWidth: 200 }} />
        <Button size="small" buttonStyle="secondary" onClick={() => void run(false)} disabled={content.trim() === ''}>
          试一试
        </Button>
        <Button size="small" buttonStyle="secondary" onClick={() => void run(true)}>
          关注时
        </Button>
      </div>
      {result ? <p className="try-auto-reply__result">{result}</p> : null}
    </div>
  )
}
