import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter } from '@payloadcms/ui'
import type { AdminViewServerProps } from 'payload'
import React from 'react'
import { staffOf } from '../access/roles'
import { CONTENT_COLLECTIONS } from '../review/service'
import { REVIEW_STATES, REVIEW_STATE_LABELS } from '../review/state-machine'
import { formatShanghai } from '../time'
import { pick } from './labels'
import { loadQueue, parseFilters } from './review-queue'

const TYPE_LABELS = {
  articles: { zh: '文章', en: 'Article' },
  'policy-explainers': { zh: '政策解读', en: 'Policy explainer' },
  'community-news': { zh: '社区要闻', en: 'Community news' },
} as const

/** 待审核 for leaders, 我的稿件 for editors: every content type in one list, filterable. */
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
        <form method="get" style={{ display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'end', margin: '16px 0' }}>
          <label>
            {pick({ zh: '状态', en: 'Status' }, lang)}
            <br />
            <select name="status" defaultValue={filters.status ?? ''}>
              <option value="">{pick({ zh: '全部', en: 'All' }, lang)}</option>
              {REVIEW_STATES.map((state) => (
                <option key={state} value={state}>
                  {pick(REVIEW_STATE_LABELS[state], lang)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {pick({ zh: '类型', en: 'Type' }, lang)}
            <br />
            <select name="type" defaultValue={filters.type ?? ''}>
              <option value="">{pick({ zh: '全部', en: 'All' }, lang)}</option>
              {CONTENT_COLLECTIONS.map((slug) => (
                <option key={slug} value={slug}>
                  {pick(TYPE_LABELS[slug], lang)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {pick({ zh: '社区', en: 'Community' }, lang)}
            <br />
            <select name="community" defaultValue={filters.community ?? ''}>
              <option value="">{pick({ zh: '全部', en: 'All' }, lang)}</option>
              {communities.docs.map((community) => (
                <option key={String(community.id)} value={String(community.id)}>
                  {community.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            <input type="checkbox" name="mine" value="1" defaultChecked={filters.mine} /> {pick({ zh: '只看我的', en: 'Only mine' }, lang)}
          </label>
          <button type="submit" className="btn btn--style-secondary btn--size-small">
            {pick({ zh: '筛选', en: 'Filter' }, lang)}
          </button>
        </form>
        {rows.length === 0 ? (
          <p className="review-queue__empty">{pick({ zh: '没有符合条件的内容。', en: 'Nothing matches.' }, lang)}</p>
        ) : (
          <table className="review-queue" style={{ width: '100%', borderCollapse: 'collapse' }}>
            <thead>
              <tr style={{ textAlign: 'left' }}>
                <th>{pick({ zh: '标题', en: 'Title' }, lang)}</th>
                <th>{pick({ zh: '类型', en: 'Type' }, lang)}</th>
                <th>{pick({ zh: '状态', en: 'Status' }, lang)}</th>
                <th>{pick({ zh: '社区', en: 'Community' }, lang)}</th>
                <th>{pick({ zh: '撰稿人', en: 'Author' }, lang)}</th>
                <th>{pick({ zh: '更新时间', en: 'Updated' }, lang)}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.collection}:${row.id}`} data-status={row.reviewStatus} style={{ borderTop: '1px solid var(--theme-elevation-100)' }}>
                  <td style={{ padding: '8px 0' }}>
                    <a href={`/admin/collections/${row.collection}/${row.id}`}>{row.title}</a>
                  </td>
                  <td>{pick(TYPE_LABELS[row.collection], lang)}</td>
                  <td>{pick(REVIEW_STATE_LABELS[row.reviewStatus], lang)}</td>
                  <td>{row.community ?? '—'}</td>
                  <td>{row.author ?? '—'}</td>
                  <td>{formatShanghai(row.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Gutter>
    </DefaultTemplate>
  )
}
