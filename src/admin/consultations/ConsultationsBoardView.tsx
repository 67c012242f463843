import { Banner, Link, Pill } from '@payloadcms/ui'
import type { AdminViewServerProps } from 'payload'
import React from 'react'
import { roleOf } from '../../access/roles'
import { loadBoard } from '../../services/consultations/board'
import { pick } from '../../shared/bilingual'
import { formatShanghai, shanghaiDate } from '../../shared/time'
import { PushPage } from '../push/PushPage'

const MUTED = 'var(--theme-elevation-500)'

const COUNT_LABELS = [
  ['pending', { zh: '待审核', en: 'Waiting' }],
  ['approved', { zh: '已公开', en: 'Published' }],
  ['answered', { zh: '已回复', en: 'Answered' }],
  ['rejected', { zh: '未采纳', en: 'Rejected' }],
] as const

/**
 * 微问政看板 (`/admin/consultations-board`): the approved topics the user may read, with the counts of
 * their suggestions (待审核 / 已公开 / 已回复 / 未采纳) and the oldest waiting one against the reply
 * deadline, overdue first; under each, the waiting suggestions (已等待 N 个工作日 · 剩 N 天 / 已超期),
 * each opening its edit view with the moderation panel. `?topic=<id>` shows one topic (the alerts link
 * there). Everything read as the user: what they may not read is not counted.
 */
export async function ConsultationsBoardView(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  const lang = req.i18n.language
  const t = (zh: string, en: string) => pick({ zh, en }, lang)
  if (!roleOf(req.user)) {
    return (
      <PushPage view={props}>
        <h1 style={{ marginTop: 24 }}>{t('微问政', 'Consultations')}</h1>
        <Banner type="info">{t('请先登录。', 'Please log in.')}</Banner>
      </PushPage>
    )
  }
  const topicParam = props.searchParams?.topic
  const topicId = typeof topicParam === 'string' && topicParam !== '' ? topicParam : undefined
  const today = shanghaiDate(new Date())
  const board = await loadBoard(req.payload, req.user, undefined, topicId)

  return (
    <PushPage view={props}>
      <h1 style={{ marginTop: 24 }}>{t('微问政看板', 'Consultations board')}</h1>
      <p style={{ color: MUTED }}>
        {t(
          `今天 ${today}（北京时间）。答复期限按工作日计算，有超期建议的话题排在最前。`,
          `Today ${today} (Beijing). Reply deadlines in working days; topics with overdue suggestions first.`,
        )}
        {topicId ? (
          <>
            {' '}
            <Link href="/admin/consultations-board" prefetch={false}>
              {t('查看全部话题', 'All topics')}
            </Link>
          </>
        ) : null}
      </p>
      {board.length === 0 ? <Banner type="info">{t('没有可查看的征集话题。', 'No topics to show.')}</Banner> : null}
      {board.map((topic) => (
        <section
          key={topic.id}
          className={`consultations-board__topic${topic.overdue > 0 ? ' consultations-board__topic--overdue' : ''}`}
          data-id={topic.id}
          style={{
            border: `1px solid ${topic.overdue > 0 ? 'var(--theme-error-500)' : 'var(--theme-elevation-150)'}`,
            borderRadius: 4,
            padding: 12,
            marginBottom: 'var(--base)',
          }}
        >
          <h3 style={{ margin: '0 0 8px', display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
            <a href={`/admin/collections/consultation-topics/${topic.id}`}>{topic.title}</a>
            <Pill size="small" pillStyle={topic.phase === 'open' ? 'success' : 'light'}>
              {pick(topic.phaseLabel, lang)}
            </Pill>
          </h3>
          <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap', margin: '0 0 8px' }}>
            {COUNT_LABELS.map(([key, label]) => (
              <span key={key} className={`consultations-board__count consultations-board__count--${key}`}>
                {pick(label, lang)} <strong>{topic.counts[key]}</strong>
              </span>
            ))}
            {topic.oldest ? (
              <span style={{ color: topic.oldest.overdue ? 'var(--theme-error-500)' : MUTED, fontWeight: topic.oldest.overdue ? 600 : undefined }}>
                {t('最早待审：', 'Oldest waiting: ')}
                {pick(topic.oldest.label, lang)}
              </span>
            ) : null}
          </div>
          {topic.waitingList.length > 0 ? (
            <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {topic.waitingList.map((row) => (
                <li
                  key={row.id}
                  className="consultations-board__waiting"
                  data-id={row.id}
                  style={{ display: 'flex', gap: 12, flexWrap: 'wrap', padding: '4px 0', borderTop: '1px solid var(--theme-elevation-100)' }}
                >
                  <a href={`/admin/collections/consultation-submissions/${row.id}`}>{row.excerpt || t('（无摘要）', '(no excerpt)')}</a>
                  <span style={{ color: MUTED, fontSize: 13 }}>
                    {formatShanghai(row.waiting.receivedAt)}
                    {row.name ? ` · ${row.name}` : ''} · {row.source === 'chat' ? t('公众号留言', 'Chat') : t('页面', 'Page')}
                  </span>
                  <span
                    style={{
                      fontSize: 13,
                      color: row.waiting.overdue ? 'var(--theme-error-500)' : undefined,
                      fontWeight: row.waiting.overdue ? 600 : undefined,
                    }}
                  >
                    {pick(row.waiting.label, lang)}
                  </span>
                </li>
              ))}
            </ol>
          ) : (
            <p style={{ color: MUTED, margin: 0 }}>{t('没有待审核的建议。', 'Nothing waiting.')}</p>
          )}
        </section>
      ))}
    </PushPage>
  )
}
