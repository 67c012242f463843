import type { Payload } from 'payload'
import React from 'react'
import { loadItemFigures } from '../../services/analytics/report/load'
import { isContentCollection } from '../../services/content/types'
import { pick } from '../../shared/bilingual'

const MUTED = 'var(--theme-elevation-500)'

interface FieldServerProps {
  payload?: Payload
  id?: string | number
  collectionSlug?: string
  data?: { id?: string | number } | null
  i18n?: { language?: string }
}

/**
 * 推送数据 in an item's sidebar (articles, policy explainers, community news): per account it was
 * pushed in, the send date, delivered count, 1/3/7-day readers, readers and sharers, from the
 * analytics sync. Nothing for an item never pushed.
 */
export async function ItemFiguresField(props: FieldServerProps) {
  const id = props.id ?? props.data?.id
  if (!props.payload || !id || !isContentCollection(props.collectionSlug)) return null
  // The figures are an aside of the edit page: a failure to read them is logged, never breaks the form.
  const rows = await loadItemFigures(props.payload, props.collectionSlug, String(id)).catch((error: unknown) => {
    props.payload?.logger.error({ err: error, msg: '推送数据读取失败' })
    return []
  })
  if (rows.length === 0) return null
  const lang = props.i18n?.language ?? 'zh'
  const t = (zh: string, en: string) => pick({ zh, en }, lang)
  return (
    <section className="item-figures" style={{ margin: '0 0 16px' }}>
      <h4 style={{ margin: '0 0 4px' }}>{t('推送数据', 'Push figures')}</h4>
      {rows.map((row) => (
        <dl key={`${row.accountId}-${row.msgid}`} className="item-figures__account" style={{ margin: '0 0 8px', fontSize: 13 }}>
          <dt style={{ fontWeight: 600 }}>
            {row.accountName} · {row.sentDate}
            {row.isDelay ? <span style={{ color: MUTED }}>{t('（未最终确定）', ' (not final)')}</span> : null}
          </dt>
          <dd style={{ margin: 0 }}>
            {t('送达', 'Delivered')} {row.targetUser} · {t('阅读', 'Readers')} <span className="item-figures__reads">{row.readUser}</span> ·{' '}
            {t('分享', 'Sharers')} {row.shareUser}
          </dd>
          <dd style={{ margin: 0, color: MUTED }}>
            {t('1/3/7 天阅读', 'Day 1/3/7')}: {row.readUserDay1 ?? '—'} / {row.readUserDay3 ?? '—'} / {row.readUserDay7 ?? '—'}
          </dd>
        </dl>
      ))}
    </section>
  )
}
