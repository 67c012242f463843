import { DefaultTemplate } from '@payloadcms/next/templates'
import { Banner, Gutter, Pill } from '@payloadcms/ui'
import type { AdminViewServerProps } from 'payload'
import React from 'react'
import { staffOf } from '../../access/roles'
import { REVIEWED_COLLECTIONS, REVIEWED_TYPE_NAMES } from '../../services/review/reviewed'
import { REVIEW_STATES, REVIEW_STATE_LABELS } from '../../services/review/state-machine'
import { formatShanghai } from '../../shared/time'
import { pick } from '../../shared/bilingual'
import { DataTable } from '../table'
import { ReviewQueueFilters } from './ReviewQueueFilters'
import { loadQueue, parseFilters } from './review-queue'

const STATUS_PILL: Partial<Record<string, 'success' | 'warning' | 'error' | 'light' | 'light-gray'>> = {
  submitted: 'warning',
  approved: 'success',
  returned: 'error',
  scheduled: 'success',
  sent: 'light-gray',
  archived: 'light-gray',
}

/** 待审核 for leaders, 我的稿件 for editors: every reviewed type (content and service guides) in one list, filterable. */
export async function ReviewQueueView(props: AdminViewServerProps) {
  const { initPageResult, searchParams } = props
  const { req, visibleEntities, permissions, locale } = initPageResult
  const lang = req.i18n.language
  const staff = staffOf(req.user)
  if (!staff || !req.user) {
    return <p>{pick({ zh: '请先登录。', en: 'Please log in.' }, lang)}</p>
  }
  const filters = parseFilters(searchParams as Record<string, string | string[]>, staff.role)
  const [rows, communities] = await Promise.all([
    loadQueue(req.payload, req.user, filters),
    req.payload.find({ collection: 'communities', user: req.user, overrideAccess: false, limit: 100, depth: 0 }),
  ])
  const heading =
    staff.role === 'editor'
      ? pick({ zh: '我的稿件 / 退回给我的', en: 'My drafts / returned to me' }, lang)
      : pick({ zh: '审核队列（待审核）', en: 'Review queue' }, lang)

  return (
    <DefaultTemplate
      i18n={req.i18n}
      locale={locale}
      params={props.params}
      payload={req.payload}
      permissions={permissions}
      searchParams={searchParams}
      user={req.user}
      visibleEntities={visibleEntities}
    >
      <Gutter>
        <h1 style={{ marginTop: 24 }}>{heading}</h1>
        <ReviewQueueFilters
          statuses={REVIEW_STATES.map((state) => ({ value: state, label: pick(REVIEW_STATE_LABELS[state], lang) }))}
          types={REVIEWED_COLLECTIONS.map((slug) => ({ value: slug, label: pick(REVIEWED_TYPE_NAMES[slug], lang) }))}
          communities={communities.docs.map((community) => ({ value: String(community.id), label: String(community.name) }))}
          initial={{ status: filters.status ?? '', type: filters.type ?? '', community: filters.community ?? '', mine: Boolean(filters.mine) }}
        />
        {rows.length === 0 ? (
          <Banner type="info">
            <span className="review-queue__empty">{pick({ zh: '没有符合条件的内容。', en: 'Nothing matches.' }, lang)}</span>
          </Banner>
        ) : (
          <DataTable
            className="review-queue"
            rowIds={rows.map((row) => `${row.collection}:${row.id}`)}
            columns={[
              {
                key: 'title',
                heading: pick({ zh: '标题', en: 'Title' }, lang),
                cells: rows.map((row) => (
                  <a key={`${row.collection}:${row.id}`} href={`/admin/collections/${row.collection}/${row.id}`}>
                    {row.title}
                  </a>
                )),
              },
              { key: 'type', heading: pick({ zh: '类型', en: 'Type' }, lang), cells: rows.map((row) => pick(REVIEWED_TYPE_NAMES[row.collection], lang)) },
              {
                key: 'status',
                heading: pick({ zh: '状态', en: 'Status' }, lang),
                cells: rows.map((row) => (
                  <Pill key={`${row.collection}:${row.id}`} pillStyle={STATUS_PILL[row.reviewStatus] ?? 'light'} size="small">
                    {pick(REVIEW_STATE_LABELS[row.reviewStatus], lang)}
                  </Pill>
                )),
              },
              { key: 'community', heading: pick({ zh: '社区', en: 'Community' }, lang), cells: rows.map((row) => row.community ?? '—') },
              { key: 'author', heading: pick({ zh: '撰稿人', en: 'Author' }, lang), cells: rows.map((row) => row.author ?? '—') },
              {
                key: 'updatedAt',
                heading: pick({ zh: '更新时间（北京时间）', en: 'Updated (Beijing time)' }, lang),
                cells: rows.map((row) => formatShanghai(row.updatedAt)),
              },
            ]}
          />
        )}
      </Gutter>
    </DefaultTemplate>
  )
}
