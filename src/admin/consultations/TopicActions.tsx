'use client'
import { Banner, Button, useDocumentInfo, useTranslation } from '@payloadcms/ui'
import { useRouter } from 'next/navigation.js'
import React, { useState } from 'react'
import { pick, type Bilingual } from '../../shared/bilingual'
import { errorsText } from '../api-errors'

interface TopicAction {
  path: 'publish-outcome' | 'outcome-article' | 'call-article' | 'pin'
  label: Bilingual
  /** Asked before acting: what it does that cannot be taken back. */
  confirm?: Bilingual
}

const ACTIONS: TopicAction[] = [
  { path: 'call-article', label: { zh: '生成征集文章（草稿）', en: 'Call article (draft)' } },
  { path: 'pin', label: { zh: '置顶到「微·服务」菜单草稿', en: 'Pin in the 微·服务 menu draft' } },
  {
    path: 'publish-outcome',
    label: { zh: '公开结果并告知参与居民', en: 'Publish the outcome and tell participants' },
    confirm: {
      zh: '公开后话题不再接收建议，并会给每位提过建议的居民发一次通知。确定公开吗？',
      en: 'The topic closes and every participant is told once. Publish?',
    },
  },
  { path: 'outcome-article', label: { zh: '把结果生成推送文章（草稿）', en: 'Outcome article (draft)' } },
]

/**
 * The topic's sidebar buttons: POST /api/consultation-topics/:id/<action> (src/services/consultations/
 * outcome-actions.ts) — the call article, the menu pin, publishing the outcome, the outcome article —
 * with the endpoint's answer (what was done, or why not). The rules are the endpoints'; this only
 * offers them. An article made opens in a new tab for its author to submit for review.
 */
export const TopicActions: React.FC = () => {
  const { id } = useDocumentInfo()
  const { i18n } = useTranslation()
  const lang = i18n.language
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [answer, setAnswer] = useState<{ ok: boolean; message: string; href?: string } | null>(null)
  if (!id) return null

  const run = async (action: TopicAction) => {
    if (action.confirm && !window.confirm(pick(action.confirm, lang))) return
    setBusy(true)
    setAnswer(null)
    try {
      const response = await fetch(`/api/consultation-topics/${id}/${action.path}`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      })
      const body = (await response.json().catch(() => ({}))) as { message?: string; doc?: { id?: string }; told?: number }
      if (!response.ok) {
        setAnswer({ ok: false, message: errorsText(body) ?? `HTTP ${response.status}` })
        return
      }
      const told = typeof body.told === 'number' ? pick({ zh: `，本次告知 ${body.told} 位居民`, en: `; ${body.told} resident(s) told now` }, lang) : ''
      const href = body.doc?.id ? `/admin/collections/articles/${body.doc.id}` : undefined
      setAnswer({ ok: true, message: `${body.message ?? pick({ zh: '操作成功', en: 'Done' }, lang)}${told}`, href })
      router.refresh()
    } catch (error) {
      setAnswer({ ok: false, message: (error as Error).message })
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="topic-actions" style={{ display: 'grid', gap: 8, marginBottom: 'var(--base)' }}>
      {ACTIONS.map((action) => (
        <Button key={action.path} buttonStyle="secondary" size="small" margin={false} disabled={busy} onClick={() => void run(action)}>
          {pick(action.label, lang)}
        </Button>
      ))}
      {answer ? (
        <Banner type={answer.ok ? 'success' : 'error'}>
          {answer.message}
          {answer.href ? (
            <>
              {' '}
              <a href={answer.href} target="_blank" rel="noreferrer">
                {pick({ zh: '打开文章', en: 'Open the article' }, lang)}
              </a>
            </>
          ) : null}
        </Banner>
      ) : null}
    </div>
  )
}
