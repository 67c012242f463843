'use client'
import { Button, Pill, useTranslation } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useState } from 'react'
import { pick } from '../../shared/bilingual'
import { AnswerBanner } from './AnswerBanner'
import { postPushRequest, type ActionAnswer } from './post-action'
import { DataTable } from '../table'

export interface BundleRow {
  relationTo: string
  value: string
  title: string
  typeLabel: string
  /** Why it cannot go out as it is (empty when it can). */
  problems: string[]
  /** It went out in this push (the push is 已发送): 「已推送」, not judged for sending again. */
  sent?: boolean
}

export interface PoolEntry {
  relationTo: string
  value: string
  title: string
  typeLabel: string
  code: string
  /** The selection's reason, in the admin's language. */
  reason: string
  pill: 'error' | 'warning' | 'light-gray' | 'success'
  /** The reason in two words, for the pill. */
  pillLabel: string
}

/** Pool items a leader may add: nothing but the week's limits keeps them out. */
const ADDABLE = ['addable', 'full', 'community-cap']

/**
 * The week's items in order (reorder, remove) and the pool beside them (add), on 本周推送 itself.
 * Each change saves the whole new order through the push's `bundle` action, so the push's own rules
 * apply (a removed item returns to the pool; a change voids the sign-off); the answer stays shown.
 */
export const BundleEditor: React.FC<{ pushId: string | null; editable: boolean; items: BundleRow[]; pool: PoolEntry[] }> = ({
  pushId,
  editable,
  items,
  pool,
}) => {
  const { i18n } = useTranslation()
  const lang = i18n.language
  const t = (zh: string, en: string) => pick({ zh, en }, lang)
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [answer, setAnswer] = useState<ActionAnswer | null>(null)

  const save = async (next: { relationTo: string; value: string }[]) => {
    if (!pushId) return
    setBusy(true)
    const result = await postPushRequest(`/api/weekly-pushes/${encodeURIComponent(pushId)}/action`, {
      action: 'bundle',
      items: next.map(({ relationTo, value }) => ({ relationTo, value })),
    })
    setAnswer(result)
    setBusy(false)
    if (result.tone !== 'error') router.refresh()
  }
  const move = (index: number, by: number) => {
    const next = [...items]
    const [item] = next.splice(index, 1)
    next.splice(index + by, 0, item!)
    void save(next)
  }
  const small = (label: string, onClick: () => void, className: string, disabled = false) => (
    <Button buttonStyle="secondary" size="small" margin={false} disabled={busy || disabled} onClick={onClick} className={className}>
      {label}
    </Button>
  )
  // Each row's id in the tables, and its cells' key.
  const rowKey = (row: { relationTo: string; value: string }) => `${row.relationTo}:${row.value}`
  const link = (row: { relationTo: string; value: string; title: string }) => (
    <a href={`/admin/collections/${row.relationTo}/${row.value}`}>{row.title || t('（无标题）', '(untitled)')}</a>
  )

  return (
    <section className="push-bundle">
      <h2>{t('本周内容', 'This week’s items')}</h2>
      {editable ? (
        <p style={{ color: 'var(--theme-elevation-500)' }}>
          {t(
            '第一条为头条。调整顺序、移除或从待推送池加入；移除的内容回到待推送池，已审定的推送修改后需重新审定。',
            'The first is the headline. Reorder, remove, or add from the pool; removed items go back to the pool, and a change voids the sign-off.',
          )}
        </p>
      ) : null}
      {items.length === 0 ? (
        <p>{t('本周推送还没有内容。', 'No items yet.')}</p>
      ) : (
        <DataTable
          className="push-bundle__items"
          rowIds={items.map(rowKey)}
          columns={[
            {
              key: 'order',
              heading: '#',
              cells: items.map((item, index) =>
                index === 0 ? (
                  <Pill key={rowKey(item)} pillStyle="success" size="small">
                    {t('头条', 'Headline')}
                  </Pill>
                ) : (
                  String(index + 1)
                ),
              ),
            },
            {
              key: 'title',
              heading: t('标题', 'Title'),
              cells: items.map((item) => (
                <span key={rowKey(item)} className="push-bundle__title">
                  {link(item)}
                </span>
              )),
            },
            { key: 'type', heading: t('类型', 'Type'), cells: items.map((item) => item.typeLabel) },
            {
              key: 'check',
              heading: t('检查', 'Check'),
              cells: items.map((item) =>
                item.sent ? (
                  <Pill key={rowKey(item)} pillStyle="light" size="small">
                    {t('✓ 已推送', '✓ Sent')}
                  </Pill>
                ) : item.problems.length === 0 ? (
                  <Pill key={rowKey(item)} pillStyle="success" size="small">
                    {t('可以推送', 'Ready')}
                  </Pill>
                ) : (
                  <span key={rowKey(item)} style={{ color: 'var(--theme-error-500)' }}>
                    {item.problems.join('；')}
                  </span>
                ),
              ),
            },
            ...(editable
              ? [
                  {
                    key: 'actions',
                    heading: t('调整', 'Change'),
                    cells: items.map((item, index) => (
                      <div key={rowKey(item)} style={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
                        {small(t('上移', 'Up'), () => move(index, -1), 'push-bundle__up', index === 0)}
                        {small(t('下移', 'Down'), () => move(index, 1), 'push-bundle__down', index === items.length - 1)}
                        {small(t('移除', 'Remove'), () => void save(items.filter((_, other) => other !== index)), 'push-bundle__remove')}
                      </div>
                    )),
                  },
                ]
              : []),
          ]}
        />
      )}
      <AnswerBanner answer={answer} />
      <h2 style={{ marginTop: 'calc(var(--base) * 1.5)' }}>{t('待推送池：未选入本周的已通过内容', 'The pool: approved items not in this week')}</h2>
      {pool.length === 0 ? (
        <p className="push-pool__empty">{t('待推送池中没有其他已通过的内容。', 'No other approved items.')}</p>
      ) : (
        <DataTable
          className="push-pool"
          rowIds={pool.map(rowKey)}
          columns={[
            {
              key: 'title',
              heading: t('标题', 'Title'),
              cells: pool.map((row) => (
                <span key={rowKey(row)} className="push-pool__title">
                  {link(row)}
                </span>
              )),
            },
            { key: 'type', heading: t('类型', 'Type'), cells: pool.map((row) => row.typeLabel) },
            {
              key: 'reason',
              heading: t('未选入的原因', 'Why not chosen'),
              cells: pool.map((row) => (
                <span key={rowKey(row)} className="push-pool__reason" data-code={row.code}>
                  <Pill pillStyle={row.pill} size="small">
                    {row.pillLabel}
                  </Pill>{' '}
                  {row.reason}
                </span>
              )),
            },
            ...(editable && pushId
              ? [
                  {
                    key: 'add',
                    heading: '',
                    cells: pool.map((row) =>
                      ADDABLE.includes(row.code) ? small(t('加入本周', 'Add'), () => void save([...items, row]), 'push-pool__add') : null,
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </section>
  )
}
