'use client'
import { Banner, Button, useDocumentInfo, useTranslation } from '@payloadcms/ui'
import { useRouter } from 'next/navigation.js'
import React, { useState } from 'react'
import { pick } from '../../shared/bilingual'
import { errorsText } from '../api-errors'

interface TopicAction {
  /** The endpoint's last segment: POST /api/consultation-topics/:id/<path>. */
  path: 'call-article' | 'pin' | 'publish-outcome' | 'outcome-article'
  label: { zh: string; en: string }
  help: { zh: string; en: string }
  /** Asked before sending: the step tells residents or cannot be taken back. */
  confirm?: { zh: string; en: string }
}

const ACTIONS: TopicAction[] = [
  {
    path: 'call-article',
    label: { zh: '生成征集文章', en: 'Create the call article' },
    help: {
      zh: '生成一篇草稿文章（链接到本话题的居民页面），可加入每周推送，照常送审',
      en: 'A draft article linking to the topic page, for the weekly push; reviewed as usual',
    },
  },
  {
    path: 'pin',
    label: { zh: '置顶到「微·服务」菜单', en: 'Pin in the 微·服务 menu' },
    help: { zh: '在菜单草稿的「微·服务」中加入本话题，到「公众号菜单」发布后生效', en: 'Adds the topic to the menu draft; publish the menu to apply' },
  },
  {
    path: 'publish-outcome',
    label: { zh: '公开结果并告知参与群众', en: 'Publish the outcome and tell participants' },
    help: {
      zh: '公开「结果公开」页签中的办理进展和结果说明，并通过公众号告知提过建议的群众（每人一次）',
      en: 'Publishes the milestones and statement and tells each participant once',
    },
    confirm: {
      zh: '确定公开结果吗？公开后将通过公众号告知所有参与的群众，不能撤回。',
      en: 'Publish the outcome? Every participant is told through the account; this cannot be undone.',
    },
  },
  {
    path: 'outcome-article',
    label: { zh: '生成结果文章', en: 'Create the outcome article' },
    help: {
      zh: '用结果说明和前后对比照片生成一篇草稿文章，供每周推送，照常送审',
      en: 'A draft article with the statement and before/after photos, for the weekly push',
    },
  },
]

/** The article an answer names, whatever the endpoint's shape: `{ article: { id } }` or `{ articleId }`. */
function articleIdOf(body: Record<string, unknown>): string | null {
  const article = body.article as { id?: unknown } | undefined
  const id = article?.id ?? body.articleId
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null
}

/**
 * The topic's actions on its edit view (征集话题): the call article, the menu pin, publishing the
 * outcome (told to every participant once) and the outcome article. Each is
 * POST /api/consultation-topics/:id/<action>, which checks who may; the answer (or its Chinese
 * error) is shown, with a link to the draft article created.
 */
export const TopicActions: React.FC = () => {
  const { id } = useDocumentInfo()
  const { i18n } = useTranslation()
  const lang = i18n.language
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [answer, setAnswer] = useState<{ ok: boolean; message: string; articleId?: string | null } | null>(null)
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
      const body = (await response.json().catch(() => ({}))) as Record<string, unknown>
      if (!response.ok) {
        setAnswer({ ok: false, message: errorsText(body) ?? `HTTP ${response.status}` })
        return
      }
      const message = typeof body.message === 'string' ? body.message : pick({ zh: `已${action.label.zh}`, en: `Done: ${action.label.en}` }, lang)
      setAnswer({ ok: true, message, articleId: articleIdOf(body) })
      router.refresh()
    } catch (error) {
      setAnswer({ ok: false, message: (error as Error).message })
    } finally {
      setBusy(false)
    }
  }

  return (
    <div
      className="topic-actions"
      style={{ marginBottom: 'calc(var(--base) * 1.5)', padding: 'var(--base)', border: '1px solid var(--theme-elevation-150)', borderRadius: 4 }}
    >
      <h3 style={{ margin: '0 0 8px' }}>{pick({ zh: '话题操作', en: 'Topic actions' }, lang)}</h3>
      {answer ? (
        <Banner type={answer.ok ? 'success' : 'error'}>
          <span style={{ whiteSpace: 'pre-line' }}>{answer.message}</span>
          {answer.articleId ? (
            <>
              {' '}
              <a href={`/admin/collections/articles/${answer.articleId}`}>{pick({ zh: '打开文章草稿', en: 'Open the draft article' }, lang)}</a>
            </>
          ) : null}
        </Banner>
      ) : null}
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {ACTIONS.map((action) => (
          <li key={action.path} style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap', margin: '0 0 8px' }}>
            <Button
              buttonStyle="secondary"
              size="small"
              margin={false}
              disabled={busy}
              onClick={() => void run(action)}
              className={`topic-actions__${action.path}`}
            >
              {pick(action.label, lang)}
            </Button>
            <span style={{ color: 'var(--theme-elevation-500)' }}>{pick(action.help, lang)}</span>
          </li>
        ))}
      </ul>
    </div>
  )
}
