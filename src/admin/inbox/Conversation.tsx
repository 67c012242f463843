'use client'
import { Banner, Pill, useDocumentInfo, useTranslation } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'
import { formatShanghai } from '../../shared/time'
import type { ConversationEntry as Entry } from '../../services/inbox/conversation'
import { RESIDENT_MESSAGE_STATUS_OPTIONS } from '../../services/inbox/message-status'
import { pick, type Bilingual } from '../../shared/bilingual'

const MESSAGE_STATUS: Record<string, Bilingual> = Object.fromEntries(RESIDENT_MESSAGE_STATUS_OPTIONS.map(({ value, label }) => [value, label]))

/**
 * The conversation on a message: the same resident's messages and the staff's reply attempts
 * (failed ones with WeChat's answer) in time order, Beijing time, so staff see what came before
 * and after. Messages the user may not open (assigned to a colleague) are only counted.
 */
export const Conversation: React.FC = () => {
  const { id } = useDocumentInfo()
  const { i18n } = useTranslation()
  const lang = i18n.language
  const [data, setData] = useState<{ entries: Entry[]; hidden: number } | null>(null)
  const [failed, setFailed] = useState(false)

  useEffect(() => {
    if (!id) return
    let live = true
    void fetch(`/api/resident-messages/${id}/conversation`, { credentials: 'include' })
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status))
        const body = (await response.json()) as { entries: Entry[]; hidden: number }
        if (live) setData(body)
      })
      .catch(() => live && setFailed(true))
    return () => {
      live = false
    }
  }, [id])

  if (!id) return null
  return (
    <div className="resident-conversation" style={{ marginBottom: 24 }}>
      <h4 style={{ margin: '0 0 8px' }}>{pick({ zh: '与该居民的对话（北京时间）', en: 'Conversation with this resident (Beijing time)' }, lang)}</h4>
      {failed ? (
        <Banner type="error">
          {pick({ zh: '对话记录加载失败，请刷新页面重试。', en: 'The conversation could not be loaded; please reload the page.' }, lang)}
        </Banner>
      ) : null}
      {!data && !failed ? <p>{pick({ zh: '正在加载…', en: 'Loading…' }, lang)}</p> : null}
      {data ? (
        <ol className="resident-conversation__list" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {data.entries.map((entry, index) => {
            const current = entry.kind === 'message' && entry.messageId === String(id)
            const reply = entry.kind === 'reply'
            return (
              <li
                key={`${entry.kind}-${entry.messageId}-${index}`}
                className={`resident-conversation__entry resident-conversation__entry--${entry.kind}${current ? ' resident-conversation__entry--current' : ''}`}
                style={{
                  margin: reply ? '0 0 8px 48px' : '0 0 8px',
                  padding: '8px 12px',
                  borderRadius: 4,
                  border: `1px solid ${current ? 'var(--theme-success-500)' : 'var(--theme-elevation-150)'}`,
                  background: reply ? 'var(--theme-elevation-50)' : undefined,
                }}
              >
                <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap', fontSize: 12, color: 'var(--theme-elevation-600)' }}>
                  <time dateTime={entry.at}>{formatShanghai(entry.at)}</time>
                  <span>{reply ? `${pick({ zh: '工作人员', en: 'Staff' }, lang)} ${entry.by ?? ''}` : pick({ zh: '居民', en: 'Resident' }, lang)}</span>
                  {reply ? (
                    <Pill pillStyle={entry.status === 'sent' ? 'success' : 'error'} size="small">
                      {entry.status === 'sent' ? pick({ zh: '已发送', en: 'Sent' }, lang) : pick({ zh: '发送失败', en: 'Failed' }, lang)}
                    </Pill>
                  ) : (
                    <Pill size="small">{pick(MESSAGE_STATUS[entry.status] ?? { zh: entry.status, en: entry.status }, lang)}</Pill>
                  )}
                  {current ? <strong>{pick({ zh: '当前留言', en: 'This message' }, lang)}</strong> : null}
                  {!current && entry.kind === 'message' ? (
                    <a href={`/admin/collections/resident-messages/${entry.messageId}`}>{pick({ zh: '打开', en: 'Open' }, lang)}</a>
                  ) : null}
                </div>
                <div style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{entry.content}</div>
                {reply && entry.status !== 'sent' ? (
                  <div style={{ color: 'var(--theme-error-500)', fontSize: 12, marginTop: 4 }}>
                    {pick({ zh: '微信的回答', en: 'WeChat answered' }, lang)}
                    {entry.errcode != null ? ` ${entry.errcode}` : ''}
                    {entry.error ? `：${entry.error}` : ''}
                  </div>
                ) : null}
              </li>
            )
          })}
        </ol>
      ) : null}
      {data && data.hidden > 0 ? (
        <p style={{ fontSize: 12 }}>
          {pick(
            {
              zh: `另有 ${data.hidden} 条留言在其他社区的队列或由其他同事负责，未显示。`,
              en: `${data.hidden} more message(s) are in another community’s queue or handled by colleagues, and are not shown.`,
            },
            lang,
          )}
        </p>
      ) : null}
    </div>
  )
}
